import { createHash, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A stand-in for Resend's API on a local port, reached through the SDK's base URL: it speaks
// POST /emails and POST /emails/batch (with Idempotency-Key), records what it receives, and can
// answer 429, 500 or slowly on demand. Tests in other processes read it over HTTP at /__test/*.
// With `rateLimitPerSecond` it also enforces a rate limit the way Resend does (a fixed one-second
// window, 429 beyond it, `ratelimit-*` headers on every answer that passed the limiter).

export interface ReceivedEmail {
  id: string
  from: string
  to: string[]
  subject: string
  html?: string
  text?: string
  headers?: Record<string, string>
  idempotencyKey: string | null
  receivedAt: string
}

export type Fault = { kind: '429'; retryAfterSeconds?: number } | { kind: '500' } | { kind: 'slow'; delayMs: number } | { kind: '422'; message: string }

export interface FakeResend {
  url: string
  emails: ReceivedEmail[]
  /** Every request, including refused ones, in arrival order. */
  requests: Array<{ path: string; status: number; idempotencyKey: string | null }>
  /** The next `times` requests meet this fault. */
  inject(fault: Fault, times?: number): void
  /** Drops faults not yet met. */
  clearFaults(): void
  reset(): void
  close(): Promise<void>
}

export interface FakeResendOptions {
  port?: number
  apiKey?: string
  /** Requests allowed per fixed one-second window; beyond it, 429 with `retry-after`. Unset: no limit. */
  rateLimitPerSecond?: number
  /**
   * Whether to keep each email's content (default true). When false only `id`, `to` and
   * `idempotencyKey` are kept (`from`, `subject` and `receivedAt` are empty strings, no html,
   * text or headers), so that a send to 100,000 recipients does not fill the test's memory.
   */
  recordBodies?: boolean
}

interface Remembered {
  /** A digest of the request body: a replay must carry the same bytes. */
  bodyHash: string
  status: number
  response: unknown
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const emails: ReceivedEmail[] = []
  const requests: FakeResend['requests'] = []
  const faults: Fault[] = []
  const idempotency = new Map<string, Remembered>()
  const recordBodies = options.recordBodies ?? true
  const limit = options.rateLimitPerSecond
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new Error('rateLimitPerSecond takes a whole number above 0.')
  const windowState = { index: -1, used: 0 }

  /** Counts a request in the current one-second window; the headers to answer with, and whether it is over the limit. */
  function rateLimit(): { limited: boolean; headers: Record<string, string> } | null {
    if (limit === undefined) return null
    const now = Date.now()
    const index = Math.floor(now / 1000)
    if (index !== windowState.index) {
      windowState.index = index
      windowState.used = 0
    }
    const reset = String(Math.max(1, Math.ceil(((index + 1) * 1000 - now) / 1000)))
    if (windowState.used >= limit) {
      return { limited: true, headers: { 'retry-after': reset, 'ratelimit-limit': String(limit), 'ratelimit-remaining': '0', 'ratelimit-reset': reset } }
    }
    windowState.used++
    return { limited: false, headers: { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(limit - windowState.used), 'ratelimit-reset': reset } }
  }

  function accept(payload: Record<string, unknown>, idempotencyKey: string | null): ReceivedEmail | string {
    const to = typeof payload.to === 'string' ? [payload.to] : payload.to
    if (typeof payload.from !== 'string' || !Array.isArray(to) || to.length === 0 || typeof payload.subject !== 'string') {
      return 'The `from`, `to` and `subject` fields are required.'
    }
    if (!recordBodies) return { id: randomUUID(), from: '', to: to as string[], subject: '', idempotencyKey, receivedAt: '' }
    const email: ReceivedEmail = {
      id: randomUUID(),
      from: payload.from,
      to: to as string[],
      subject: payload.subject,
      html: payload.html as string | undefined,
      text: payload.text as string | undefined,
      headers: payload.headers as Record<string, string> | undefined,
      idempotencyKey,
      receivedAt: new Date().toISOString(),
    }
    return email
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method === 'GET' && url.pathname === '/__test/emails') {
      const to = url.searchParams.get('to')
      return send(res, 200, to ? emails.filter((e) => e.to.includes(to)) : emails)
    }
    if (req.method === 'POST' && url.pathname === '/__test/reset') {
      emails.length = 0
      requests.length = 0
      return send(res, 200, { ok: true })
    }

    const body = await readBody(req)
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null
    const record = (status: number) => requests.push({ path: url.pathname, status, idempotencyKey })

    if (req.headers.authorization !== `Bearer ${options.apiKey ?? 're_test_key'}`) {
      record(401)
      return send(res, 401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header.' })
    }
    const rate = rateLimit()
    if (rate?.limited) {
      record(429)
      return send(res, 429, { statusCode: 429, name: 'rate_limit_exceeded', message: `Too many requests. You can only make ${limit} requests per second.` }, rate.headers)
    }
    const fault = faults.shift()
    if (fault?.kind === '429') {
      record(429)
      const retryAfter = String(fault.retryAfterSeconds ?? 1)
      return send(res, 429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests.' }, { 'retry-after': retryAfter, 'ratelimit-remaining': '0', 'ratelimit-reset': retryAfter })
    }
    if (fault?.kind === '500') {
      record(500)
      return send(res, 500, { statusCode: 500, name: 'internal_server_error', message: 'Something went wrong.' })
    }
    if (fault?.kind === '422') {
      // A refusal that no retry can fix, as Resend answers an unverified sending domain.
      record(422)
      return send(res, 422, { statusCode: 422, name: 'validation_error', message: fault.message })
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs))

    const batch = url.pathname === '/emails/batch'
    if (req.method !== 'POST' || (url.pathname !== '/emails' && !batch)) {
      record(404)
      return send(res, 404, { statusCode: 404, name: 'not_found', message: 'Not found.' })
    }
    const bodyHash = createHash('sha256').update(body).digest('base64')
    if (idempotencyKey) {
      const seen = idempotency.get(`${url.pathname}:${idempotencyKey}`)
      if (seen && seen.bodyHash !== bodyHash) {
        record(409)
        return send(res, 409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' }, rate?.headers)
      }
      if (seen) {
        record(seen.status)
        return send(res, seen.status, seen.response, rate?.headers)
      }
    }
    let payload: unknown
    try {
      payload = JSON.parse(body)
    } catch {
      record(422)
      return send(res, 422, { statusCode: 422, name: 'validation_error', message: 'Invalid JSON.' })
    }
    const items = batch ? (Array.isArray(payload) ? payload : null) : [payload]
    if (!items || items.length === 0 || items.length > 100) {
      record(422)
      return send(res, 422, { statusCode: 422, name: 'validation_error', message: 'A batch holds 1 to 100 emails.' })
    }
    const accepted = items.map((item) => accept(item as Record<string, unknown>, idempotencyKey))
    const invalid = accepted.find((a): a is string => typeof a === 'string')
    if (invalid) {
      record(422)
      return send(res, 422, { statusCode: 422, name: 'validation_error', message: invalid })
    }
    const received = accepted as ReceivedEmail[]
    emails.push(...received)
    const response = batch ? { data: received.map((e) => ({ id: e.id })) } : { id: received[0]!.id }
    if (idempotencyKey) idempotency.set(`${url.pathname}:${idempotencyKey}`, { bodyHash, status: 200, response })
    record(200)
    send(res, 200, response, rate?.headers ?? { 'ratelimit-limit': '10', 'ratelimit-remaining': '9', 'ratelimit-reset': '1' })
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    emails,
    requests,
    inject(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault)
    },
    clearFaults() {
      faults.length = 0
    },
    reset() {
      emails.length = 0
      requests.length = 0
      faults.length = 0
      idempotency.clear()
      windowState.index = -1
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
