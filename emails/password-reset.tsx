import { Button, Heading, Text } from '@react-email/components'
import { AccountLayout, accountButton, accountHeading } from './account-layout'

export interface PasswordResetProps {
  /** The link that sets a new password; null when no organizer account uses this address. */
  resetUrl: string | null
  expiresInMinutes: number
  forgotUrl: string
}

/**
 * The answer to "Forgot your password?". The page says the same words whatever the address;
 * this email, read by the address's owner only, says whether an account uses it.
 */
export default function PasswordReset(props: PasswordResetProps) {
  if (!props.resetUrl) {
    return (
      <AccountLayout preview="No Quorum organizer account uses this address">
        <Heading as="h1" style={accountHeading}>
          No organizer account uses this address
        </Heading>
        <Text>
          Someone, probably you, asked to reset the password of a Quorum organizer account with this email address, but no account uses it. If you
          have an account, it may be under another address: ask again with that one at {props.forgotUrl}.
        </Text>
        <Text style={{ fontSize: '13px', color: '#4a5463' }}>If this was not you, you can ignore this email: nothing was changed.</Text>
      </AccountLayout>
    )
  }
  return (
    <AccountLayout preview="Set a new password for your Quorum organizer account">
      <Heading as="h1" style={accountHeading}>
        Set a new password
      </Heading>
      <Text>Someone, probably you, asked to reset the password of your Quorum organizer account. Open this link to choose a new one:</Text>
      <Button href={props.resetUrl} style={accountButton}>
        Choose a new password
      </Button>
      <Text style={{ fontSize: '13px', color: '#4a5463' }}>
        The link works once, for {props.expiresInMinutes} minutes. Setting a new password signs your account out everywhere else. If this was not you, you can ignore this
        email: your password stays as it is.
      </Text>
    </AccountLayout>
  )
}

PasswordReset.PreviewProps = {
  resetUrl: 'http://localhost:3000/organizer/reset/example-token',
  expiresInMinutes: 60,
  forgotUrl: 'http://localhost:3000/organizer/forgot',
} satisfies PasswordResetProps
