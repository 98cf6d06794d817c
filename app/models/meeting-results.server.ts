import type { Campaign, Db } from '../../db/schema'

// The official result of a campaign's own meeting, as recorded in the proposal's vote history.
// Every page that shows it (home cards, the campaign page, the vote guide, the dashboard) reads
// it through here, so a change to how votes are stored stays in this module.

type CampaignKey = Pick<Campaign, 'id' | 'proposal_key' | 'agm_year'>

export interface MeetingResult {
  year: number
  /** Support as a percentage of votes cast ("40.30"): for ÷ (for + against). */
  supportPercent: string
  /** The counts behind it, when they were recorded (decimal strings). */
  votesFor: string | null
  votesAgainst: string | null
  abstentions: string | null
  brokerNonVotes: string | null
  sourceUrl: string | null
}

/** Each campaign's meeting result, by campaign id; campaigns without one are absent. */
export async function getMeetingResults(db: Db, campaigns: CampaignKey[]): Promise<Map<number, MeetingResult>> {
  const results = new Map<number, MeetingResult>()
  if (campaigns.length === 0) return results
  const rows = await db
    .selectFrom('proposal_votes')
    .select(['proposal_key', 'meeting_year', 'support_percent', 'votes_for', 'votes_against', 'abstentions', 'broker_non_votes', 'source_url'])
    .where('proposal_key', 'in', [...new Set(campaigns.map((c) => c.proposal_key))])
    .where('meeting_year', 'in', [...new Set(campaigns.map((c) => c.agm_year))])
    .execute()
  for (const campaign of campaigns) {
    const row = rows.find((r) => r.proposal_key === campaign.proposal_key && r.meeting_year === campaign.agm_year)
    if (row) {
      results.set(campaign.id, {
        year: row.meeting_year,
        supportPercent: String(row.support_percent),
        votesFor: row.votes_for,
        votesAgainst: row.votes_against,
        abstentions: row.abstentions,
        brokerNonVotes: row.broker_non_votes,
        sourceUrl: row.source_url,
      })
    }
  }
  return results
}

/** The official result of the campaign's own meeting, or null while none is recorded. */
export async function getMeetingResult(db: Db, campaign: CampaignKey): Promise<MeetingResult | null> {
  return (await getMeetingResults(db, [campaign])).get(campaign.id) ?? null
}

/** Whether a result clears the resubmission threshold that applied, and whether it is a majority. */
export function judgeResult(result: Pick<MeetingResult, 'supportPercent'>, thresholdPercent: number) {
  const percent = Number(result.supportPercent)
  return { clearsThreshold: percent >= thresholdPercent, majority: percent > 50 }
}
