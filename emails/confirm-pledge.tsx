import { Button, Heading, Text } from '@react-email/components'
import { followConfirmationText, type PledgeParts, pledgeConfirmationText } from '../app/utils/sign-up-sentences'
import { type EmailCampaign, Layout, previewCampaign } from './layout'

export interface ConfirmPledgeProps {
  campaign: EmailCampaign
  kind: 'pledge' | 'follow'
  /** The pledge's intention and shares, when a pledge (null for a follow, or a pledge made earlier). */
  pledge: PledgeParts | null
  confirmUrl: string
  manageUrl: string
  unsubscribeUrl: string
  expiresInDays: number
}

/** Double opt-in: nothing counts, and nothing more is sent, until the address is confirmed. */
export default function ConfirmPledge(props: ConfirmPledgeProps) {
  const what = props.kind === 'pledge' ? 'pledge' : 'subscription'
  return (
    <Layout
      preview={`Confirm your ${what}: ${props.campaign.title}`}
      campaign={props.campaign}
      manageUrl={props.manageUrl}
      unsubscribeUrl={props.unsubscribeUrl}
    >
      <Heading as="h1" style={{ fontSize: '22px', color: '#12324a' }}>
        Confirm your {what}
      </Heading>
      <Text>
        {props.kind === 'pledge' ? pledgeConfirmationText(props.pledge, props.campaign) : followConfirmationText(props.campaign)}
      </Text>
      <Button href={props.confirmUrl} style={{ backgroundColor: '#0c5d63', color: '#ffffff', padding: '12px 20px', borderRadius: '8px', fontWeight: 700 }}>
        Confirm my {what}
      </Button>
      <Text style={{ fontSize: '13px', color: '#4a5463' }}>
        The link works for {props.expiresInDays} days. If you did not ask for this, ignore this email: nothing will be
        counted and you will not hear from us again.
      </Text>
    </Layout>
  )
}

ConfirmPledge.PreviewProps = {
  campaign: previewCampaign,
  kind: 'pledge',
  pledge: { intention: 'for', shares: '120' },
  confirmUrl: 'http://localhost:3000/confirm/example-token',
  manageUrl: 'http://localhost:3000/me/example-token',
  unsubscribeUrl: 'http://localhost:3000/u/example-token',
  expiresInDays: 7,
} satisfies ConfirmPledgeProps
