import { LRUCache } from 'lru-cache'
import type { Campaign, ProposalVote, Db } from '../../db/schema'
import { getMeetingResults } from './meeting-results.server'
import { getTallies } from './tally.server'
import { isCampaignSlug } from '../schemas/fields'

/** A campaign that the public may see (drafts are organizers' only). */
export async function getPublicCampaign(db: Db, input: { slug: string }): Promise<Campaign | undefined> {
  if (!isCampaignSlug(input.slug)) return undefined
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('slug', '=', input.slug)
    .where('status', '!=', 'draft')
    .executeTakeFirst()
}

// The sign-up forms read their campaign on every POST; the row changes rarely, so it is kept a
// couple of seconds, like the public pages. Whether the campaign still takes sign-ups is checked
// again inside each sign-up's transaction (CampaignClosedError), so a copy this old never lets a
// pledge into a closed campaign.
// Concurrent misses share one read; an unknown slug is not kept.
const signUpCampaigns = new LRUCache<string, Campaign, Db>({
  max: 500,
  ttl: 2000,
  fetchMethod: (slug, _stale, { context: db }) => getPublicCampaign(db, { slug }),
})

/** The campaign a sign-up form posts to (a copy at most two seconds old), or undefined. */
export function getSignUpCampaign(db: Db, input: { slug: string }): Promise<Campaign | undefined> {
  return signUpCampaigns.fetch(input.slug, { context: db })
}

/** Public campaigns, live ones first, each with its tally. */
export async function listPublicCampaigns(db: Db) {
  const campaigns = await db
    .selectFrom('campaigns')
    .select(['id', 'slug', 'company', 'ticker', 'exchange', 'title', 'summary', 'agm_year', 'agm_at', 'time_zone', 'status', 'is_demo', 'shares_outstanding', 'proposal_key'])
    .where('status', '!=', 'draft')
    .orderBy((eb) => eb.case().when('status', '=', 'live').then(0).else(1).end())
    .orderBy('agm_at', 'desc')
    .execute()
  const [tallies, results] = await Promise.all([
    getTallies(db, { campaignIds: campaigns.map((c) => c.id) }),
    getMeetingResults(db, campaigns.map((c) => ({ id: c.id, proposal_key: c.proposal_key, agm_year: c.agm_year }))),
  ])
  return campaigns.map((campaign) => ({
    ...campaign,
    tally: tallies.get(campaign.id)!,
    /** The official result of this campaign's own meeting, once it is recorded. */
    result: results.get(campaign.id) ?? null,
  }))
}

/** The proposal's results at every meeting on record, oldest first. */
export async function getProposalVotes(db: Db, input: { proposalKey: string }): Promise<ProposalVote[]> {
  return db.selectFrom('proposal_votes').selectAll().where('proposal_key', '=', input.proposalKey).orderBy('meeting_year').execute()
}

/** The other public years' campaigns of the same proposal. */
export async function getRelatedCampaigns(db: Db, input: { proposalKey: string; excludeId: number }) {
  return db
    .selectFrom('campaigns')
    .select(['slug', 'agm_year', 'status', 'is_demo'])
    .where('proposal_key', '=', input.proposalKey)
    .where('id', '!=', input.excludeId)
    .where('status', '!=', 'draft')
    .orderBy('agm_year')
    .execute()
}
