import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Domain and route tests. `npm test` runs them on embedded PGlite; `npm run test:pg` runs the
// same files against PostgreSQL (QUORUM_TEST_DB=postgres). Browser tests: tests/e2e.
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/helpers/setup.ts'],
    // A fixed webhook secret, so tests can sign Resend events the way Svix does.
    env: { NODE_ENV: 'test', RESEND_WEBHOOK_SECRET: 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
