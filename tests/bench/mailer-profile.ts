import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from '../../db/schema'
import { createTestDatabase, testDatabaseUrl } from '../helpers/test-database'
import { campaignWithSubscribers, insertDueUpdate } from './mail-audience'

// npx tsx tests/bench/mailer-profile.ts [--recipients 100000] [--batches 200]
//
// Where a mailer round's time goes, without HTTP or a rate limit: the audience of one update is
// frozen, then batches are claimed and sent in one process (claimBatch + sendBatch, as
// mailerRound does) through a transport that accepts at once. Every SQL statement is timed
// (Kysely's log hook) and grouped by its text; the JavaScript left over is the rendering,
// personalisation and hashing. Needs PostgreSQL, like tests/bench/mailer.ts.

const { values } = parseArgs({ args: process.argv.slice(2), options: { recipients: { type: 'string', default: '100000' }, batches: { type: 'string', default: '200' } } })
const N = Number(values.recipients)
const BATCHES = Number(values.batches)

process.env.NODE_ENV = 'production'
process.env.APP_URL = 'https://quorum.example.org'
process.env.SESSION_SECRET = 'bench-mailer-secret-0123456789abcdef0123456789abcdef'
process.env.MAIL_FROM = 'updates@quorum.example.org'
process.env.MAIL_TRANSPORT = 'outbox' // the benchmark hands its own transport to sendBatch
delete process.env.DATABASE_URL
const { claimBatch, sendBatch } = await import('../../app/mail/deliveries.server')
const { startDueUpdates } = await import('../../app/mail/mailer.server')
type Transport = Parameters<typeof sendBatch>[1]

const handle = await createTestDatabase({ kind: 'postgres' })
const byStatement = new Map<string, { n: number; ms: number }>()
let recording = false
const pool = new pg.Pool({ connectionString: testDatabaseUrl(handle), max: 10 })
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log(event) {
    if (!recording || event.level !== 'query') return
    const key = event.query.sql.replace(/\s+/g, ' ').trim().slice(0, 90)
    const entry = byStatement.get(key) ?? { n: 0, ms: 0 }
    entry.n++
    entry.ms += event.queryDurationMillis
    byStatement.set(key, entry)
  },
})

let jsonBytes = 0
const transport: Transport = {
  name: 'resend',
  send: async () => ({ ok: true, providerId: 'x' }),
  async sendBatch(emails) {
    jsonBytes += JSON.stringify(emails).length // what the SDK would serialise
    return { ok: true, providerIds: emails.map(() => randomUUID()), headers: {} }
  },
}

try {
  const campaign = await campaignWithSubscribers(db, { n: N, emailPrefix: 'prof' })
  await sql`analyze`.execute(db)
  const update = await insertDueUpdate(db, { campaignId: campaign.id, body: 'Please vote.\n\n'.repeat(5) })
  let t = performance.now()
  await startDueUpdates(db)
  console.log(`freeze of ${N} rows: ${(performance.now() - t).toFixed(0)} ms`)

  // One warm-up batch (renders the update once), then the measured ones.
  await sendBatch(db, transport, (await claimBatch(db, { updateId: update.id }))!)
  recording = true
  jsonBytes = 0
  t = performance.now()
  const cpu = process.cpuUsage()
  let sent = 0
  for (let i = 0; i < BATCHES; i++) {
    const batch = await claimBatch(db, { updateId: update.id })
    if (!batch) break
    await sendBatch(db, transport, batch)
    sent++
  }
  const wall = performance.now() - t
  const used = process.cpuUsage(cpu)
  recording = false
  const sqlMs = [...byStatement.values()].reduce((a, e) => a + e.ms, 0)
  console.log(`${sent} batches of 100 in ${wall.toFixed(0)} ms: ${(wall / sent).toFixed(1)} ms a batch, ${((sent * 100) / (wall / 1000)).toFixed(0)} emails/s`)
  console.log(`this process's CPU: ${((used.user + used.system) / 1000 / sent).toFixed(1)} ms a batch; SQL (wall, round trips included): ${(sqlMs / sent).toFixed(1)} ms a batch; request body ${(jsonBytes / sent / 1024).toFixed(0)} KiB a batch`)
  console.log('\n| ms a batch | calls a batch | statement |\n| ---: | ---: | --- |')
  for (const [key, e] of [...byStatement.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`| ${(e.ms / sent).toFixed(2)} | ${(e.n / sent).toFixed(1)} | \`${key}\` |`)
  }
} finally {
  await db.destroy()
  await handle.close()
}
