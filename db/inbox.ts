import type { DB } from './connection.js'
import type { InboxRow } from './schema.js'

/** Inbound messages are kept by id so a redelivered one is recognised and skipped. */
export async function findInbox(db: DB, msgId: string): Promise<InboxRow | undefined> {
  return db.selectFrom('inbox').selectAll().where('msg_id', '=', msgId).executeTakeFirst()
}

export async function recordInbox(db: DB, row: InboxRow): Promise<void> {
  await db.insertInto('inbox').values(row).onConflict(oc => oc.column('msg_id').doNothing()).execute()
}

export async function linkInboxTicket(db: DB, msgId: string, ticketId: number): Promise<void> {
  await db.updateTable('inbox').set({ ticket_id: ticketId }).where('msg_id', '=', msgId).execute()
}

/** What one person said in one chat since `since`, newest first (for joining a report told in pieces). */
export async function listRecentFrom(db: DB, sender: string, roomId: number | null, since: number): Promise<InboxRow[]> {
  let q = db.selectFrom('inbox').selectAll()
    .where('sender', '=', sender)
    .where('received_at', '>=', since)
  q = roomId === null ? q.where('room_id', 'is', null) : q.where('room_id', '=', roomId)
  return q.orderBy('received_at', 'desc').limit(20).execute()
}

export async function linkInboxTickets(db: DB, msgIds: string[], ticketId: number): Promise<void> {
  if (msgIds.length === 0) return
  await db.updateTable('inbox').set({ ticket_id: ticketId }).where('msg_id', 'in', msgIds).execute()
}
