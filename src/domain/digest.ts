// The numbers a committee and a township read: pure functions of ticket rows and events.
// Definitions (README “口径”):
//   办结率     tickets created in the period that count for rates, share finished before its end
//   满意率     answers given in the period: 满意 + 默认满意 over all answers (不满意 reopens a ticket)
//   按时办结率  tickets created in the period whose deadline passed or that were finished by its end,
//             share finished by their deadline
//   超时       still open after its resolve deadline (the village's `sla`, see domain/sla.ts)
// 办结 counts every event that finishes work (办结, 调解成功, 调解终止): a move into a done status.
import type { TicketRow, TicketStatus } from '../../db/schema.js'
import { countsForRates, isDone, isOpen } from './status.js'

export const HOUR_MS = 3_600_000

/** A ticket event with the fields the digests need, and its ticket's creation time. */
export interface ReportEvent {
  ticket_id: number
  type: string
  at: number
  actor: string
  note: string | null
  from_status: string | null
  to_status: string | null
  /** The ticket's creation time, village and room (for accept times and per-group tables). */
  created_at: number
  village_id: number
  room_id: number | null
}

/** What decides a ticket's (or its event's) group: its village and room. */
export type Placed = Pick<TicketRow, 'village_id' | 'room_id'>

export interface Ratio {
  num: number
  den: number
}

/** When a ticket's deadline falls. */
export type DueFn = (t: TicketRow) => number

/** An event that finished the work on a ticket (办结, 调解成功, 调解终止), not a reopen or a 销号. */
export function finishes(e: Pick<ReportEvent, 'from_status' | 'to_status'>): boolean {
  const done = (s: string | null): boolean => s !== null && isDone(s as TicketStatus)
  return done(e.to_status) && !done(e.from_status)
}

/** When the work on a finished ticket was done, or null if it is not finished. */
export function doneAt(t: TicketRow): number | null {
  if (!isDone(t.status)) return null
  return t.resolved_at ?? t.closed_at ?? t.updated_at
}

export function isOverdue(t: TicketRow, due: DueFn, now: number): boolean {
  return isOpen(t.status) && now > due(t)
}

export function rate(r: Ratio): number | null {
  return r.den === 0 ? null : r.num / r.den
}

function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length
}

function push<T>(m: Map<string, T[]>, key: string, v: T): void {
  const list = m.get(key)
  if (list) list.push(v)
  else m.set(key, [v])
}

const inRange = (at: number, from: number, to: number): boolean => at >= from && at < to

// ------------------------------------------------------------------------------------------------

export interface PeriodStats {
  from: number
  to: number
  /** Every ticket created in the period. */
  created: number
  /** Public tickets created in the period by category, most first. */
  byCategory: [string, number][]
  /** Private matters created in the period (counted, never broken down). */
  privateCreated: number
  accepted: number
  resolved: number
  closed: number
  done: Ratio
  satisfaction: Ratio & { defaulted: number }
  onTime: Ratio
  avgAcceptMs: number | null
  avgResolveMs: number | null
}

/**
 * Totals and rates of [from, to). `tickets` and `events` may hold more than the period (both
 * periods of a comparison, open tickets from before): each is filtered here.
 */
export function periodStats(tickets: TicketRow[], events: ReportEvent[], from: number, to: number, due: DueFn): PeriodStats {
  const created = tickets.filter(t => inRange(t.created_at, from, to))
  const cats = new Map<string, number>()
  let privateCreated = 0
  for (const t of created) {
    if (t.private) privateCreated++
    else cats.set(t.category, (cats.get(t.category) ?? 0) + 1)
  }
  const byCategory = [...cats].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'))

  const counted = created.filter(t => countsForRates(t.status))
  const finishedBy = (t: TicketRow, limit: number): boolean => {
    const at = doneAt(t)
    return at !== null && at < limit
  }
  const done = { num: counted.filter(t => finishedBy(t, to)).length, den: counted.length }
  const owed = counted.filter(t => finishedBy(t, to) || due(t) < to)
  const onTime = { num: owed.filter(t => finishedBy(t, to) && doneAt(t)! <= due(t)).length, den: owed.length }
  const avgAcceptMs = mean(counted.filter(t => t.accepted_at !== null && t.accepted_at < to).map(t => t.accepted_at! - t.created_at))
  const avgResolveMs = mean(counted.filter(t => finishedBy(t, to)).map(t => doneAt(t)! - t.created_at))

  let accepted = 0
  let resolved = 0
  let closed = 0
  let satisfied = 0
  let defaulted = 0
  let unsatisfied = 0
  for (const e of events) {
    if (!inRange(e.at, from, to)) continue
    if (e.type === 'accepted') accepted++
    else if (finishes(e)) resolved++
    else if (e.type === 'closed') {
      closed++
      if (e.note === '默认满意') defaulted++
      else satisfied++
    } else if (e.type === 'reopened') unsatisfied++
  }
  return {
    from, to, created: created.length, byCategory, privateCreated, accepted, resolved, closed, done,
    satisfaction: { num: satisfied + defaulted, den: satisfied + defaulted + unsatisfied, defaulted },
    onTime, avgAcceptMs, avgResolveMs,
  }
}

// ------------------------------------------------------------------------------------------------

export interface OpenSnapshot {
  /** Open public tickets, oldest first. */
  open: TicketRow[]
  privateOpen: number
  /** Overdue public tickets, longest overdue first. */
  overdue: TicketRow[]
  privateOverdue: number
}

export function openSnapshot(tickets: TicketRow[], now: number, due: DueFn): OpenSnapshot {
  const active = tickets.filter(t => isOpen(t.status))
  const open = active.filter(t => !t.private).sort((a, b) => a.created_at - b.created_at || a.id - b.id)
  const late = active.filter(t => isOverdue(t, due, now))
  const overdue = late.filter(t => !t.private).sort((a, b) => due(a) - due(b) || a.id - b.id)
  return { open, privateOpen: active.length - open.length, overdue, privateOverdue: late.length - overdue.length }
}

// ------------------------------------------------------------------------------------------------

export interface CadreRow {
  name: string
  accepted: number
  avgAcceptMs: number | null
  resolved: number
  /** Open tickets held now and past their deadline. */
  overdue: number
}

export interface Board {
  rows: CadreRow[]
  /** 红榜: quickest to accept, most resolved. 黑榜: most overdue. Ties list every name. */
  fastest: { names: string[]; ms: number } | null
  mostResolved: { names: string[]; n: number } | null
  mostOverdue: { names: string[]; n: number } | null
}

/** The per-cadre table (红黑榜) of [from, to); overdue is counted at `now`. */
export function cadreBoard(tickets: TicketRow[], events: ReportEvent[], from: number, to: number, now: number, due: DueFn): Board {
  const rows = new Map<string, { accepted: number[]; resolved: number; overdue: number }>()
  const row = (name: string) => {
    let r = rows.get(name)
    if (!r) rows.set(name, r = { accepted: [], resolved: 0, overdue: 0 })
    return r
  }
  for (const e of events) {
    if (!inRange(e.at, from, to)) continue
    if (e.type === 'accepted') row(e.actor).accepted.push(e.at - e.created_at)
    else if (finishes(e)) row(e.actor).resolved++
  }
  for (const t of tickets) if (t.assignee && isOverdue(t, due, now)) row(t.assignee).overdue++
  const out: CadreRow[] = [...rows].map(([name, r]) => ({
    name, accepted: r.accepted.length, avgAcceptMs: mean(r.accepted), resolved: r.resolved, overdue: r.overdue,
  })).sort((a, b) => b.resolved - a.resolved || b.accepted - a.accepted || a.overdue - b.overdue || a.name.localeCompare(b.name, 'zh'))

  const best = <K extends 'avgAcceptMs' | 'resolved' | 'overdue'>(key: K, pick: 'min' | 'max') => {
    const vals = out.map(r => r[key]).filter((v): v is number => v !== null && (key === 'avgAcceptMs' || v > 0))
    if (vals.length === 0) return null
    const target = pick === 'min' ? Math.min(...vals) : Math.max(...vals)
    return { names: out.filter(r => r[key] === target).map(r => r.name), value: target }
  }
  const f = best('avgAcceptMs', 'min')
  const r = best('resolved', 'max')
  const o = best('overdue', 'max')
  return {
    rows: out,
    fastest: f && { names: f.names, ms: f.value },
    mostResolved: r && { names: r.names, n: r.value },
    mostOverdue: o && { names: o.names, n: o.value },
  }
}

// ------------------------------------------------------------------------------------------------

export interface GroupRow {
  name: string
  created: number
  done: Ratio
  satisfaction: Ratio
  overdue: number
}

/**
 * Rows per group (a 网格, or a village for the township view) for [from, to): tickets created,
 * 办结率, 满意率, and open tickets overdue at `now`. Ranked by 办结率, then fewest overdue.
 */
export function groupTable(
  tickets: TicketRow[], events: ReportEvent[], from: number, to: number, now: number, due: DueFn,
  groupOf: (x: Placed) => string, always: string[] = [],
): GroupRow[] {
  const groups = new Map<string, TicketRow[]>(always.map(n => [n, []]))
  for (const t of tickets) {
    if (!inRange(t.created_at, from, to) && !isOverdue(t, due, now)) continue
    push(groups, groupOf(t), t)
  }
  const eventsByGroup = new Map<string, ReportEvent[]>()
  for (const e of events) push(eventsByGroup, groupOf(e), e)
  const rows = [...groups].map(([name, ts]) => {
    const s = periodStats(ts, eventsByGroup.get(name) ?? [], from, to, due)
    return { name, created: s.created, done: s.done, satisfaction: s.satisfaction, overdue: ts.filter(t => isOverdue(t, due, now)).length }
  })
  const key = (r: GroupRow): number => rate(r.done) ?? -1
  return rows.sort((a, b) => key(b) - key(a) || a.overdue - b.overdue || b.created - a.created || a.name.localeCompare(b.name, 'zh'))
}
