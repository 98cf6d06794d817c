import autocannon from 'autocannon'

// Load generation with autocannon: a warm-up whose results are thrown away, then the measured run.

export interface LoadOptions {
  connections: number
  durationSeconds: number
  warmupSeconds: number
}

export interface Measurement {
  url: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Bytes received per response, headers included. */
  bytesPerResponse: number
  responses: number
  non2xx: number
  errors: number
}

function fire(url: string, connections: number, duration: number): Promise<autocannon.Result> {
  // No Accept-Encoding header: both targets are sent uncompressed, byte for byte the same size.
  return autocannon({ url, connections, duration })
}

export async function measure(url: string, options: LoadOptions): Promise<Measurement> {
  if (options.warmupSeconds > 0) await fire(url, options.connections, options.warmupSeconds)
  const result = await fire(url, options.connections, options.durationSeconds)
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']
  return {
    url,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    bytesPerResponse: responses > 0 ? Math.round(result.throughput.total / responses) : 0,
    responses,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

/** The better of several runs of the same target: the one with the higher throughput. */
export function best(runs: Measurement[]): Measurement {
  const [first, ...rest] = runs
  if (!first) throw new Error('No runs to choose from.')
  return rest.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a), first)
}
