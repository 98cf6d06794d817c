import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, test } from 'vitest'
import { migrations } from '../../db/migrations/index'
import { createTestDatabase, testDatabaseUrl } from '../helpers/test-database'

// Any number of web and worker processes may start at the same moment on one PostgreSQL
// (DESIGN.md, "Growing past one machine"). Each round starts two web servers (the built
// `node build/index.js`, which also runs the mail worker) and two `npm run worker` processes at
// once on a fresh database: every one must come up, and stop cleanly on SIGTERM.

const ROUNDS = 10
const WEB = 2
const WORKERS = 2
const READY_TIMEOUT_MS = 120_000
const dataDir = mkdtempSync(path.join(tmpdir(), 'quorum-start-up-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

interface Started {
  name: string
  child: ChildProcess
  output: () => string
  /** Resolves with null once the process says it runs, or with its exit code if it exits first. */
  ready: Promise<number | null>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

function start(name: string, args: string[], env: NodeJS.ProcessEnv, readyLine: string): Started {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const ready = new Promise<number | null>((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(readyLine)) resolve(null)
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)))
    setTimeout(() => resolve(-1), READY_TIMEOUT_MS)
  })
  return { name, child, output: () => output, ready }
}

async function stop(started: Started): Promise<number | null> {
  if (started.child.exitCode !== null) return started.child.exitCode
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)))
  started.child.kill('SIGTERM')
  return exited
}

describe('start-up on PostgreSQL', () => {
  test(`${ROUNDS} rounds of ${WEB} web and ${WORKERS} worker processes started at once on a fresh database: all come up, none exits`, async () => {
    expect(existsSync('build/index.js'), 'the start-up test runs the built server: run `npm run build` first').toBe(true)
    for (let round = 1; round <= ROUNDS; round++) {
      const handle = await createTestDatabase({ kind: 'postgres', migrate: false })
      const env = {
        NODE_ENV: 'development' as const,
        DATABASE_URL: testDatabaseUrl(handle),
        DATA_DIR: dataDir,
        SESSION_SECRET: 'start-up-test-secret-shared-by-every-process-0123456789',
        HOST: '127.0.0.1',
      }
      const ports = await Promise.all(Array.from({ length: WEB }, freePort))
      const processes = [
        ...ports.map((port, i) => start(`web ${i + 1}`, ['build/index.js'], { ...env, PORT: String(port) }, 'Quorum is running')),
        ...Array.from({ length: WORKERS }, (_, i) => start(`worker ${i + 1}`, ['--import', 'tsx', 'app/worker.ts'], env, 'Quorum worker running')),
      ]
      try {
        const outcomes = await Promise.all(processes.map((p) => p.ready))
        outcomes.forEach((outcome, i) => {
          const p = processes[i]!
          const what = outcome === -1 ? 'did not come up in time' : `exited with code ${outcome} before it came up`
          expect(outcome, `round ${round}: ${p.name} ${what}:\n${p.output()}`).toBeNull()
        })
        // Start-up's work was done once, completely: every migration, every queue, one demo.
        const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(handle.db)
        expect(applied.rows[0]!.n).toBe(Object.keys(migrations).length)
        const queues = await sql<{ name: string }>`select name from pgboss.queue order by name`.execute(handle.db)
        expect(queues.rows.map((q) => q.name)).toEqual(expect.arrayContaining(['housekeeping', 'mailer', 'sign-up-emails']))
        const campaigns = await handle.db.selectFrom('campaigns').select('slug').execute()
        expect(campaigns.length, `round ${round}: the demo was loaded once`).toBe(2)
      } finally {
        const codes = await Promise.all(processes.map(stop))
        codes.forEach((code, i) => expect(code, `round ${round}: ${processes[i]!.name} stopped with code ${code}:\n${processes[i]!.output()}`).toBe(0))
        await handle.close()
      }
    }
  })
})
