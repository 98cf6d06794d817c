import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, test } from 'vitest'
import { type ClusterTemplate, clusterTemplate, openPglite } from './pglite-cluster'

const dir = mkdtempSync(path.join(tmpdir(), 'quorum-cluster-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b])

async function tables(pglite: PGlite): Promise<string[]> {
  const { rows } = await pglite.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`)
  return rows.map((row) => row.name)
}

function templateIn(name: string): ClusterTemplate {
  return { dir: path.join(dir, name), tarball: path.join(dir, `${name}.tar.gz`) }
}

/** A template holding a table of its own, so a database made from it can be told apart from one made by initdb. */
async function writeMarkedTemplate(template: ClusterTemplate) {
  rmSync(template.dir, { recursive: true, force: true })
  const source = new PGlite(template.dir)
  await source.exec('create table made_from_template (id int)')
  await source.exec('checkpoint')
  writeFileSync(template.tarball, Buffer.from(await (await source.dumpDataDir('gzip')).arrayBuffer()))
  await source.close()
}

describe('new embedded databases', () => {
  test('the template is kept per PGlite version in node_modules/.cache', () => {
    const template = clusterTemplate()
    expect(template.dir).toMatch(/node_modules[/\\]\.cache[/\\]quorum[/\\]pglite-\d+\.\d+\.\d+-cluster$/)
    expect(template.tarball).toBe(`${template.dir}.tar.gz`)
  })

  test('the first new database makes the template, and later ones start from it, each its own copy', async () => {
    const template = templateIn('made')
    const first = await openPglite('memory://', template)
    expect(readFileSync(template.tarball).subarray(0, 2)).toEqual(GZIP_MAGIC)
    expect(existsSync(path.join(template.dir, 'PG_VERSION'))).toBe(true)
    await first.exec('create table only_in_first (id int)')
    await first.close()

    await writeMarkedTemplate(template)
    const [memory, directory] = await Promise.all([openPglite('memory://', template), openPglite(path.join(dir, 'from-template'), template)])
    expect(await tables(memory)).toEqual(['made_from_template'])
    expect(await tables(directory)).toEqual(['made_from_template'])
    await memory.exec('create table only_in_memory (id int)')
    await directory.exec('create table only_in_directory (id int)')
    expect(await tables(memory)).toEqual(['made_from_template', 'only_in_memory'])
    expect(await tables(directory)).toEqual(['made_from_template', 'only_in_directory'])
    await Promise.all([memory.close(), directory.close()])
    const again = await openPglite(path.join(dir, 'from-template-again'), template)
    expect(await tables(again)).toEqual(['made_from_template'])
    await again.close()
  })

  test('an existing data directory opens as it was, never from the template', async () => {
    const template = templateIn('existing')
    await writeMarkedTemplate(template)
    const dataDir = path.join(dir, 'existing-data')
    const created = await openPglite(dataDir, template)
    await created.exec(`create table kept (note text); insert into kept values ('still here')`)
    await created.close()

    const reopened = await openPglite(dataDir, template)
    expect(await tables(reopened)).toEqual(['kept', 'made_from_template'])
    expect((await reopened.query<{ note: string }>('select note from kept')).rows).toEqual([{ note: 'still here' }])
    await reopened.close()
  })

  test('a damaged template is thrown away, the new database is made by initdb, and the next one makes a new template', async () => {
    const template = templateIn('damaged')
    for (const target of ['memory://', path.join(dir, 'after-damage')]) {
      mkdirSync(template.dir, { recursive: true })
      writeFileSync(path.join(template.dir, 'PG_VERSION'), 'not a cluster')
      writeFileSync(template.tarball, 'not a tarball')
      const pglite = await openPglite(target, template)
      expect(await tables(pglite)).toEqual([])
      await pglite.exec('create table works (id int)')
      await pglite.close()
      expect(existsSync(template.dir) || existsSync(template.tarball)).toBe(false)
    }
    expect(existsSync(path.join(dir, 'after-damage', 'PG_VERSION'))).toBe(true)
    const next = await openPglite('memory://', template)
    await next.close()
    expect(readFileSync(template.tarball).subarray(0, 2)).toEqual(GZIP_MAGIC)
  })
})
