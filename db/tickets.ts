import type { DB } from './connection.js'
import type { NewTicket, NewTicketEvent, TicketEventRow, TicketRow, TicketStatus, TicketUpdate } from './schema.js'

/** Takes the next per-village number. UPDATE … RETURNING locks the counter row, so two writers never share a number. */
export async function nextTicketNo(db: DB, villageId: number): Promise<number> {
  const row = await db.updateTable('counters')
    .set(eb => ({ last_no: eb('last_no', '+', 1) }))
    .where('village_id', '=', villageId)
    .returning('last_no')
    .executeTakeFirstOrThrow()
  return row.last_no
}

export async function insertTicket(db: DB, t: NewTicket): Promise<TicketRow> {
  return db.insertInto('tickets').values(t).returningAll().executeTakeFirstOrThrow()
}

/** Numbers people type can be absurd (`办结 99999999999999999999`): PostgreSQL rejects an integer
 * parameter out of range, SQLite just finds nothing. Out of range is "no such ticket" on both. */
const MAX_INT = 2_147_483_647
const inRange = (n: number): boolean => Number.isInteger(n) && n >= -MAX_INT && n <= MAX_INT

export async function findTicketById(db: DB, id: number): Promise<TicketRow | undefined> {
  if (!inRange(id)) return undefined
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findTicketByNo(db: DB, villageId: number, no: number): Promise<TicketRow | undefined> {
  if (!inRange(no)) return undefined
  return db.selectFrom('tickets').selectAll().where('village_id', '=', villageId).where('no', '=', no).executeTakeFirst()
}

export async function findTicketBySourceMessage(db: DB, msgId: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('source_msg_id', '=', msgId).executeTakeFirst()
}

export async function updateTicket(db: DB, id: number, patch: TicketUpdate): Promise<void> {
  await db.updateTable('tickets').set(patch).where('id', '=', id).execute()
}

export async function insertEvent(db: DB, e: NewTicketEvent): Promise<void> {
  await db.insertInto('ticket_events').values(e).execute()
}

export async function listEvents(db: DB, ticketId: number): Promise<TicketEventRow[]> {
  return db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('at').orderBy('id').execute()
}

/** Oldest first; `limit` for lists people read (a backlog of thousands must not be loaded for 15 lines). */
export async function listTicketsByStatus(db: DB, villageId: number, statuses: readonly TicketStatus[], limit?: number): Promise<TicketRow[]> {
  let q = db.selectFrom('tickets').selectAll()
    .where('village_id', '=', villageId)
    .where('status', 'in', [...statuses])
    .orderBy('created_at')
    .orderBy('id')
  if (limit !== undefined) q = q.limit(limit)
  return q.execute()
}

export async function countTicketsByStatus(db: DB, villageId: number, statuses: readonly TicketStatus[]): Promise<number> {
  const row = await db.selectFrom('tickets').select(eb => eb.fn.countAll<number>().as('n'))
    .where('village_id', '=', villageId)
    .where('status', 'in', [...statuses])
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** The reporter's tickets waiting for 满意/不满意, newest first. */
export async function listAwaitingFeedback(db: DB, reporterId: number): Promise<TicketRow[]> {
  return db.selectFrom('tickets').selectAll()
    .where('reporter_id', '=', reporterId)
    .where('status', '=', 'resolved')
    .orderBy('resolved_at', 'desc')
    .execute()
}

export async function listFeedbackOverdue(db: DB, villageIds: number[], now: number): Promise<TicketRow[]> {
  if (villageIds.length === 0) return []
  return db.selectFrom('tickets').selectAll()
    .where('village_id', 'in', villageIds)
    .where('status', '=', 'resolved')
    .where('feedback_due_at', '<=', now)
    .orderBy('feedback_due_at')
    .execute()
}

/** Tickets linked to `ticketId` as duplicates (their reporters hear about the result too). */
export async function listDuplicatesOf(db: DB, ticketId: number): Promise<TicketRow[]> {
  return db.selectFrom('tickets').selectAll().where('duplicate_of', '=', ticketId).execute()
}

export async function listTicketsInRange(db: DB, villageId: number, from: number, to: number): Promise<TicketRow[]> {
  return db.selectFrom('tickets').selectAll()
    .where('village_id', '=', villageId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute()
}

/** Events of a village in [from, to), with the ticket's kind and privacy. */
export async function listVillageEventsInRange(db: DB, villageId: number, from: number, to: number) {
  return db.selectFrom('ticket_events')
    .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
    .select(['ticket_events.type', 'ticket_events.at', 'ticket_events.to_status', 'ticket_events.note', 'tickets.id as ticket_id', 'tickets.kind', 'tickets.private'])
    .where('tickets.village_id', '=', villageId)
    .where('ticket_events.at', '>=', from)
    .where('ticket_events.at', '<', to)
    .execute()
}
