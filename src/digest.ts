// Digests as text (and the weekly chart as a PNG file) for a village or a township: the scheduled
// job and the 日报/周报/月报 commands both call these, so what a cadre asks for is what the
// committee room got. Numbers come from src/domain/digest.ts; words from templates.
import fs from 'node:fs'
import path from 'node:path'
import type { BaseCtx } from './context.js'
import { renderWeekChart, type WeekChart } from './chart.js'
import {
  cadreBoard, groupTable, openSnapshot, periodStats, rate, type DueFn, type GroupRow, type PeriodStats, type Placed,
} from './domain/digest.js'
import { isDone, isOpen } from './domain/status.js'
import type { TicketRow } from '../db/schema.js'
import { hasAnyTicket, listReportEvents, listReportTickets } from '../db/reports.js'
import { T } from './templates.js'
import { addLocalDays, DAY, fromLocal, localDateKey, localParts, startOfLocalDay, WEEKDAYS } from './time.js'
import type { Township, Village } from './world.js'
import { resolveDeadline, type SlaRules } from './domain/sla.js'
import { slaRules } from './workflow.js'

export type Edition = 'daily' | 'weekly' | 'monthly'

/** Rates in the daily digest cover this many days. */
export const WINDOW_DAYS = 30
const MAX_OPEN_LINES = 8
const MAX_OVERDUE_ITEMS = 4
const MAX_BOARD_LINES = 8

/** A village, or a township's villages together. */
export interface Scope {
  name: string
  villages: Village[]
  township: boolean
}

export const villageScope = (v: Village): Scope => ({ name: v.name, villages: [v], township: false })
export const townshipScope = (t: Township): Scope => ({ name: t.name, villages: t.villages, township: true })

export interface Period {
  from: number
  to: number
  prevFrom: number
  prevTo: number
}

/** The latest complete period at `now`: yesterday, last week (Mon–Sun) or last month; and the one before it. */
export function periodFor(edition: Edition, now: number, tz: string): Period {
  const today = startOfLocalDay(now, tz)
  if (edition === 'daily') {
    const from = addLocalDays(today, -1, tz)
    return { from, to: today, prevFrom: addLocalDays(from, -1, tz), prevTo: from }
  }
  if (edition === 'weekly') {
    const to = addLocalDays(today, -WEEKDAYS.indexOf(localParts(today, tz).weekday), tz)
    const from = addLocalDays(to, -7, tz)
    return { from, to, prevFrom: addLocalDays(from, -7, tz), prevTo: from }
  }
  const p = localParts(today, tz)
  const monthStart = (y: number, m: number): number => fromLocal(tz, m < 1 ? y - 1 : y, m < 1 ? m + 12 : m, 1)
  const to = monthStart(p.year, p.month)
  const from = monthStart(p.year, p.month - 1)
  const prevFrom = monthStart(localParts(from, tz).year, localParts(from, tz).month - 1)
  return { from, to, prevFrom, prevTo: from }
}

/** Each ticket's resolve deadline by its village's time limits, as it stands at `now`. */
export function dueFor(villages: { id: number; rules: SlaRules }[], now: number): DueFn {
  const byId = new Map(villages.map(v => [v.id, v.rules]))
  return t => {
    const rules = byId.get(t.village_id)
    return rules ? resolveDeadline(t, rules, now) : Infinity
  }
}

interface Loaded {
  tickets: TicketRow[]
  events: Awaited<ReturnType<typeof listReportEvents>>
  due: DueFn
}

async function load(ctx: BaseCtx, scope: Scope, since: number): Promise<Loaded | null> {
  const ids = scope.villages.map(v => v.id)
  if (!(await hasAnyTicket(ctx.db, ids))) return null
  return {
    tickets: await listReportTickets(ctx.db, ids, since),
    events: await listReportEvents(ctx.db, ids, since, ctx.now + 1),
    due: dueFor(scope.villages.map(v => ({ id: v.id, rules: slaRules(ctx, v) })), ctx.now),
  }
}

/** The digest text, or null for a scope that never had a ticket. */
export async function composeDigest(ctx: BaseCtx, scope: Scope, edition: Edition): Promise<string | null> {
  const tz = ctx.app.config.timezone
  const period = periodFor(edition, ctx.now, tz)
  const windowStart = ctx.now - WINDOW_DAYS * DAY
  const data = await load(ctx, scope, Math.min(period.prevFrom, windowStart))
  if (!data) return null
  if (edition === 'daily') return scope.township ? townshipDaily(ctx, scope, period, data) : villageDaily(ctx, scope, period, data)
  return periodic(ctx, scope, edition, period, data)
}

function villageDaily(ctx: BaseCtx, scope: Scope, period: Period, d: Loaded): string {
  const tz = ctx.app.config.timezone
  const y = periodStats(d.tickets, d.events, period.from, period.to, d.due)
  const w = periodStats(d.tickets, d.events, ctx.now - WINDOW_DAYS * DAY, ctx.now + 1, d.due)
  const snap = openSnapshot(d.tickets, ctx.now, d.due)
  const lines = [
    T.digest.title(scope.name, localDateKey(period.from, tz)),
    T.digest.yesterday(y),
  ]
  if (y.created > 0) lines.push(T.digest.categories(y.byCategory, y.privateCreated))
  lines.push(T.digest.rates(T.ratio(rate(w.done)), T.ratio(rate(w.satisfaction)), WINDOW_DAYS))
  const lateN = snap.overdue.length + snap.privateOverdue
  if (lateN > 0) {
    const items = snap.overdue.slice(0, MAX_OVERDUE_ITEMS)
      .map(t => T.digest.overdueItem(t.no, t.assignee ?? '', T.duration(ctx.now - d.due(t))))
    lines.push(T.digest.overdue(lateN, items, snap.privateOverdue))
  }
  lines.push(T.digest.openHeader(snap.open.length + snap.privateOpen))
  for (const t of snap.open.slice(0, MAX_OPEN_LINES)) {
    lines.push(T.digest.openLine(t.no, t.category, T.statusName(t.status), t.assignee ?? '', T.duration(ctx.now - t.created_at)))
  }
  if (snap.open.length > MAX_OPEN_LINES) lines.push(T.digest.more(snap.open.length - MAX_OPEN_LINES))
  if (snap.privateOpen > 0) lines.push(T.digest.disputes(snap.privateOpen))
  return lines.join('\n')
}

function townshipDaily(ctx: BaseCtx, scope: Scope, period: Period, d: Loaded): string {
  const tz = ctx.app.config.timezone
  const from = ctx.now - WINDOW_DAYS * DAY
  const y = periodStats(d.tickets, d.events, period.from, period.to, d.due)
  const w = periodStats(d.tickets, d.events, from, ctx.now + 1, d.due)
  const snap = openSnapshot(d.tickets, ctx.now, d.due)
  const lines = [
    T.digest.title(scope.name, localDateKey(period.from, tz)),
    T.digest.yesterday(y),
    T.digest.townshipRates(T.ratio(rate(w.done)), T.ratio(rate(w.satisfaction)), snap.overdue.length + snap.privateOverdue, WINDOW_DAYS),
    ...ranking(scope, d, from, ctx.now + 1, ctx.now, T.digest.spanDays(WINDOW_DAYS)),
  ]
  return lines.join('\n')
}

function ranking(scope: Scope, d: Loaded, from: number, to: number, now: number, span: string): string[] {
  const names = new Map(scope.villages.map(v => [v.id, v.name]))
  const rows = groupTable(d.tickets, d.events, from, to, now, d.due, (x: Placed) => names.get(x.village_id) ?? '', scope.villages.map(v => v.name))
  return [
    T.digest.rankHeader(span),
    ...rows.map((r, i) => T.digest.rankLine(i + 1, r.name, T.ratio(rate(r.done)), T.ratio(rate(r.satisfaction)), r.created, r.overdue)),
  ]
}

function periodic(ctx: BaseCtx, scope: Scope, edition: Exclude<Edition, 'daily'>, p: Period, d: Loaded): string {
  const tz = ctx.app.config.timezone
  const cur = periodStats(d.tickets, d.events, p.from, p.to, d.due)
  const prev = periodStats(d.tickets, d.events, p.prevFrom, p.prevTo, d.due)
  const prevName = edition === 'weekly' ? T.digest.prevWeek() : T.digest.prevMonth()
  const snap = openSnapshot(d.tickets, ctx.now, d.due)
  const lines = [title(scope, edition, p, tz), ...comparison(cur, prev, prevName)]
  lines.push(T.digest.overdueNow(snap.overdue.length + snap.privateOverdue))
  if (scope.township) {
    lines.push(...ranking(scope, d, p.from, p.to, ctx.now, edition === 'weekly' ? T.digest.spanWeek() : T.digest.spanMonth()))
    return lines.join('\n')
  }
  const grids = groupTable(d.tickets, d.events, p.from, p.to, ctx.now, d.due, (x: Placed) => gridName(ctx, x))
  // One grid would only repeat the totals.
  if (grids.length > 1) lines.push(T.digest.gridHeader(), ...grids.map(groupLine))
  const board = cadreBoard(d.tickets, d.events, p.from, p.to, ctx.now, d.due)
  if (board.rows.length > 0) {
    lines.push(T.digest.boardHeader())
    for (const r of board.rows.slice(0, MAX_BOARD_LINES)) {
      lines.push(T.digest.cadreLine(r.name, r.accepted, r.avgAcceptMs === null ? '' : T.duration(r.avgAcceptMs), r.resolved, r.overdue))
    }
    lines.push(
      T.digest.red(
        board.fastest && T.digest.fastest(board.fastest.names, T.duration(board.fastest.ms)),
        board.mostResolved && T.digest.mostN(board.mostResolved.names, board.mostResolved.n),
      ),
      T.digest.black(board.mostOverdue && T.digest.mostN(board.mostOverdue.names, board.mostOverdue.n)),
    )
  }
  return lines.join('\n')
}

function title(scope: Scope, edition: Exclude<Edition, 'daily'>, p: Period, tz: string): string {
  const a = localParts(p.from, tz)
  if (edition === 'monthly') return T.digest.monthlyTitle(scope.name, a.year, a.month)
  const b = localParts(addLocalDays(p.to, -1, tz), tz)
  return T.digest.weeklyTitle(scope.name, T.digest.day(a.month, a.day), T.digest.day(b.month, b.day))
}

function comparison(cur: PeriodStats, prev: PeriodStats, prevName: string): string[] {
  const lines = [T.digest.count('新报', cur.created, prev.created, prevName)]
  if (cur.privateCreated > 0) lines.push(T.digest.privateCount(cur.privateCreated))
  lines.push(
    T.digest.rate('办结率', rate(cur.done), rate(prev.done), prevName),
    T.digest.rate('满意率', rate(cur.satisfaction), rate(prev.satisfaction), prevName),
    T.digest.rate('按时办结率', rate(cur.onTime), rate(prev.onTime), prevName),
    T.digest.time('平均接单', cur.avgAcceptMs, prev.avgAcceptMs, prevName),
    T.digest.time('平均办结', cur.avgResolveMs, prev.avgResolveMs, prevName),
  )
  return lines
}

function groupLine(r: GroupRow): string {
  return T.digest.groupLine(r.name, r.created, T.ratio(rate(r.done)), r.overdue)
}

/** A ticket's 网格: its room's grid (or topic); reports made privately form their own group. */
function gridName(ctx: BaseCtx, x: Placed): string {
  if (x.room_id === null) return T.ledger.privateChat()
  const room = ctx.app.world.roomById(x.room_id)?.room
  return room ? ctx.app.world.gridOf(room) : T.ledger.privateChat()
}

// --- the weekly chart ---------------------------------------------------------------------------

export const CHART_COLORS = { open: '#e4572e', done: '#4c9f70', other: '#a0a0a0' } as const

/** The numbers behind last week's chart. */
export async function weekChartData(ctx: BaseCtx, scope: Scope): Promise<WeekChart | null> {
  const tz = ctx.app.config.timezone
  const p = periodFor('weekly', ctx.now, tz)
  const data = await load(ctx, scope, p.from)
  if (!data) return null
  const s = periodStats(data.tickets, data.events, p.from, p.to, data.due)
  const days: WeekChart['days'] = []
  for (let i = 0; i < 7; i++) {
    const start = addLocalDays(p.from, i, tz)
    const end = addLocalDays(p.from, i + 1, tz)
    const lp = localParts(start, tz)
    const made = data.tickets.filter(t => t.created_at >= start && t.created_at < end)
    days.push({
      label: [`${lp.month}/${lp.day}`, T.weekdayName(lp.weekday)],
      counts: [made.filter(t => isOpen(t.status)).length, made.filter(t => isDone(t.status)).length, made.filter(t => !isOpen(t.status) && !isDone(t.status)).length],
    })
  }
  const a = localParts(p.from, tz)
  const b = localParts(addLocalDays(p.to, -1, tz), tz)
  return {
    title: T.chart.title(scope.name),
    subtitle: T.chart.subtitle(T.digest.day(a.month, a.day), T.digest.day(b.month, b.day), s.created, T.ratio(rate(s.done))),
    dayPanel: T.chart.dayPanel(),
    categoryPanel: T.chart.categoryPanel(),
    series: [
      { name: T.chart.open(), color: CHART_COLORS.open },
      { name: T.chart.done(), color: CHART_COLORS.done },
      { name: T.chart.other(), color: CHART_COLORS.other },
    ],
    days,
    categories: [...s.byCategory, ...(s.privateCreated ? [[T.chart.privateCategory(), s.privateCreated] as [string, number]] : [])]
      .sort((x, y) => y[1] - x[1]),
    empty: T.chart.empty(),
  }
}

/** Renders last week's chart to a PNG under the data directory; returns its path. */
export async function writeWeekChart(ctx: BaseCtx, scope: Scope): Promise<string | null> {
  const chart = await weekChartData(ctx, scope)
  if (!chart) return null
  const dir = path.join(ctx.app.dataDir, 'charts')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${safeName(scope.name)}-${localDateKey(ctx.now, ctx.app.config.timezone)}-${ctx.now}.png`)
  fs.writeFileSync(file, renderWeekChart(chart))
  return file
}

export function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '_')
}
