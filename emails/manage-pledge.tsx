import { Button, Heading, Text } from '@react-email/components'
import { translatorFor } from '../app/i18n/instance'
import type { Locale } from '../app/i18n/locales'
import { type EmailCampaign, Layout, previewCampaign } from './layout'

export interface ManagePledgeProps {
  campaign: EmailCampaign
  manageUrl: string
  unsubscribeUrl: string
  /** The language of the page the address was entered on (English when not given). */
  locale?: Locale
}

/**
 * Sent when a confirmed address is entered in the form again. The form never says whether an
 * address is known; this email does, to the address's owner only.
 */
export default function ManagePledge(props: ManagePledgeProps) {
  const locale = props.locale ?? 'en'
  const t = translatorFor(locale)
  return (
    <Layout preview={t('email.manage.subject', { title: props.campaign.title })} campaign={props.campaign} manageUrl={props.manageUrl} unsubscribeUrl={props.unsubscribeUrl} locale={locale}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#12324a' }}>
        {t('email.manage.heading')}
      </Heading>
      <Text>{t('email.manage.text', { title: props.campaign.title })}</Text>
      <Button href={props.manageUrl} style={{ backgroundColor: '#0c5d63', color: '#ffffff', padding: '12px 20px', borderRadius: '8px', fontWeight: 700 }}>
        {t('email.manage.button')}
      </Button>
      <Text style={{ fontSize: '13px', color: '#4a5463' }}>{t('email.manage.notYou')}</Text>
    </Layout>
  )
}

ManagePledge.PreviewProps = {
  campaign: previewCampaign,
  manageUrl: 'http://localhost:3000/me/example-token',
  unsubscribeUrl: 'http://localhost:3000/u/example-token',
} satisfies ManagePledgeProps
