import { sql } from 'kysely'
import type { Campaign, Db, Trx } from '../../db/schema'
import type { CampaignValues, NewCampaignValues, VoteRow } from '../schemas/campaign'
import { renderMarkdown } from '../utils/markdown.server'
import { proposeScheduleIn } from './updates.server'
import { recordAudit } from './audit.server'
import { grantRole } from './organizers.server'
import { fieldFailure, formFailure, type Result } from '../utils/result'
import { afterPublicChange } from '../utils/public-page-cache.server'
import { bumpCalendarSequences, movedCalendarEvents } from './calendar.server'

// Creating and editing campaigns and their proposal's vote history. Each change commits in one
// transaction with its audit entry, which records only the fields that changed.


export const DEFAULT_LEGEND = 'This is not a solicitation of authority to vote your proxy. Please DO NOT send us your proxy card; it will not be accepted.'

/** The columns the editor writes (slug and proposal key are set once, at creation). */
const EDITABLE = [
  'company', 'ticker', 'exchange', 'agm_year', 'title', 'summary', 'proxy_item', 'resolved', 'supporting_statement', 'legend',
  'record_date', 'vote_deadline', 'agm_at', 'time_zone', 'meeting_format', 'meeting_url', 'meeting_location', 'proxy_statement_url',
  'shares_outstanding', 'cusip', 'expected_turnout_percent', 'status', 'sender_name', 'sender_email', 'postal_address',
] as const
type EditableColumn = (typeof EDITABLE)[number]
type AuditValue = string | number | null

function toColumns(values: CampaignValues) {
  return {
    company: values.company,
    ticker: values.ticker,
    exchange: values.exchange,
    agm_year: values.agmYear,
    title: values.title,
    summary: values.summary ?? '',
    proxy_item: values.proxyItem ?? null,
    resolved: values.resolved,
    supporting_statement: values.supportingStatement,
    legend: values.legend,
    record_date: values.recordDate,
    vote_deadline: values.voteDeadline,
    agm_at: values.agmAt,
    time_zone: values.timeZone,
    meeting_format: values.meetingFormat,
    meeting_url: values.meetingUrl ?? null,
    meeting_location: values.meetingLocation ?? null,
    proxy_statement_url: values.proxyStatementUrl ?? null,
    shares_outstanding: values.sharesOutstanding,
    cusip: values.cusip ?? null,
    expected_turnout_percent: values.expectedTurnout === undefined ? null : Number(values.expectedTurnout).toFixed(2),
    status: values.status,
    sender_name: values.senderName,
    sender_email: values.senderEmail ?? null,
    postal_address: values.postalAddress,
  } satisfies Record<EditableColumn, unknown>
}

/** Column values as the audit log keeps them: comparable JSON (instants as ISO 8601). */
function auditable(row: Record<EditableColumn, unknown>): Record<EditableColumn, AuditValue> {
  const out = {} as Record<EditableColumn, AuditValue>
  for (const column of EDITABLE) {
    const value = row[column]
    out[column] = value instanceof Date ? value.toISOString() : (value as AuditValue)
  }
  return out
}

/** "2022-05-25T09:00": how the wall clock reads at `instant` in `timeZone` (for datetime-local). */
export function instantToWallClock(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`
}

/** The texts as the public page renders them (same renderer, same footnote ids); saves nothing. */
export function previewCampaignText(input: { title: string; resolved: string; supportingStatement: string }) {
  return { title: input.title.trim(), resolvedHtml: renderMarkdown(input.resolved, 'resolved'), supportingHtml: renderMarkdown(input.supportingStatement, 'whereas') }
}

/** The proposals an organizer may file a new year's campaign under: those they edit already. */
export async function listProposalChoices(db: Db, input: { organizerId: number }) {
  return db
    .selectFrom('campaigns')
    .innerJoin('campaign_organizers', 'campaign_organizers.campaign_id', 'campaigns.id')
    .select(['campaigns.proposal_key as key', sql<string>`max(campaigns.company)`.as('company'), sql<string>`max(campaigns.title)`.as('title'), sql<number>`max(campaigns.agm_year)`.as('lastYear')])
    .where('campaign_organizers.organizer_id', '=', input.organizerId)
    .where('campaign_organizers.role', 'in', ['owner', 'editor'])
    .groupBy('campaigns.proposal_key')
    .orderBy('campaigns.proposal_key')
    .execute()
}

/** A new campaign, owned by its creator. Its proposal is new (keyed by the slug) or one they edit. */
export async function createCampaign(db: Db, input: { organizerId: number; values: NewCampaignValues }): Promise<Result<{ slug: string }>> {
  const { slug, proposalKey, ...values } = input.values
  if (proposalKey && !(await listProposalChoices(db, input)).some((p) => p.key === proposalKey)) {
    return fieldFailure('proposalKey', 'Choose one of the proposals listed, or “A new proposal”')
  }
  const columns = toColumns(values)
  return db.transaction().execute(async (trx) => {
    // ON CONFLICT DO NOTHING: a taken slug is an answer, not an aborted transaction.
    const created = await trx
      .insertInto('campaigns')
      .values({ ...columns, slug, proposal_key: proposalKey || slug })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning(['id', 'slug', 'proposal_key'])
      .executeTakeFirst()
    if (!created) return fieldFailure('slug', `Another campaign already uses /c/${slug}: choose another address, e.g. with the year at the end`)
    await grantRole(trx, { campaignId: created.id, organizerId: input.organizerId, role: 'owner' })
    await recordAudit(trx, {
      organizerId: input.organizerId,
      campaignId: created.id,
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: created.id,
      after: { slug, proposal_key: created.proposal_key, ...auditable(columns) },
    })
    return { ok: true as const, slug: created.slug }
  }).then(afterPublicChange)
}

/**
 * Saves the editor's form. `version` is the updated_at the form was loaded with: if someone
 * saved in between, nothing is written and the caller can say so. An unchanged form writes nothing.
 */
export async function updateCampaign(
  db: Db,
  input: { organizerId: number; campaignId: number; values: CampaignValues; version?: string },
): Promise<Result<{ changed: EditableColumn[] }>> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('campaigns').selectAll().where('id', '=', input.campaignId).forUpdate().executeTakeFirst()
    if (!current) return formFailure('This campaign no longer exists.')
    if (input.version && input.version !== current.updated_at.toISOString()) {
      return formFailure('Someone else saved this campaign after you opened it. Your changes are still in the form: check them against the saved campaign (open this page in a new tab), then save again.')
    }
    const before = auditable(current)
    const after = auditable(toColumns(input.values))
    const changed = EDITABLE.filter((column) => before[column] !== after[column])
    if (changed.length === 0) return { ok: true as const, changed }

    const columns = toColumns(input.values)
    const set = Object.fromEntries(changed.map((column) => [column, columns[column]]))
    // updated_at moves on every save: the public page's rendered-markdown cache is keyed on it.
    await trx.updateTable('campaigns').set({ ...set, updated_at: sql`clock_timestamp()` }).where('id', '=', current.id).execute()
    // A moved date is a new revision of its calendar event: subscribed calendars then replace it.
    await bumpCalendarSequences(trx, { campaignId: current.id, events: movedCalendarEvents(changed) })
    await recordAudit(trx, {
      organizerId: input.organizerId,
      campaignId: current.id,
      action: 'campaign.updated',
      entityType: 'campaign',
      entityId: current.id,
      before: Object.fromEntries(changed.map((c) => [c, before[c]])),
      after: Object.fromEntries(changed.map((c) => [c, after[c]])),
    })
    // Going live proposes the email sequence from the calendar, as drafts for the organizer to review.
    if (changed.includes('status') && after.status === 'live') await proposeScheduleIn(trx, { campaignId: current.id, organizerId: input.organizerId })
    return { ok: true as const, changed }
  }).then(afterPublicChange)
}

/** The editor form's values for a campaign: instants as the wall clock in its time zone. */
export function campaignFormValues(campaign: Campaign) {
  const tz = campaign.time_zone
  return {
    company: campaign.company,
    ticker: campaign.ticker,
    exchange: campaign.exchange,
    agmYear: String(campaign.agm_year),
    title: campaign.title,
    summary: campaign.summary,
    proxyItem: campaign.proxy_item ?? '',
    resolved: campaign.resolved,
    supportingStatement: campaign.supporting_statement,
    legend: campaign.legend,
    recordDate: campaign.record_date,
    voteDeadline: instantToWallClock(campaign.vote_deadline, tz),
    agmAt: instantToWallClock(campaign.agm_at, tz),
    timeZone: tz,
    meetingFormat: campaign.meeting_format,
    meetingUrl: campaign.meeting_url ?? '',
    meetingLocation: campaign.meeting_location ?? '',
    proxyStatementUrl: campaign.proxy_statement_url ?? '',
    sharesOutstanding: campaign.shares_outstanding,
    cusip: campaign.cusip ?? '',
    expectedTurnout: campaign.expected_turnout_percent === null ? '' : String(Number(campaign.expected_turnout_percent)),
    status: campaign.status,
    senderName: campaign.sender_name,
    senderEmail: campaign.sender_email ?? '',
    postalAddress: campaign.postal_address,
    version: campaign.updated_at.toISOString(),
  }
}

type StoredVote = {
  recorded_percent: string | null
  votes_for: string | null
  votes_against: string | null
  abstentions: string | null
  broker_non_votes: string | null
  shares_outstanding: string | null
  meeting_date: string | null
  source_url: string | null
}

/** The percentage is kept only when the votes are not known: otherwise it is derived from them. */
function storedVote(row: VoteRow): StoredVote {
  const votesKnown = row.votesFor !== undefined && row.votesAgainst !== undefined
  return {
    recorded_percent: votesKnown || row.supportPercent === undefined ? null : Number(row.supportPercent).toFixed(2),
    votes_for: row.votesFor ?? null,
    votes_against: row.votesAgainst ?? null,
    abstentions: row.abstentions ?? null,
    broker_non_votes: row.brokerNonVotes ?? null,
    shares_outstanding: row.sharesOutstanding ?? null,
    meeting_date: row.meetingDate ?? null,
    source_url: row.sourceUrl ?? null,
  }
}

/** The proposal's results at each meeting and the other campaigns that show them. */
export async function getVoteHistory(db: Db | Trx, input: { proposalKey: string; campaignId: number }) {
  const [votes, sharedWith] = await Promise.all([
    db.selectFrom('proposal_votes').selectAll().where('proposal_key', '=', input.proposalKey).orderBy('meeting_year').execute(),
    db.selectFrom('campaigns').select(['slug', 'agm_year']).where('proposal_key', '=', input.proposalKey).where('id', '!=', input.campaignId).orderBy('agm_year').execute(),
  ])
  return { votes, sharedWith }
}

/**
 * Replaces the vote history of the campaign's proposal with `rows` (one per meeting year):
 * missing years are deleted, others inserted or updated. One audit entry lists the years that
 * changed; an unchanged history writes nothing.
 */
export async function saveVoteHistory(db: Db, input: { organizerId: number; campaignId: number; rows: VoteRow[] }): Promise<Result<{ changedYears: number[] }>> {
  return db.transaction().execute(async (trx) => {
    // Locking the campaign row serialises two editors saving the same history.
    const campaign = await trx.selectFrom('campaigns').select(['id', 'proposal_key']).where('id', '=', input.campaignId).forUpdate().executeTakeFirst()
    if (!campaign) return formFailure('This campaign no longer exists.')
    const existing = await trx.selectFrom('proposal_votes').selectAll().where('proposal_key', '=', campaign.proposal_key).execute()
    const before = new Map(existing.map((v) => [v.meeting_year, { recorded_percent: v.recorded_percent, votes_for: v.votes_for, votes_against: v.votes_against, abstentions: v.abstentions, broker_non_votes: v.broker_non_votes, shares_outstanding: v.shares_outstanding, meeting_date: v.meeting_date, source_url: v.source_url }]))
    const after = new Map(input.rows.map((row) => [row.meetingYear, storedVote(row)]))
    const years = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b)
    const changedYears = years.filter((year) => JSON.stringify(before.get(year) ?? null) !== JSON.stringify(after.get(year) ?? null))
    if (changedYears.length === 0) return { ok: true as const, changedYears }

    const removed = changedYears.filter((year) => !after.has(year))
    if (removed.length) await trx.deleteFrom('proposal_votes').where('proposal_key', '=', campaign.proposal_key).where('meeting_year', 'in', removed).execute()
    for (const year of changedYears.filter((y) => after.has(y))) {
      const vote = after.get(year)!
      await trx
        .insertInto('proposal_votes')
        .values({ proposal_key: campaign.proposal_key, meeting_year: year, ...vote })
        .onConflict((oc) => oc.columns(['proposal_key', 'meeting_year']).doUpdateSet(vote))
        .execute()
    }
    await recordAudit(trx, {
      organizerId: input.organizerId,
      campaignId: campaign.id,
      action: 'vote_history.updated',
      entityType: 'proposal_votes',
      entityId: campaign.proposal_key,
      before: Object.fromEntries(changedYears.map((y) => [String(y), before.get(y) ?? null])),
      after: Object.fromEntries(changedYears.map((y) => [String(y), after.get(y) ?? null])),
    })
    return { ok: true as const, changedYears }
  }).then(afterPublicChange)
}
