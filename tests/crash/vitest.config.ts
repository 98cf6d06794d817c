import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Crash tests: real worker processes on PostgreSQL, killed with SIGKILL at random moments.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/crash/**/*.test.ts'],
    setupFiles: ['tests/helpers/setup.ts'],
    env: { NODE_ENV: 'test' },
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
