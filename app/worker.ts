import { createDb, DatabaseInUseError } from '../db/client.server'
import { migrateToLatest } from '../db/migrate'
import { startUpLock } from '../db/start-up-lock'
import { config } from './config.server'
import { startMailJobs } from './mail/jobs.server'
import { defaultTransport } from './mail/default-transport.server'

// `npm run worker`: the mail jobs (sign-up emails, campaign updates) without the web server, for
// deployments that scale them apart. Needs PostgreSQL (DATABASE_URL): an embedded database
// belongs to the one process that opened it, so there the web process does this work itself.

if (config.database.kind === 'pglite') {
  console.error('npm run worker needs DATABASE_URL: with the embedded database, `npm start` already runs the worker in the web process.')
  process.exit(1)
}
const database = await createDb(config.database).catch((error: unknown) => {
  if (error instanceof DatabaseInUseError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
})
// Any number of web and worker processes may start at once: start-up's DDL takes turns.
const inTurn = startUpLock(database)
await inTurn(() => migrateToLatest(database.db))
const transport = defaultTransport(database.db)
const mailJobs = await startMailJobs(database.db, {
  work: true,
  transport,
  perSecond: config.mailRatePerSecond,
  claimTimeoutSeconds: config.mailClaimTimeoutSeconds,
  webhooks: config.webhooks,
  startUpLock: inTurn,
})
console.log(`Quorum worker running (sending through ${transport.name}, at most ${config.mailRatePerSecond} requests a second).`)

async function shutdown() {
  await mailJobs.stop()
  await database.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown())
process.on('SIGINT', () => void shutdown())
