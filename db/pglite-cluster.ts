import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'

// Opening PGlite on a new database runs initdb inside WebAssembly: 4–5 s, paid by every first
// start, every seed into an empty directory and every test file. The empty cluster initdb makes
// is the same each time for one PGlite version, so it is made once and kept in
// node_modules/.cache: a new data directory starts as a copy of it (about 1 s in all), an
// in-memory database from its tarball (PGlite's `loadDataDir`, also about 1 s).

/**
 * PGlite's own start-up parameters, plus wal_level=minimal: PGlite has no replication or
 * archiving, and at this level a table or index created or truncated by the transaction that
 * fills it (the bulk demo load, db/seed/demo-pledges.ts) is written without WAL.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0']

export interface ClusterTemplate {
  /** A cleanly shut down cluster, copied into each new data directory. */
  dir: string
  /** The same cluster as PGlite's gzipped tarball, for in-memory databases. */
  tarball: string
}

/** The template of this PGlite version, under node_modules/.cache like other tools' caches. */
export function clusterTemplate(): ClusterTemplate {
  const require = createRequire(import.meta.url)
  const entry = require.resolve('@electric-sql/pglite')
  const packageRoot = entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`))
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }
  const base = path.join(packageRoot, '..', '..', '.cache', 'quorum', `pglite-${version}-cluster`)
  return { dir: base, tarball: `${base}.tar.gz` }
}

/** `dir` is a directory, or 'memory://' for a throwaway in-memory database. */
export async function openPglite(dir: string, template = clusterTemplate()): Promise<PGlite> {
  const inMemory = dir.startsWith('memory://')
  const isNew = inMemory || !existsSync(dir) || readdirSync(dir).length === 0
  if (!isNew) return start({ dataDir: dir })

  try {
    await ensureTemplate(template)
  } catch {
    return start({ dataDir: dir }) // no template can be kept (a read-only node_modules): initdb, as without it
  }
  try {
    if (inMemory) return await start({ dataDir: dir, loadDataDir: new Blob([new Uint8Array(readFileSync(template.tarball))]) })
    copyCluster(template.dir, dir)
    return await start({ dataDir: dir })
  } catch {
    // A damaged template: this database is made by initdb, and the template again next time.
    discardTemplate(template)
    if (!inMemory) emptyDirectory(dir)
    return start({ dataDir: dir })
  }
}

/**
 * Into a directory that does not exist yet, the copy is made beside it and renamed, so that a
 * process killed halfway leaves no half cluster behind to be opened next time. An existing empty
 * directory (a mounted volume, say) is filled in place.
 */
function copyCluster(from: string, to: string) {
  if (existsSync(to)) return cpSync(from, to, { recursive: true })
  const partial = `${to}.${randomBytes(6).toString('hex')}.partial`
  try {
    cpSync(from, partial, { recursive: true })
    renameSync(partial, to)
  } finally {
    rmSync(partial, { recursive: true, force: true })
  }
}

/** Renamed away before it is deleted, so that no other process copies a template half gone. */
function discardTemplate(template: ClusterTemplate) {
  const doomed = `${template.dir}.${randomBytes(6).toString('hex')}.discarded`
  try {
    renameSync(template.dir, doomed)
  } catch {
    // Already discarded by another process.
  }
  rmSync(doomed, { recursive: true, force: true })
  rmSync(template.tarball, { force: true })
}

/** What a failed start left in a data directory, keeping the directory itself (it may be a mount point). */
function emptyDirectory(dir: string) {
  if (!existsSync(dir)) return
  for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true })
}

async function start(options: PGliteOptions): Promise<PGlite> {
  const pglite = new PGlite({ ...options, startParams: START_PARAMS })
  await pglite.waitReady
  return pglite
}

/**
 * Made beside their final names and renamed into place, so that a process never sees half a
 * template; when several make it at once (test workers), each rename leaves a whole one.
 */
async function ensureTemplate(template: ClusterTemplate) {
  if (existsSync(path.join(template.dir, 'PG_VERSION')) && existsSync(template.tarball)) return
  mkdirSync(path.dirname(template.dir), { recursive: true })
  const partial = `${template.dir}.${randomBytes(6).toString('hex')}.partial`
  try {
    const pglite = await start({ dataDir: partial })
    await pglite.exec('checkpoint') // everything initdb wrote, in the files before they are copied
    const tarball = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer())
    await pglite.close()
    writeFileSync(`${partial}.tar.gz`, tarball)
    renameSync(`${partial}.tar.gz`, template.tarball)
    try {
      renameSync(partial, template.dir)
    } catch (error) {
      if (!existsSync(path.join(template.dir, 'PG_VERSION'))) throw error
    }
  } finally {
    rmSync(partial, { recursive: true, force: true }) // left only when another process made the template first
    rmSync(`${partial}.tar.gz`, { force: true })
  }
}
