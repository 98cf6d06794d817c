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
  Error: object({ error: object({ code: string(), message: string('What went wrong and what to do.') }) }),
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } })
const jsonResponse = (description: string, schema: Schema) => ({
  description,
  headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
  content: { 'application/json': { schema } },
})
const slugParameter = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } }

export function openApiDocument(appUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Quorum API',
      version: '1.0.0',
      description:
        'Public figures of Quorum’s shareholder campaigns. Every answer carries an ETag (send If-None-Match for a 304) and Cache-Control; GET is open to every origin (CORS). Errors are JSON: {"error": {"code", "message"}}.',
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
    },
    components: { schemas },
  }
}
