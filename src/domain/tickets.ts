// The ticket life cycle as pure functions: given a ticket and an action, the new fields and the
// event to append, or why the action is not allowed. Persistence and messages live elsewhere.
import type { Feedback, TicketRow, TicketStatus, TicketUpdate } from '../../db/schema.js'

export interface Actor {
  name: string
  kind: 'villager' | 'cadre' | 'system'
}

export interface EventDraft {
  type: string
  from: TicketStatus | null
  to: TicketStatus | null
  note: string | null
}

export type Outcome =
  | { ok: true; patch: TicketUpdate; event: EventDraft }
  | { ok: false; reason: 'wrong_status' | 'already_yours' }

const ACTIONABLE: TicketStatus[] = ['open', 'accepted']

function move(t: TicketRow, to: TicketStatus, type: string, now: number, patch: TicketUpdate, note: string | null = null): Outcome {
  return { ok: true, patch: { ...patch, status: to, updated_at: now }, event: { type, from: t.status, to, note } }
}

export function accept(t: TicketRow, actor: Actor, now: number): Outcome {
  if (t.status === 'accepted' && t.assignee === actor.name) return { ok: false, reason: 'already_yours' }
  if (t.status !== 'open') return { ok: false, reason: 'wrong_status' }
  return move(t, 'accepted', 'accepted', now, { assignee: actor.name, accepted_at: t.accepted_at ?? now })
}

export function progress(t: TicketRow, _actor: Actor, now: number, note: string): Outcome {
  if (!ACTIONABLE.includes(t.status)) return { ok: false, reason: 'wrong_status' }
  return { ok: true, patch: { updated_at: now }, event: { type: 'progress', from: t.status, to: t.status, note } }
}

export function resolve(t: TicketRow, actor: Actor, now: number, note: string, feedbackDays: number): Outcome {
  if (!ACTIONABLE.includes(t.status)) return { ok: false, reason: 'wrong_status' }
  return move(t, 'resolved', 'resolved', now, {
    assignee: t.assignee ?? actor.name,
    accepted_at: t.accepted_at ?? now,
    resolved_at: now,
    resolution: note,
    feedback: null,
    feedback_due_at: now + feedbackDays * 86_400_000,
  }, note)
}

export function transfer(t: TicketRow, _actor: Actor, now: number, to: string): Outcome {
  if (!ACTIONABLE.includes(t.status)) return { ok: false, reason: 'wrong_status' }
  return move(t, 'open', 'transferred', now, { assignee: to }, to)
}

export function returnTicket(t: TicketRow, _actor: Actor, now: number, reason: string): Outcome {
  if (!ACTIONABLE.includes(t.status)) return { ok: false, reason: 'wrong_status' }
  return move(t, 'returned', 'returned', now, { closed_at: now, resolution: reason }, reason)
}

export function markDuplicate(t: TicketRow, of: TicketRow, now: number): Outcome {
  if (!ACTIONABLE.includes(t.status)) return { ok: false, reason: 'wrong_status' }
  return move(t, 'duplicate', 'duplicate', now, { duplicate_of: of.id, closed_at: now }, `#${of.no}`)
}

export function feedback(t: TicketRow, now: number, satisfied: boolean, reason: string | null): Outcome {
  if (t.status !== 'resolved') return { ok: false, reason: 'wrong_status' }
  if (satisfied) return move(t, 'closed', 'closed', now, { closed_at: now, feedback: 'satisfied', feedback_due_at: null }, reason)
  return move(t, 'accepted', 'reopened', now, { feedback: 'unsatisfied', feedback_due_at: null, resolved_at: null }, reason)
}

/** No answer in time: closed as 默认满意. */
export function autoClose(t: TicketRow, now: number): Outcome {
  if (t.status !== 'resolved') return { ok: false, reason: 'wrong_status' }
  const fb: Feedback = 'default'
  return move(t, 'closed', 'closed', now, { closed_at: now, feedback: fb, feedback_due_at: null }, '默认满意')
}

/** The reporter recalled the message before any cadre acted. */
export function cancel(t: TicketRow, now: number): Outcome {
  if (t.status !== 'open' || t.accepted_at !== null) return { ok: false, reason: 'wrong_status' }
  return move(t, 'cancelled', 'cancelled', now, { closed_at: now })
}
