import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { createOrganizer, grantRole } from '../../app/models/organizers.server'
import { addDays, calendarDateIn, zonedTimeToInstant } from '../../app/utils/dates'
import type { Db, NewCampaign } from '../schema'
import { type SeedProgress, seedDemoPledges } from './demo-pledges'
import { seedDemoVoteModel } from './demo-vote-model'

// The demo: two campaigns of Amazon's Customer Due Diligence proposal (see DESIGN.md,
// "The seed campaign" and "Demo data"). Texts are the proponents' words, kept in db/seed/*.md.

export const PROPOSAL_KEY = 'amazon-customer-due-diligence'
export const CLOSED_SLUG = 'amazon-customer-due-diligence-2022'
export const LIVE_SLUG = 'amazon-customer-due-diligence'
export const DEFAULT_DEMO_PLEDGES = 3000

const EXEMPT_SOLICITATION_LEGEND =
  'This is not a solicitation of authority to vote your proxy. Please DO NOT send us your proxy card; it will not be accepted.'
const TITLE = 'Customer Due Diligence'
const SUMMARY =
  'Shareholders ask Amazon’s Board for an independent report on whether customers’ use of its surveillance, ' +
  'computer vision and cloud storage products contributes to human rights violations.'
const DEMO_NOTE =
  'This is a demonstration campaign. Its supporting statement is the one filed for a later year; its dates are ' +
  'illustrative, set relative to the day the demo was loaded; its shares outstanding are approximate; its ' +
  'pledges are synthetic; and its holders, fund votes and expected turnout are illustrative.'
const DEMO_POSTAL_ADDRESS = 'Quorum demo campaign · 1 Example Plaza, Suite 100 · Seattle, WA 98101 (example address)'
const TIME_ZONE = 'America/Los_Angeles'

function seedText(name: string): string {
  return readFileSync(path.resolve(process.cwd(), 'db/seed', name), 'utf8').trim()
}

/** The broker deadline: 11:59 p.m. Eastern on the day before the meeting. */
function brokerDeadline(agmDate: string): Date {
  return zonedTimeToInstant(addDays(agmDate, -1), '23:59', 'America/New_York')
}

export function demoCampaigns(today: Date): NewCampaign[] {
  const resolved = seedText('cdd-2022-resolved.md')
  const shared = {
    proposal_key: PROPOSAL_KEY,
    company: 'Amazon.com, Inc.',
    ticker: 'AMZN',
    exchange: 'NASDAQ',
    title: TITLE,
    summary: SUMMARY,
    resolved,
    legend: EXEMPT_SOLICITATION_LEGEND,
    time_zone: TIME_ZONE,
    meeting_format: 'virtual' as const,
    sender_name: 'Customer Due Diligence campaign',
    postal_address: DEMO_POSTAL_ADDRESS,
  }

  // The later year's dates follow the day of seeding: the AGM six weeks ahead, the record date
  // eight weeks before it (so already past), the broker deadline the evening before.
  const liveAgmDate = addDays(calendarDateIn(today, TIME_ZONE), 42)
  const liveYear = Number(liveAgmDate.slice(0, 4))

  return [
    {
      ...shared,
      slug: CLOSED_SLUG,
      status: 'closed',
      agm_year: 2022,
      proxy_item: '6',
      supporting_statement: seedText('cdd-2022-supporting-statement.md'),
      record_date: '2022-03-31',
      agm_at: zonedTimeToInstant('2022-05-25', '09:00', TIME_ZONE),
      vote_deadline: brokerDeadline('2022-05-25'),
      meeting_url: 'https://www.virtualshareholdermeeting.com/AMZN2022',
      proxy_statement_url: 'https://s2.q4cdn.com/299287126/files/doc_financials/2022/ar/Amazon-2022-Proxy-Statement.pdf',
      shares_outstanding: '508540235',
    },
    {
      ...shared,
      slug: LIVE_SLUG,
      status: 'live',
      is_demo: true,
      demo_note: DEMO_NOTE,
      agm_year: liveYear,
      proxy_item: null,
      supporting_statement: seedText('cdd-later-supporting-statement.md'),
      record_date: addDays(liveAgmDate, -56),
      agm_at: zonedTimeToInstant(liveAgmDate, '09:00', TIME_ZONE),
      vote_deadline: brokerDeadline(liveAgmDate),
      meeting_url: `https://www.virtualshareholdermeeting.com/AMZN${liveYear}`,
      proxy_statement_url: null,
      shares_outstanding: '10500000000',
    },
  ]
}

const PROPOSAL_VOTES = [
  { proposal_key: PROPOSAL_KEY, meeting_year: 2022, recorded_percent: '40.30', meeting_date: '2022-05-25' },
  { proposal_key: PROPOSAL_KEY, meeting_year: 2023, recorded_percent: '34.18' },
]

export interface SeedResult {
  campaigns: string[]
  demoPledges: number
  pledgesChanged: boolean
}

/**
 * Loads (or refreshes) the demo. Idempotent: campaigns are upserted by slug, vote results by
 * (proposal, year), and the synthetic pledges are only rebuilt when their number differs.
 */
export async function seedDemo(
  db: Db,
  options: { pledges?: number; today?: Date; onProgress?: (progress: SeedProgress) => void } = {},
): Promise<SeedResult> {
  const pledges = options.pledges ?? DEFAULT_DEMO_PLEDGES
  const campaigns = demoCampaigns(options.today ?? new Date())

  const liveId = await db.transaction().execute(async (trx) => {
    let id = 0
    for (const campaign of campaigns) {
      const { slug: _slug, ...changes } = campaign
      const row = await trx
        .insertInto('campaigns')
        .values(campaign)
        .onConflict((oc) => oc.column('slug').doUpdateSet({ ...changes, updated_at: sql`now()` }))
        .returning('id')
        .executeTakeFirstOrThrow()
      if (campaign.slug === LIVE_SLUG) id = row.id
    }
    for (const vote of PROPOSAL_VOTES) {
      await trx
        .insertInto('proposal_votes')
        .values(vote)
        .onConflict((oc) => oc.columns(['proposal_key', 'meeting_year']).doUpdateSet({ recorded_percent: vote.recorded_percent }))
        .execute()
    }
    return id
  })

  const live = await db.selectFrom('campaigns').selectAll().where('id', '=', liveId).executeTakeFirstOrThrow()
  await seedDemoVoteModel(db, live, options.today ?? new Date())
  const pledgesChanged = await seedDemoPledges(db, { campaignId: liveId, count: pledges, onProgress: options.onProgress })
  return { campaigns: campaigns.map((c) => c.slug), demoPledges: pledges, pledgesChanged }
}

/**
 * The development demo's organizer: created once, owner of both demo campaigns, with a random
 * password that is returned (to be printed once) and never stored in the clear.
 */
export async function seedDemoOrganizer(db: Db): Promise<{ email: string; password: string } | null> {
  const existing = await db.selectFrom('organizers').select('id').limit(1).executeTakeFirst()
  if (existing) return null
  const email = 'organizer@demo.quorum.invalid'
  const password = randomBytes(12).toString('base64url')
  const organizer = await createOrganizer(db, { email, password, name: 'Demo organizer' })
  const campaigns = await db.selectFrom('campaigns').select('id').where('proposal_key', '=', PROPOSAL_KEY).execute()
  for (const campaign of campaigns) await grantRole(db, { campaignId: campaign.id, organizerId: organizer.id, role: 'owner' })
  return { email, password }
}
