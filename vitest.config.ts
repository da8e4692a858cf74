import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own Wechaty; files run in parallel workers, tests in a file in order.
    pool: 'forks',
  },
})
