import { spawn, spawnSync } from 'node:child_process'

// HTTP load with Debian's wrk: a C load generator that a bare node:http server cannot outrun on
// this machine, unlike autocannon (a Node process that saturates near 5,000 requests/s).

export interface WrkOptions {
  connections: number
  durationSeconds: number
  threads: number
  headers?: Record<string, string>
}

export interface WrkResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  requests: number
  /** Responses that were not 2xx or 3xx, and socket errors (connect, read, write, timeout). */
  failures: number
}

/** Stops with a clear message when wrk is not installed. */
export function requireWrk(): void {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' })
  if (probe.error) {
    throw new Error("The page benchmark needs wrk, an HTTP load generator, which is not installed: `apt-get install wrk` (Debian's package).")
  }
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }

function latencyMs(output: string, percentile: string): number {
  const match = output.match(new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm'))
  if (!match) throw new Error(`wrk printed no ${percentile}% latency:\n${output}`)
  return Number(match[1]) * UNIT_MS[match[2]!]!
}

export function parseWrkOutput(output: string): WrkResult {
  const rate = output.match(/^Requests\/sec:\s+([\d.]+)/m)
  const total = output.match(/^\s*(\d+) requests in/m)
  if (!rate || !total) throw new Error(`Could not read wrk's output:\n${output}`)
  const non2xx = Number(output.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0)
  const socket = output.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/)
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0
  return {
    requestsPerSecond: Number(rate[1]),
    p50Ms: latencyMs(output, '50'),
    p99Ms: latencyMs(output, '99'),
    requests: Number(total[1]),
    failures: non2xx + socketErrors,
  }
}

export function runWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`])
  const args = ['-t', String(options.threads), '-c', String(options.connections), '-d', `${options.durationSeconds}s`, '--latency', ...headerArgs, url]
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${output}`))
      try {
        resolve(parseWrkOutput(output))
      } catch (error) {
        reject(error)
      }
    })
  })
}
