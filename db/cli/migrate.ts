import { config } from '../../app/config.server'
import { createDb } from '../client.server'
import { migrateDownAll, migrateToLatest } from '../migrate'

// npm run db:migrate              apply every pending migration
// npm run db:migrate -- --down-all revert them all (drops every table: development only)

const downAll = process.argv.includes('--down-all')
if (downAll && config.isProduction) {
  console.error('Refusing to revert every migration with NODE_ENV=production.')
  process.exit(1)
}

const database = await createDb(config.database)
try {
  const names = downAll ? await migrateDownAll(database.db) : await migrateToLatest(database.db)
  if (names.length === 0) console.log('The database is up to date.')
  for (const name of names) console.log(`${downAll ? 'Reverted' : 'Applied'} ${name}`)
} finally {
  await database.close()
}
