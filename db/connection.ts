// Opens the database named by SHUOSHI_DB and brings its schema up to date: a file path for
// SQLite (one village, embedded), or a postgres:// URL for a county (many bot processes, one
// ledger). The same queries run on both.
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider, type SqliteDatabase } from 'kysely'
import { registerEngine } from './fast.js'
import { migrations } from './migrations/index.js'
import type { Database } from './schema.js'

export type DB = Kysely<Database>

export interface OpenedDatabase {
  db: DB
  /** The engine under kysely, for the few things kysely cannot do (online backup). */
  sqlite?: SQLite.Database
  url: string
  engine: 'sqlite' | 'postgres'
  /**
   * Whether a transaction holds the database now (tests check that slow work happens outside).
   * On PostgreSQL the process's one connection is checked out: a transaction, or a query running.
   */
  inTransaction(): boolean
  close(): Promise<void>
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url)
}

/** The URL with its password hidden, for logs and doctor. */
export function displayUrl(url: string): string {
  return isPostgresUrl(url) ? url.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@') : url
}

export function defaultDatabaseUrl(): string {
  return process.env['SHUOSHI_DB'] || './data/shuoshi.db'
}

export async function openDatabase(url = defaultDatabaseUrl(), o: { migrate?: boolean } = {}): Promise<OpenedDatabase> {
  if (isPostgresUrl(url)) return openPostgres(url, o.migrate ?? true)
  if (url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true })
  const sqlite = new SQLite(url)
  // WAL lets readers (doctor, backup, export) work while the bot writes; NORMAL is durable
  // across process crashes, which is the failure we expect.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  registerEngine(db, sqlite)
  await migrate(db)
  return {
    db,
    sqlite,
    url,
    engine: 'sqlite',
    inTransaction: () => sqlite.inTransaction,
    close: async () => { await db.destroy() },
  }
}

/**
 * Instants and counts are int8 (bigint) on PostgreSQL, which pg hands back as strings to be safe
 * beyond 2^53; epoch milliseconds and row counts are far below that, so they come back as numbers
 * like on SQLite. numeric (sum/avg) likewise.
 */
const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
}

/**
 * `?schema=name` (ours, not libpq's) keeps a deployment, or a test, in its own schema of a shared
 * database; it is created if missing.
 */
export function parsePostgresUrl(url: string): { connectionString: string; schema: string | undefined } {
  const u = new URL(url)
  const schema = u.searchParams.get('schema') ?? undefined
  u.searchParams.delete('schema')
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name in database URL: ${schema}`)
  return { connectionString: u.toString(), schema }
}

export function postgresPool(url: string, max = 1): pg.Pool {
  const { connectionString, schema } = parsePostgresUrl(url)
  const pool = new pg.Pool({
    connectionString, max, types: PG_TYPES,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  // An idle connection dropped by the server must not take the process down; the next query reconnects.
  pool.on('error', err => process.stderr.write(`postgres: idle connection error: ${err.message}\n`))
  return pool
}

async function openPostgres(url: string, migrateIt: boolean): Promise<OpenedDatabase> {
  const { schema } = parsePostgresUrl(url)
  // One connection per process: transactions in a process run one after another, as on SQLite
  // (handlers were written for that); processes run side by side and meet in row locks.
  const pool = postgresPool(url, 1)
  if (schema && migrateIt) {
    try {
      await pool.query(`create schema if not exists ${schema}`)
    } catch (err) {
      // Two processes creating it at once: one wins, the other sees a unique violation.
      const exists = await pool.query('select 1 from pg_namespace where nspname = $1', [schema])
      if (exists.rowCount === 0) throw err
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  try {
    if (migrateIt) await migrate(db, schema ?? 'public')
    else await db.selectFrom('villages').select('id').limit(1).execute()
  } catch (err) {
    await db.destroy()
    throw err
  }
  return {
    db, url, engine: 'postgres',
    inTransaction: () => pool.totalCount - pool.idleCount > 0,
    close: async () => { await db.destroy() },
  }
}

/**
 * kysely prepares every query anew, and preparing costs more than running a small insert.
 * better-sqlite3 statements are reusable, so keep the recent ones (bounded: `IN (…)` lists make
 * many distinct texts). kysely runs one query at a time on its single connection, so a cached
 * statement is never busy when it is handed out again.
 */
export function withStatementCache(db: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql)
      if (stmt) return stmt
      stmt = db.prepare(sql)
      if (cache.size >= max) cache.delete(cache.keys().next().value!)
      cache.set(sql, stmt)
      return stmt
    },
  }
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** On PostgreSQL, name the schema: kysely otherwise finds its table in any schema of the database. */
export async function migrate(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find(r => r.status === 'Error')
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * Holds a PostgreSQL advisory lock named `key` for as long as this process lives (on a connection of
 * its own, which pooled connections are not). Two processes of one account with the same instance
 * name would each take the other's outbox claims for their own and send them twice; the second one
 * must not start. Returns undefined when another live process holds the lock; a killed process's
 * connection closes and frees it.
 */
export async function holdProcessLock(url: string, key: string): Promise<{ release(): Promise<void> } | undefined> {
  const { connectionString, schema } = parsePostgresUrl(url)
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    const res = await client.query('select pg_try_advisory_lock(hashtext($1)) as ok', [`shuoshi:${schema ?? 'public'}:${key}`])
    if (res.rows[0]?.ok === true) return { release: () => client.end() }
  } catch (err) {
    await client.end().catch(() => undefined)
    throw err
  }
  await client.end()
  return undefined
}
