import { type Kysely, type MigrationResultSet, Migrator, NO_MIGRATIONS } from 'kysely'
import { migrations } from './migrations/index'

function migratorFor(db: Kysely<any>): Migrator {
  // Numbers are handed out ahead of landing, so one may land after a higher one has run.
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true })
}

function unwrap(result: MigrationResultSet, what: string): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName
    const reason = result.error instanceof Error ? result.error.message : String(result.error)
    throw new Error(`${what} failed${failed ? ` at ${failed}` : ''}: ${reason}`, { cause: result.error })
  }
  return (result.results ?? []).map((r) => r.migrationName)
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return unwrap(await migratorFor(db).migrateToLatest(), 'Migration')
}

/** Reverts every migration (tests and `db:migrate -- --down-all` only). */
export async function migrateDownAll(db: Kysely<any>): Promise<string[]> {
  return unwrap(await migratorFor(db).migrateTo(NO_MIGRATIONS), 'Reverting migrations')
}
