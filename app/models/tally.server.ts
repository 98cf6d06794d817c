import type { Db } from '../../db/schema'
import { displayPublicName } from '../utils/public-name'
import { type Tally, type TallyRow, emptyTally, tallyFromRows } from '../utils/tally'

// Tallies are read from pledge_stats_daily, which the database keeps current in the same
// transaction as every pledge change (migration 0002): the cost does not grow with pledges.

export async function getTallies(db: Db, input: { campaignIds: number[] }): Promise<Map<number, Tally>> {
  const result = new Map<number, Tally>(input.campaignIds.map((id) => [id, emptyTally()]))
  if (input.campaignIds.length === 0) return result
  const rows = await db
    .selectFrom('pledge_stats_daily')
    .select((eb) => [
      'campaign_id',
      'intention',
      'voted',
      eb.fn.sum<string>('supporters').as('supporters'),
      eb.fn.sum<string>('shares').as('shares'),
    ])
    .where('campaign_id', 'in', input.campaignIds)
    .groupBy(['campaign_id', 'intention', 'voted'])
    .execute()
  const byCampaign = new Map<number, TallyRow[]>()
  for (const row of rows) {
    const list = byCampaign.get(row.campaign_id) ?? []
    list.push(row)
    byCampaign.set(row.campaign_id, list)
  }
  for (const [campaignId, campaignRows] of byCampaign) result.set(campaignId, tallyFromRows(campaignRows))
  return result
}

export async function getTally(db: Db, input: { campaignId: number }): Promise<Tally> {
  const tallies = await getTallies(db, { campaignIds: [input.campaignId] })
  return tallies.get(input.campaignId)!
}

/**
 * Names of confirmed supporters pledged for who chose to be shown and whose name no organizer
 * hid, newest first, cleaned for display (see public-name.ts).
 */
export async function getPublicSupporterNames(db: Db, input: { campaignId: number; limit: number }): Promise<string[]> {
  const rows = await db
    .selectFrom('pledges')
    .innerJoin('supporters', 'supporters.id', 'pledges.supporter_id')
    .select('supporters.name')
    .where('pledges.campaign_id', '=', input.campaignId)
    .where('pledges.status', '=', 'confirmed')
    .where('pledges.intention', '=', 'for')
    .where('pledges.show_name', '=', true)
    .where('supporters.confirmed_at', 'is not', null)
    .where('supporters.name', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('hidden_public_names').select('pledge_id').whereRef('hidden_public_names.pledge_id', '=', 'pledges.id'))))
    .orderBy('pledges.confirmed_at', 'desc')
    .limit(input.limit)
    .execute()
  return rows.map((r) => displayPublicName(r.name!)).filter((name) => name !== '')
}
