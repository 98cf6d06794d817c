import { request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { refuseUnknownMethods } from './http-guards.server'

// The method guard in front of Remix, on a real HTTP server: fetch() cannot even send TRACE.

let server: Server
let port: number

beforeAll(async () => {
  const app = express()
  app.use(refuseUnknownMethods)
  app.all('*', (_req, res) => void res.send('reached the app'))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

function send(method: string): Promise<{ status: number; allow?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: '/', headers: { cookie: '__quorum_session=secret' } }, (res) => {
      let body = ''
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

test('TRACE and methods Quorum has no use for get a 405 with Allow and a JSON reason, never the app', async () => {
  for (const method of ['TRACE', 'PROPFIND', 'PURGE', 'LINK']) {
    const response = await send(method)
    expect(response.status, method).toBe(405)
    expect(response.allow).toBe('GET, HEAD, POST')
    expect(JSON.parse(response.body)).toMatchObject({ error: 'method_not_allowed' })
    expect(response.body).not.toContain('secret')
  }
})

test('the methods Remix answers pass through', async () => {
  for (const method of ['GET', 'POST', 'OPTIONS', 'DELETE']) expect((await send(method)).body, method).toBe('reached the app')
})
