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
