import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Start-up test: web and worker processes started at the same moment on a fresh PostgreSQL,
// through their real entry points (the built server and `npm run worker`). Needs `npm run build`.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/start-up/**/*.test.ts'],
    setupFiles: ['tests/helpers/setup.ts'],
    env: { NODE_ENV: 'test' },
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
