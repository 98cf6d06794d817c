import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createDb, type DatabaseHandle } from '../../db/client.server'
import { migrateToLatest } from '../../db/migrate'

// Every test file gets a fresh, migrated database of its own: in-memory PGlite by default, or a
// new PostgreSQL database when QUORUM_TEST_DB=postgres (`npm run test:pg`), dropped afterwards.

export type TestDatabaseKind = 'pglite' | 'postgres'

export const testDatabaseKind: TestDatabaseKind = process.env.QUORUM_TEST_DB === 'postgres' ? 'postgres' : 'pglite'

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

const urls = new WeakMap<DatabaseHandle, string>()

/** The connection string of a PostgreSQL test database, for child processes. */
export function testDatabaseUrl(handle: DatabaseHandle): string {
  const url = urls.get(handle)
  if (!url) throw new Error('Only a PostgreSQL test database has a URL.')
  return url
}

export async function createTestDatabase(options: { migrate?: boolean; kind?: TestDatabaseKind } = {}): Promise<DatabaseHandle> {
  const kind = options.kind ?? testDatabaseKind
  const handle = kind === 'postgres' ? await createPostgresDatabase() : await createDb({ kind: 'pglite', dir: 'memory://' })
  if (options.migrate !== false) await migrateToLatest(handle.db)
  return handle
}

async function createPostgresDatabase(): Promise<DatabaseHandle> {
  const name = `quorum_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${adminUrl} (${(error as Error).message}). Start it ` +
        '(pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_DATABASE_URL.',
    )
  }
  await admin.query(`create database ${name}`)
  await admin.end()

  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const handle = await createDb({ kind: 'postgres', url: url.toString(), maxConnections: 20 })
  const wrapped: DatabaseHandle = {
    ...handle,
    async close() {
      await handle.close()
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      // pg-pool's end() resolves before its clients' sockets have closed: wait for them to go,
      // so that dropping the database never kills a connection still in use.
      for (let i = 0; i < 100; i++) {
        const { rows } = await cleanup.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])
        if (rows[0].n === 0) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
  urls.set(wrapped, url.toString())
  return wrapped
}
