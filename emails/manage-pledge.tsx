import { Button, Heading, Text } from '@react-email/components'
import { type EmailCampaign, Layout, previewCampaign } from './layout'

export interface ManagePledgeProps {
  campaign: EmailCampaign
  manageUrl: string
  unsubscribeUrl: string
}

/**
 * Sent when a confirmed address is entered in the form again. The form never says whether an
 * address is known; this email does, to the address's owner only.
 */
export default function ManagePledge(props: ManagePledgeProps) {
  return (
    <Layout preview={`Your pledge on ${props.campaign.title}`} campaign={props.campaign} manageUrl={props.manageUrl} unsubscribeUrl={props.unsubscribeUrl}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#12324a' }}>
        You are already signed up
      </Heading>
      <Text>
        Someone, probably you, entered this address on the {props.campaign.title} campaign page. Your address is already
        confirmed, so nothing was changed. To see or change your pledge, use this link:
      </Text>
      <Button href={props.manageUrl} style={{ backgroundColor: '#0c5d63', color: '#ffffff', padding: '12px 20px', borderRadius: '8px', fontWeight: 700 }}>
        Manage my pledge
      </Button>
      <Text style={{ fontSize: '13px', color: '#4a5463' }}>If this was not you, you can ignore this email.</Text>
    </Layout>
  )
}

ManagePledge.PreviewProps = {
  campaign: previewCampaign,
  manageUrl: 'http://localhost:3000/me/example-token',
  unsubscribeUrl: 'http://localhost:3000/u/example-token',
} satisfies ManagePledgeProps
