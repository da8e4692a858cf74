// Ticket statuses by meaning. Digests, lists and exports ask these predicates rather than
// listing statuses themselves, so adding a status (mediation, suspension) is done in one place.
import type { TicketStatus } from '../../db/schema.js'

/** Someone still has to work on it (a dispute in mediation included). */
export const OPEN_STATUSES: readonly TicketStatus[] = ['open', 'accepted', 'mediating']
/** A mediation has ended (达成协议 / 调解终止) and waits for the mediator's 回访. */
export const FOLLOW_UP_STATUSES: readonly TicketStatus[] = ['agreed', 'terminated']
/** Work is done: resolved (waiting for the reporter's answer), closed, or a mediation that ended. */
export const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed', 'agreed', 'terminated', 'archived']
/** Never counted in rates: merged, withdrawn, or returned as not the village's business. */
export const EXCLUDED_STATUSES: readonly TicketStatus[] = ['duplicate', 'cancelled', 'returned']
/** Still on someone's list: open work plus mediations waiting for 回访 (待办 shows these). */
export const PENDING_STATUSES: readonly TicketStatus[] = [...OPEN_STATUSES, ...FOLLOW_UP_STATUSES]

export const isOpen = (s: TicketStatus): boolean => OPEN_STATUSES.includes(s)
export const isDone = (s: TicketStatus): boolean => DONE_STATUSES.includes(s)
export const isFollowUp = (s: TicketStatus): boolean => FOLLOW_UP_STATUSES.includes(s)
export const isPending = (s: TicketStatus): boolean => PENDING_STATUSES.includes(s)
export const countsForRates = (s: TicketStatus): boolean => !EXCLUDED_STATUSES.includes(s)
/** Not yet accepted by anyone. */
export const isUnaccepted = (s: TicketStatus): boolean => s === 'open'
