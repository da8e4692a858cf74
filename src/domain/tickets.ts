// The ticket life cycle as pure functions: given a ticket and an action, the new fields and the
// event to append, or why the action is not allowed. Persistence and messages live elsewhere.
import type { Feedback, TicketRow, TicketStatus, TicketUpdate } from '../../db/schema.js'
import { FOLLOW_UP_STATUSES, OPEN_STATUSES } from './status.js'

export interface Actor {
  name: string
  /** `partner`: the contact of a 包联单位 acting on a ticket whistled to it. */
  kind: 'villager' | 'cadre' | 'partner' | 'system'
}

export interface EventDraft {
  type: string
  from: TicketStatus | null
  to: TicketStatus | null
  note: string | null
}

export type Outcome =
  | { ok: true; patch: TicketUpdate; event: EventDraft }
  | { ok: false; reason: Refusal }

/**
 * wrong_status: not in a status that allows it; already_yours: 接单 twice; dispute: a dispute
 * follows the mediation path (调解成功/调解终止, not 办结); not_dispute: a mediation command on a
 * report; suspended / not_suspended: 挂起 twice or 恢复 what is not paused; no_request: nothing to approve.
 */
export type Refusal = 'wrong_status' | 'already_yours' | 'dispute' | 'not_dispute' | 'suspended' | 'not_suspended' | 'no_request'

const ACTIONABLE: readonly TicketStatus[] = OPEN_STATUSES
const WORKING: readonly TicketStatus[] = ['accepted', 'mediating']

function refuse(reason: Refusal): Outcome {
  return { ok: false, reason }
}

function note(t: TicketRow, type: string, now: number, patch: TicketUpdate, text: string | null): Outcome {
  return { ok: true, patch: { ...patch, updated_at: now }, event: { type, from: t.status, to: t.status, note: text } }
}

function move(t: TicketRow, to: TicketStatus, type: string, now: number, patch: TicketUpdate, note: string | null = null): Outcome {
  return { ok: true, patch: { ...patch, status: to, updated_at: now }, event: { type, from: t.status, to, note } }
}

/**
 * 接单 / 受理: a report becomes 处理中, a dispute 调解中. A partner unit's contact takes it for the
 * unit (`keepAssignee`): the village cadre stays responsible for it.
 */
export function accept(t: TicketRow, actor: Actor, now: number, o: { keepAssignee?: boolean } = {}): Outcome {
  if (WORKING.includes(t.status) && t.assignee === actor.name) return refuse('already_yours')
  if (t.status !== 'open') return refuse('wrong_status')
  const to: TicketStatus = t.kind === 'dispute' ? 'mediating' : 'accepted'
  return move(t, to, 'accepted', now, { assignee: o.keepAssignee ? t.assignee : actor.name, accepted_at: t.accepted_at ?? now })
}

export function progress(t: TicketRow, _actor: Actor, now: number, note: string): Outcome {
  if (!ACTIONABLE.includes(t.status)) return { ok: false, reason: 'wrong_status' }
  return { ok: true, patch: { updated_at: now }, event: { type: 'progress', from: t.status, to: t.status, note } }
}

export function resolve(t: TicketRow, actor: Actor, now: number, note: string, feedbackDays: number): Outcome {
  if (!ACTIONABLE.includes(t.status)) return { ok: false, reason: 'wrong_status' }
  if (t.kind === 'dispute') return refuse('dispute')
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
  // The new holder gets the full time to accept.
  return move(t, 'open', 'transferred', now, { assignee: to, accept_clock_at: now }, to)
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
  // Redo from scratch: a fresh resolve clock, with no pause or extension carried over.
  return move(t, 'accepted', 'reopened', now, {
    feedback: 'unsatisfied', feedback_due_at: null, resolved_at: null,
    resolve_clock_at: now, suspended_at: null, suspended_ms: 0, extension_ms: 0, extension_request_ms: null, extension_request_by: null,
  }, reason)
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

// --- mediation (有事好商量): 待受理 → 调解中 → 达成协议 / 调解终止 → 回访 → 归档 ----------------------

/** 约谈: a meeting with the parties; on a dispute nobody took yet it also takes it. */
export function meeting(t: TicketRow, actor: Actor, now: number, text: string): Outcome {
  if (t.kind !== 'dispute') return refuse('not_dispute')
  if (!ACTIONABLE.includes(t.status)) return refuse('wrong_status')
  if (t.status === 'mediating') return note(t, 'meeting', now, {}, text)
  return move(t, 'mediating', 'meeting', now, { assignee: t.status === 'open' ? actor.name : t.assignee, accepted_at: t.accepted_at ?? now }, text)
}

function endMediation(t: TicketRow, actor: Actor, now: number, to: 'agreed' | 'terminated', text: string): Outcome {
  if (t.kind !== 'dispute') return refuse('not_dispute')
  if (!ACTIONABLE.includes(t.status)) return refuse('wrong_status')
  return move(t, to, to, now, {
    assignee: t.assignee ?? actor.name, accepted_at: t.accepted_at ?? now, resolved_at: now, resolution: text,
    ...(t.suspended_at !== null ? { suspended_at: null, suspended_ms: t.suspended_ms + (now - t.suspended_at) } : {}),
  }, text)
}

/** 调解成功: the parties agreed; the agreement is the resolution. */
export function agree(t: TicketRow, actor: Actor, now: number, text: string): Outcome {
  return endMediation(t, actor, now, 'agreed', text)
}

/** 调解终止: mediation failed or a party refused; the reason is kept. */
export function terminate(t: TicketRow, actor: Actor, now: number, reason: string): Outcome {
  return endMediation(t, actor, now, 'terminated', reason)
}

/** 回访: the mediator checked how the agreement holds; the matter is archived. */
export function followUp(t: TicketRow, _actor: Actor, now: number, text: string): Outcome {
  if (t.kind !== 'dispute') return refuse('not_dispute')
  if (!FOLLOW_UP_STATUSES.includes(t.status)) return refuse('wrong_status')
  return move(t, 'archived', 'followed_up', now, { closed_at: now }, text)
}

// --- the clock: 挂起/恢复, 延期 -------------------------------------------------------------------------

/** 挂起: pause the time limits (waiting for weather, materials, a court …). Only work someone holds. */
export function suspend(t: TicketRow, now: number, reason: string): Outcome {
  if (t.suspended_at !== null) return refuse('suspended')
  if (!WORKING.includes(t.status)) return refuse('wrong_status')
  return note(t, 'suspended', now, { suspended_at: now }, reason)
}

export function resume(t: TicketRow, now: number): Outcome {
  if (t.suspended_at === null) return refuse('not_suspended')
  return note(t, 'resumed', now, { suspended_at: null, suspended_ms: t.suspended_ms + Math.max(0, now - t.suspended_at) }, null)
}

/** 延期 asked by the handler; the secretary decides. `text` is what the ledger shows (how long, why). */
export function requestExtension(t: TicketRow, actor: Actor, now: number, ms: number, text: string): Outcome {
  if (!ACTIONABLE.includes(t.status)) return refuse('wrong_status')
  return note(t, 'extension_requested', now, { extension_request_ms: ms, extension_request_by: actor.name }, text)
}

export function grantExtension(t: TicketRow, now: number, text: string | null): Outcome {
  if (t.extension_request_ms === null) return refuse('no_request')
  return note(t, 'extension_granted', now, {
    extension_ms: t.extension_ms + t.extension_request_ms, extension_request_ms: null, extension_request_by: null,
  }, text)
}

export function denyExtension(t: TicketRow, now: number, text: string | null): Outcome {
  if (t.extension_request_ms === null) return refuse('no_request')
  return note(t, 'extension_denied', now, { extension_request_ms: null, extension_request_by: null }, text)
}

/** 吹哨: the partner unit takes the work; the village keeps the ticket (and its handler). */
export function whistle(t: TicketRow, now: number, unit: string): Outcome {
  if (!ACTIONABLE.includes(t.status)) return refuse('wrong_status')
  return note(t, 'whistled', now, { unit }, unit)
}

/** A partner unit's contact takes a whistled ticket: it moves on if nobody had taken it yet. */
export function acceptForUnit(t: TicketRow, actor: Actor, now: number): Outcome {
  if (t.status === 'open') return accept(t, actor, now, { keepAssignee: true })
  if (!ACTIONABLE.includes(t.status)) return refuse('wrong_status')
  return note(t, 'unit_accepted', now, {}, null)
}
