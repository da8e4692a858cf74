// `npx shuoshi export --from 2026-11-01 --to 2026-11-30 [--village 北社村] --out 台账.xlsx`:
// the ledger straight from the database, for committees and other systems (CSV).
import type { Config } from './config.js'
import { loadLedger, writeLedger } from './ledger.js'
import { T } from './templates.js'
import { addLocalDays, fromLocal } from './time.js'
import { defaultDatabaseUrl, openDatabase } from '../db/connection.js'
import { listRooms, listVillages } from '../db/villages.js'

export class ExportError extends Error {}

export interface ExportOptions {
  config: Config
  /** Local dates, both inclusive: YYYY-MM-DD. */
  from: string
  to: string
  /** Village names; empty for every village in the database. */
  villages: string[]
  out: string
  /** Also write the ticket rows as CSV here. */
  csv?: string
  db?: string
  /** The ledger's "now" (overdue of open tickets); default the system clock. */
  now?: number
}

function parseDay(s: string, tz: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim())
  if (!m) throw new ExportError(T.ledger.badDate(s))
  return fromLocal(tz, Number(m[1]), Number(m[2]), Number(m[3]))
}

/** Writes the ledger; returns the lines to print. */
export async function exportLedger(o: ExportOptions): Promise<string[]> {
  const tz = o.config.timezone
  const from = parseDay(o.from, tz)
  const to = addLocalDays(parseDay(o.to, tz), 1, tz)
  if (to <= from) throw new ExportError(T.ledger.backwards())
  const opened = await openDatabase(o.db ?? defaultDatabaseUrl())
  try {
    const rows = await listVillages(opened.db)
    for (const name of o.villages) {
      if (!o.config.villages.some(v => v.name === name)) throw new ExportError(T.ledger.noVillage(name, o.config.villages.map(v => v.name)))
    }
    // Only configured villages: their time limits decide 超时.
    const villages = rows.flatMap(r => {
      const cfg = o.config.villages.find(v => v.name === r.name)
      if (!cfg || (o.villages.length > 0 && !o.villages.includes(r.name))) return []
      return [{ id: r.id, name: r.name, rules: { sla: cfg.sla, quiet: cfg.quietHours, tz } }]
    })
    const data = await loadLedger(opened.db, { villages, rooms: await listRooms(opened.db), tz, from, to, now: o.now ?? Date.now() })
    const lines: string[] = []
    const files: [string, 'csv' | undefined][] = [[o.out, undefined], ...(o.csv ? [[o.csv, 'csv'] as [string, 'csv']] : [])]
    for (const [file, format] of files) {
      await writeLedger(data, file, format)
      lines.push(T.ledger.written(file, data.tickets.length, data.events.length))
    }
    return lines
  } finally {
    await opened.close()
  }
}
