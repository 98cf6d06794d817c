import { Button, Heading, Link, Text } from '@react-email/components'
import { headlineText, type IntentionFigure } from '../app/utils/public-figures'
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
}

/** The shared shape of every campaign update; each kind adds its own lead and call to action. */
export function UpdateEmail(props: UpdateEmailProps & { lead?: string; action?: { label: string; href: string } | null; askVoted?: boolean }) {
  return (
    <Layout preview={props.subject} campaign={props.campaign} manageUrl={props.manageUrl} unsubscribeUrl={props.unsubscribeUrl}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#12324a' }}>
        {props.subject}
      </Heading>
      {props.lead ? <Text style={{ fontWeight: 700 }}>{props.lead}</Text> : null}
      <div className="update-body" dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
      {props.figures && props.figures.people > 0 ? <Text>So far on Quorum: {headlineText(props.figures)}.</Text> : null}
      {props.action ? (
        <Button href={props.action.href} style={{ backgroundColor: '#0c5d63', color: '#ffffff', padding: '12px 20px', borderRadius: '8px', fontWeight: 700 }}>
          {props.action.label}
        </Button>
      ) : null}
      {props.askVoted ? (
        <Text>
          Voting through a broker or bank? <Link href={`${props.voteUrl}#brokers`}>Find your broker’s step-by-step guide</Link>, with its own
          cut-off.
        </Text>
      ) : null}
      {props.askVoted ? (
        <Text>
          Already voted? <Link href={props.votedUrl}>Tell the campaign you have voted</Link>: one click, and we stop
          reminding you.
        </Text>
      ) : null}
      <Text style={{ fontSize: '13px', color: '#4a5463' }}>
        Quorum never takes your proxy: vote yourself, through your broker or proxy card.
        {props.askVoted ? null : ' Already voted? Tell the campaign from the link below, and we will stop reminding you.'}
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
