import type { Kysely } from 'kysely'
import { afterAll, beforeAll } from 'vitest'
import { createResendTransport } from '../../app/mail/resend.server'
import type { DatabaseHandle } from '../../db/client.server'
import type { Database } from '../../db/schema'
import { type FakeResend, startFakeResend } from '../fake-resend'
import { createTestDatabase } from './test-database'

/**
 * For a test file that sends mail: a fresh migrated database and the fake Resend server, started
 * before the file's tests (and before the hooks it registers after this call) and closed after
 * them. Its fields are there once the tests run: read them in tests and hooks.
 */
export function setUpMailWorld() {
  let handle: DatabaseHandle | undefined
  let fake: FakeResend | undefined
  beforeAll(async () => {
    handle = await createTestDatabase()
    fake = await startFakeResend()
  })
  afterAll(async () => {
    await handle?.close()
    await fake?.close()
  })
  function started<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('The mail world starts in beforeAll: use it in tests and hooks.')
    return value
  }
  return {
    get db(): Kysely<Database> {
      return started(handle).db
    },
    get fake(): FakeResend {
      return started(fake)
    },
    /** The real Resend transport (through the SDK), sending to the fake server. */
    transport(options: { timeoutMs?: number } = {}) {
      return createResendTransport({ apiKey: 're_test_key', baseUrl: started(fake).url, ...options })
    },
  }
}
