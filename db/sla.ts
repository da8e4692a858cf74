import type { DB } from './connection.js'
import type { TicketRow } from './schema.js'
import { OPEN_STATUSES } from '../src/domain/status.js'

/** Tickets whose clock is running: open work that is not suspended. */
export async function listClockedTickets(db: DB): Promise<TicketRow[]> {
  return db.selectFrom('tickets').selectAll()
    .where('status', 'in', [...OPEN_STATUSES])
    .where('suspended_at', 'is', null)
    .orderBy('id')
    .execute()
}

/** Escalation events already recorded for these tickets. */
export async function listClockEvents(db: DB, ticketIds: number[], types: string[]): Promise<{ ticket_id: number; type: string; at: number }[]> {
  if (ticketIds.length === 0) return []
  return db.selectFrom('ticket_events')
    .select(['ticket_id', 'type', 'at'])
    .where('ticket_id', 'in', ticketIds)
    .where('type', 'in', types)
    .execute()
}
