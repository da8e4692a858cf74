// `npx shuoshi migrate-db --from data/shuoshi.db --to postgres://…`: a village that ran on SQLite
// joins the county's PostgreSQL. Every table is copied with its ids (tickets keep their numbers,
// the outbox its order), the id sequences are moved past the copied ids, and each table's row
// count is checked. The target must be empty: this is a move, not a merge.
import { sql } from 'kysely'
import { isPostgresUrl, openDatabase, type DB } from './connection.js'
import type { Database } from './schema.js'
import { isFileDatabase } from './backup.js'
import fs from 'node:fs'

/** Parents before children (foreign keys). */
export const TABLES: (keyof Database)[] = [
  'villages', 'rooms', 'people', 'tickets', 'ticket_events', 'counters', 'inbox', 'outbox', 'job_runs',
  'attachments', 'ticket_reporters', 'duty_roster', 'announcements', 'presence', 'outages',
]
/** Tables whose `id` comes from a sequence on PostgreSQL. */
const WITH_ID = new Set<string>(['villages', 'rooms', 'people', 'tickets', 'ticket_events', 'outbox', 'attachments', 'ticket_reporters', 'announcements', 'outages'])
const BATCH = 500

export class CopyError extends Error {}

export interface CopyMessages {
  notSqlite: (from: string) => string
  noSource: (from: string) => string
  notPostgres: (to: string) => string
  notEmpty: (to: string, tables: string[]) => string
  mismatch: (table: string, from: number, to: number) => string
}

export interface CopiedTable {
  table: string
  rows: number
}

async function count(db: DB, table: keyof Database): Promise<number> {
  const row = await db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function copyDatabase(
  from: string, to: string, m: CopyMessages, progress: (t: CopiedTable) => void = () => undefined,
): Promise<CopiedTable[]> {
  if (!isFileDatabase(from)) throw new CopyError(m.notSqlite(from))
  if (!fs.existsSync(from)) throw new CopyError(m.noSource(from))
  if (!isPostgresUrl(to)) throw new CopyError(m.notPostgres(to))
  // Both brought up to the latest schema first, so the columns match.
  const source = await openDatabase(from)
  try {
    const target = await openDatabase(to)
    try {
      const used: string[] = []
      for (const t of TABLES) if (await count(target.db, t) > 0) used.push(t)
      if (used.length) throw new CopyError(m.notEmpty(to, used))
      const copied: CopiedTable[] = []
      // One transaction: a copy that fails half-way leaves the target empty, to be run again.
      await target.db.transaction().execute(async trx => {
        for (const table of TABLES) {
          const rows = await source.db.selectFrom(table).selectAll().execute() as Record<string, unknown>[]
          for (let i = 0; i < rows.length; i += BATCH) {
            await trx.insertInto(table).values(rows.slice(i, i + BATCH) as never).execute()
          }
          if (WITH_ID.has(table)) {
            // New rows continue after the copied ids.
            await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(trx)
          }
          const n = await count(trx, table)
          if (n !== rows.length) throw new CopyError(m.mismatch(table, rows.length, n))
          const done = { table, rows: n }
          copied.push(done)
          progress(done)
        }
      })
      return copied
    } finally {
      await target.close()
    }
  } finally {
    await source.close()
  }
}
