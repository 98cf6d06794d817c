import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, test } from 'vitest'
import { clusterTemplatePath, openPglite } from './pglite-cluster'

const dir = mkdtempSync(path.join(tmpdir(), 'quorum-cluster-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b])

async function tables(pglite: PGlite): Promise<string[]> {
  const { rows } = await pglite.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`)
  return rows.map((row) => row.name)
}

/** A template holding a table of its own, so a database made from it can be told apart from one made by initdb. */
async function writeMarkedTemplate(templatePath: string) {
  const source = new PGlite()
  await source.exec('create table made_from_template (id int)')
  await source.exec('checkpoint')
  writeFileSync(templatePath, Buffer.from(await (await source.dumpDataDir('gzip')).arrayBuffer()))
  await source.close()
}

describe('new embedded databases', () => {
  test('the template is kept per PGlite version in node_modules/.cache', () => {
    expect(clusterTemplatePath()).toMatch(/node_modules[/\\]\.cache[/\\]quorum[/\\]pglite-\d+\.\d+\.\d+-cluster\.tar\.gz$/)
  })

  test('the first new database leaves a template behind, and later ones start from it, each its own copy', async () => {
    const templatePath = path.join(dir, 'made.tar.gz')
    const first = await openPglite('memory://', templatePath)
    expect(readFileSync(templatePath).subarray(0, 2)).toEqual(GZIP_MAGIC)
    await first.exec('create table only_in_first (id int)')
    await first.close()

    await writeMarkedTemplate(templatePath)
    const [memory, directory] = await Promise.all([openPglite('memory://', templatePath), openPglite(path.join(dir, 'from-template'), templatePath)])
    expect(await tables(memory)).toEqual(['made_from_template'])
    expect(await tables(directory)).toEqual(['made_from_template'])
    await memory.exec('create table only_in_memory (id int)')
    expect(await tables(directory)).toEqual(['made_from_template'])
    await Promise.all([memory.close(), directory.close()])
  })

  test('an existing data directory opens as it was, never from the template', async () => {
    const templatePath = path.join(dir, 'existing.tar.gz')
    await writeMarkedTemplate(templatePath)
    const dataDir = path.join(dir, 'existing')
    const created = await openPglite(dataDir, templatePath)
    await created.exec(`create table kept (note text); insert into kept values ('still here')`)
    await created.close()

    const reopened = await openPglite(dataDir, templatePath)
    expect(await tables(reopened)).toEqual(['kept', 'made_from_template'])
    expect((await reopened.query<{ note: string }>('select note from kept')).rows).toEqual([{ note: 'still here' }])
    await reopened.close()
  })

  test('a damaged template is replaced, and the new database is made by initdb', async () => {
    const templatePath = path.join(dir, 'damaged.tar.gz')
    writeFileSync(templatePath, 'not a tarball')
    const dataDir = path.join(dir, 'after-damage')
    const pglite = await openPglite(dataDir, templatePath)
    expect(await tables(pglite)).toEqual([])
    await pglite.exec('create table works (id int)')
    await pglite.close()
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true)
    expect(readFileSync(templatePath).subarray(0, 2)).toEqual(GZIP_MAGIC)
  })
})
