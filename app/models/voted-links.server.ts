import type { Db } from '../../db/schema'
import { markVoted } from './pledges.server'
import { peekToken } from './supporter-tokens.server'

// The "I voted" link of a reminder email. Its token has one purpose and names one supporter and
// one campaign. Opening it only shows a button (mail scanners open links); pressing it records
// the vote on the supporter's pledge there, as if ticked on /me, where it can be unticked.

export type VotedLink =
  | { ok: false; reason: 'invalid' | 'expired' | 'used' }
  | {
      ok: true
      campaign: { slug: string; title: string; company: string; live: boolean; timeZone: string }
      /** The supporter's pledge in that campaign; null when they follow it without one. */
      pledge: { votedAt: Date | null } | null
    }

export async function readVotedLink(db: Db, input: { token: string | undefined }): Promise<VotedLink> {
  const found = await peekToken(db, { token: input.token, purpose: 'voted' })
  if (!found.ok) return found
  if (found.campaignId === null) return { ok: false, reason: 'invalid' }
  const campaign = await db.selectFrom('campaigns').select(['slug', 'title', 'company', 'status', 'time_zone']).where('id', '=', found.campaignId).executeTakeFirst()
  if (!campaign) return { ok: false, reason: 'invalid' }
  const pledge = await db
    .selectFrom('pledges')
    .select('voted_at')
    .where('campaign_id', '=', found.campaignId)
    .where('supporter_id', '=', found.supporterId)
    .executeTakeFirst()
  return {
    ok: true,
    campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, live: campaign.status === 'live', timeZone: campaign.time_zone },
    pledge: pledge ? { votedAt: pledge.voted_at } : null,
  }
}

export type VotedOutcome = { ok: true; changed: boolean } | { ok: false; reason: 'invalid' | 'expired' | 'used' | 'not_found' | 'closed' }

/** Records the vote the link speaks for; harmless when pressed again. */
export async function recordVotedByLink(db: Db, input: { token: string | undefined }): Promise<VotedOutcome> {
  const found = await peekToken(db, { token: input.token, purpose: 'voted' })
  if (!found.ok) return found
  if (found.campaignId === null) return { ok: false, reason: 'invalid' }
  const outcome = await markVoted(db, { supporterId: found.supporterId, campaignId: found.campaignId })
  return outcome.ok ? { ok: true, changed: outcome.changed > 0 } : outcome
}
