import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'

// One webhook request: a POST to the address that was checked (a fixed `lookup`, so no second
// DNS answer is used), with a timeout on the whole exchange, no redirects followed (node:http
// never follows them; a 3xx is a failed attempt) and at most a few bytes of the answer read.

const MAX_RESPONSE_BYTES = 1024

export type PostOutcome = { status: number; durationMs: number } | { status: null; error: string; durationMs: number }

export function postWebhook(input: { url: URL; address: string; family: 4 | 6; headers: Record<string, string>; body: string; timeoutMs: number }): Promise<PostOutcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const lookupChecked: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address: input.address, family: input.family }])
    else callback(null, input.address, input.family)
  }
  const client = input.url.protocol === 'https:' ? https : http
  return new Promise((resolve) => {
    let settled = false
    const finish = (outcome: PostOutcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(outcome)
    }
    const request = client.request(input.url, {
      method: 'POST',
      headers: { ...input.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(input.body)), 'user-agent': 'Quorum-Webhooks/1' },
      lookup: lookupChecked,
      agent: false,
    })
    const timer = setTimeout(() => {
      request.destroy()
      finish({ status: null, error: `No answer within ${input.timeoutMs / 1000} s.`, durationMs: elapsed() })
    }, input.timeoutMs)
    request.on('response', (response) => {
      let read = 0
      response.on('data', (chunk: Buffer) => {
        read += chunk.length
        // The status is all Quorum needs: a receiver that keeps talking is cut off.
        if (read > MAX_RESPONSE_BYTES) response.destroy()
      })
      const done = () => finish({ status: response.statusCode ?? 0, durationMs: elapsed() })
      response.on('end', done)
      response.on('close', done)
      response.on('error', done)
    })
    request.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, error: `${error.code ?? 'error'}: ${error.message}`.slice(0, 300), durationMs: elapsed() }))
    request.end(input.body)
  })
}
