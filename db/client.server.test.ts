import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createDb, DatabaseInUseError } from './client.server'

const dir = mkdtempSync(path.join(tmpdir(), 'quorum-lock-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Opens the PGlite directory in another process and keeps it open until killed. */
function holdInAnotherProcess(dataDir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./db/client.server.ts').then(async (m) => { await m.createDb({ kind: 'pglite', dir: ${JSON.stringify(dataDir)} }); console.log('open'); setInterval(() => {}, 1000) })`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const opened = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve())
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)))
  })
  return { child, opened }
}

describe('embedded database directory', () => {
  test('a second process gets a clear error, and the directory opens again once the first has gone', async () => {
    const dataDir = path.join(dir, 'pglite')
    const holder = holdInAnotherProcess(dataDir)
    await holder.opened
    try {
      const error = await createDb({ kind: 'pglite', dir: dataDir }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DatabaseInUseError)
      expect((error as Error).message).toMatch(/already open in another Quorum process \(pid \d+\)/)
    } finally {
      const exited = new Promise((resolve) => holder.child.on('exit', resolve))
      holder.child.kill('SIGKILL') // even a killed owner leaves a lock that can be taken over
      await exited
    }
    const reopened = await createDb({ kind: 'pglite', dir: dataDir })
    await reopened.close()
  })
})
