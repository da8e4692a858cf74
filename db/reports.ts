// Queries behind the digests and the ledger (台账). Portable kysely: no engine-specific SQL.
import type { DB } from './connection.js'
import type { TicketEventRow, TicketRow } from './schema.js'
import type { ReportEvent } from '../src/domain/digest.js'
import { OPEN_STATUSES } from '../src/domain/status.js'

/** Tickets of these villages created since `from`, plus every one still open (the backlog). */
export async function listReportTickets(db: DB, villageIds: number[], from: number): Promise<TicketRow[]> {
  if (villageIds.length === 0) return []
  return db.selectFrom('tickets').selectAll()
    .where('village_id', 'in', villageIds)
    .where(eb => eb.or([eb('created_at', '>=', from), eb('status', 'in', [...OPEN_STATUSES])]))
    .orderBy('created_at').orderBy('id')
    .execute()
}

/** Events of these villages' tickets in [from, to), with each ticket's creation time, village and room. */
export async function listReportEvents(db: DB, villageIds: number[], from: number, to: number): Promise<ReportEvent[]> {
  if (villageIds.length === 0) return []
  return db.selectFrom('ticket_events')
    .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
    .select([
      'ticket_events.ticket_id', 'ticket_events.type', 'ticket_events.at', 'ticket_events.actor', 'ticket_events.note',
      'ticket_events.from_status', 'ticket_events.to_status',
      'tickets.created_at', 'tickets.village_id', 'tickets.room_id',
    ])
    .where('tickets.village_id', 'in', villageIds)
    .where('ticket_events.at', '>=', from)
    .where('ticket_events.at', '<', to)
    .orderBy('ticket_events.at').orderBy('ticket_events.id')
    .execute()
}

/** Has this village any ticket at all? (A village that never had one gets no digest.) */
export async function hasAnyTicket(db: DB, villageIds: number[]): Promise<boolean> {
  if (villageIds.length === 0) return false
  const row = await db.selectFrom('tickets').select('id').where('village_id', 'in', villageIds).limit(1).executeTakeFirst()
  return row !== undefined
}

/** The ledger: tickets created in [from, to), by village and number. */
export async function listLedgerTickets(db: DB, villageIds: number[], from: number, to: number): Promise<TicketRow[]> {
  if (villageIds.length === 0) return []
  return db.selectFrom('tickets').selectAll()
    .where('village_id', 'in', villageIds)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .orderBy('village_id').orderBy('no')
    .execute()
}

/** Every event of the given tickets, in order (fetched in chunks to stay under parameter limits). */
export async function listEventsOfTickets(db: DB, ticketIds: number[]): Promise<TicketEventRow[]> {
  const out: TicketEventRow[] = []
  for (let i = 0; i < ticketIds.length; i += 500) {
    const chunk = ticketIds.slice(i, i + 500)
    out.push(...await db.selectFrom('ticket_events').selectAll().where('ticket_id', 'in', chunk).orderBy('ticket_id').orderBy('at').orderBy('id').execute())
  }
  return out
}
