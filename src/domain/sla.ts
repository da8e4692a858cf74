// Time limits (时限) and escalation (催办/督办), as pure functions of a ticket's fields. Nothing
// lives in timers: a minute job asks which step is due, so a deadline survives any restart.
//
// Accept track (status 待接单): remind the handler at the limit; at twice the limit escalate to
// the secretary with a 黄牌 in the committee room. The clock starts at the report (or the last
// transfer); a non-urgent report made at night starts counting when the night hours end.
// Resolve track (any open status): remind the handler at the deadline, 黄牌 one day over, 红牌
// five days over. The deadline moves with granted extensions and time spent suspended.
import type { TicketRow } from '../../db/schema.js'
import { DAY, HOUR, MINUTE } from '../time.js'
import { quietEnd, type QuietHours } from './quiet.js'
import { isOpen, isUnaccepted } from './status.js'

export interface SlaLimits {
  acceptMinutes: number
  urgentAcceptMinutes: number
  resolveDays: number
  urgentResolveHours: number
  mediationDays: number
}

export interface SlaRules {
  sla: SlaLimits
  quiet: QuietHours
  tz: string
}

export type SlaStep = 'accept_remind' | 'accept_escalate' | 'resolve_remind' | 'yellow' | 'red'

/** Each step is recorded as a ticket event of this type (the 台账 shows who was chased when). */
export const SLA_EVENTS: Record<SlaStep, string> = {
  accept_remind: 'sla_accept_remind',
  accept_escalate: 'sla_accept_escalate',
  resolve_remind: 'sla_resolve_remind',
  yellow: 'sla_yellow',
  red: 'sla_red',
}
const STEP_BY_EVENT = new Map(Object.entries(SLA_EVENTS).map(([k, v]) => [v, k as SlaStep]))
export const stepOfEvent = (type: string): SlaStep | undefined => STEP_BY_EVENT.get(type)

const ACCEPT_TRACK: SlaStep[] = ['accept_remind', 'accept_escalate']
const RESOLVE_TRACK: SlaStep[] = ['resolve_remind', 'yellow', 'red']
export const YELLOW_AFTER = DAY
export const RED_AFTER = 5 * DAY

export function acceptLimit(t: TicketRow, sla: SlaLimits): number {
  return (t.urgent ? sla.urgentAcceptMinutes : sla.acceptMinutes) * MINUTE
}

export function resolveLimit(t: TicketRow, sla: SlaLimits): number {
  if (t.kind === 'dispute') return sla.mediationDays * DAY
  return t.urgent ? sla.urgentResolveHours * HOUR : sla.resolveDays * DAY
}

/** When the accept clock started counting. */
export function acceptStart(t: TicketRow, r: SlaRules): number {
  const start = t.accept_clock_at ?? t.created_at
  return t.urgent ? start : quietEnd(start, r.quiet, r.tz)
}

export function resolveStart(t: TicketRow): number {
  return t.resolve_clock_at ?? t.created_at
}

export function acceptDeadline(t: TicketRow, r: SlaRules): number {
  return acceptStart(t, r) + acceptLimit(t, r.sla)
}

/** The resolve deadline; while suspended, as if the ticket were resumed `now`. */
export function resolveDeadline(t: TicketRow, r: SlaRules, now: number): number {
  const paused = t.suspended_ms + (t.suspended_at !== null ? Math.max(0, now - t.suspended_at) : 0)
  return resolveStart(t) + resolveLimit(t, r.sla) + t.extension_ms + paused
}

export interface ScheduledStep {
  step: SlaStep
  at: number
  /** Start of the round the step belongs to: a transfer or a reopen starts a new round. */
  round: number
}

/** Every step that applies to the ticket in its current status, with its instant. */
export function schedule(t: TicketRow, r: SlaRules, now: number): ScheduledStep[] {
  const out: ScheduledStep[] = []
  if (isUnaccepted(t.status)) {
    const start = acceptStart(t, r)
    const limit = acceptLimit(t, r.sla)
    const round = t.accept_clock_at ?? t.created_at
    out.push({ step: 'accept_remind', at: start + limit, round }, { step: 'accept_escalate', at: start + 2 * limit, round })
  }
  if (isOpen(t.status)) {
    const due = resolveDeadline(t, r, now)
    const round = resolveStart(t)
    out.push(
      { step: 'resolve_remind', at: due, round },
      { step: 'yellow', at: due + YELLOW_AFTER, round },
      { step: 'red', at: due + RED_AFTER, round },
    )
  }
  return out
}

/**
 * The steps to take now: per track, the latest step whose time has come, unless it or a later
 * step was already taken in this round. After downtime only the most severe step goes out, not
 * a burst of every missed reminder. `done` holds the steps recorded since each round began.
 */
export function dueSteps(t: TicketRow, r: SlaRules, now: number, done: (s: ScheduledStep) => boolean): ScheduledStep[] {
  if (t.suspended_at !== null) return []
  const all = schedule(t, r, now)
  const out: ScheduledStep[] = []
  for (const track of [ACCEPT_TRACK, RESOLVE_TRACK]) {
    const steps = all.filter(s => track.includes(s.step))
    const due = steps.filter(s => s.at <= now)
    const latest = due.at(-1)
    if (!latest) continue
    if (steps.slice(steps.indexOf(latest)).some(done)) continue
    out.push(latest)
  }
  return out
}
