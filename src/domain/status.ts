// Ticket statuses by meaning. Digests, lists and exports ask these predicates rather than
// listing statuses themselves, so adding a status (mediation, suspension) is done in one place.
import type { TicketStatus } from '../../db/schema.js'

/** Someone still has to work on it. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['open', 'accepted']
/** Work is done: resolved (waiting for the reporter's answer) or closed. */
export const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed']
/** Never counted in rates: merged, withdrawn, or returned as not the village's business. */
export const EXCLUDED_STATUSES: readonly TicketStatus[] = ['duplicate', 'cancelled', 'returned']

export const isOpen = (s: TicketStatus): boolean => OPEN_STATUSES.includes(s)
export const isDone = (s: TicketStatus): boolean => DONE_STATUSES.includes(s)
export const countsForRates = (s: TicketStatus): boolean => !EXCLUDED_STATUSES.includes(s)
