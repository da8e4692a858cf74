// The ledger (台账) committees keep in Excel: one row per ticket, every event, and a summary with
// the rates, for tickets created in [from, to). Written with exceljs (xlsx) or as CSV (UTF-8 with
// BOM so Excel opens it right). Times are real Excel dates showing the configured timezone's
// wall-clock time. Reporters' names are masked, phone and ID numbers too, and private matters'
// details stay out: files get forwarded.
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { DB } from '../db/connection.js'
import type { RoomRow, TicketEventRow, TicketRow } from '../db/schema.js'
import { listEventsOfTickets, listLedgerTickets, listReportEvents, listReportTickets } from '../db/reports.js'
import { doneAt, HOUR_MS, isOverdue, openSnapshot, periodStats, rate } from './domain/digest.js'
import type { SlaRules } from './domain/sla.js'
import { dueFor } from './digest.js'
import { maskIdentifiers, maskName } from './domain/privacy.js'
import { T } from './templates.js'
import { localParts, pad } from './time.js'

export interface LedgerVillage {
  id: number
  name: string
  /** Its time limits (for 超时 and 按时办结率). */
  rules: SlaRules
}

export interface LedgerInput {
  villages: LedgerVillage[]
  /** Every room row (for the 群 column). */
  rooms: RoomRow[]
  tz: string
  from: number
  /** Exclusive. */
  to: number
  /** When the ledger is made (for 超时 of tickets still open). */
  now: number
}

type Cell = string | number | Date | null

export interface SummaryRow {
  village: string
  created: number
  counted: number
  done: number
  doneRate: number | null
  satisfaction: number | null
  onTime: number | null
  avgAcceptHours: number | null
  avgResolveHours: number | null
  overdue: number
  private: number
}

export interface LedgerData {
  input: LedgerInput
  tickets: TicketRow[]
  events: TicketEventRow[]
  /** Ticket rows as cells, in the order of T.ledger.ticketHeaders(). */
  rows: Cell[][]
  eventRows: Cell[][]
  summary: SummaryRow[]
}

const hours = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10)

export async function loadLedger(db: DB, input: LedgerInput): Promise<LedgerData> {
  const ids = input.villages.map(v => v.id)
  const byId = new Map(input.villages.map(v => [v.id, v]))
  const due = dueFor(input.villages, input.now)
  const tickets = await listLedgerTickets(db, ids, input.from, input.to)
  const events = await listEventsOfTickets(db, tickets.map(t => t.id))
  const topic = new Map(input.rooms.map(r => [r.id, r.topic]))
  const byTicket = new Map(tickets.map(t => [t.id, t]))
  const when = (ms: number | null): Date | null => (ms === null ? null : excelDate(ms, input.tz))

  const rows: Cell[][] = tickets.map(t => {
    const finished = doneAt(t)
    const late = finished !== null ? finished > due(t) : isOverdue(t, due, input.now)
    return [
      t.no,
      byId.get(t.village_id)?.name ?? '',
      t.room_id === null ? T.ledger.privateChat() : topic.get(t.room_id) ?? '',
      t.category,
      t.urgent ? T.ledger.yes() : T.ledger.no(),
      t.private ? null : t.location,
      t.private ? T.ledger.privateText() : maskIdentifiers(t.summary),
      maskName(t.reporter_name),
      when(t.created_at),
      when(t.accepted_at),
      when(t.resolved_at),
      when(t.closed_at),
      t.assignee,
      T.statusName(t.status),
      t.feedback ? T.ledger.feedback[t.feedback] ?? t.feedback : null,
      finished === null ? null : hours(finished - t.created_at),
      late ? T.ledger.yes() : T.ledger.no(),
      t.private || !t.resolution ? null : maskIdentifiers(t.resolution),
    ]
  })

  const eventRows: Cell[][] = events.map(e => {
    const t = byTicket.get(e.ticket_id)!
    const note = t.private || e.type === 'created' ? null : e.note === null ? null : maskIdentifiers(e.note)
    return [
      byId.get(t.village_id)?.name ?? '',
      t.no,
      excelDate(e.at, input.tz),
      T.eventName(e.type),
      e.actor_kind === 'villager' ? maskName(e.actor) : e.actor,
      e.from_status === null ? null : T.statusName(e.from_status),
      e.to_status === null ? null : T.statusName(e.to_status),
      note,
    ]
  })

  // The summary uses the digests' definitions over the same period, per village and in total.
  const all = await listReportTickets(db, ids, input.from)
  const allEvents = await listReportEvents(db, ids, input.from, input.to)
  const summarize = (name: string, keep: (villageId: number) => boolean): SummaryRow => {
    const ts = all.filter(t => keep(t.village_id))
    const s = periodStats(ts, allEvents.filter(e => keep(e.village_id)), input.from, input.to, due)
    const snap = openSnapshot(ts, input.now, due)
    return {
      village: name, created: s.created, counted: s.done.den, done: s.done.num, doneRate: rate(s.done),
      satisfaction: rate(s.satisfaction), onTime: rate(s.onTime), avgAcceptHours: hours(s.avgAcceptMs),
      avgResolveHours: hours(s.avgResolveMs), overdue: snap.overdue.length + snap.privateOverdue, private: s.privateCreated,
    }
  }
  const summary = input.villages.map(v => summarize(v.name, id => id === v.id))
  if (input.villages.length > 1) summary.push(summarize(T.ledger.total(), () => true))
  return { input, tickets, events, rows, eventRows, summary }
}

/** The instant as an Excel date showing the wall-clock time of `tz` (Excel dates have no zone). */
export function excelDate(ms: number, tz: string): Date {
  const p = localParts(ms, tz)
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second))
}

const DATE_FMT = 'yyyy-mm-dd hh:mm'
const PERCENT_FMT = '0.0%'

/** Display width of a cell in Excel character units (CJK glyphs are two wide). */
function widthOf(v: Cell): number {
  if (v === null) return 0
  if (v instanceof Date) return 16
  let w = 0
  for (const ch of String(v)) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1
  return w
}

type Writer = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>

/** One sheet, streamed row by row: header row frozen, bold and filtered; widths from the content. */
function addSheet(wb: Writer, name: string, headers: string[], rows: Cell[][], formats: Record<number, string> = {}, footer: Cell[][] = []): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] })
  ws.columns = headers.map((h, i) => {
    // Sample the rows for the width: a ledger of 10,000 rows need not be measured cell by cell.
    let w = widthOf(h)
    for (let r = 0; r < rows.length; r += Math.max(1, Math.floor(rows.length / 500))) w = Math.max(w, widthOf(rows[r]![i] ?? null))
    const fmt = formats[i] ?? (rows.some(r => r[i] instanceof Date) ? DATE_FMT : undefined)
    return { header: h, width: Math.min(48, Math.max(6, w + 2)), ...(fmt ? { style: { numFmt: fmt } } : {}) }
  })
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } }
  const header = ws.getRow(1)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
  header.commit()
  for (const r of rows) ws.addRow(r).commit()
  for (const r of footer) ws.addRow(r).commit()
  ws.commit()
}

/** Writes the workbook: 工单, 办理记录, 汇总. Streamed, so 10,000 tickets take seconds, not minutes. */
export async function writeWorkbook(d: LedgerData, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true })
  wb.creator = 'shuoshi'
  wb.created = new Date(d.input.now)
  addSheet(wb, T.ledger.ticketsSheet(), T.ledger.ticketHeaders(), d.rows, { 15: '0.0' })
  addSheet(wb, T.ledger.eventsSheet(), T.ledger.eventHeaders(), d.eventRows)
  const summaryRows: Cell[][] = d.summary.map(s => [
    s.village, s.created, s.counted, s.done, s.doneRate, s.satisfaction, s.onTime, s.avgAcceptHours, s.avgResolveHours, s.overdue, s.private,
  ])
  const note = T.ledger.period(localDay(d.input.from, d.input.tz), localDay(d.input.to - 1, d.input.tz), d.input.tz, localStamp(d.input.now, d.input.tz))
  addSheet(wb, T.ledger.summarySheet(), T.ledger.summaryHeaders(), summaryRows,
    { 4: PERCENT_FMT, 5: PERCENT_FMT, 6: PERCENT_FMT, 7: '0.0', 8: '0.0' }, [[], [note]])
  await wb.commit()
}

function localDay(ms: number, tz: string): string {
  const p = localParts(ms, tz)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

function localStamp(ms: number, tz: string): string {
  const p = localParts(ms, tz)
  return `${localDay(ms, tz)} ${pad(p.hour)}:${pad(p.minute)}`
}

/** The ticket rows as CSV: UTF-8 with BOM, CRLF, local times as `YYYY-MM-DD HH:MM`. */
export function ledgerCsv(d: LedgerData): string {
  const cell = (v: Cell): string => {
    if (v === null) return ''
    let s = v instanceof Date
      ? `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`
      : String(v)
    // A cell starting with = + - @ would run as a formula in Excel: villagers' words must not.
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const lines = [T.ledger.ticketHeaders(), ...d.rows].map(r => r.map(cell).join(','))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

/** Writes the ledger to `file`: CSV when asked or when the name ends in .csv, else xlsx. */
export async function writeLedger(d: LedgerData, file: string, format?: 'csv' | 'xlsx'): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  if (format === 'csv' || (!format && /\.csv$/i.test(file))) fs.writeFileSync(file, ledgerCsv(d), 'utf8')
  else await writeWorkbook(d, file)
}
