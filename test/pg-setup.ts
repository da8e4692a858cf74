// The PostgreSQL run of the suite (SHUOSHI_TEST_PG, see vitest.config.ts): every test file gets a
// database of its own, created before its tests and dropped after them; each bot a test starts
// without a database of its own gets a fresh schema in it (test/helpers.ts).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'

const server = process.env['SHUOSHI_TEST_PG']
if (!server) throw new Error('test/pg-setup.ts needs SHUOSHI_TEST_PG (a PostgreSQL server URL)')
const name = `shuoshi_t_${process.pid}_${randomBytes(4).toString('hex')}`

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: server })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

beforeAll(async () => {
  await admin(c => c.query(`create database ${name}`))
  const u = new URL(server)
  u.pathname = `/${name}`
  process.env['SHUOSHI_TEST_DB'] = u.toString()
})

afterAll(async () => {
  // FORCE: a bot a failed test left running must not keep the database alive.
  await admin(c => c.query(`drop database if exists ${name} with (force)`))
})
