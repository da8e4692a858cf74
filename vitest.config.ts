import { defineConfig } from 'vitest/config'

// The suite runs on SQLite always, and a second time on PostgreSQL when SHUOSHI_TEST_PG names a
// server (`.ci/run` starts one; README "开发"): each file then gets its own database.
const pg = process.env['SHUOSHI_TEST_PG']

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own Wechaty; files run in parallel workers, tests in a file in order.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      ...(pg
        ? [{
            extends: true as const,
            test: {
              name: 'postgres', include: ['test/**/*.test.ts'], setupFiles: ['test/pg-setup.ts'], env: { SHUOSHI_TEST_ENGINE: 'postgres' },
              // Every statement is a round trip to the server: days on the virtual clock take longer than on SQLite.
              testTimeout: 360_000, hookTimeout: 360_000,
            },
          }]
        : []),
    ],
  },
})
