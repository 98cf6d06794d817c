import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createOrganizer } from './organizers.server'
import { SIGN_IN_LIMITS, signIn } from './sign-in.server'

let handle: DatabaseHandle
const PASSWORD = 'correct horse battery staple'
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => handle?.close())

/** 60 sign-ins at once; a "wrong_credentials" answer means the password was really checked. */
async function burst(attempt: (i: number) => { email: string; clientIp: string }) {
  const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(handle.db, { ...attempt(i), password: `wrong guess ${i}` })))
  return { checked: outcomes.filter((o) => !o.ok && o.reason === 'wrong_credentials').length, throttled: outcomes.filter((o) => !o.ok && o.reason === 'throttled').length }
}

describe(`sign-in throttle on ${testDatabaseKind}`, () => {
  test('60 concurrent wrong passwords for one account from many addresses get at most 8 real checks', async () => {
    await createOrganizer(handle.db, { email: 'raced@example.org', password: PASSWORD })
    const { checked, throttled } = await burst((i) => ({ email: 'raced@example.org', clientIp: `203.0.113.${i}` }))
    expect(checked).toBe(SIGN_IN_LIMITS.account.limit)
    expect(throttled).toBe(60 - SIGN_IN_LIMITS.account.limit)
    // Even the right password waits out the window now.
    expect(await signIn(handle.db, { email: 'raced@example.org', password: PASSWORD, clientIp: '203.0.113.250' })).toMatchObject({ ok: false, reason: 'throttled' })
  })

  test('60 concurrent wrong passwords from one address across accounts get at most 20 real checks', async () => {
    const { checked } = await burst((i) => ({ email: `someone-${i}@example.org`, clientIp: '198.51.100.7' }))
    expect(checked).toBe(SIGN_IN_LIMITS.ip.limit)
  })

  test('a successful sign-in gives its count back: only failures use up the allowance', async () => {
    await createOrganizer(handle.db, { email: 'regular@example.org', password: PASSWORD })
    for (let i = 0; i < SIGN_IN_LIMITS.account.limit + 4; i++) {
      expect(await signIn(handle.db, { email: 'regular@example.org', password: PASSWORD, clientIp: '192.0.2.1' })).toMatchObject({ ok: true })
    }
    const row = await handle.db.selectFrom('rate_limits').select('points').where('key', '=', 'login:account:regular@example.org').executeTakeFirstOrThrow()
    expect(row.points).toBe(0)
  })
})
