import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs'
import path from 'node:path'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { openPglite } from './pglite-cluster'
import type { Database, Db } from './schema'

// A `date` has no time zone: keep it as the 'YYYY-MM-DD' text Postgres sends, never a JS Date
// at some server's local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; maxConnections?: number }
  /** `dir` is a directory, or 'memory://' for a throwaway in-memory database. */
  | { kind: 'pglite'; dir: string }

export interface DatabaseHandle {
  db: Db
  kind: DatabaseTarget['kind']
  close(): Promise<void>
}

export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError'
}

/**
 * One code path for both databases: Kysely's PostgresDialect over a pg.Pool, connected either
 * to PostgreSQL or to embedded PGlite (a pool of one, through PGlite's node-postgres adapter).
 */
export async function createDb(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.maxConnections ?? 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }

  const inMemory = target.dir.startsWith('memory://')
  const releaseLock = inMemory ? () => {} : lockDataDirectory(target.dir)
  try {
    const pglite = await openPglite(target.dir)
    const pool = new pg.Pool(createPgConfig(pglite))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return {
      db,
      kind: 'pglite',
      async close() {
        await db.destroy()
        await pglite.close()
        releaseLock()
      },
    }
  } catch (error) {
    releaseLock()
    throw error
  }
}

/**
 * A PGlite data directory belongs to one process: two openers corrupt it. The lock file beside
 * the directory names the owner; a lock left by a process that is gone is taken over.
 */
function lockDataDirectory(dir: string): () => void {
  const resolved = path.resolve(dir)
  mkdirSync(path.dirname(resolved), { recursive: true })
  const lockPath = `${resolved}.lock`

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      const release = () => {
        process.off('exit', release)
        try {
          if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath)
        } catch {
          // Already gone: nothing to release.
        }
      }
      process.on('exit', release)
      return release
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10)
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new DatabaseInUseError(
          `The embedded database in ${resolved} is already open in another Quorum process (pid ${owner}). ` +
            'PGlite allows one process per data directory: stop that process first, point PGLITE_DIR ' +
            'elsewhere, or set DATABASE_URL to share a PostgreSQL server between processes.',
        )
      }
      unlinkSync(lockPath) // stale: its owner has exited
    }
  }
  throw new DatabaseInUseError(`Could not lock the embedded database directory ${resolved}.`)
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
