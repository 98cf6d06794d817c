import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'

// The one way Quorum reaches EDGAR. The SEC asks every automated client to declare who it is
// in the User-Agent ("Company Name admin@example.org") and to stay under ten requests a
// second; it answers 403 to clients that do not, and 429 or 503 when busy. So: no User-Agent,
// no request; requests are spaced by a limiter shared by the whole process; 429 and 5xx are
// retried after Retry-After or a growing pause, a few times, then given up with a clear error.

export class EdgarError extends Error {
  override name = 'EdgarError'
}

export interface EdgarOptions {
  baseUrl: string
  userAgent: string | null
  requestsPerSecond: number
  retries?: number
  /** Largest file fetched, in bytes. */
  maxBytes?: number
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> }
}

const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) }

/** Spaces calls at least 1000/perSecond ms apart, in the order they asked. */
export class RateLimiter {
  private next = 0
  constructor(
    private readonly perSecond: number,
    private readonly clock = realClock,
  ) {}

  async wait(): Promise<void> {
    const now = this.clock.now()
    const at = Math.max(now, this.next)
    this.next = at + Math.ceil(1000 / this.perSecond)
    if (at > now) await this.clock.sleep(at - now)
  }
}

const limiters = new Map<string, RateLimiter>()

/** A valid EDGAR User-Agent names someone and gives an email address. */
export function isDeclaredUserAgent(value: string | null): value is string {
  return !!value && /\S+\s+\S+@\S+\.\S+/.test(value.trim())
}

export class EdgarClient {
  private readonly limiter: RateLimiter
  private readonly clock

  constructor(private readonly options: EdgarOptions) {
    this.clock = options.clock ?? realClock
    const key = `${options.baseUrl}|${options.requestsPerSecond}`
    this.limiter = options.clock ? new RateLimiter(options.requestsPerSecond, options.clock) : (limiters.get(key) ?? new RateLimiter(options.requestsPerSecond))
    if (!options.clock) limiters.set(key, this.limiter)
  }

  /** Fetches `pathname` (from the base URL), politely; the response is 200 or an EdgarError is thrown. */
  async get(pathname: string): Promise<Response> {
    if (!isDeclaredUserAgent(this.options.userAgent)) {
      throw new EdgarError('Fetching from EDGAR needs EDGAR_USER_AGENT: the SEC requires every client to say who it is, e.g. "Example Campaign admin@example.org". Set it and restart, or upload the file instead.')
    }
    const url = new URL(pathname, this.options.baseUrl)
    const retries = this.options.retries ?? 3
    for (let attempt = 0; ; attempt++) {
      await this.limiter.wait()
      let response: Response
      try {
        response = await fetch(url, { headers: { 'User-Agent': this.options.userAgent.trim(), Accept: '*/*', 'Accept-Encoding': 'gzip, deflate' }, signal: AbortSignal.timeout(30_000) })
      } catch (error) {
        if (attempt >= retries) throw new EdgarError(`EDGAR could not be reached (${(error as Error).message}). Try again later, or upload the file.`)
        await this.clock.sleep(1000 * 2 ** attempt)
        continue
      }
      if (response.ok) return response
      await response.body?.cancel()
      if (response.status === 404) throw new EdgarError(`EDGAR has no ${url.pathname}: check the filing’s address or accession number.`)
      if (response.status === 403) throw new EdgarError('EDGAR refused the request (403): check that EDGAR_USER_AGENT names your organisation and an email address.')
      if ((response.status === 429 || response.status >= 500) && attempt < retries) {
        const retryAfter = Number(response.headers.get('retry-after'))
        await this.clock.sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 60) * 1000 : 1000 * 2 ** attempt)
        continue
      }
      throw new EdgarError(`EDGAR answered ${response.status} for ${url.pathname}${attempt > 0 ? ` after ${attempt + 1} tries` : ''}. Try again later, or upload the file.`)
    }
  }

  async json<T>(pathname: string): Promise<T> {
    const response = await this.get(pathname)
    try {
      return (await response.json()) as T
    } catch {
      throw new EdgarError(`EDGAR’s ${pathname} is not the JSON index that was expected.`)
    }
  }

  /** Streams a file to a temporary path, refusing one larger than maxBytes. */
  async download(pathname: string): Promise<string> {
    const response = await this.get(pathname)
    const max = this.options.maxBytes ?? 512 * 1024 * 1024
    if (Number(response.headers.get('content-length') ?? 0) > max) throw new EdgarError(`${pathname} is larger than ${max / 1024 / 1024} MB.`)
    const dir = await mkdtemp(path.join(tmpdir(), 'quorum-edgar-'))
    const file = path.join(dir, path.basename(pathname).replace(/[^\w.-]/g, '_') || 'file')
    let seen = 0
    const body = Readable.fromWeb(response.body! as WebReadableStream)
    body.on('data', (chunk: Buffer) => {
      seen += chunk.length
      if (seen > max) body.destroy(new EdgarError(`${pathname} is larger than ${max / 1024 / 1024} MB.`))
    })
    try {
      await pipeline(body, createWriteStream(file))
    } catch (error) {
      await rm(dir, { recursive: true, force: true })
      throw error
    }
    return file
  }
}

export interface FilingRef {
  cik: string
  /** 18 digits, no dashes. */
  accession: string
}

/** A filing from its EDGAR address (…/Archives/edgar/data/CIK/ACCESSION/…) or a CIK and accession number. */
export function parseFilingRef(input: { url?: string | null; cik?: string | null; accession?: string | null }): FilingRef | null {
  if (input.url) {
    const match = /\/Archives\/edgar\/data\/(\d{1,10})\/(\d{10}-?\d{2}-?\d{6})(?:[/.-]|$)/.exec(input.url)
    if (match) return { cik: match[1]!.replace(/^0+(?=\d)/, ''), accession: match[2]!.replace(/-/g, '') }
    return null
  }
  const accession = (input.accession ?? '').trim().replace(/-/g, '')
  const cik = (input.cik ?? '').trim().replace(/^0+(?=\d)/, '')
  return /^\d{18}$/.test(accession) && /^\d{1,10}$/.test(cik) ? { cik, accession } : null
}

export function dashed(accession: string): string {
  return `${accession.slice(0, 10)}-${accession.slice(10, 12)}-${accession.slice(12)}`
}

export interface FilingFile {
  name: string
  size: number
}

/** The files of a filing, from its directory's index.json. */
export async function listFilingFiles(client: EdgarClient, ref: FilingRef): Promise<FilingFile[]> {
  const index = await client.json<{ directory?: { item?: Array<{ name?: string; size?: string | number }> } }>(`/Archives/edgar/data/${ref.cik}/${ref.accession}/index.json`)
  const items = index.directory?.item
  if (!Array.isArray(items)) throw new EdgarError('EDGAR’s index of the filing lists no files.')
  return items.filter((i) => typeof i.name === 'string').map((i) => ({ name: i.name!, size: Number(i.size) || 0 }))
}

/** Deletes files that `download` wrote (each sits in a directory of its own). */
export async function removeDownloads(files: string[]): Promise<void> {
  await Promise.all(files.map((file) => rm(path.dirname(file), { recursive: true, force: true })))
}
