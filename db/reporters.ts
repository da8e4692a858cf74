import type { DB } from './connection.js'
import type { TicketReporterRow, TicketRow } from './schema.js'
import { OPEN_STATUSES } from '../src/domain/status.js'

/** Records another reporter of the same matter; a second report by the same person is not a second row. */
export async function addReporter(
  db: DB, row: { ticket_id: number; person_id: number; name: string; room_id: number | null; msg_id: string | null; at: number },
): Promise<void> {
  await db.insertInto('ticket_reporters').values(row).onConflict(oc => oc.columns(['ticket_id', 'person_id']).doNothing()).execute()
}

export async function listReporters(db: DB, ticketId: number): Promise<TicketReporterRow[]> {
  return db.selectFrom('ticket_reporters').selectAll().where('ticket_id', '=', ticketId).orderBy('at').orderBy('id').execute()
}

/** Open public reports of one category in a village since `since`, newest first: candidates for "the same matter". */
export async function listOpenReportsLike(db: DB, villageId: number, category: string, since: number): Promise<TicketRow[]> {
  return db.selectFrom('tickets').selectAll()
    .where('village_id', '=', villageId)
    .where('kind', '=', 'report')
    .where('private', '=', 0)
    .where('category', '=', category)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('created_at', '>=', since)
    .where('location', 'is not', null)
    .orderBy('created_at', 'desc')
    .execute()
}
