// Opens the database named by SHUOSHI_DB (a file path for SQLite) and brings its schema up to date.
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect, type MigrationProvider, type SqliteDatabase } from 'kysely'
import { registerEngine } from './fast.js'
import { migrations } from './migrations/index.js'
import type { Database } from './schema.js'

export type DB = Kysely<Database>

export interface OpenedDatabase {
  db: DB
  /** The engine under kysely, for the few things kysely cannot do (online backup). */
  sqlite?: SQLite.Database
  url: string
  close(): Promise<void>
}

export function defaultDatabaseUrl(): string {
  return process.env['SHUOSHI_DB'] || './data/shuoshi.db'
}

export async function openDatabase(url = defaultDatabaseUrl()): Promise<OpenedDatabase> {
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

export async function migrate(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find(r => r.status === 'Error')
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : String(error)}`)
  }
}
