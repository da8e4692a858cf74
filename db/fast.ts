// The two statements every inbound line runs (record it in the inbox; look back at what the
// speaker said a moment ago), as raw better-sqlite3 prepared statements: through kysely each costs
// a query build, a compile and the connection mutex (~25 µs), raw ~3 µs. SQLite only: other
// databases (PostgreSQL) have no engine registered here and take the kysely path in db/inbox.ts.
//
// The statements run on the same better-sqlite3 connection kysely uses, synchronously, so inside
// a kysely transaction they are part of it (same BEGIN … COMMIT).
import type SQLite from 'better-sqlite3'
import type { DB } from './connection.js'
import type { InboxRow } from './schema.js'

/** What the look-back needs of a line (no status, no error, no room: the key says the room). */
export type RecentLine = Pick<InboxRow, 'msg_id' | 'received_at' | 'kind' | 'text' | 'ticket_id'>

export interface FastInbox {
  /** Inserts the row unless its id is already there; true when it was new. */
  record(row: InboxRow): boolean
  /** Like listRecentFrom, with only the columns the look-back reads. Newest first, at most `limit`. */
  recentFrom(sender: string, roomId: number | null, since: number, limit: number): RecentLine[]
}

const engines = new WeakMap<DB, SQLite.Database>()
const prepared = new WeakMap<SQLite.Database, FastInbox>()

/** Called by openDatabase for SQLite: this kysely instance runs on that engine. */
export function registerEngine(db: DB, sqlite: SQLite.Database): void {
  engines.set(db, sqlite)
}

/** The fast statements for a database opened by openDatabase on SQLite; undefined otherwise. */
export function fastInbox(db: DB): FastInbox | undefined {
  const sqlite = engines.get(db)
  if (!sqlite || !sqlite.open) return undefined
  let fast = prepared.get(sqlite)
  if (!fast) prepared.set(sqlite, fast = prepare(sqlite))
  return fast
}

function prepare(sqlite: SQLite.Database): FastInbox {
  const insert = sqlite.prepare(
    'insert into "inbox" ("msg_id", "received_at", "room_id", "sender", "text", "kind", "status", "error", "ticket_id") '
    + 'values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict ("msg_id") do nothing',
  )
  const cols = '"msg_id", "received_at", "kind", "text", "ticket_id"'
  const inRoom = sqlite.prepare(
    `select ${cols} from "inbox" where "sender" = ? and "received_at" >= ? and "room_id" = ? order by "received_at" desc limit ?`,
  )
  const inPrivate = sqlite.prepare(
    `select ${cols} from "inbox" where "sender" = ? and "received_at" >= ? and "room_id" is null order by "received_at" desc limit ?`,
  )
  return {
    record(r) {
      return insert.run(r.msg_id, r.received_at, r.room_id, r.sender, r.text, r.kind, r.status, r.error, r.ticket_id).changes === 1
    },
    recentFrom(sender, roomId, since, limit) {
      return (roomId === null ? inPrivate.all(sender, since, limit) : inRoom.all(sender, since, roomId, limit)) as RecentLine[]
    },
  }
}
