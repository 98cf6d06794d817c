import { createHash, randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { config } from '../../app/config.server'
import { PLEDGE_FORM_VERSION } from '../../app/schemas/pledge'
import { createDb } from '../../db/client.server'
import type { Db } from '../../db/schema'
import { startCpuMeter } from './cpu'
import { CAMPAIGN_SLUG, postgresDatabaseName, type QueueStatus, RESULT_PREFIX, type SqlBaselineResult } from './pledge-common'

// Child script of the pledge benchmark, run while the server is stopped (a PGlite directory has
// one owner), over the same kind of connection the server uses (createDb: PGlite behind a pool
// of one, or a pg.Pool of 10 on PostgreSQL). Prints one `BENCH_RESULT <json>` line.
//
//   baseline --count N --warmup W --concurrency C --prefix P
//     Inserts the rows one pledge writes, with plain SQL, N times (after W untimed), from C
//     concurrent workers; each pledge in its own transaction.
//   queue --prefix P --until ISO-TIME
//     Counts the email_queue rows of addresses starting with P by status (and those sent before
//     ISO-TIME, when the load stopped), then takes whatever
//     is still queued out of the queue, so that the next round starts with an empty one.

const hashOfNewToken = () => {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: createHash('sha256').update(token).digest() }
}

/** The rows recordPledge writes for a new address: 6 INSERTs (the 3 tokens in one) in one transaction. */
async function insertPledge(db: Db, campaignId: number, email: string, shares: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const supporter = await sql<{ id: string }>`insert into supporters (email) values (${email}) returning id`.execute(trx)
    const supporterId = supporter.rows[0]?.id
    const pledge = await sql<{ id: string }>`
      insert into pledges (campaign_id, supporter_id, intention, shares, holder_type, broker, show_name, form_version)
      values (${campaignId}, ${supporterId}, 'for', ${shares}, 'retail', 'Fidelity', false, ${PLEDGE_FORM_VERSION}) returning id`.execute(trx)
    const snapshot = { intention: 'for', shares: String(shares), holder_type: 'retail', broker: 'Fidelity', voted_at: null, show_name: false }
    await sql`
      insert into pledge_events (campaign_id, pledge_id, supporter_id, kind, actor, data)
      values (${campaignId}, ${pledge.rows[0]?.id}, ${supporterId}, 'created', 'supporter', ${JSON.stringify(snapshot)})`.execute(trx)
    await sql`insert into subscriptions (campaign_id, supporter_id, form_version) values (${campaignId}, ${supporterId}, ${PLEDGE_FORM_VERSION})`.execute(trx)
    const [confirm, manage, unsubscribe] = [hashOfNewToken(), hashOfNewToken(), hashOfNewToken()]
    await sql`
      insert into supporter_tokens (supporter_id, campaign_id, purpose, token_hash, expires_at) values
        (${supporterId}, null, 'confirm', ${confirm.hash}, now() + interval '7 days'),
        (${supporterId}, null, 'manage', ${manage.hash}, now() + interval '60 days'),
        (${supporterId}, ${campaignId}, 'unsubscribe', ${unsubscribe.hash}, now() + interval '400 days')`.execute(trx)
    const payload = {
      kind: 'confirm',
      signUp: 'pledge',
      pledge: { intention: 'for', shares: String(shares) },
      confirmToken: confirm.token,
      manageToken: manage.token,
      unsubscribeToken: unsubscribe.token,
    }
    await sql`
      insert into email_queue (kind, to_email, campaign_id, supporter_id, payload)
      values ('confirm', ${email}, ${campaignId}, ${supporterId}, ${JSON.stringify(payload)})`.execute(trx)
  })
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

async function baseline(db: Db, input: { count: number; warmup: number; concurrency: number; prefix: string }): Promise<SqlBaselineResult> {
  const campaign = await db.selectFrom('campaigns').select('id').where('slug', '=', CAMPAIGN_SLUG).executeTakeFirstOrThrow()
  let next = 0
  const latencies: number[] = []
  const work = async (upTo: number) => {
    for (let n = next++; n < upTo; n = next++) {
      const started = performance.now()
      await insertPledge(db, campaign.id, `${input.prefix}${n}@example.org`, 100 + n)
      latencies.push(performance.now() - started)
    }
  }
  const workers = (upTo: number) => Promise.all(Array.from({ length: input.concurrency }, () => work(upTo)))

  await workers(input.warmup)
  latencies.length = 0
  next = input.warmup
  const cpu = startCpuMeter(process.pid, config.database.kind === 'postgres' ? postgresDatabaseName(config.database.url) : undefined)
  const started = performance.now()
  await workers(input.warmup + input.count)
  const seconds = (performance.now() - started) / 1000
  const cpuUse = cpu()
  // These emails were never meant to go out: keep them out of the server's queue.
  await settleQueue(db, input.prefix, 'bench: plain-SQL baseline, not for sending')
  latencies.sort((a, b) => a - b)
  return {
    pledges: input.count,
    seconds,
    perSecond: input.count / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    cpu: cpuUse,
  }
}

async function settleQueue(db: Db, prefix: string, reason: string) {
  await db
    .updateTable('email_queue')
    .set({ status: 'failed', last_error: reason, payload: '{}' })
    .where(sql<boolean>`starts_with(to_email, ${prefix})`)
    .where('status', 'in', ['queued', 'sending'])
    .execute()
}

async function queueStatus(db: Db, prefix: string, until: Date): Promise<QueueStatus> {
  const byStatus = await db
    .selectFrom('email_queue')
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .where(sql<boolean>`starts_with(to_email, ${prefix})`)
    .groupBy('status')
    .execute()
  const sentUnderLoad = await db
    .selectFrom('email_queue')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where(sql<boolean>`starts_with(to_email, ${prefix})`)
    .where('status', '=', 'sent')
    .where('sent_at', '<=', until)
    .executeTakeFirstOrThrow()
  const pledges = await db
    .selectFrom('pledges')
    .innerJoin('supporters', 'supporters.id', 'pledges.supporter_id')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where(sql<boolean>`starts_with(supporters.email, ${prefix})`)
    .executeTakeFirstOrThrow()
  await settleQueue(db, prefix, 'bench: not sent before the end of its round')
  return {
    emails: Object.fromEntries(byStatus.map((row) => [row.status, Number(row.count)])),
    sentUnderLoad: Number(sentUnderLoad.count),
    pledgesStored: Number(pledges.count),
  }
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { count: { type: 'string' }, warmup: { type: 'string' }, concurrency: { type: 'string' }, prefix: { type: 'string' }, until: { type: 'string' } },
})
const prefix = values.prefix ?? ''
if (!/^[a-z0-9-]+$/.test(prefix)) throw new Error('--prefix takes lower-case letters, digits and dashes')
const database = await createDb(config.database)
try {
  const result =
    positionals[0] === 'baseline'
      ? await baseline(database.db, { count: Number(values.count), warmup: Number(values.warmup ?? 0), concurrency: Number(values.concurrency), prefix })
      : await queueStatus(database.db, prefix, new Date(values.until ?? Date.now()))
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`)
} finally {
  await database.close()
}
