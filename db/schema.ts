import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely'

// The Kysely view of the tables created by db/migrations (the migrations are the truth).
// bigint columns arrive from pg as strings and stay strings: shares can pass 2^53.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type BigIntString = ColumnType<string, string | number | bigint, string | number | bigint>
type NullableBigIntString = ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>
/** `date` columns are parsed as 'YYYY-MM-DD' strings (see client.server.ts): a date has no time zone. */
type DateString = ColumnType<string, string, string>
type Json = ColumnType<unknown, string, string>

export type CampaignStatus = 'draft' | 'live' | 'closed'
export type Intention = 'for' | 'against' | 'abstain' | 'undecided'
export type HolderType = 'retail' | 'institutional' | 'employee' | 'fund' | 'other'

export interface CampaignsTable {
  id: Generated<number>
  slug: string
  proposal_key: string
  status: ColumnType<CampaignStatus, CampaignStatus | undefined, CampaignStatus>
  is_demo: Generated<boolean>
  demo_note: string | null
  company: string
  ticker: string
  exchange: string
  agm_year: number
  title: string
  summary: Generated<string>
  proxy_item: string | null
  resolved: string
  supporting_statement: string
  legend: string
  record_date: DateString
  vote_deadline: Timestamp
  agm_at: Timestamp
  time_zone: string
  meeting_format: ColumnType<'virtual' | 'in_person' | 'hybrid', 'virtual' | 'in_person' | 'hybrid' | undefined>
  meeting_url: string | null
  meeting_location: string | null
  proxy_statement_url: string | null
  shares_outstanding: BigIntString
  sender_name: Generated<string>
  sender_email: string | null
  postal_address: Generated<string>
  /** The company's CUSIP (nine characters): 13F and N-PX records are filtered by it. */
  cusip: ColumnType<string | null, string | null | undefined, string | null>
  /** numeric(5,2): the projection's turnout when the last result has no votes, e.g. '72.00'. */
  expected_turnout_percent: ColumnType<string | null, string | number | null | undefined, string | number | null>
  /** Two capital letters (0028): whose brokers' voting guides the campaign's pages show. */
  market: Generated<string>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface ProposalVotesTable {
  id: Generated<number>
  proposal_key: string
  meeting_year: number
  /** numeric(5,2), generated: for ÷ (for + against) when both are known, else recorded_percent. */
  support_percent: ColumnType<string, never, never>
  /** The percentage as published, kept for results whose votes are not known (numeric(5,2)). */
  recorded_percent: ColumnType<string | null, string | number | null | undefined, string | number | null>
  votes_for: NullableBigIntString
  votes_against: NullableBigIntString
  abstentions: NullableBigIntString
  broker_non_votes: NullableBigIntString
  /** Shares outstanding at that meeting's record date. */
  shares_outstanding: NullableBigIntString
  meeting_date: ColumnType<string | null, string | null | undefined, string | null>
  source_url: string | null
}

export interface SupportersTable {
  id: Generated<string>
  email: string
  name: string | null
  confirmed_at: NullableTimestamp
  suppressed_at: NullableTimestamp
  suppression_reason: 'bounce' | 'complaint' | 'unsubscribed_all' | null
  /** The language of the page they signed up on: their sign-up emails speak it (migration 0032). */
  locale: ColumnType<'en' | 'de' | 'es', 'en' | 'de' | 'es' | undefined, 'en' | 'de' | 'es'>
  is_demo: Generated<boolean>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** A campaign's own words in another language (migration 0032): the public page in that language shows them. */
export interface CampaignTranslationsTable {
  campaign_id: number
  locale: 'de' | 'es'
  title: string
  resolved: string
  supporting_statement: string
  updated_at: Generated<Date>
}

export interface PledgesTable {
  id: Generated<string>
  campaign_id: number
  supporter_id: string
  status: ColumnType<'pending' | 'confirmed' | 'withdrawn', 'pending' | 'confirmed' | 'withdrawn' | undefined>
  intention: Intention
  shares: NullableBigIntString
  holder_type: ColumnType<HolderType, HolderType | undefined, HolderType>
  broker: string | null
  voted_at: NullableTimestamp
  show_name: Generated<boolean>
  confirmed_at: NullableTimestamp
  consent_at: Generated<Date>
  form_version: string
  /** The language the form was read in (0034), for its consent record. */
  locale: ColumnType<'en' | 'de' | 'es', 'en' | 'de' | 'es' | undefined, 'en' | 'de' | 'es'>
  /** The source code of the link that led to the form (0022), e.g. "embed". */
  referrer_source: ColumnType<string | null, string | null | undefined, string | null>
  is_demo: Generated<boolean>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface PledgeEventsTable {
  id: Generated<string>
  campaign_id: number
  pledge_id: string | null
  supporter_id: string | null
  kind: 'created' | 'confirmed' | 'intention' | 'shares' | 'holder_type' | 'broker' | 'voted' | 'show_name' | 'withdrawn' | 'erased'
  actor: ColumnType<'supporter' | 'organizer' | 'system', 'supporter' | 'organizer' | 'system' | undefined>
  data: Json
  created_at: Generated<Date>
}

export interface PledgeStatsDailyTable {
  campaign_id: number
  day: DateString
  intention: Intention
  holder_type: HolderType
  voted: boolean
  supporters: BigIntString
  shares: BigIntString
  shares_disclosed: BigIntString
}

export interface PledgeBrokerStatsTable {
  campaign_id: number
  broker_key: string
  broker_label: string
  supporters: BigIntString
  shares: BigIntString
}

/** Pledges per campaign and status, kept by triggers (migration 0006). */
export interface PledgeStatusCountsTable {
  campaign_id: number
  status: 'pending' | 'confirmed' | 'withdrawn'
  /** One of 16 rows per (campaign, status), so concurrent sign-ups do not wait on one row. */
  shard: number
  pledges: BigIntString
}

/** A supporter's name an organizer took off the campaign's public list (0014). */
export interface HiddenPublicNamesTable {
  pledge_id: string
  hidden_at: Generated<Date>
  hidden_by: number | null
}

export interface SubscriptionsTable {
  id: Generated<string>
  campaign_id: number
  supporter_id: string
  status: ColumnType<'subscribed' | 'unsubscribed', 'subscribed' | 'unsubscribed' | undefined>
  consent_at: Generated<Date>
  form_version: string
  /** The language the form was read in (0034), for its consent record. */
  locale: ColumnType<'en' | 'de' | 'es', 'en' | 'de' | 'es' | undefined, 'en' | 'de' | 'es'>
  unsubscribed_at: NullableTimestamp
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type CalendarEvent = 'record-date' | 'vote-deadline' | 'agm'

/** How many times a campaign's calendar event has moved (0024): its SEQUENCE in the feed. */
export interface CalendarEventRevisionsTable {
  campaign_id: number
  event: CalendarEvent
  sequence: number
  changed_at: Generated<Date>
}

export type ConsentItem = 'pledge' | 'public_name' | 'updates'

/** What a supporter agreed to, written when their address is confirmed (0024, decision 015). */
export interface ConsentRecordsTable {
  id: Generated<string>
  campaign_id: number
  supporter_id: string
  agreed_to: ConsentItem[]
  form_version: string
  /** The exact words the form showed for these items, in `locale`. */
  wording: string
  /** The language of `wording` (0034; English before). */
  locale: ColumnType<'en' | 'de' | 'es', 'en' | 'de' | 'es' | undefined, never>
  /** When the form was sent. */
  given_at: Date
  confirmed_at: Generated<Date>
  /** The confirming client's network: a /24 (IPv4) or /48 (IPv6) prefix, never the full address. */
  network_prefix: string | null
}

export interface SupporterTokensTable {
  id: Generated<string>
  supporter_id: string
  campaign_id: number | null
  purpose: 'confirm' | 'manage' | 'unsubscribe' | 'voted'
  token_hash: Buffer
  expires_at: Timestamp
  used_at: NullableTimestamp
  /** The update delivery whose email carried this link (0013), for its figures. */
  delivery_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Generated<Date>
}

export type UpdateKind = 'materials_out' | 'how_to_vote' | 'deadline_week' | 'deadline_tomorrow' | 'results' | 'custom'
export type UpdateAudience = 'all' | 'pledged_not_voted' | 'undecided' | 'pledged_for' | 'followers'
export type UpdateStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'paused' | 'cancelled'

/** The figures an update quotes, frozen when it starts sending. */
export interface UpdateFigures {
  people: number
  shares: string
  result?: { supportPercent: string } | null
}

/** Which of the campaign's confirmed pledgers a one-off update goes to (0026); absent keys match all. */
export interface UpdateSegment {
  intention?: 'for' | 'against' | 'abstain' | 'undecided'
  voted?: 'yes' | 'no'
  /** Compared without regard to case. */
  broker?: string
  holderType?: HolderType
  /** The pledge's referrer source (`?source=` on the link that led to the form). */
  source?: string
  /** An instant (ISO 8601): pledges confirmed at or after it. */
  confirmedSince?: string
}

export interface UpdatesTable {
  id: Generated<number>
  campaign_id: number
  kind: UpdateKind
  send_at: Timestamp
  subject: string
  body: string
  audience: ColumnType<UpdateAudience, UpdateAudience | undefined>
  status: ColumnType<UpdateStatus, UpdateStatus | undefined>
  derived_from: 'record_date' | 'vote_deadline' | 'agm_at' | null
  started_at: NullableTimestamp
  finished_at: NullableTimestamp
  /**
   * People and shares pledged for when it started sending (0013): `{ people, shares }`, and the
   * meeting's official result when one was recorded by then (`result.supportPercent`).
   */
  public_figures: ColumnType<UpdateFigures | null, string | null | undefined, string | null>
  segment: ColumnType<UpdateSegment | null, string | null | undefined, string | null>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'bounced' | 'complained' | 'failed' | 'skipped'

export interface DeliveriesTable {
  id: Generated<string>
  update_id: number
  supporter_id: string
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined>
  attempts: Generated<number>
  batch_key: string | null
  provider_message_id: string | null
  last_error: string | null
  claimed_at: NullableTimestamp
  sent_at: NullableTimestamp
  retry_at: NullableTimestamp
  first_attempt_at: NullableTimestamp
  /** When the recipient left the campaign through this email's unsubscribe link (0013). */
  unsubscribed_at: NullableTimestamp
  /** The recipient's language, frozen with the audience: the update's fixed texts are in it (0033). */
  locale: ColumnType<'en' | 'de' | 'es', 'en' | 'de' | 'es' | undefined, 'en' | 'de' | 'es'>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface MailerSettingsTable {
  id: Generated<boolean>
  paused_at: NullableTimestamp
  paused_by: number | null
}

/** A campaign whose sending an organizer paused (0012); the global switch is mailer_settings. */
export interface CampaignMailPausesTable {
  campaign_id: number
  paused_at: Generated<Date>
  paused_by: number | null
}

export interface OutboxMessagesTable {
  id: Generated<string>
  to_email: string
  from_email: string
  subject: string
  html: string
  text: string
  headers: Json
  idempotency_key: string | null
  /** The campaign the message was sent for; only its owners see it in the outbox. */
  campaign_id: number | null
  created_at: Generated<Date>
}

export interface EmailQueueTable {
  id: Generated<string>
  /** Sign-up emails (confirm, manage) and organizer account emails (0030): an invitation, a password reset. */
  kind: 'confirm' | 'manage' | 'organizer_invite' | 'password_reset'
  to_email: string
  campaign_id: number | null
  supporter_id: string | null
  payload: Json
  status: ColumnType<'queued' | 'sending' | 'sent' | 'failed', 'queued' | 'sending' | 'sent' | 'failed' | undefined>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  claimed_at: NullableTimestamp
  provider_message_id: string | null
  last_error: string | null
  created_at: Generated<Date>
  sent_at: NullableTimestamp
}

export interface WebhookEventsTable {
  svix_id: string
  type: string
  payload: Json
  received_at: Generated<Date>
}

export interface OrganizersTable {
  id: Generated<number>
  email: string
  name: string | null
  password_hash: string
  password_changed_at: Generated<Date>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type OrganizerRole = 'owner' | 'editor' | 'viewer'

export interface CampaignOrganizersTable {
  campaign_id: number
  organizer_id: number
  role: OrganizerRole
  created_at: Generated<Date>
}

export interface OrganizerSessionsTable {
  id_hash: Buffer
  organizer_id: number
  created_at: Generated<Date>
  expires_at: Timestamp
  last_seen_at: Generated<Date>
}

/** One-time links for organizers (0030): an invitation to a campaign with a role, or a password reset. */
export interface OrganizerTokensTable {
  id: Generated<string>
  purpose: 'invite' | 'reset'
  token_hash: Buffer
  email: string
  /** A reset's account when it was asked for (null: no account has the address). */
  organizer_id: number | null
  campaign_id: number | null
  role: OrganizerRole | null
  created_by: number | null
  created_at: Generated<Date>
  expires_at: Timestamp
  used_at: NullableTimestamp
  revoked_at: NullableTimestamp
  revoked_by: number | null
}

export interface AuditLogTable {
  id: Generated<string>
  organizer_id: number | null
  campaign_id: number | null
  action: string
  entity_type: string
  entity_id: string | null
  before: Json | null
  after: Json | null
  created_at: Generated<Date>
}

export type ApiScope = 'pledges:read' | 'subscribers:read' | 'updates:write'

export interface ApiTokensTable {
  id: Generated<number>
  campaign_id: number
  name: string
  token_hash: Buffer
  /** The token's first characters ("qrm_AbC1"), shown so organizers can tell tokens apart. */
  token_prefix: string
  scopes: ApiScope[]
  created_by: number | null
  created_at: Generated<Date>
  expires_at: Timestamp
  revoked_at: NullableTimestamp
  revoked_by: number | null
  last_used_at: NullableTimestamp
}

export const WEBHOOK_EVENT_TYPES = ['pledge.confirmed', 'pledge.changed', 'pledge.deleted', 'supporter.unsubscribed', 'update.sent'] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

export interface WebhookEndpointsTable {
  id: Generated<number>
  campaign_id: number
  url: string
  description: Generated<string>
  event_types: WebhookEventType[]
  /** `whsec_` + base64 of the signing key. Kept readable: every delivery is signed with it. */
  secret: string
  /** The secret before the last rotation: deliveries carry its signature too until it expires. */
  previous_secret: string | null
  previous_secret_expires_at: NullableTimestamp
  disabled_at: NullableTimestamp
  created_by: number | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface WebhookMessagesTable {
  /** `msg_…`: the `webhook-id` of every attempt, so receivers can deduplicate. */
  id: string
  campaign_id: number
  event_type: WebhookEventType
  /** The exact bytes sent (and signed) on every attempt. */
  body: string
  created_at: Generated<Date>
}

export type WebhookDeliveryStatus = 'queued' | 'sending' | 'delivered' | 'failed'

export interface WebhookDeliveriesTable {
  id: Generated<string>
  message_id: string
  endpoint_id: number
  status: Generated<WebhookDeliveryStatus>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  claimed_at: NullableTimestamp
  delivered_at: NullableTimestamp
  last_error: string | null
  created_at: Generated<Date>
}

export interface WebhookAttemptsTable {
  id: Generated<string>
  delivery_id: string
  attempted_at: Generated<Date>
  duration_ms: number
  /** The receiver's HTTP status; null when no answer came (refused, timed out, connection failed). */
  status_code: number | null
  error: string | null
}

export interface RateLimitsTable {
  key: string
  points: number
  expires_at: Timestamp
}

export type ExpectedVote = 'for' | 'against' | 'abstain'
export type HowVoted = 'for' | 'against' | 'abstain' | 'withhold' | 'none'
export type EngagementStatus = 'not_contacted' | 'contacted' | 'met' | 'supports' | 'declined'

export interface SecImportsTable {
  id: Generated<string>
  campaign_id: number
  kind: '13f' | 'npx'
  source_key: string
  label: string
  rows: number
  summary: Json
  imported_by: number | null
  imported_at: Generated<Date>
}

export interface HoldersTable {
  id: Generated<string>
  campaign_id: number
  kind: 'institutional' | 'affiliated'
  name: string
  cik: string | null
  shares: BigIntString
  voting_sole: NullableBigIntString
  voting_shared: NullableBigIntString
  voting_none: NullableBigIntString
  report_period: ColumnType<string | null, string | null | undefined, string | null>
  accession_number: string | null
  source: '13f_xml' | '13f_dataset' | 'manual'
  /** Affiliated holders only: the vote they are expected to cast. */
  expected_vote: ExpectedVote | null
  note: string | null
  is_demo: Generated<boolean>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface HolderEngagementTable {
  holder_id: string
  campaign_id: number
  status: ColumnType<EngagementStatus, EngagementStatus | undefined, EngagementStatus>
  /** The vote an organizer expects, which overrides the holder's recorded vote. */
  expected_vote: ExpectedVote | null
  contact: string | null
  notes: string | null
  next_step_on: ColumnType<string | null, string | null | undefined, string | null>
  updated_by: number | null
  updated_at: Generated<Date>
}

export interface FundVotesTable {
  id: Generated<string>
  campaign_id: number
  import_id: string
  seq: number
  /** The fund's CIK, or "name:<lower-case name>" when a record names no CIK. */
  fund_key: string
  fund_name: string
  fund_cik: string | null
  series_id: string | null
  issuer_name: string
  cusip: string
  meeting_date: DateString
  vote_description: string
  proposed_by: 'issuer' | 'shareholder' | null
  how_voted: HowVoted
  shares_voted: NullableBigIntString
  /** N-PX's managementRecommendation: whether the fund voted with management (not what management recommended). */
  with_management: boolean | null
  match_score: number
  /** The proposal's meeting year this record is matched to; null: another proposal. */
  matched_year: number | null
  match_source: ColumnType<'auto' | 'organizer', 'auto' | 'organizer' | undefined>
  is_demo: Generated<boolean>
}

export interface FundLinksTable {
  campaign_id: number
  fund_key: string
  holder_id: string
}

/** A broker's voting guide: Quorum's for a market (no campaign), or a campaign's own copy of one (0028). */
export interface BrokerGuidesTable {
  id: Generated<number>
  campaign_id: number | null
  market: string
  /** The guide's address: /c/:slug/vote/:key. `other` is the generic guide. */
  key: string
  name: string
  /** What supporters type for this broker, besides its name. */
  aliases: ColumnType<string[], string[] | undefined, string[]>
  /** Markdown. */
  steps: string
  /** The broker's own voting cut-off, in words (plain text). */
  cutoff_note: string
  position: Generated<number>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface Database {
  campaigns: CampaignsTable
  proposal_votes: ProposalVotesTable
  supporters: SupportersTable
  campaign_translations: CampaignTranslationsTable
  pledges: PledgesTable
  pledge_events: PledgeEventsTable
  pledge_stats_daily: PledgeStatsDailyTable
  pledge_broker_stats: PledgeBrokerStatsTable
  pledge_status_counts: PledgeStatusCountsTable
  hidden_public_names: HiddenPublicNamesTable
  subscriptions: SubscriptionsTable
  supporter_tokens: SupporterTokensTable
  calendar_event_revisions: CalendarEventRevisionsTable
  consent_records: ConsentRecordsTable
  updates: UpdatesTable
  deliveries: DeliveriesTable
  outbox_messages: OutboxMessagesTable
  email_queue: EmailQueueTable
  mailer_settings: MailerSettingsTable
  campaign_mail_pauses: CampaignMailPausesTable
  webhook_events: WebhookEventsTable
  organizers: OrganizersTable
  campaign_organizers: CampaignOrganizersTable
  organizer_sessions: OrganizerSessionsTable
  organizer_tokens: OrganizerTokensTable
  audit_log: AuditLogTable
  api_tokens: ApiTokensTable
  rate_limits: RateLimitsTable
  sec_imports: SecImportsTable
  holders: HoldersTable
  holder_engagement: HolderEngagementTable
  fund_votes: FundVotesTable
  fund_links: FundLinksTable
  broker_guides: BrokerGuidesTable
  webhook_endpoints: WebhookEndpointsTable
  webhook_messages: WebhookMessagesTable
  webhook_deliveries: WebhookDeliveriesTable
  webhook_attempts: WebhookAttemptsTable
}

export type Campaign = Selectable<CampaignsTable>
export type NewCampaign = Insertable<CampaignsTable>
export type CampaignUpdate = Updateable<CampaignsTable>
export type ProposalVote = Selectable<ProposalVotesTable>
export type Supporter = Selectable<SupportersTable>
export type Pledge = Selectable<PledgesTable>
export type NewPledge = Insertable<PledgesTable>
export type Update = Selectable<UpdatesTable>
export type Holder = Selectable<HoldersTable>
export type FundVote = Selectable<FundVotesTable>
export type BrokerGuide = Selectable<BrokerGuidesTable>

/**
 * A database handle: the pool or a transaction (Kysely's Transaction is a Kysely). Functions
 * that open a transaction themselves take this and must not be handed a transaction.
 */
export type Db = Kysely<Database>
/** A handle that is already inside a transaction: for work that must commit with the caller's. */
export type Trx = Transaction<Database>
