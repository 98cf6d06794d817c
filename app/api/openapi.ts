// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Response schemas are
// strict (additionalProperties: false): a test checks live answers against them, so a field
// added to the API without a word here fails it.

type Schema = Record<string, unknown>

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] })
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
})
const string = (description?: string, extra: Schema = {}): Schema => ({ type: 'string', ...(description ? { description } : {}), ...extra })
const decimal = (description: string): Schema => string(description, { pattern: '^\\d+$' })
const percent = (description: string): Schema => string(description, { pattern: '^\\d+\\.\\d+$' })
const integer = (description?: string): Schema => ({ type: 'integer', minimum: 0, ...(description ? { description } : {}) })
const url = string(undefined, { format: 'uri' })

const figure = object({ people: integer('Confirmed supporters.'), shares: decimal('Shares as supporters report them, a decimal string (totals can pass 2^53).') })

const resultProperties: Record<string, Schema> = {
  year: integer(),
  support_percent: percent('For ÷ (for + against), as Rule 14a-8(i)(12) counts it.'),
  votes_for: nullable(decimal('Votes for, when recorded.')),
  votes_against: nullable(decimal('Votes against, when recorded.')),
  source_url: nullable(url),
}

const schemas: Record<string, Schema> = {
  IntentionFigure: figure,
  Tally: object(
    {
      pledged_for: ref('IntentionFigure'),
      by_intention: object({ for: ref('IntentionFigure'), against: ref('IntentionFigure'), abstain: ref('IntentionFigure'), undecided: ref('IntentionFigure') }),
      confirmed_pledges: integer('Confirmed pledges of every intention.'),
      voted: integer('Confirmed pledgers who say they have already voted.'),
      shares_pledged: decimal('Shares pledged, every intention.'),
      percent_of_outstanding: object({ for: percent('Shares pledged for, as a percentage of shares outstanding.'), pledged: percent('Shares pledged, every intention.') }),
    },
    'Only pledges from confirmed email addresses count.',
  ),
  Result: object(resultProperties, 'The official result of the campaign’s own meeting (Form 8-K, Item 5.07).'),
  JudgedResult: object(
    {
      ...resultProperties,
      clears_threshold: { type: 'boolean', description: 'Whether it reached the resubmission threshold that applied.' },
      majority: { type: 'boolean', description: 'Whether it passed 50%.' },
    },
    'The official result of the campaign’s own meeting, judged against its threshold.',
  ),
  Links: object({ self: url, page: url, embed: url, badge: url }),
  CampaignSummary: object({
    slug: string(),
    title: string(),
    company: string(),
    ticker: string(),
    exchange: string(),
    agm_year: integer(),
    agm_at: string('The annual meeting, an instant.', { format: 'date-time' }),
    time_zone: string('IANA time zone the campaign’s dates are shown in.'),
    status: { type: 'string', enum: ['live', 'closed'] },
    is_demo: { type: 'boolean' },
    shares_outstanding: decimal('At the record date.'),
    tally: ref('Tally'),
    result: nullable(ref('Result')),
    links: ref('Links'),
  }),
  Campaign: object({
    slug: string(),
    title: string(),
    summary: string(),
    company: string(),
    ticker: string(),
    exchange: string(),
    agm_year: integer(),
    proxy_item: nullable(string()),
    status: { type: 'string', enum: ['live', 'closed'] },
    is_demo: { type: 'boolean' },
    legend: string('The campaign’s legend: Quorum records intentions and never takes a proxy.'),
    time_zone: string(),
    dates: object({
      record_date: string(undefined, { format: 'date' }),
      vote_deadline: string('For shares held through a broker.', { format: 'date-time' }),
      agm_at: string(undefined, { format: 'date-time' }),
    }),
    meeting: object({
      format: { type: 'string', enum: ['virtual', 'in_person', 'hybrid'] },
      url: nullable(url),
      location: nullable(string()),
      proxy_statement_url: nullable(url),
    }),
    shares_outstanding: decimal('At the record date.'),
    tally: ref('Tally'),
    result: nullable(ref('JudgedResult')),
    threshold: object(
      {
        times_voted: integer('Votes on the proposal in the five calendar years up to this meeting, this one included.'),
        threshold_percent: { type: 'integer', enum: [5, 15, 25] },
        window: object({ from: integer(), to: integer() }),
        majority_percent: { type: 'integer', const: 50 },
      },
      'The resubmission threshold this meeting’s vote must reach (Rule 14a-8(i)(12)).',
    ),
    history: { type: 'array', items: object({ year: integer(), support_percent: percent('Support at that meeting.'), source_url: nullable(url) }) },
    links: ref('Links'),
  }),
  Error: object({
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', enum: ['not_found', 'method_not_allowed', 'invalid_request', 'unauthorized', 'forbidden', 'rate_limited'] },
        message: string('What went wrong and what to do.'),
        fields: { type: 'object', description: 'For an invalid body: what to fix in each field.', additionalProperties: { type: 'array', items: { type: 'string' } } },
      },
      required: ['code', 'message'],
      additionalProperties: false,
    },
  }),
  EmailAddress: object({ address: string(undefined, { format: 'email' }), primary: { type: 'boolean' }, status: { type: 'string', enum: ['subscribed', 'unsubscribed'] } }),
  Person: {
    type: 'object',
    description: 'An OSDI person.',
    properties: {
      identifiers: { type: 'array', items: string(undefined, { pattern: '^quorum:supporter-\\d+$' }) },
      origin_system: { const: 'Quorum' },
      created_date: string('When they subscribed.', { format: 'date-time' }),
      modified_date: string(undefined, { format: 'date-time' }),
      given_name: string('The name they gave, if any.'),
      email_addresses: { type: 'array', items: ref('EmailAddress') },
    },
    required: ['identifiers', 'origin_system', 'created_date', 'modified_date', 'email_addresses'],
    additionalProperties: false,
  },
  Signature: object(
    {
      identifiers: { type: 'array', items: string(undefined, { pattern: '^quorum:pledge-\\d+$' }) },
      origin_system: { const: 'Quorum' },
      created_date: string(undefined, { format: 'date-time' }),
      modified_date: string(undefined, { format: 'date-time' }),
      referrer_data: object({ source: nullable(string('The source code of the link that led to the form, e.g. "embed".')), url: url }),
      person: {
        type: 'object',
        properties: {
          identifiers: { type: 'array', items: string() },
          given_name: string(),
          email_addresses: { type: 'array', items: ref('EmailAddress') },
        },
        required: ['identifiers', 'email_addresses'],
        additionalProperties: false,
      },
      'quorum:intention': { type: 'string', enum: ['for', 'against', 'abstain', 'undecided'] },
      'quorum:shares': nullable(decimal('Shares as the supporter reported them.')),
      'quorum:holder_type': { type: 'string', enum: ['retail', 'institutional', 'employee', 'fund', 'other'] },
      'quorum:broker': nullable(string()),
      'quorum:voted_date': nullable(string('When they said they had voted.', { format: 'date-time' })),
      'quorum:confirmed_date': string(undefined, { format: 'date-time' }),
    },
    'A confirmed pledge as an OSDI signature.',
  ),
  PageLinks: {
    type: 'object',
    properties: { self: object({ href: url }), next: object({ href: url }) },
    required: ['self'],
    additionalProperties: false,
  },
  SignaturePage: object({
    per_page: integer(),
    _links: ref('PageLinks'),
    _embedded: object({ 'osdi:signatures': { type: 'array', items: ref('Signature') } }),
  }),
  PeoplePage: object({
    per_page: integer(),
    _links: ref('PageLinks'),
    _embedded: object({ 'osdi:people': { type: 'array', items: ref('Person') } }),
  }),
  UpdateDraftInput: {
    type: 'object',
    properties: {
      subject: string(undefined, { maxLength: 200 }),
      body: string('Markdown.', { maxLength: 20000 }),
      send_at: string('When it is meant to go; an organizer confirms it.', { format: 'date-time' }),
      audience: { type: 'string', enum: ['all', 'pledged_not_voted', 'undecided', 'pledged_for', 'followers'], default: 'all' },
    },
    required: ['subject', 'body', 'send_at'],
    additionalProperties: false,
  },
  UpdateDraft: object({
    data: object({
      id: integer(),
      status: { const: 'draft' },
      subject: string(),
      send_at: string(undefined, { format: 'date-time' }),
      audience: { type: 'string', enum: ['all', 'pledged_not_voted', 'undecided', 'pledged_for', 'followers'] },
      review_url: url,
    }),
  }),
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } })
const jsonResponse = (description: string, schema: Schema) => ({
  description,
  headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
  content: { 'application/json': { schema } },
})
const slugParameter = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } }
const pageParameters = [
  slugParameter,
  { name: 'after', in: 'query', required: false, description: 'The cursor from the previous page’s next link.', schema: { type: 'string' } },
  { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
]
const tokenErrors = {
  '400': errorResponse('A malformed query or body'),
  '401': errorResponse('No token, or one that is unknown, expired or revoked'),
  '403': errorResponse('A token for another campaign, or without the scope'),
  '429': errorResponse('Too many requests: wait for Retry-After seconds'),
}
const tokenList = (operationId: string, scope: string, summary: string, page: string) => ({
  get: {
    operationId,
    summary,
    description: `Needs a token with the ${scope} scope. Oldest first; follow _links.next for the next page.`,
    security: [{ apiToken: [scope] }],
    parameters: pageParameters,
    responses: { '200': jsonResponse('A page', ref(page)), '304': { description: 'Not modified' }, ...tokenErrors },
  },
})

export function openApiDocument(appUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Quorum API',
      version: '1.0.0',
      description:
        'Public figures of Quorum’s shareholder campaigns, and, with a campaign’s API token, its pledges (as OSDI signatures), subscribers and draft updates. Every answer carries an ETag (send If-None-Match for a 304) and Cache-Control; any origin may call it (CORS). Errors are JSON: {"error": {"code", "message"}}.',
    },
    servers: [{ url: `${appUrl}/api/v1` }],
    paths: {
      '/campaigns': {
        get: {
          operationId: 'listCampaigns',
          summary: 'Public campaigns, live ones first, each with its tally',
          responses: { '200': jsonResponse('The campaigns', object({ data: { type: 'array', items: ref('CampaignSummary') } })), '304': { description: 'Not modified' } },
        },
      },
      '/campaigns/{slug}': {
        get: {
          operationId: 'getCampaign',
          summary: 'One campaign: dates, tally, result and the threshold that applies',
          parameters: [slugParameter],
          responses: { '200': jsonResponse('The campaign', object({ data: ref('Campaign') })), '304': { description: 'Not modified' }, '404': errorResponse('No public campaign has that slug') },
        },
      },
      '/campaigns/{slug}/pledges': tokenList('listPledges', 'pledges:read', 'Confirmed pledges as OSDI signatures', 'SignaturePage'),
      '/campaigns/{slug}/subscribers': tokenList('listSubscribers', 'subscribers:read', 'Subscribers to the campaign’s updates as OSDI people', 'PeoplePage'),
      '/campaigns/{slug}/updates': {
        post: {
          operationId: 'draftUpdate',
          summary: 'Draft an email update; an organizer reviews and schedules it',
          description: 'Needs a token with the updates:write scope. Nothing is sent from here.',
          security: [{ apiToken: ['updates:write'] }],
          parameters: [slugParameter],
          requestBody: { required: true, content: { 'application/json': { schema: ref('UpdateDraftInput') } } },
          responses: { '201': { description: 'The draft', content: { 'application/json': { schema: ref('UpdateDraft') } } }, '422': errorResponse('A field is missing or invalid'), ...tokenErrors },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'A campaign’s API token (qrm_…), created by one of its owners on the campaign’s Embed and API page.' },
      },
    },
  }
}
