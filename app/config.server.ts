import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import path from 'node:path'
import { z } from 'zod'

/**
 * The one place that reads process.env. Every variable is parsed here once; the rest of
 * Quorum imports the typed `config` object.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  APP_URL: z.string().url('APP_URL must be an absolute URL such as https://quorum.example.org').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// connection string')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PGLITE_DIR: z.string().min(1).optional(),
  SESSION_SECRET: z
    .string()
    .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(32, 'each SESSION_SECRET entry needs at least 32 characters')).min(1))
    .optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  MAIL_TRANSPORT: z.enum(['resend', 'outbox'], { errorMap: () => ({ message: 'MAIL_TRANSPORT is "resend" (needs RESEND_API_KEY) or "outbox" (keeps every email in the database; sends nothing)' }) }).optional(),
  MAIL_IMAGE_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isOrigin, 'each MAIL_IMAGE_ORIGINS entry is an origin such as https://images.example.org (scheme and host, no path)')))
    .optional(),
  TRUST_PROXY: z
    .string()
    .transform(parseTrustProxy)
    .refine((value) => value !== null, 'TRUST_PROXY is "false" (the default), a number of proxy hops such as 1, or a comma-separated list of proxy addresses or ranges such as 10.0.0.0/8,loopback')
    .optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  RESEND_WEBHOOK_SECRET: z.string().regex(/^whsec_/, 'RESEND_WEBHOOK_SECRET is the signing secret Resend shows for the webhook, starting with whsec_').optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^<>@\s]+@[^<>@\s]+$/, 'MAIL_FROM must be a bare address such as updates@quorum.example.org')
    .default('no-reply@quorum.invalid'),
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(2),
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(2),
  WORKER_IN_WEB: z.enum(['true', 'false']).default('true'),
  MAIL_CLAIM_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  MAIL_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  EDGAR_USER_AGENT: z
    .string()
    .regex(/\S+\s+\S+@\S+\.\S+/, 'EDGAR_USER_AGENT must name your organisation and give an email address, e.g. "Example Campaign admin@example.org" (the SEC requires it)')
    .optional(),
  EDGAR_BASE_URL: z.string().url().default('https://www.sec.gov'),
  EDGAR_REQUESTS_PER_SECOND: z.coerce.number().positive().max(9, 'EDGAR_REQUESTS_PER_SECOND must stay under the SEC’s limit of 10').default(5),
  WEBHOOK_ALLOW_LOOPBACK: z.enum(['true', 'false'], { errorMap: () => ({ message: 'WEBHOOK_ALLOW_LOOPBACK is "true" or "false"' }) }).optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  IMPORT_MAX_MEGABYTES: z.coerce.number().int().min(1).max(4096).default(600),
})

export type Config = {
  env: 'development' | 'production' | 'test'
  isProduction: boolean
  port: number
  host: string
  appUrl: string
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string }
  dataDir: string
  sessionSecrets: string[]
  /** Resend's key when mail goes out through Resend; null: the outbox transport (nothing is sent). */
  resend: { apiKey: string; baseUrl?: string } | null
  /** Origins whose images update emails may show, besides the app's own (others become their alt text). */
  mailImageOrigins: string[]
  /**
   * Which X-Forwarded-For hops to believe (Express's "trust proxy"): false believes none, a
   * number that many hops, a list the proxies at those addresses. Per-address limits use it.
   */
  trustProxy: false | number | string[]
  /** Verifies POST /webhooks/resend; without it the webhook answers 503. */
  resendWebhookSecret: string | null
  /** The sending address; each campaign's sender name goes in front of it. */
  mailFrom: string
  pageCacheSeconds: number
  /** Requests a second to the mail provider (Resend's default limit is 2); learned down from its headers. */
  mailRatePerSecond: number
  /** A batch claimed this long ago by a worker that never finished is retried (same key). */
  mailClaimTimeoutSeconds: number
  /** A request to the provider that takes longer is abandoned and retried under the same key. */
  mailRequestTimeoutMs: number
  /** Whether the web process also works the mail jobs (always, on the embedded database); if not, it only adds them. */
  workerInWeb: boolean
  /** EDGAR: who Quorum says it is (required to fetch), where EDGAR is, and how fast to ask. */
  edgar: { userAgent: string | null; baseUrl: string; requestsPerSecond: number }
  /**
   * Outgoing webhooks. Endpoints must resolve to public addresses; `allowLoopback` lets them
   * reach this machine (127.0.0.0/8, ::1) too — on by default outside production, so a local
   * receiver works, off in production unless WEBHOOK_ALLOW_LOOPBACK=true. `allowHttp`: plain
   * http for any host (outside production only; loopback may use http whenever it is allowed).
   */
  webhooks: { allowLoopback: boolean; allowHttp: boolean; timeoutMs: number }
  /** Largest file an organizer may upload for an import, in bytes. */
  importMaxBytes: number
  /** The demo campaigns are loaded on an empty database everywhere except production. */
  seedDemo: boolean
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const isProduction = e.NODE_ENV === 'production'

  if (isProduction && !e.SESSION_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  - SESSION_SECRET is required when NODE_ENV=production: a comma-separated ' +
        'list of random strings of at least 32 characters (the first signs new sessions; older ones ' +
        'still verify, so secrets can be rotated). Generate one with `openssl rand -hex 32`.',
    )
  }
  if (isProduction && !e.APP_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  - APP_URL is required when NODE_ENV=production: the public origin used in ' +
        'links and canonical URLs, e.g. https://quorum.example.org',
    )
  }

  const transport = e.MAIL_TRANSPORT ?? (e.RESEND_API_KEY ? 'resend' : 'outbox')
  if (transport === 'resend' && !e.RESEND_API_KEY) {
    throw new ConfigError('Invalid configuration:\n  - MAIL_TRANSPORT=resend needs RESEND_API_KEY: the API key from Resend’s dashboard.')
  }
  if (isProduction && transport === 'outbox' && e.MAIL_TRANSPORT !== 'outbox') {
    throw new ConfigError(
      'Invalid configuration:\n  - RESEND_API_KEY is required when NODE_ENV=production: without it no email would be sent ' +
        '(confirmations, updates) and every message would wait in the database instead. Set RESEND_API_KEY, or set ' +
        'MAIL_TRANSPORT=outbox if that is really what you want (a trial server; nothing is sent).',
    )
  }

  if (isProduction && transport === 'resend' && !cleaned.MAIL_FROM) {
    throw new ConfigError(
      'Invalid configuration:\n  - MAIL_FROM is required when RESEND_API_KEY is set in production: an address on a ' +
        'domain verified with Resend, e.g. updates@quorum.example.org',
    )
  }

  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dir: e.PGLITE_DIR ?? path.join(e.DATA_DIR, 'pglite') },
    dataDir: e.DATA_DIR,
    sessionSecrets: e.SESSION_SECRET ?? [developmentSecret(e.NODE_ENV, e.DATA_DIR)],
    resend: transport === 'resend' && e.RESEND_API_KEY ? { apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL } : null,
    mailImageOrigins: (e.MAIL_IMAGE_ORIGINS ?? []).map((origin) => new URL(origin).origin),
    trustProxy: e.TRUST_PROXY ?? false,
    mailFrom: e.MAIL_FROM,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET ?? null,
    pageCacheSeconds: e.PAGE_CACHE_SECONDS,
    mailRatePerSecond: e.MAIL_RATE_PER_SECOND,
    mailClaimTimeoutSeconds: e.MAIL_CLAIM_TIMEOUT_SECONDS,
    mailRequestTimeoutMs: e.MAIL_REQUEST_TIMEOUT_MS,
    workerInWeb: e.WORKER_IN_WEB === 'true' || !e.DATABASE_URL,
    edgar: { userAgent: e.EDGAR_USER_AGENT ?? null, baseUrl: e.EDGAR_BASE_URL.replace(/\/+$/, ''), requestsPerSecond: e.EDGAR_REQUESTS_PER_SECOND },
    webhooks: {
      allowLoopback: e.WEBHOOK_ALLOW_LOOPBACK ? e.WEBHOOK_ALLOW_LOOPBACK === 'true' : !isProduction,
      allowHttp: !isProduction,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
    importMaxBytes: e.IMPORT_MAX_MEGABYTES * 1024 * 1024,
    seedDemo: !isProduction,
  }
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && value.replace(/\/$/, '') === url.origin
  } catch {
    return false
  }
}

// Express's named ranges, and single addresses or CIDR ranges.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))
}

/** "false"/"0" → false; "2" → 2 hops; "10.0.0.0/8, loopback" → that list; anything else → null. */
function parseTrustProxy(value: string): false | number | string[] | null {
  const trimmed = value.trim().toLowerCase()
  if (trimmed === 'false' || trimmed === 'off' || trimmed === '0') return false
  if (/^\d+$/.test(trimmed)) return Number(trimmed) <= 10 ? Number(trimmed) : null
  const entries = trimmed.split(',').map((s) => s.trim()).filter(Boolean)
  return entries.length > 0 && entries.every(isProxyAddress) ? entries : null
}

/** Outside production a secret is generated once and kept in the data directory. */
function developmentSecret(env: string, dataDir: string): string {
  if (env === 'test') return randomBytes(32).toString('hex')
  const file = path.join(dataDir, 'session-secret')
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    const secret = randomBytes(32).toString('hex')
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, secret, { mode: 0o600 })
    return secret
  }
}

function loadOrExit(): Config {
  try {
    return loadConfig(process.env)
  } catch (error) {
    // A configuration mistake is the operator's to fix: say what is wrong, without a stack.
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

export const config: Config = loadOrExit()
