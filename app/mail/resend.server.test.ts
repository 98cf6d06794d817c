import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { type FakeResend, startFakeResend } from '../../tests/fake-resend'
import { createResendTransport } from './resend.server'

// The Resend SDK, really sending over HTTP to the fake server through its base URL.

let fake: FakeResend
beforeAll(async () => {
  fake = await startFakeResend()
})
afterAll(async () => fake?.close())
beforeEach(() => fake.reset())

const email = {
  from: '"Campaign" <no-reply@quorum.invalid>',
  to: 'someone@example.org',
  subject: 'Confirm your pledge',
  html: '<p>Hello</p>',
  text: 'Hello',
  headers: { 'List-Unsubscribe': '<http://localhost/u/x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
}

describe('Resend transport', () => {
  test('sends through the SDK with the headers and the idempotency key, and returns Resend’s id', async () => {
    const transport = createResendTransport({ apiKey: 're_test_key', baseUrl: fake.url })
    const result = await transport.send({ ...email, idempotencyKey: 'delivery-1' })
    expect(result).toMatchObject({ ok: true, providerId: fake.emails[0]!.id })
    expect(fake.emails[0]).toMatchObject({ to: ['someone@example.org'], subject: 'Confirm your pledge', idempotencyKey: 'delivery-1', headers: email.headers })
  })

  test('a retry with the same key is accepted once: the provider keeps one message', async () => {
    const transport = createResendTransport({ apiKey: 're_test_key', baseUrl: fake.url })
    const first = await transport.send({ ...email, idempotencyKey: 'delivery-2' })
    const second = await transport.send({ ...email, idempotencyKey: 'delivery-2' })
    expect(first.ok && second.ok && first.providerId === second.providerId).toBe(true)
    expect(fake.emails).toHaveLength(1)
  })

  test('429 and 500 answers come back as failures with their status and headers', async () => {
    const transport = createResendTransport({ apiKey: 're_test_key', baseUrl: fake.url })
    fake.inject({ kind: '429', retryAfterSeconds: 3 })
    fake.inject({ kind: '500' })
    const limited = await transport.send(email)
    expect(limited).toMatchObject({ ok: false, status: 429, headers: { 'retry-after': '3' } })
    expect(await transport.send(email)).toMatchObject({ ok: false, status: 500 })
    expect(fake.emails).toHaveLength(0)
  })

  test('a wrong API key is refused', async () => {
    const transport = createResendTransport({ apiKey: 're_wrong', baseUrl: fake.url })
    expect(await transport.send(email)).toMatchObject({ ok: false, status: 401 })
  })
})
