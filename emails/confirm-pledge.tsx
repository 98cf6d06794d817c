import { Button, Heading, Text } from '@react-email/components'
import { translatorFor } from '../app/i18n/instance'
import type { Locale } from '../app/i18n/locales'
import { formatCount } from '../app/utils/format'
import { endSentence, followConfirmationText, type PledgeParts, pledgeConfirmationText, type ProposalNames } from '../app/utils/sign-up-sentences'
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
  /** The language of the page the supporter signed up on (English when not given). */
  locale?: Locale
}

const THANKS = { for: 'thanksFor', against: 'thanksAgainst', abstain: 'thanksAbstain', undecided: 'thanksUndecided' } as const

/** The opening sentences in the supporter's language (English keeps its own sentence builder). */
function opening(props: ConfirmPledgeProps, locale: Locale): string {
  if (locale === 'en') return props.kind === 'pledge' ? pledgeConfirmationText(props.pledge, props.campaign) : followConfirmationText(props.campaign)
  const t = translatorFor(locale)
  const names: ProposalNames = props.campaign
  const proposal = t('email.confirm.proposalAt', { title: names.title.trim().replace(/[.]+$/, ''), company: names.company.trim() })
  if (props.kind === 'follow') return `${endSentence(t('email.confirm.followThanks', { proposal }))} ${t('email.confirm.followNext')}`
  const { pledge } = props
  const thanks = endSentence(t(`email.confirm.${pledge ? THANKS[pledge.intention] : 'thanksPledge'}`, { proposal }))
  const shares = pledge?.shares ? t('email.confirm.shares', { count: BigInt(pledge.shares) === 1n ? 1 : 2, shares: formatCount(pledge.shares, locale) }) : null
  const counts = t(pledge?.intention === 'undecided' ? 'email.confirm.countsUndecided' : 'email.confirm.counts')
  return [thanks, shares, counts].filter(Boolean).join(' ')
}

/** Double opt-in: nothing counts, and nothing more is sent, until the address is confirmed. */
export default function ConfirmPledge(props: ConfirmPledgeProps) {
  const locale = props.locale ?? 'en'
  const t = translatorFor(locale)
  const pledge = props.kind === 'pledge'
  return (
    <Layout
      preview={t(pledge ? 'email.confirm.subjectPledge' : 'email.confirm.subjectFollow', { title: props.campaign.title })}
      campaign={props.campaign}
      manageUrl={props.manageUrl}
      unsubscribeUrl={props.unsubscribeUrl}
      locale={locale}
    >
      <Heading as="h1" style={{ fontSize: '22px', color: '#12324a' }}>
        {t(pledge ? 'email.confirm.headingPledge' : 'email.confirm.headingFollow')}
      </Heading>
      <Text>{opening(props, locale)}</Text>
      <Button href={props.confirmUrl} style={{ backgroundColor: '#0c5d63', color: '#ffffff', padding: '12px 20px', borderRadius: '8px', fontWeight: 700 }}>
        {t(pledge ? 'email.confirm.buttonPledge' : 'email.confirm.buttonFollow')}
      </Button>
      <Text style={{ fontSize: '13px', color: '#4a5463' }}>{t('email.confirm.expires', { count: props.expiresInDays })}</Text>
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
