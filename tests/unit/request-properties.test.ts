import fc from 'fast-check'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { type AppWorld, seedAppWorld } from '../helpers/app-world'
import { createAppHandler } from '../helpers/remix-handler'
import { createTableDigest, writeMark } from '../helpers/table-digest'
import { createTestDatabase } from '../helpers/test-database'

// Generated requests against Remix's request handler over a seeded database: public pages and
// forms, /me, /u and /confirm links, Resend's webhook with valid signatures, and the organizer
// area with a signed-in owner. Whatever the path, query string or form, the answer is never a
// 5xx, and a refused request (4xx) leaves every stored table as it was.
//
// The gate runs one fixed seed, so that it passes or fails the same way every time;
// QUORUM_FUZZ_SEED=<seed> runs (or replays) another, QUORUM_FUZZ_RUNS changes the number of requests.

const RUNS = Number(process.env.QUORUM_FUZZ_RUNS ?? 10_000)
const SEED = Number(process.env.QUORUM_FUZZ_SEED ?? 20_261_130)
const ORIGIN = 'http://localhost:3000'
const WEBHOOK_SECRET = 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5'

let handle: DatabaseHandle
let world: AppWorld
let send: Awaited<ReturnType<typeof createAppHandler>>
let digest: () => Promise<string>

beforeAll(async () => {
  handle = await createTestDatabase({ kind: 'pglite' })
  world = await seedAppWorld(handle.db)
  send = await createAppHandler(handle.db)
  digest = await createTableDigest(handle.db)
}, 180_000)
afterAll(async () => handle?.close())

// ---- Values: real ones from the world, edge cases, and anything at all. ----

const EDGE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '%00', '\r\n', '\t', '\u000b', '\u000c', '\u3000', '\u202e', '\ud800', 'x\udc00y', '\ufeff',
  '0', '-1', '1.5', '1e3', '0x10', 'NaN', 'Infinity', '9999999999999999999', '99999999999', '2147483648', '-0',
  '0000-01-01T00:00:00Z_1', '2024-02-30T00:00:00Z_1', '9999999999999999999_1', 'none_1', '2024-01-01T00:00:00.000001Z_5',
  'true', 'false', 'on', 'null', 'undefined', '[]', '{}', '<script>alert(1)</script>', "'; drop table pledges; --",
  '=1+2', '../../etc/passwd', '//evil.example', '/\t/evil.example', 'https://evil.example', 'javascript:alert(1)',
  'a'.repeat(300), 'é'.repeat(100), '😀', 'for', 'against', 'abstain', 'undecided', 'retail', 'institutional', 'owner', 'viewer', 'editor',
]
const edge = fc.constantFrom(...EDGE_STRINGS)
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9-]{0,12}$/))
const value = fc.oneof({ weight: 3, arbitrary: edge }, { weight: 3, arbitrary: anyText }, { weight: 1, arbitrary: fc.integer().map(String) })

const slug = () => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(world.live.slug, world.draft.slug, world.closed.slug, 'no-such-campaign') }, { weight: 1, arbitrary: value })
const token = () => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(world.manageToken, world.unsubscribeToken, world.confirmToken, 'x'.repeat(43)) }, { weight: 1, arbitrary: value })
const rowId = () => fc.oneof(fc.constantFrom(...world.updateIds.map(String), String(world.live.id), String(world.draft.id), String(world.closed.id), String(world.owner.id)), value)

/** A path segment as a client would send it: percent-encoded UTF-8, or now and then a raw malformed escape. */
const segment = (arbitrary: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 8, arbitrary: arbitrary.map(encodeSegment) }, { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%C0%AF', '..', '%2e%2e', '%2F', ';x=1') })

function encodeSegment(text: string): string {
  // Buffer writes a lone surrogate as U+FFFD, as a browser would.
  return [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('')
}

const QUERY_KEYS = ['q', 'sort', 'after', 'before', 'status', 'intention', 'voted', 'holder', 'campaign', 'format', 'redirectTo', 'index', 'band', 'class', 'kind', 'turnout', 'page', '_data']
const queryString = fc
  .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: value }), value), { maxLength: 4 })
  .map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`))

const FORM_KEYS = [
  'email', 'name', 'showName', 'intention', 'shares', 'holderType', 'broker', 'voted', 'updates', 'website', 'intent', 'campaignId', 'updateId', 'pledgeId',
  'subject', 'body', 'sendAt', 'sendNow', 'reviewedSendAt', 'audience', 'title', 'summary', 'legend', 'postalAddress', 'senderName', 'senderEmail', 'company',
  'ticker', 'exchange', 'agmYear', 'agmAt', 'voteDeadline', 'recordDate', 'timeZone', 'sharesOutstanding', 'slug', 'proposalKey', 'status', 'role',
  'organizerId', 'hidden', 'password', 'currentPassword', 'newPassword', 'confirmPassword', 'redirectTo', 'contact', 'notes', 'nextStepOn', 'expectedVote',
  'pasted', 'accession', 'filerCik', 'filerName', 'fundCik', 'fundName', 'fundVoteId', 'holderId', 'paused', 'version', 'year', 'votesFor', 'votesAgainst',
]
const INTENTS = ['change-pledge', 'resubscribe', 'unsubscribe', 'unsubscribe-all', 'schedule', 'pause', 'resume', 'cancel', 'edit', 'test', 'propose', 'realign',
  'review-schedule', 'review-resume', 'confirm-schedule', 'confirm-resume', 'pause-campaign', 'resume-campaign', 'add', 'remove', 'votes', 'paste', 'preview', 'hide', 'show']
const formBody = () =>
  fc
    .array(
      fc.tuple(
        fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FORM_KEYS) }, { weight: 1, arbitrary: value }),
        fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.constantFrom(...INTENTS) }, { weight: 1, arbitrary: rowId() }, { weight: 1, arbitrary: fc.constant('valid@example.org') }),
      ),
      { maxLength: 8 },
    )
    .map((pairs) => new URLSearchParams(pairs).toString())

const CONTENT_TYPES = ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain', 'multipart/form-data; boundary=x']
const contentType = fc.oneof({ weight: 8, arbitrary: fc.constant(CONTENT_TYPES[0]!) }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) })
const ACCEPTS = ['text/html,application/xhtml+xml', '*/*', 'application/json', 'text/csv']

// ---- Requests ----

interface Generated {
  method: 'GET' | 'POST'
  path: string
  body?: string
  headers: Record<string, string>
  /** For messages: which family of routes. */
  kind: string
}

const publicGet = () =>
  fc
    .tuple(
      fc.oneof(
        fc.constant(['']),
        fc.tuple(fc.constant('c'), segment(slug())),
        fc.tuple(fc.constant('c'), segment(slug()), fc.constantFrom('vote', 'calendar.ics', 'pledge', 'follow', 'pledged', 'badge.svg')),
        fc.tuple(fc.constantFrom('confirm', 'me', 'u'), segment(token())),
        fc.tuple(fc.constant('me'), segment(token()), fc.constantFrom('delete', 'export.json')),
        fc.tuple(fc.constantFrom('healthz', 'links', 'deleted', 'embed', 'api'), segment(value)),
        fc.array(segment(value), { minLength: 1, maxLength: 3 }),
      ),
      queryString,
      fc.constantFrom(...ACCEPTS),
    )
    .map(([segments, query, accept]): Generated => ({ method: 'GET', path: `/${segments.join('/')}${query}`, headers: { accept }, kind: 'public GET' }))

const publicPost = () =>
  fc
    .tuple(
      fc.oneof(
        fc.tuple(fc.constant('c'), segment(slug()), fc.constantFrom('pledge', 'follow')),
        fc.tuple(fc.constantFrom('confirm', 'me', 'u'), segment(token())),
        // Erasing the world's supporter would end the run's /me coverage: only other tokens here.
        fc.tuple(fc.constant('me'), segment(value), fc.constant('delete')),
        fc.tuple(fc.constant('links'), fc.constant('new')),
      ),
      formBody(),
      contentType,
      fc.constantFrom(...ACCEPTS),
    )
    .map(([segments, body, type, accept]): Generated => ({ method: 'POST', path: `/${segments.join('/')}`, body, headers: { 'content-type': type, accept }, kind: 'public POST' }))

const ORGANIZER_PAGES = ['', 'edit', 'pledges', 'pledges.csv', 'subscribers.csv', 'mail', 'organizers', 'holders', 'holders.csv', 'fund-votes', 'imports', 'projection']
const organizerGet = () =>
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(['organizer'], ['organizer', 'audit'], ['organizer', 'outbox'], ['organizer', 'password'], ['organizer', 'c', 'new'], ['organizer', 'login']),
        fc.tuple(fc.constant('organizer'), fc.constant('c'), segment(slug()), fc.constantFrom(...ORGANIZER_PAGES)),
        fc.tuple(fc.constant('organizer'), fc.constant('c'), segment(slug()), fc.constant('mail'), segment(rowId()), fc.constant('preview')),
        fc.tuple(fc.constant('organizer'), fc.constant('c'), segment(slug()), fc.constant('holders'), segment(rowId())),
      ),
      queryString,
      fc.constantFrom(...ACCEPTS),
    )
    .map(([segments, query, accept]): Generated => ({ method: 'GET', path: `/${segments.filter(Boolean).join('/')}${query}`, headers: { accept, cookie: world.cookie }, kind: 'organizer GET' }))

const organizerPost = () =>
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(['organizer'], ['organizer', 'c', 'new'], ['organizer', 'password'], ['organizer', 'login']),
        fc.tuple(fc.constant('organizer'), fc.constant('c'), segment(slug()), fc.constantFrom('edit', 'pledges', 'mail', 'organizers', 'fund-votes', 'imports')),
        fc.tuple(fc.constant('organizer'), fc.constant('c'), segment(slug()), fc.constant('holders'), segment(rowId())),
      ),
      formBody(),
      contentType,
      fc.constantFrom(...ACCEPTS),
    )
    .map(([segments, body, type, accept]): Generated => ({ method: 'POST', path: `/${segments.join('/')}`, body, headers: { 'content-type': type, accept, cookie: world.cookie }, kind: 'organizer POST' }))

const json = fc.jsonValue({ maxDepth: 4 })
const webhookBody = fc.oneof(
  fc
    .record({
      type: fc.oneof(fc.constantFrom('email.delivered', 'email.bounced', 'email.complained', 'email.sent'), value),
      data: fc.oneof(fc.record({ email_id: fc.oneof(value, json), to: fc.oneof(value, fc.array(value, { maxLength: 3 }), json) }, { requiredKeys: [] }), json),
    }, { requiredKeys: [] })
    .map((event) => JSON.stringify(event)),
  json.map((j) => JSON.stringify(j)),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.integer({ min: 1, max: 3000 }).map((depth) => `{"type":"email.bounced","data":${'['.repeat(depth)}${']'.repeat(depth)}}`),
)
let webhookCount = 0
const webhook = () =>
  fc.tuple(webhookBody, fc.boolean()).map(([body, replay]): Generated => {
    const id = replay && webhookCount > 0 ? `msg_fuzz_${webhookCount}` : `msg_fuzz_${++webhookCount}`
    const timestamp = new Date()
    const signature = new Webhook(WEBHOOK_SECRET).sign(id, timestamp, body)
    return {
      method: 'POST',
      path: '/webhooks/resend',
      body,
      headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'svix-signature': signature },
      kind: 'webhook',
    }
  })

const anyRequest = () =>
  fc.oneof(
    { weight: 3, arbitrary: publicGet() },
    { weight: 3, arbitrary: publicPost() },
    { weight: 3, arbitrary: organizerGet() },
    { weight: 3, arbitrary: organizerPost() },
    { weight: 2, arbitrary: webhook() },
  )

function describe(request: Generated): string {
  return `${request.kind}: ${request.method} ${request.path}${request.body === undefined ? '' : `\n  body: ${JSON.stringify(request.body).slice(0, 500)}`}\n  headers: ${JSON.stringify({ ...request.headers, cookie: undefined })}`
}

test(`${RUNS} generated requests: never a 5xx, and a refused one changes nothing stored (seed ${SEED})`, async () => {
  const statuses = new Map<number, number>()
  let refusalsThatWrote = 0
  // What is stored after the last request: its write mark, and the digest taken then.
  let stored = { mark: await writeMark(handle.db), digest: await digest() }
  try {
    await fc.assert(
      fc.asyncProperty(anyRequest(), fc.integer({ min: 1, max: 250 }), async (generated, client) => {
        let url: URL
        try {
          url = new URL(generated.path, ORIGIN)
        } catch {
          return // not a URL any client could send
        }
        const errorsBefore = vi.mocked(console.error).mock.calls.length
        const response = await send(new Request(url, { method: generated.method, headers: generated.headers, body: generated.body }), { clientIp: `198.51.100.${client}` })
        const text = await response.text() // a streamed body that fails fails here
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        const context = `${describe(generated)}\n  answered ${response.status}: ${text.slice(0, 300)}`
        expect(response.status, context).toBeLessThan(500)
        expect(vi.mocked(console.error).mock.calls.length, `console.error was called for ${context}`).toBe(errorsBefore)
        // A digest only when something was written (most refusals write nothing at all).
        const mark = await writeMark(handle.db)
        if (mark === stored.mark) return
        const after = { mark, digest: await digest() }
        if (response.status >= 400) {
          refusalsThatWrote += 1 // a rate-limit counter, say: the digest must still be the same
          expect(after.digest, `a refused request changed stored data: ${context}`).toBe(stored.digest)
        }
        stored = after
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
  } catch (error) {
    console.log(`Replay with QUORUM_FUZZ_SEED=${SEED}`)
    throw error
  }
  // The runs reached past the refusals: pages were shown and forms accepted, too.
  const count = (from: number, to: number) => [...statuses].filter(([status]) => status >= from && status < to).reduce((sum, [, n]) => sum + n, 0)
  expect(count(200, 300), JSON.stringify([...statuses])).toBeGreaterThan(RUNS / 20)
  expect(count(400, 500)).toBeGreaterThan(RUNS / 20)
  // The digest was compared after refusals that did write somewhere (so the write mark works).
  expect(refusalsThatWrote).toBeGreaterThan(0)
}, 1_800_000)
