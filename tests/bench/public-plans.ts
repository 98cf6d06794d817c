import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely'
import pg from 'pg'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { PGlite } from '@electric-sql/pglite'
import { getCampaignPage } from '../../app/models/campaign-page.server'
import { listPublicCampaigns } from '../../app/models/campaigns.server'
import '../../db/client.server' // its type parsers: dates stay YYYY-MM-DD
import type { Database } from '../../db/schema'
import { LIVE_SLUG } from '../../db/seed/demo'

// `tsx tests/bench/public-plans.ts` (DATABASE_URL, or PGLITE_DIR for an embedded database):
// every query the public pages make, with its plan as EXPLAIN ANALYZE gives it on that data.
// docs/architecture.md names the index each one uses.

const pool = process.env.DATABASE_URL
  ? new pg.Pool({ connectionString: process.env.DATABASE_URL })
  : new pg.Pool(createPgConfig(new PGlite(process.env.PGLITE_DIR ?? './data/pglite')))
const queries: CompiledQuery[] = []
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => void (event.level === 'query' && queries.push(event.query)),
})

await listPublicCampaigns(db)
await getCampaignPage(db, { slug: LIVE_SLUG, now: new Date() })
const { rows } = await pool.query<{ n: string }>('select count(*) as n from pledges')
console.log(`${Number(rows[0]!.n).toLocaleString('en-US')} pledges.\n`)
for (const query of new Map(queries.map((q) => [q.sql, q])).values()) {
  const plan = await pool.query(`explain (analyze, costs off, timing on) ${query.sql}`, [...query.parameters])
  console.log(query.sql)
  console.log(plan.rows.map((r: Record<string, string>) => `  ${r['QUERY PLAN']}`).join('\n'), '\n')
}
await db.destroy()
