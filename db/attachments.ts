import type { DB } from './connection.js'
import type { AttachmentRow, AttachmentTable } from './schema.js'
import type { Insertable } from 'kysely'

export async function insertAttachment(db: DB, row: Insertable<AttachmentTable>): Promise<AttachmentRow> {
  return db.insertInto('attachments').values(row)
    // A redelivered or retried message writes the same file again; keep one row.
    .onConflict(oc => oc.column('msg_id').doUpdateSet({ ticket_id: row.ticket_id ?? null }))
    .returningAll().executeTakeFirstOrThrow()
}

export async function listAttachments(db: DB, ticketId: number): Promise<AttachmentRow[]> {
  return db.selectFrom('attachments').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute()
}

/** Photos this person sent in this chat since `since` that no ticket has taken yet. */
export async function listWaitingAttachments(db: DB, personId: number, roomId: number | null, since: number): Promise<AttachmentRow[]> {
  let q = db.selectFrom('attachments').selectAll()
    .where('person_id', '=', personId)
    .where('ticket_id', 'is', null)
    .where('created_at', '>=', since)
  q = roomId === null ? q.where('room_id', 'is', null) : q.where('room_id', '=', roomId)
  return q.orderBy('created_at').execute()
}

export async function setAttachmentTicket(db: DB, ids: number[], ticketId: number): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('attachments').set({ ticket_id: ticketId }).where('id', 'in', ids).execute()
}

/** Photos that waited longer than a report could take to come. */
/** Photos that waited in vain, sent in these rooms or privately (the process holding the files). */
export async function listStaleAttachments(db: DB, roomIds: number[], before: number): Promise<AttachmentRow[]> {
  return db.selectFrom('attachments').selectAll().where('ticket_id', 'is', null).where('created_at', '<', before)
    .where(eb => roomIds.length ? eb.or([eb('room_id', 'is', null), eb('room_id', 'in', roomIds)]) : eb('room_id', 'is', null))
    .execute()
}

export async function findAttachmentByMessage(db: DB, msgId: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('msg_id', '=', msgId).executeTakeFirst()
}

export async function deleteAttachment(db: DB, id: number): Promise<void> {
  await db.deleteFrom('attachments').where('id', '=', id).execute()
}
