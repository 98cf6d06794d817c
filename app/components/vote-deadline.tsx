import type { SerializeFrom } from '@remix-run/node'
import type { ReactNode } from 'react'
import type { CampaignPageData, KeyDate } from '~/models/campaign-page.server'
import { formatPercent } from '~/utils/format'

// The voting guides' deadline: closed, passed, or when votes through a broker must be in. A
// broker's guide adds its own cut-off beside the meeting's (`children`, while voting is open).

type Campaign = SerializeFrom<CampaignPageData>['campaign']
type Result = { supportPercent: string } | null

export function VoteDeadline({ campaign, deadline, meeting, result, children }: { campaign: Campaign; deadline: KeyDate; meeting: KeyDate; result: Result; children?: ReactNode }) {
  if (campaign.status === 'closed' || campaign.meetingPast) {
    return (
      <aside className="notice" aria-label="Voting has closed">
        <p>
          <strong>Voting has closed.</strong> {campaign.meetingPast ? `The meeting took place on ${meeting.date}.` : 'This campaign has ended.'}
          {result ? ` The proposal received ${formatPercent(result.supportPercent)} of votes cast.` : ' Its result is not recorded here yet.'} This
          guide is kept for reference.
        </p>
      </aside>
    )
  }
  if (!campaign.votingOpen) {
    return (
      <aside className="deadline-callout" aria-labelledby="deadline-heading">
        <h2 id="deadline-heading">The broker deadline has passed</h2>
        <p>
          Votes through a broker or bank had to be in by{' '}
          <time dateTime={deadline.iso}>
            {deadline.time}, {deadline.date}
          </time>
          . Registered holders can still vote at the meeting.
        </p>
      </aside>
    )
  }
  return (
    <aside className="deadline-callout" aria-labelledby="deadline-heading">
      <h2 id="deadline-heading">Vote before the deadline</h2>
      <p>
        If your shares are held through a broker or bank, your vote must be in by{' '}
        <strong>
          <time dateTime={deadline.iso}>
            {deadline.time}, {deadline.date}
          </time>
        </strong>
        {deadline.alsoAs ? ` (${deadline.alsoAs})` : ''}
        {deadline.relative ? `: ${deadline.relative}` : ''}.
      </p>
      {children}
    </aside>
  )
}

/** Every voting guide ends with it: Quorum records intentions and never takes a proxy. */
export function NoProxyNotice() {
  return (
    <aside className="notice notice--strong" aria-labelledby="no-proxy-heading">
      <h2 id="no-proxy-heading">Quorum never takes a proxy</h2>
      <p>
        Quorum only records how supporters intend to vote. Vote yourself, through your own broker or proxy card. Never send
        your proxy card or control number to the campaign or to anyone who asks for it.
      </p>
    </aside>
  )
}
