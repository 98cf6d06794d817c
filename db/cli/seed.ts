import { parseArgs } from 'node:util'
import { z } from 'zod'
import { config } from '../../app/config.server'
import { createDb } from '../client.server'
import { migrateToLatest } from '../migrate'
import { DEFAULT_DEMO_PLEDGES, seedDemo } from '../seed/demo'
import { createProgressReporter } from './progress'

// npm run db:seed                     load or refresh the demo (idempotent)
// npm run db:seed -- --pledges 1000000  with that many synthetic pledges (for benchmarks)

const { values } = parseArgs({ options: { pledges: { type: 'string' } } })
const pledges = z.coerce
  .number({ invalid_type_error: '--pledges takes a whole number, e.g. --pledges 100000' })
  .int('--pledges takes a whole number, e.g. --pledges 100000')
  .min(0)
  .max(20_000_000)
  .safeParse(values.pledges ?? DEFAULT_DEMO_PLEDGES)
if (!pledges.success) {
  console.error(pledges.error.issues[0]?.message)
  process.exit(1)
}
if (config.isProduction) {
  console.error('The demo is never loaded in production (NODE_ENV=production).')
  process.exit(1)
}

const database = await createDb(config.database)
try {
  await migrateToLatest(database.db)
  const started = Date.now()
  const result = await seedDemo(database.db, { pledges: pledges.data, onProgress: createProgressReporter(process.stdout) })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const pledgeNote = result.pledgesChanged ? `${result.demoPledges} synthetic pledges written` : `${result.demoPledges} synthetic pledges already there`
  console.log(`Demo loaded in ${seconds} s: ${result.campaigns.join(', ')}; ${pledgeNote}.`)
} finally {
  await database.close()
}
