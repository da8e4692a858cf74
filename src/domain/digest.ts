// The numbers a committee reads each morning, computed from ticket rows and events alone.
import type { TicketRow } from '../../db/schema.js'
import { countsForRates, isDone, isOpen } from './status.js'

export interface DigestEvent {
  type: string
  at: number
  ticket_id: number
  private: number
}

export interface DailyDigest {
  yesterday: { created: number; accepted: number; resolved: number; closed: number }
  /** Open and accepted public tickets, oldest first. */
  open: TicketRow[]
  /** Open private matters (disputes, family, welfare): counted, never listed. */
  privateOpen: number
  done: { num: number; den: number }
  satisfaction: { num: number; den: number; defaulted: number }
}


/**
 * @param tickets tickets created in the rate window plus every still-open ticket
 * @param yesterdayEvents events in [start of yesterday, start of today)
 * @param windowEvents events in the rate window (for 满意率)
 */
export function dailyDigest(
  tickets: TicketRow[], yesterdayEvents: DigestEvent[], windowEvents: (DigestEvent & { note?: string | null })[], windowStart: number,
): DailyDigest {
  const y = { created: 0, accepted: 0, resolved: 0, closed: 0 }
  for (const e of yesterdayEvents) {
    if (e.type === 'created') y.created++
    else if (e.type === 'accepted') y.accepted++
    else if (e.type === 'resolved') y.resolved++
    else if (e.type === 'closed') y.closed++
  }
  const active = tickets.filter(t => isOpen(t.status))
  const open = active.filter(t => !t.private).sort((a, b) => a.created_at - b.created_at)
  const privateOpen = active.length - open.length

  const inWindow = tickets.filter(t => t.created_at >= windowStart && countsForRates(t.status))
  const done = { num: inWindow.filter(t => isDone(t.status)).length, den: inWindow.length }

  // 满意率: answers given in the window. 默认满意 counts as satisfied; 不满意 reopens a ticket.
  let satisfied = 0
  let defaulted = 0
  let unsatisfied = 0
  for (const e of windowEvents) {
    if (e.type === 'closed') {
      if (e.note === '默认满意') defaulted++
      else satisfied++
    } else if (e.type === 'reopened') unsatisfied++
  }
  return {
    yesterday: y,
    open,
    privateOpen,
    done,
    satisfaction: { num: satisfied + defaulted, den: satisfied + defaulted + unsatisfied, defaulted },
  }
}
