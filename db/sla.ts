import type { DB } from './connection.js'
import type { TicketRow } from './schema.js'
import { OPEN_STATUSES } from '../src/domain/status.js'

/** Tickets whose clock is running: open work that is not suspended. */
export async function listClockedTickets(db: DB, villageIds: number[]): Promise<TicketRow[]> {
  if (villageIds.length === 0) return []
  return db.selectFrom('tickets').selectAll()
    .where('village_id', 'in', villageIds)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('suspended_at', 'is', null)
    .orderBy('id')
    .execute()
}

/** SQLite and PostgreSQL both cap bound parameters; long id lists are read in slices. */
const SLICE = 500

/** Escalation events already recorded for these tickets. */
export async function listClockEvents(db: DB, ticketIds: number[], types: string[]): Promise<{ ticket_id: number; type: string; at: number }[]> {
  const out: { ticket_id: number; type: string; at: number }[] = []
  for (let i = 0; i < ticketIds.length; i += SLICE) {
    out.push(...await db.selectFrom('ticket_events')
      .select(['ticket_id', 'type', 'at'])
      .where('ticket_id', 'in', ticketIds.slice(i, i + SLICE))
      .where('type', 'in', types)
      .execute())
  }
  return out
}
