import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { type FakeResend, startFakeResend } from '../fake-resend'
import { createCampaign } from '../helpers/fixtures'
import { createTestDatabase, testDatabaseUrl } from '../helpers/test-database'

// Every recipient gets exactly one message per update, while worker processes are killed with
// SIGKILL at random moments of the send, sometimes two run at once, and Resend answers 429, 500
// or too slowly now and then.

const RECIPIENTS = 2000
let handle: DatabaseHandle
let fake: FakeResend
const dataDir = mkdtempSync(path.join(tmpdir(), 'quorum-crash-'))

beforeAll(async () => {
  handle = await createTestDatabase({ kind: 'postgres' })
  fake = await startFakeResend()
})
afterAll(async () => {
  await handle?.close()
  await fake?.close()
})

function startWorker(): { child: ChildProcess; running: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/worker.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: testDatabaseUrl(handle),
      DATA_DIR: dataDir,
      SESSION_SECRET: 'crash-test-secret-shared-by-every-worker-0123456789',
      RESEND_API_KEY: 're_test_key',
      RESEND_BASE_URL: fake.url,
      MAIL_RATE_PER_SECOND: '200',
      MAIL_CLAIM_TIMEOUT_SECONDS: '1',
      MAIL_REQUEST_TIMEOUT_MS: '400',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const running = new Promise<void>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('worker running') && resolve())
    child.on('exit', () => resolve())
  })
  child.stderr!.on('data', () => {}) // killed mid-write is expected; nothing to report
  return { child, running }
}

async function kill(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function updateStatus(updateId: number) {
  return (await handle.db.selectFrom('updates').select('status').where('id', '=', updateId).executeTakeFirstOrThrow()).status
}

describe('the mailer under SIGKILL, on PostgreSQL', () => {
  test(`${RECIPIENTS} recipients: killed workers, two at once, 429/500/slow answers — each recipient gets one message`, async () => {
    const campaign = await createCampaign(handle.db)
    await sql`
      with s as (
        insert into supporters (email, confirmed_at)
        select 'crash-' || i || '@example.org', now() from generate_series(1, ${RECIPIENTS}::int) i returning id
      )
      insert into subscriptions (campaign_id, supporter_id, form_version) select ${campaign.id}::int, id, 'test' from s`.execute(handle.db)
    const update = await handle.db
      .insertInto('updates')
      .values({ campaign_id: campaign.id, kind: 'deadline_tomorrow', send_at: new Date(), subject: 'Vote tomorrow', body: 'Please vote.', status: 'scheduled' })
      .returning('id')
      .executeTakeFirstOrThrow()

    const faults = [{ kind: '429', retryAfterSeconds: 1 }, { kind: '500' }, { kind: 'slow', delayMs: 900 }] as const
    let kills = 0
    for (let round = 0; round < 20 && (await updateStatus(update.id)) !== 'sent'; round++) {
      fake.inject(faults[round % faults.length]!)
      const workers = Array.from({ length: round % 3 === 0 ? 2 : 1 }, startWorker)
      await Promise.all(workers.map((w) => w.running))
      await sleep(50 + Math.random() * 600)
      for (const w of workers) {
        await kill(w.child)
        kills++
      }
    }
    // Then one worker is left alone to finish whatever the killed ones left behind, without the
    // faults that were queued for workers killed before they met them.
    fake.clearFaults()
    const finisher = startWorker()
    const deadline = Date.now() + 180_000
    while ((await updateStatus(update.id)) !== 'sent' && Date.now() < deadline) await sleep(250)
    await kill(finisher.child)

    const left = await handle.db.selectFrom('deliveries').select(['status', 'attempts', 'retry_at', 'last_error']).where('update_id', '=', update.id).where('status', '!=', 'sent').limit(5).execute()
    expect(kills).toBeGreaterThan(10)
    expect(left, 'deliveries not sent at the end').toEqual([])
    expect(await updateStatus(update.id)).toBe('sent')
    const perRecipient = new Map<string, number>()
    for (const email of fake.emails) perRecipient.set(email.to[0]!, (perRecipient.get(email.to[0]!) ?? 0) + 1)
    expect(perRecipient.size).toBe(RECIPIENTS)
    expect([...perRecipient.entries()].filter(([, n]) => n !== 1)).toEqual([])
    expect(fake.requests.filter((r) => r.status === 409)).toEqual([]) // retries always carried the same bytes
    const unsent = await handle.db.selectFrom('deliveries').select('status').where('update_id', '=', update.id).where('status', '!=', 'sent').execute()
    expect(unsent).toEqual([])
    console.log(`crash test: ${kills} workers killed, ${fake.requests.length} requests to Resend, ${fake.emails.length} messages delivered`)
  })
})
