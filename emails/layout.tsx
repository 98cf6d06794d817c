import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components'
import type { ReactNode } from 'react'
import { translatorFor } from '../app/i18n/instance'
import type { Locale } from '../app/i18n/locales'

export interface EmailCampaign {
  title: string
  company: string
  legend: string
  postalAddress: string
  pageUrl: string
}

export interface LayoutProps {
  preview: string
  campaign: EmailCampaign
  manageUrl: string
  unsubscribeUrl: string
  children: ReactNode
  /** The email's language: its fixed texts; the campaign's own words stay as written. English when not given. */
  locale?: Locale
}

const styles = {
  body: { backgroundColor: '#f6f4ef', fontFamily: 'Helvetica, Arial, sans-serif', color: '#1b2430', margin: 0 },
  container: { backgroundColor: '#ffffff', maxWidth: '560px', margin: '24px auto', padding: '28px', borderRadius: '10px', border: '1px solid #d9d4c7' },
  brand: { fontSize: '14px', fontWeight: 700, letterSpacing: '0.04em', color: '#12324a', margin: '0 0 16px' },
  footer: { fontSize: '12px', lineHeight: '18px', color: '#4a5463', margin: '6px 0' },
  legend: { fontSize: '12px', lineHeight: '18px', color: '#1b2430', border: '1px dashed #8a8372', padding: '8px 10px', margin: '16px 0' },
} as const

/**
 * Every Quorum email carries the campaign's legend, its postal address, a link to manage the
 * pledge and a one-click unsubscribe link (also in the List-Unsubscribe header).
 */
export function Layout({ preview, campaign, manageUrl, unsubscribeUrl, children, locale = 'en' }: LayoutProps) {
  const t = translatorFor(locale)
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>
            {campaign.company} · {campaign.title}
          </Text>
          {children}
          <Text style={styles.legend}>{campaign.legend}</Text>
          <Hr />
          <Section>
            <Text style={styles.footer}>
              <Link href={manageUrl}>{t('email.layout.manage')}</Link> · <Link href={unsubscribeUrl}>{t('email.layout.unsubscribe')}</Link>
            </Text>
            <Text style={styles.footer}>
              {t('email.layout.sentBy')} <Link href={campaign.pageUrl}>{campaign.title}</Link>
              {/[.?!]$/.test(campaign.title) ? ' ' : '. '}
              {campaign.postalAddress}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  )
}

export const previewCampaign: EmailCampaign = {
  title: 'Customer Due Diligence',
  company: 'Amazon.com, Inc.',
  legend: 'This is not a solicitation of authority to vote your proxy. Please DO NOT send us your proxy card; it will not be accepted.',
  postalAddress: 'Quorum demo campaign · 1 Example Plaza, Suite 100 · Seattle, WA 98101 (example address)',
  pageUrl: 'http://localhost:3000/c/amazon-customer-due-diligence',
}
