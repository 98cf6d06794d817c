import { createDb } from '../../db/client.server'
import { migrateToLatest } from '../../db/migrate'
import { importThirteenFDataset } from '../../app/models/holder-imports.server'
import { createCampaign } from '../helpers/fixtures'

// One import of a Form 13F data set, as an organizer's upload runs it, in its own process so
// that its peak memory is its own: `tsx tests/bench/import-child.ts DIR CUSIP`. The database
// (embedded, in memory, or DATABASE_URL) is prepared before the clock starts. Prints JSON.

const [dir, cusip] = process.argv.slice(2)
const handle = await createDb(process.env.DATABASE_URL ? { kind: 'postgres', url: process.env.DATABASE_URL } : { kind: 'pglite', dir: 'memory://' })
await migrateToLatest(handle.db)
const campaign = await createCampaign(handle.db, { cusip: cusip!, company: 'Benchmark Co' })
const organizer = await handle.db.insertInto('organizers').values({ email: 'bench@example.org', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()
const rssBefore = process.memoryUsage().rss
let peak = rssBefore
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
const started = process.hrtime.bigint()
const result = await importThirteenFDataset(handle.db, { campaign, organizerId: organizer.id, files: { submission: `${dir}/SUBMISSION.tsv`, coverpage: `${dir}/COVERPAGE.tsv`, infotable: `${dir}/INFOTABLE.tsv` } })
const ms = Number(process.hrtime.bigint() - started) / 1e6
clearInterval(sampler)
const holders = await handle.db.selectFrom('holders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
await handle.close()
console.log(JSON.stringify({ ok: result.ok, message: result.ok ? result.message : result.formError, ms, holders: Number(holders.n), rssBeforeMB: rssBefore / 2 ** 20, peakRssMB: peak / 2 ** 20, maxRssMB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20 }))
