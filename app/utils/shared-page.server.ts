import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import compressible from 'compressible'
import Negotiator from 'negotiator'

// A public page rendered once for every reader: its bytes in each content coding, and the
// headers of each, computed when it is rendered. Serving it is a lookup and a write. A page
// whose type does not compress (a PNG) has one variant, served whatever the reader accepts.

const ENCODINGS = ['br', 'gzip', 'identity'] as const
export type Encoding = (typeof ENCODINGS)[number]

interface Variant {
  /** Raw headers, [name, value, name, value, …], as `writeHead` takes them. */
  head: string[]
  notModifiedHead: string[]
  body: Buffer
}

export interface SharedPage {
  renderedAt: number
  etags: Set<string>
  /** For a type that does not compress, every coding names the one identity variant. */
  variants: Record<Encoding, Variant>
  /**
   * A page in a language has these too: the same bytes with `Vary` naming what chose the
   * language, for its plain address (whose language came from the reader's cookie or
   * Accept-Language). Its `?lang=` address sends `variants`: one address, one body.
   */
  negotiated?: Record<Encoding, Variant>
}

/** What chooses a page's language at its plain address (app/i18n/negotiate.server.ts). */
const LANGUAGE_VARY = 'Accept-Encoding, Accept-Language, Cookie'

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/**
 * Compresses the page (off the event loop, in libuv's threads) and builds each variant's headers.
 * Takes an HTML page as text, or any response's bytes (an image) with its content-type header.
 */
export async function prepareSharedPage(
  input: { html: string; headers: Record<string, string>; inALanguage?: boolean } | { bytes: Uint8Array; headers: Record<string, string> },
): Promise<SharedPage> {
  const identity = 'html' in input ? Buffer.from(input.html, 'utf8') : Buffer.from(input.bytes)
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 32)
  // NOTE: compressible() is what Express's compression middleware asks too: text, JSON and SVG
  // compress; PNG and other already-compressed types would only grow and cost a render's CPU.
  const compresses = 'html' in input || compressible(input.headers['content-type'] ?? '') === true
  if (!compresses) {
    const variant = buildVariant(input.headers, { etag: `"${hash}"`, body: identity })
    return { renderedAt: Date.now(), etags: new Set([`"${hash}"`]), variants: { br: variant, gzip: variant, identity: variant } }
  }
  const [br, gz] = await Promise.all([
    brotli(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    gzipped(identity, { level: 9 }),
  ])
  const bodies: Record<Encoding, Buffer> = { br, gzip: gz, identity }
  const variants = {} as Record<Encoding, Variant>
  const negotiated = {} as Record<Encoding, Variant>
  const etags = new Set<string>()
  for (const encoding of ENCODINGS) {
    // A strong tag names exact bytes, so each coding has its own.
    const etag = encoding === 'identity' ? `"${hash}"` : `"${hash}-${encoding}"`
    etags.add(etag)
    variants[encoding] = buildVariant(input.headers, { etag, body: bodies[encoding], vary: 'Accept-Encoding', encoding })
    negotiated[encoding] = buildVariant(input.headers, { etag, body: bodies[encoding], vary: LANGUAGE_VARY, encoding })
  }
  const inALanguage = 'html' in input && input.inALanguage === true
  return { renderedAt: Date.now(), etags, variants, ...(inALanguage ? { negotiated } : {}) }
}

function buildVariant(headers: Record<string, string>, variant: { etag: string; body: Buffer; vary?: string; encoding?: Encoding }): Variant {
  const shared: Record<string, string> = { ...headers, ...(variant.vary ? { vary: variant.vary } : {}), etag: variant.etag }
  delete shared['content-length']
  delete shared['content-encoding']
  const notModified = Object.entries(shared).filter(([name]) => name !== 'content-type')
  const full = Object.entries({
    ...shared,
    ...(variant.encoding && variant.encoding !== 'identity' ? { 'content-encoding': variant.encoding } : {}),
    'content-length': String(variant.body.length),
  })
  return { head: full.flat(), notModifiedHead: notModified.flat(), body: variant.body }
}

// Clients send a handful of distinct Accept-Encoding values; each is negotiated once.
const negotiated = new Map<string, Encoding>()

/** The coding to send: brotli, then gzip, when the client accepts them (`q` > 0), else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const key = acceptEncoding ?? ''
  let encoding = negotiated.get(key)
  if (!encoding) {
    const chosen = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }).encoding([...ENCODINGS], { preferred: ENCODINGS })
    encoding = (ENCODINGS as readonly string[]).includes(chosen ?? '') ? (chosen as Encoding) : 'identity'
    if (negotiated.size >= 200) negotiated.clear()
    negotiated.set(key, encoding)
  }
  return encoding
}

/** Whether `If-None-Match` names one of the page's tags (compared weakly, as RFC 9110 says). */
export function matchesEtag(ifNoneMatch: string | undefined, etags: Set<string>): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((tag) => etags.has(tag.trim().replace(/^W\//, '')))
}

/**
 * Answers GET or HEAD from the shared page: 304 when the reader has it, else its bytes. A page
 * whose language the reader's headers chose (`languageNegotiated`) says so in its `Vary`.
 */
export function sendSharedPage(req: IncomingMessage, res: ServerResponse, page: SharedPage, languageNegotiated = false): void {
  const variants = languageNegotiated && page.negotiated ? page.negotiated : page.variants
  const variant = variants[chooseEncoding(req.headers['accept-encoding'])]
  if (matchesEtag(req.headers['if-none-match'], page.etags)) {
    res.writeHead(304, variant.notModifiedHead)
    res.end()
    return
  }
  res.writeHead(200, variant.head)
  // Node sends no body for HEAD, and keeps the Content-Length of the GET.
  res.end(variant.body)
}
