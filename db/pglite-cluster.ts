import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'

// Opening PGlite on a new database runs initdb inside WebAssembly: 4–5 s, paid by every first
// start, every seed into an empty directory and every test file. The empty cluster initdb makes
// is the same each time for one PGlite version, so it is made once, kept as a tarball in
// node_modules/.cache, and unpacked (about 1 s) for each new database instead.

/**
 * PGlite's own start-up parameters, plus wal_level=minimal: PGlite has no replication or
 * archiving, and at this level an index built in the transaction that creates it (the bulk
 * seed's rebuilt indexes) writes no WAL.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0']

/** The cache file for this PGlite version, under node_modules/.cache like other tools' caches. */
export function clusterTemplatePath(): string {
  const require = createRequire(import.meta.url)
  const entry = require.resolve('@electric-sql/pglite')
  const packageRoot = entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`))
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }
  return path.join(packageRoot, '..', '..', '.cache', 'quorum', `pglite-${version}-cluster.tar.gz`)
}

/** `dir` is a directory, or 'memory://' for a throwaway in-memory database. */
export async function openPglite(dir: string, templatePath = clusterTemplatePath()): Promise<PGlite> {
  const inMemory = dir.startsWith('memory://')
  const isNew = inMemory || !existsSync(dir) || readdirSync(dir).length === 0
  if (!isNew) return ready(new PGlite({ dataDir: dir, startParams: START_PARAMS }))

  const template = readTemplate(templatePath)
  if (template) {
    try {
      return await ready(new PGlite({ dataDir: dir, loadDataDir: new Blob([new Uint8Array(template)]), startParams: START_PARAMS }))
    } catch {
      // A damaged template: forget it and make the cluster (and a new template) the slow way.
      rmSync(templatePath, { force: true })
      if (!inMemory) rmSync(dir, { recursive: true, force: true })
    }
  }
  const pglite = await ready(new PGlite({ dataDir: dir, startParams: START_PARAMS }))
  await saveTemplate(pglite, templatePath)
  return pglite
}

async function ready(pglite: PGlite): Promise<PGlite> {
  await pglite.waitReady
  return pglite
}

function readTemplate(templatePath: string): Buffer | null {
  try {
    return readFileSync(templatePath)
  } catch {
    return null
  }
}

/** Written beside its final name and renamed, so that a process reading it never sees half a file. */
async function saveTemplate(pglite: PGlite, templatePath: string) {
  try {
    await pglite.exec('checkpoint') // everything initdb wrote, on disk before it is copied
    const tarball = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer())
    mkdirSync(path.dirname(templatePath), { recursive: true })
    const partial = `${templatePath}.${process.pid}.partial`
    writeFileSync(partial, tarball)
    renameSync(partial, templatePath)
  } catch {
    // A read-only node_modules: every new database runs initdb, as without the cache.
  }
}
