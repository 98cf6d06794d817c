import { Button, Heading, Link, Text } from '@react-email/components'
import { Trans } from 'react-i18next'
import { i18nFor, translatorFor } from '../app/i18n/instance'
import type { Locale } from '../app/i18n/locales'
import { formatCount } from '../app/utils/format'
import type { IntentionFigure } from '../app/utils/public-figures'
import { type EmailCampaign, Layout, previewCampaign } from './layout'

export interface UpdateEmailProps {
  campaign: EmailCampaign
  subject: string
  /** The organizer's markdown, already rendered to safe HTML. */
  bodyHtml: string
  voteUrl: string
  manageUrl: string
  unsubscribeUrl: string
  /** This recipient's one-purpose link to tell the campaign they have voted. */
  votedUrl: string
  /** "Vote by 11:59 p.m. EDT, Tuesday, May 24" — the deadline as the campaign states it. */
  deadline: string
  /** People and shares pledged for when the update started sending (none quoted while there are none). */
  figures?: (IntentionFigure & { result?: { supportPercent: string } | null }) | null
  /** The recipient's language, frozen with the audience: the fixed texts; subject and body stay as written. English when not given. */
  locale?: Locale
}

/** "1,234 people pledged for · 5,678 shares" in the email's language (the public pages' headline). */
function figuresText(figures: IntentionFigure, locale: Locale): string {
  const t = translatorFor(locale)
  const people = `${formatCount(figures.people, locale)} ${t('figures.peoplePledgedFor', { count: figures.people })}`
  return `${people} · ${formatCount(figures.shares, locale)} ${t('figures.shares', { count: BigInt(figures.shares) === 1n ? 1 : 2 })}`
}

/** The shared shape of every campaign update; each kind adds its own lead and call to action. */
export function UpdateEmail(props: UpdateEmailProps & { lead?: string; action?: { label: string; href: string } | null; askVoted?: boolean }) {
  const locale = props.locale ?? 'en'
  const t = translatorFor(locale)
  const i18n = i18nFor(locale)
  return (
    <Layout preview={props.subject} campaign={props.campaign} manageUrl={props.manageUrl} unsubscribeUrl={props.unsubscribeUrl} locale={locale}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#12324a' }}>
        {props.subject}
      </Heading>
      {props.lead ? <Text style={{ fontWeight: 700 }}>{props.lead}</Text> : null}
      <div className="update-body" dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
      {props.figures && props.figures.people > 0 ? <Text>{t('email.update.soFar', { figures: figuresText(props.figures, locale) })}</Text> : null}
      {props.action ? (
        <Button href={props.action.href} style={{ backgroundColor: '#0c5d63', color: '#ffffff', padding: '12px 20px', borderRadius: '8px', fontWeight: 700 }}>
          {props.action.label}
        </Button>
      ) : null}
      {props.askVoted ? (
        <Text>
          <Trans i18n={i18n} i18nKey="email.update.brokerGuide" components={{ a: <Link href={`${props.voteUrl}#brokers`} /> }} />
        </Text>
      ) : null}
      {props.askVoted ? (
        <Text>
          <Trans i18n={i18n} i18nKey="email.update.alreadyVoted" components={{ a: <Link href={props.votedUrl} /> }} />
        </Text>
      ) : null}
      <Text style={{ fontSize: '13px', color: '#4a5463' }}>
        {t('email.update.noProxy')}
        {props.askVoted ? null : ` ${t('email.update.alreadyVotedBelow')}`}
      </Text>
    </Layout>
  )
}

export const previewUpdate: UpdateEmailProps = {
  campaign: previewCampaign,
  subject: 'How to vote on Customer Due Diligence',
  bodyHtml: '<p>Voting is open. It takes a few minutes through your broker’s website or app.</p>',
  voteUrl: 'http://localhost:3000/c/amazon-customer-due-diligence/vote',
  manageUrl: 'http://localhost:3000/me/example-token',
  unsubscribeUrl: 'http://localhost:3000/u/example-token',
  votedUrl: 'http://localhost:3000/v/example-token',
  deadline: '11:59 p.m. EST, Sunday, January 3, 2027',
  figures: { people: 2004, shares: '56478976' },
}
