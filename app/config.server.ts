import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
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
  resend: { apiKey: string; baseUrl?: string } | null
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

  if (isProduction && e.RESEND_API_KEY && !cleaned.MAIL_FROM) {
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
    resend: e.RESEND_API_KEY ? { apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL } : null,
    mailFrom: e.MAIL_FROM,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET ?? null,
    pageCacheSeconds: e.PAGE_CACHE_SECONDS,
    mailRatePerSecond: e.MAIL_RATE_PER_SECOND,
    mailClaimTimeoutSeconds: e.MAIL_CLAIM_TIMEOUT_SECONDS,
    mailRequestTimeoutMs: e.MAIL_REQUEST_TIMEOUT_MS,
    workerInWeb: e.WORKER_IN_WEB === 'true' || !e.DATABASE_URL,
    edgar: { userAgent: e.EDGAR_USER_AGENT ?? null, baseUrl: e.EDGAR_BASE_URL.replace(/\/+$/, ''), requestsPerSecond: e.EDGAR_REQUESTS_PER_SECOND },
    importMaxBytes: e.IMPORT_MAX_MEGABYTES * 1024 * 1024,
    seedDemo: !isProduction,
  }
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
