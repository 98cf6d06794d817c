import { Body, Container, Head, Hr, Html, Preview, Text } from '@react-email/components'
import type { ReactNode } from 'react'

const styles = {
  body: { backgroundColor: '#f6f4ef', fontFamily: 'Helvetica, Arial, sans-serif', color: '#1b2430', margin: 0 },
  container: { backgroundColor: '#ffffff', maxWidth: '560px', margin: '24px auto', padding: '28px', borderRadius: '10px', border: '1px solid #d9d4c7' },
  brand: { fontSize: '14px', fontWeight: 700, letterSpacing: '0.04em', color: '#12324a', margin: '0 0 16px' },
  footer: { fontSize: '12px', lineHeight: '18px', color: '#4a5463', margin: '6px 0' },
} as const

export const accountButton = { backgroundColor: '#0c5d63', color: '#ffffff', padding: '12px 20px', borderRadius: '8px', fontWeight: 700 } as const
export const accountHeading = { fontSize: '22px', color: '#12324a' } as const

/**
 * An organizer account's email (an invitation, a password reset): Quorum's own, to one person,
 * about their account. It is no campaign mail, so it carries no legend and no unsubscribe link.
 */
export function AccountLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Quorum · organizers</Text>
          {children}
          <Hr />
          <Text style={styles.footer}>
            You get this email because someone entered this address on a Quorum organizer page. It is about an organizer account only: it puts you on
            no mailing list.
          </Text>
        </Container>
      </Body>
    </Html>
  )
}
