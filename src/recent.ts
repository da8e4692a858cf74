// What each person said in each chat in the last few minutes, kept in memory so that looking back
// at a speaker's recent lines (a report told in pieces, a photo after a report) reads no rows.
//
// The inbox table stays the truth. A (speaker, chat) is loaded from it on first use (so after a
// restart the window is as complete as the table), then kept up to date by the pipeline as it
// records lines and by intake as it links lines to tickets, inside the same transaction. If a
// transaction rolls back, the pipeline clears everything and the next look-back reads the table
// again. An answer from memory equals listRecentFrom's for any `since` not older than what the
// key has pruned; an older `since` is read from the table.
import type { DB } from '../db/connection.js'
import type { FastInbox, RecentLine } from '../db/fast.js'
import { linkInboxTickets, listRecentFrom } from '../db/inbox.js'

/** listRecentFrom reads at most this many lines; so does the look-back from memory. */
export const LOOK_BACK_LINES = 20

interface Window {
  /** Newest first, at most LOOK_BACK_LINES, none older than `cutoff`. */
  lines: RecentLine[]
  /** Every inbox row of this key at or after this instant is in `lines` (up to the newest LOOK_BACK_LINES). */
  cutoff: number
}

export class RecentLines {
  private readonly windows = new Map<string, Window>()
  /** Line objects by message id, to record a ticket link on the line itself. */
  private readonly byMsg = new Map<string, RecentLine>()
  private newest = 0
  /** Reads answered from memory and from the table (for the benchmark and tests). */
  hits = 0
  loads = 0

  /**
   * @param horizonMs lines older than this (relative to the newest line of their key) are dropped;
   *   must exceed the longest look-back (MEDIA_WINDOW_MS) so that look-backs are answered here.
   * @param maxKeys beyond this many (speaker, chat) pairs, stale ones are dropped, then all.
   * @param fast raw statements on the connection the transactions run on (SQLite), if any.
   */
  constructor(private readonly fast?: FastInbox, private readonly horizonMs = 15 * 60_000, private readonly maxKeys = 5_000) {}

  /** This person's lines in this chat since `since`, newest first (listRecentFrom with fewer columns). */
  async list(db: DB, sender: string, roomId: number | null, since: number): Promise<RecentLine[]> {
    const key = keyOf(sender, roomId)
    const w = this.windows.get(key)
    if (w && since >= w.cutoff) {
      this.hits++
      return since === w.cutoff ? w.lines.slice() : w.lines.filter(l => l.received_at >= since)
    }
    this.loads++
    const lines = await readRecent(this.fast ?? db, sender, roomId, since)
    // Keep only a window at least as wide as one we already had, so memory never narrows below
    // what an earlier, later-starting look-back relied on (time may step back on the system clock).
    if (!w) {
      this.sweep()
      this.windows.set(key, { lines, cutoff: since })
      for (const l of lines) this.byMsg.set(l.msg_id, l)
    }
    return lines.slice()
  }

  /** The pipeline recorded this line (inside the transaction that handles it). */
  add(sender: string, roomId: number | null, row: RecentLine): void {
    if (row.received_at > this.newest) this.newest = row.received_at
    const w = this.windows.get(keyOf(sender, roomId))
    // Not loaded: the first look-back reads it from the table, this line included.
    if (!w) return
    // Only the columns a look-back reads (the caller may pass a whole inbox row).
    const line = lineOf(row)
    let i = 0
    while (i < w.lines.length && w.lines[i]!.received_at > line.received_at) i++
    w.lines.splice(i, 0, line)
    this.byMsg.set(line.msg_id, line)
    const cutoff = Math.max(w.cutoff, w.lines[0]!.received_at - this.horizonMs)
    // Dropping the oldest lines keeps the promise: every row at or after the cutoff, up to the newest N.
    while (w.lines.length > LOOK_BACK_LINES || (w.lines.length > 0 && w.lines[w.lines.length - 1]!.received_at < cutoff)) {
      this.byMsg.delete(w.lines.pop()!.msg_id)
    }
    w.cutoff = cutoff
  }

  /** Lines were linked to a ticket (the table is updated by the caller, in the same transaction). */
  linked(msgIds: readonly string[], ticketId: number): void {
    for (const id of msgIds) {
      const line = this.byMsg.get(id)
      if (line) line.ticket_id = ticketId
    }
  }

  /** After a rollback: memory may hold lines or links the table does not. */
  clear(): void {
    this.windows.clear()
    this.byMsg.clear()
  }

  get size(): number {
    return this.windows.size
  }

  private sweep(): void {
    if (this.windows.size < this.maxKeys) return
    const stale = this.newest - this.horizonMs
    for (const [key, w] of this.windows) {
      if (w.lines.length === 0 || w.lines[0]!.received_at < stale) {
        this.windows.delete(key)
        for (const l of w.lines) this.byMsg.delete(l.msg_id)
      }
    }
    if (this.windows.size >= this.maxKeys) this.clear()
  }
}

function keyOf(sender: string, roomId: number | null): string {
  return `${roomId ?? ''}\u0000${sender}`
}

/** The table read behind a look-back: raw statements on SQLite, kysely elsewhere. */
export async function readRecent(db: DB | FastInbox, sender: string, roomId: number | null, since: number): Promise<RecentLine[]> {
  if ('recentFrom' in db) return db.recentFrom(sender, roomId, since, LOOK_BACK_LINES)
  return (await listRecentFrom(db, sender, roomId, since)).map(lineOf)
}

/** The columns of an inbox row a look-back reads, as a line of its own. */
function lineOf(r: RecentLine): RecentLine {
  return { msg_id: r.msg_id, received_at: r.received_at, kind: r.kind, text: r.text, ticket_id: r.ticket_id }
}

/** Links inbox lines to a ticket, in the table and in the look-back memory. */
export async function linkLines(db: DB, recent: RecentLines | undefined, msgIds: string[], ticketId: number): Promise<void> {
  await linkInboxTickets(db, msgIds, ticketId)
  recent?.linked(msgIds, ticketId)
}
