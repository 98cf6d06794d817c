import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, testDatabaseKind } from '../tests/helpers/test-database'
import type { DatabaseHandle } from './client.server'
import { migrateDownAll, migrateToLatest } from './migrate'
import { migrations } from './migrations/index'

const DATA_MODEL = [
  'api_tokens',
  'audit_log',
  'broker_guides',
  'calendar_event_revisions',
  'campaign_mail_pauses',
  'campaign_organizers',
  'campaign_translations',
  'campaigns',
  'consent_records',
  'deliveries',
  'email_queue',
  'fund_links',
  'fund_votes',
  'hidden_public_names',
  'holder_engagement',
  'holders',
  'mailer_settings',
  'organizer_sessions',
  'organizer_tokens',
  'organizers',
  'outbox_messages',
  'pledge_broker_stats',
  'pledge_events',
  'pledge_stats_daily',
  'pledge_status_counts',
  'pledges',
  'proposal_votes',
  'rate_limits',
  'sec_imports',
  'subscriptions',
  'supporter_tokens',
  'supporters',
  'updates',
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_endpoints',
  'webhook_events',
  'webhook_messages',
]

async function tables(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(handle.db)
  return rows.map((r) => r.table_name)
}

describe(`migrations on ${testDatabaseKind}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await createTestDatabase({ migrate: false })
  })
  afterAll(async () => handle?.close())

  test('up creates the whole data model, down removes it, and up again restores it', async () => {
    expect(await migrateToLatest(handle.db)).toEqual(Object.keys(migrations))
    expect(await tables(handle)).toEqual(DATA_MODEL)
    expect(await migrateToLatest(handle.db)).toEqual([])

    expect(await migrateDownAll(handle.db)).toEqual(Object.keys(migrations).reverse())
    expect(await tables(handle)).toEqual([])
    const { rows: functions } = await sql`select proname from pg_proc where proname like 'pledge_stats_%'`.execute(handle.db)
    expect(functions).toEqual([])

    await migrateToLatest(handle.db)
    expect(await tables(handle)).toEqual(DATA_MODEL)
  })

  test('the database enforces the rules of the data model', async () => {
    const campaign = {
      slug: 'constraint-check',
      proposal_key: 'k',
      company: 'Example Corp',
      ticker: 'EXM',
      exchange: 'NYSE',
      agm_year: 2030,
      title: 'A proposal',
      resolved: 'Resolved: …',
      supporting_statement: 'Whereas: …',
      legend: 'Legend',
      record_date: '2030-03-01',
      vote_deadline: '2030-05-01T03:59:00Z',
      agm_at: '2030-05-01T16:00:00Z',
      time_zone: 'America/New_York',
      shares_outstanding: '1000',
    }
    await expect(handle.db.insertInto('campaigns').values({ ...campaign, shares_outstanding: '0' }).execute()).rejects.toThrow(/check/)
    await expect(handle.db.insertInto('campaigns').values({ ...campaign, slug: 'Not A Slug' }).execute()).rejects.toThrow(/check/)
    await expect(
      handle.db.insertInto('campaigns').values({ ...campaign, vote_deadline: '2030-05-02T00:00:00Z' }).execute(),
    ).rejects.toThrow(/check/)
    const { id } = await handle.db.insertInto('campaigns').values(campaign).returning('id').executeTakeFirstOrThrow()
    await expect(handle.db.insertInto('campaigns').values(campaign).execute()).rejects.toThrow(/unique|duplicate/)

    await expect(handle.db.insertInto('supporters').values({ email: 'Upper@Example.org' }).execute()).rejects.toThrow(/check/)
    const supporter = await handle.db.insertInto('supporters').values({ email: 'a@example.org' }).returning('id').executeTakeFirstOrThrow()
    await expect(handle.db.insertInto('supporters').values({ email: 'a@example.org' }).execute()).rejects.toThrow(/unique|duplicate/)

    const pledge = { campaign_id: id, supporter_id: supporter.id, intention: 'for' as const, form_version: 'test' }
    await expect(handle.db.insertInto('pledges').values({ ...pledge, shares: '-1' }).execute()).rejects.toThrow(/check/)
    await expect(handle.db.insertInto('pledges').values({ ...pledge, status: 'confirmed' }).execute()).rejects.toThrow(/check/)
    await handle.db.insertInto('pledges').values(pledge).execute()
    await expect(handle.db.insertInto('pledges').values(pledge).execute()).rejects.toThrow(/unique|duplicate/)

    // A consent record keeps a network, never an address, and names only things one can agree to.
    const consent = { campaign_id: id, supporter_id: supporter.id, agreed_to: ['pledge' as const], form_version: 'test', wording: 'words', given_at: new Date() }
    await expect(handle.db.insertInto('consent_records').values({ ...consent, network_prefix: '203.0.113.7/32' }).execute()).rejects.toThrow(/check/)
    await expect(handle.db.insertInto('consent_records').values({ ...consent, network_prefix: '2001:db8::/64' }).execute()).rejects.toThrow(/check/)
    await expect(handle.db.insertInto('consent_records').values({ ...consent, agreed_to: ['anything' as 'pledge'] }).execute()).rejects.toThrow(/check/)
    await handle.db.insertInto('consent_records').values({ ...consent, network_prefix: '203.0.113.0/24' }).execute()
    await handle.db.insertInto('consent_records').values({ ...consent, network_prefix: '2001:db8:ab::/48', form_version: 'other' }).execute()
    await expect(handle.db.insertInto('consent_records').values({ ...consent, network_prefix: null }).execute()).rejects.toThrow(/unique|duplicate/)
  })
})
