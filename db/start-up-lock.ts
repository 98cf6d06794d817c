import { sql } from 'kysely'
import type { DatabaseHandle } from './client.server'

/** Runs `work` while no other Quorum process is in its start-up; returns what it returns. */
export type StartUpLock = <T>(work: () => Promise<T>) => Promise<T>

/** 'quorum' in ASCII: the one advisory lock key Quorum uses, for start-up. */
const START_UP_LOCK_KEY = 0x71756f72756d

/**
 * Any number of web and worker processes may start at the same moment on one PostgreSQL, and
 * start-up is DDL: migrations, pg-boss's schema and queues (each queue a partition), the demo on
 * an empty database. Concurrent DDL deadlocks (40P01) or fails on catalog unique indexes, so each
 * process takes its turn under one session-level advisory lock, held on a connection of its own
 * while `work` runs on the pool. Whoever comes second finds the work done and passes quickly.
 *
 * On PGlite there is one process and a pool of one connection (holding it would starve `work`),
 * so nothing is locked.
 */
export function startUpLock(handle: DatabaseHandle): StartUpLock {
  if (handle.kind === 'pglite') return (work) => work()
  return (work) =>
    handle.db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${START_UP_LOCK_KEY}::bigint)`.execute(connection)
      try {
        return await work()
      } finally {
        await sql`select pg_advisory_unlock(${START_UP_LOCK_KEY}::bigint)`.execute(connection)
      }
    })
}
