import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startFakeResend } from '../fake-resend'
import { CHROMIUM_PATH } from './chromium'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    resendURL: string
    organizer: { email: string; password: string }
  }
}

const PORT = Number(process.env.E2E_PORT ?? 3200)

// Starts `node build/index.js` on a fresh embedded database, as a newcomer would run Quorum.
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\`.`)
  }
  if (!existsSync('build/index.js')) {
    throw new Error('Browser tests run against the built server: run `npm run build` first (npm run test:e2e does).')
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'quorum-e2e-'))
  const baseURL = `http://localhost:${PORT}`
  const pgliteDir = path.join(dataDir, 'pglite')
  // Email goes out through the real Resend SDK, to the fake Resend server.
  const resend = await startFakeResend({ apiKey: 're_e2e_key' })

  // The demo is loaded the way `npm run db:seed` does; the server then runs as in production
  // (which never seeds by itself and never shows a stack trace).
  const seed = spawnSync(process.execPath, ['--import', 'tsx', 'db/cli/seed.ts'], {
    env: { ...process.env, NODE_ENV: 'development', PGLITE_DIR: pgliteDir, DATABASE_URL: '', DATA_DIR: dataDir },
    encoding: 'utf8',
  })
  if (seed.status !== 0) throw new Error(`Seeding the demo failed:\n${seed.stdout}\n${seed.stderr}`)

  // An organizer, made the way an administrator makes one: the CLI, password on standard input.
  const organizer = { email: 'e2e-organizer@example.org', password: 'an e2e organizer passphrase' }
  const created = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'db/cli/create-organizer.ts', '--email', organizer.email, '--campaign', 'amazon-customer-due-diligence', '--role', 'owner'],
    { env: { ...process.env, NODE_ENV: 'development', PGLITE_DIR: pgliteDir, DATABASE_URL: '', DATA_DIR: dataDir }, input: `${organizer.password}\n`, encoding: 'utf8' },
  )
  if (created.status !== 0) throw new Error(`Creating the organizer failed:\n${created.stdout}\n${created.stderr}`)

  const server: ChildProcess = spawn(process.execPath, ['build/index.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      APP_URL: baseURL,
      SESSION_SECRET: 'e2e-session-secret-that-is-long-enough-0123456789',
      PGLITE_DIR: pgliteDir,
      DATABASE_URL: '',
      RESEND_API_KEY: 're_e2e_key',
      RESEND_BASE_URL: resend.url,
      MAIL_FROM: 'updates@quorum.example',
      // The webhooks test's receiver listens on 127.0.0.1.
      WEBHOOK_ALLOW_LOOPBACK: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout?.on('data', (chunk) => (output += chunk))
  server.stderr?.on('data', (chunk) => (output += chunk))

  const deadline = Date.now() + 60_000
  while (true) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}:\n${output}`)
    const healthy = await fetch(`${baseURL}/healthz`).then((r) => r.ok, () => false)
    if (healthy) break
    if (Date.now() > deadline) throw new Error(`The server did not answer /healthz within 60 s:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  project.provide('baseURL', baseURL)
  project.provide('resendURL', resend.url)
  project.provide('organizer', organizer)

  return async () => {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
    await resend.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
