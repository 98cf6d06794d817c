import { parseArgs } from 'node:util'

// npm run bench -- [--only page|pledges|import|exports] [--pledges N] [--duration S] [--connections C] [--warmup S]
// BENCH_PLEDGES sets the number of pledges when --pledges is not given; DATABASE_URL selects
// PostgreSQL instead of a throwaway PGlite directory.

export const BENCHES = ['page', 'pledges', 'import', 'exports'] as const
export type BenchName = (typeof BENCHES)[number]

export interface BenchOptions {
  /** The benchmarks to run, in this order. */
  benches: BenchName[]
  pledges: number
  durationSeconds: number
  connections: number
  warmupSeconds: number
}

export const DEFAULTS = { pledges: 1_000_000, durationSeconds: 10, connections: 50, warmupSeconds: 3 }
/** The pledge benchmark alone needs no large database: the demo's default seed is enough. */
export const PLEDGES_ONLY_DEFAULT_SEED = 3000

function wholeNumber(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value.replaceAll('_', ''))
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} takes a whole number of at least ${min}, not "${value}".`)
  return n
}

function benchList(only: string | undefined): BenchName[] {
  if (only === undefined) return [...BENCHES]
  if (!(BENCHES as readonly string[]).includes(only)) throw new Error(`--only takes one of ${BENCHES.join(', ')}, not "${only}".`)
  return [only as BenchName]
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      pledges: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
    },
  })
  const benches = benchList(values.only)
  const defaultSeed = benches.includes('page') ? DEFAULTS.pledges : PLEDGES_ONLY_DEFAULT_SEED
  return {
    benches,
    pledges: wholeNumber('--pledges', values.pledges ?? env.BENCH_PLEDGES, defaultSeed, 0),
    durationSeconds: wholeNumber('--duration', values.duration, DEFAULTS.durationSeconds, 1),
    connections: wholeNumber('--connections', values.connections, DEFAULTS.connections, 1),
    warmupSeconds: wholeNumber('--warmup', values.warmup, DEFAULTS.warmupSeconds, 0),
  }
}

/** The command that reproduces a run, for the record (a database password is never shown). */
export function describeCommand(options: BenchOptions, databaseUrl: string | undefined): string {
  const args: string[] = []
  if (options.benches.length === 1) args.push(`--only ${options.benches[0]}`)
  args.push(`--pledges ${options.pledges}`)
  if (options.durationSeconds !== DEFAULTS.durationSeconds) args.push(`--duration ${options.durationSeconds}`)
  if (options.connections !== DEFAULTS.connections) args.push(`--connections ${options.connections}`)
  if (options.warmupSeconds !== DEFAULTS.warmupSeconds) args.push(`--warmup ${options.warmupSeconds}`)
  const prefix = databaseUrl ? `DATABASE_URL=${redactUrl(databaseUrl)} ` : ''
  return `${prefix}npm run bench -- ${args.join(' ')}`
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'postgres://…'
  }
}
