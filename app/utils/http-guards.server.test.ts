import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { config } from '../config.server'
import { refuseCrossSitePosts } from './http-guards.server'

// The guard in front of Remix, in a real Express app with the server's proxy settings: what
// reaches the app is what Remix would see (its client address, Origin and X-Forwarded-Host).

const APP = new URL(config.appUrl)
const servers: http.Server[] = []

async function serve(trustProxy: false | number | string[]): Promise<number> {
  const app = express()
  app.set('trust proxy', trustProxy)
  app.use(refuseCrossSitePosts)
  app.all('*', (req, res) => res.json({ ip: req.ip, origin: req.headers.origin ?? null, forwardedHost: req.headers['x-forwarded-host'] ?? null }))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  servers.push(server)
  return (server.address() as AddressInfo).port
}

function send(port: number, input: { method?: string; path?: string; headers: Record<string, string> }): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method: input.method ?? 'POST', path: input.path ?? '/c/x/pledge', headers: { 'content-length': '0', ...input.headers } }, (response) => {
      let text = ''
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) as Record<string, unknown> }))
    })
    request.on('error', reject)
    request.end()
  })
}

let direct: number
let behindOneProxy: number
beforeAll(async () => {
  direct = await serve(false)
  behindOneProxy = await serve(['loopback'])
})
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve))
})

describe('POST origin checks and proxy trust', () => {
  test('a POST from Quorum’s own page, to the host it names, is let through', async () => {
    expect((await send(direct, { headers: { host: APP.host, origin: APP.origin } })).status).toBe(200)
    expect((await send(direct, { headers: { host: 'other.example:8080', origin: 'http://other.example:8080' } })).status).toBe(200) // its own origin, as a browser sends it
    expect((await send(direct, { headers: { host: APP.host } })).status).toBe(200) // no Origin: not from a page
  })

  test('an Origin of APP_URL arriving under another Host is a 403 with a reason, never passed on to fail in Remix', async () => {
    const response = await send(direct, { headers: { host: 'internal.example:3000', origin: APP.origin } })
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({ error: 'cross_site_request', message: expect.stringMatching(/reached another host name/) })
  })

  test('another site, an Origin of "null", a malformed Origin and a cross-site fetch are refused', async () => {
    const refused: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'not a url' }, { 'sec-fetch-site': 'cross-site' }]
    for (const headers of refused) {
      expect((await send(direct, { headers: { host: APP.host, ...headers } })).status, JSON.stringify(headers)).toBe(403)
    }
  })

  test('without TRUST_PROXY, X-Forwarded-For and X-Forwarded-Host are not believed', async () => {
    const response = await send(direct, { headers: { host: APP.host, origin: APP.origin, 'x-forwarded-for': '203.0.113.9', 'x-forwarded-host': 'evil.example' } })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ ip: '127.0.0.1', forwardedHost: null })
    // A rotating header changes nothing: every request is the same client for the limits.
    const ips = await Promise.all(['198.51.100.1', '198.51.100.2'].map((ip) => send(direct, { method: 'GET', headers: { 'x-forwarded-for': ip } })))
    expect(ips.map((r) => r.body.ip)).toEqual(['127.0.0.1', '127.0.0.1'])
  })

  test('behind a trusted proxy, its X-Forwarded-For and X-Forwarded-Host are used', async () => {
    const response = await send(behindOneProxy, { headers: { host: 'internal:3000', origin: APP.origin, 'x-forwarded-for': '203.0.113.9', 'x-forwarded-host': APP.host } })
    expect(response).toMatchObject({ status: 200, body: { ip: '203.0.113.9', forwardedHost: APP.host } })
    // The proxy's view of the host decides: an Origin for another host is still refused.
    expect((await send(behindOneProxy, { headers: { host: APP.host, origin: APP.origin, 'x-forwarded-host': 'elsewhere.example' } })).status).toBe(403)
  })

  test('one-click unsubscribe and the webhook are exempt, and Remix never sees their Origin', async () => {
    for (const path of ['/u/some-token', '/webhooks/resend']) {
      const response = await send(direct, { path, headers: { host: APP.host, origin: 'https://mail-provider.example' } })
      expect(response).toMatchObject({ status: 200, body: { origin: null } })
    }
  })
})
