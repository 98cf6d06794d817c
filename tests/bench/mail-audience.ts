import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Campaign, Db } from '../../db/schema'
import { createCampaign } from '../helpers/fixtures'

// What the mail benchmarks send to: one campaign, its subscribers and one update due now.

/** A new campaign with `n` confirmed subscribers, inserted set-based as `<prefix>-<run>-<i>@example.org`. */
export async function campaignWithSubscribers(db: Db, input: { n: number; emailPrefix: string }): Promise<Campaign> {
  const campaign = await createCampaign(db)
  const run = randomBytes(4).toString('hex')
  await sql`
    with s as (
      insert into supporters (email, confirmed_at)
      select ${input.emailPrefix}::text || '-' || ${run}::text || '-' || i || '@example.org', now() from generate_series(1, ${input.n}::int) i returning id
    )
    insert into subscriptions (campaign_id, supporter_id, form_version) select ${campaign.id}::int, id, 'bench' from s`.execute(db)
  return campaign
}

/** The campaign's "vote tomorrow" update to all its subscribers, scheduled for now. */
export function insertDueUpdate(db: Db, input: { campaignId: number; body: string }) {
  return db
    .insertInto('updates')
    .values({ campaign_id: input.campaignId, kind: 'deadline_tomorrow', send_at: new Date(), subject: 'Vote tomorrow', body: input.body, status: 'scheduled' })
    .returning('id')
    .executeTakeFirstOrThrow()
}
