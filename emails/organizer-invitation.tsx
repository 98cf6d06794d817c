import { Button, Heading, Text } from '@react-email/components'
import { AccountLayout, accountButton, accountHeading } from './account-layout'

export interface OrganizerInvitationProps {
  campaignTitle: string
  company: string
  role: 'owner' | 'editor' | 'viewer'
  invitedBy: string
  acceptUrl: string
  expiresInDays: number
}

const WHAT_ROLE_DOES = {
  owner: 'edit the campaign and decide who works on it',
  editor: 'edit the campaign and its vote history',
  viewer: 'see the dashboard, the pledges and the audit log',
} as const

/** An owner invited this address to organize a campaign: one link sets a password (or signs in) and joins. */
export default function OrganizerInvitation(props: OrganizerInvitationProps) {
  return (
    <AccountLayout preview={`${props.invitedBy} invited you to organize ${props.campaignTitle}`}>
      <Heading as="h1" style={accountHeading}>
        You are invited to organize {props.campaignTitle}
      </Heading>
      <Text>
        {props.invitedBy} invited you to work on the campaign {props.campaignTitle} ({props.company}) on Quorum as {/^[aeiou]/.test(props.role) ? 'an' : 'a'}{' '}
        {props.role}: you will be able to {WHAT_ROLE_DOES[props.role]}.
      </Text>
      <Text>Open this link to accept. If you have no Quorum organizer account yet, you will choose its password there; if you have one, you sign in.</Text>
      <Button href={props.acceptUrl} style={accountButton}>
        Accept the invitation
      </Button>
      <Text style={{ fontSize: '13px', color: '#4a5463' }}>
        The link works once, for {props.expiresInDays} days. If you did not expect this invitation, you can ignore this email.
      </Text>
    </AccountLayout>
  )
}

OrganizerInvitation.PreviewProps = {
  campaignTitle: 'Customer Due Diligence',
  company: 'Amazon.com, Inc.',
  role: 'editor',
  invitedBy: 'ada@example.org',
  acceptUrl: 'http://localhost:3000/organizer/invite/example-token',
  expiresInDays: 7,
} satisfies OrganizerInvitationProps
