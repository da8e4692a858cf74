// 台账 11月: a cadre gets the month's ledger (Excel) as a file, privately, wherever they asked.
import fs from 'node:fs'
import path from 'node:path'
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { fold } from '../src/domain/text.js'
import { safeName } from '../src/digest.js'
import { loadLedger, writeLedger } from '../src/ledger.js'
import { slaRules } from '../src/workflow.js'
import { fromLocal, localParts } from '../src/time.js'

export default defineCommand({
  name: 'ledger',
  aliases: ['台账'],
  level: 'cadre',
  args: 'village text?',
  usage: '台账 11月，也可以写 台账 上月、台账 2026-11',
  description: '私信给您一个月的台账 Excel 文件（报事人已打码）',
  async run(ctx, { text }) {
    const tz = ctx.app.config.timezone
    const month = parseMonth(text, ctx.now, tz)
    if (!month) {
      await ctx.reply(T.report.badMonth())
      return
    }
    const from = fromLocal(tz, month.year, month.month, 1)
    const to = fromLocal(tz, month.month === 12 ? month.year + 1 : month.year, month.month === 12 ? 1 : month.month + 1, 1)
    const v = ctx.village
    const data = await loadLedger(ctx.db, {
      villages: [{ id: v.id, name: v.name, rules: slaRules(ctx, v) }],
      rooms: v.rooms, tz, from, to, now: ctx.now,
    })
    const dir = path.join(ctx.app.dataDir, 'exports')
    fs.mkdirSync(dir, { recursive: true })
    const file = path.join(dir, `台账-${safeName(v.name)}-${month.year}-${String(month.month).padStart(2, '0')}-${ctx.now}.xlsx`)
    await writeLedger(data, file)
    const span = T.report.ledgerSpan(month.year, month.month)
    await ctx.out.toPerson(ctx.person.id, T.report.ledgerCaption(v.name, span, data.tickets.length, data.events.length), { kind: 'report' })
    await ctx.out.toPerson(ctx.person.id, path.basename(file), { kind: 'report', filePath: file })
    if (ctx.place) await ctx.reply(T.report.sentPrivately())
  },
})

/** `11月`, `2026-11`, `2026年11月`, `本月`, `上月`; empty means this month. A bare month not yet reached is last year's. */
export function parseMonth(text: string, now: number, tz: string): { year: number; month: number } | null {
  const s = fold(text).replace(/\s+/g, '')
  const p = localParts(now, tz)
  if (s === '' || s === '本月' || s === '这个月') return { year: p.year, month: p.month }
  if (s === '上月' || s === '上个月') return p.month === 1 ? { year: p.year - 1, month: 12 } : { year: p.year, month: p.month - 1 }
  let m = /^(\d{4})[-年/.](\d{1,2})月?$/.exec(s)
  if (m) {
    const month = Number(m[2])
    return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null
  }
  m = /^(\d{1,2})月?(份)?$/.exec(s)
  if (m) {
    const month = Number(m[1])
    if (month < 1 || month > 12) return null
    return { year: month > p.month ? p.year - 1 : p.year, month }
  }
  return null
}
