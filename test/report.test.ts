// Issue 5, the parts under the digests: definitions on small hand cases, periods across month and
// year ends, month words for 台账, township config, the chart without system fonts, CSV safety.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import type { TicketRow } from '../db/schema.js'
import { CHART_HEIGHT, CHART_WIDTH, renderWeekChart, type WeekChart } from '../src/chart.js'
import { ConfigError, parseConfig } from '../src/config.js'
import { periodFor } from '../src/digest.js'
import { cadreBoard, periodStats, rate, type ReportEvent } from '../src/domain/digest.js'
import { resolveDeadline, type SlaRules } from '../src/domain/sla.js'
import { exportLedger } from '../src/export.js'
import { ledgerCsv, type LedgerData } from '../src/ledger.js'
import { fromLocal, HOUR, isoLocal } from '../src/time.js'
import { parseMonth } from '../handlers/ledger.js'
import { sentFileName } from '../src/adapter/wechaty.js'
import { baseConfig, COMMITTEE, startBot, type TestBot } from './helpers.js'

const TZ = 'Asia/Shanghai'
const T0 = fromLocal(TZ, 2026, 11, 2, 9) // a Monday

function ticket(id: number, o: Partial<TicketRow>): TicketRow {
  return {
    id, village_id: 1, no: id, room_id: 1, kind: 'report', category: '道路交通', urgent: 0, private: 0, location: null,
    text: 't', summary: 't', reporter_id: null, reporter_name: '李大爷', status: 'open', assignee: '王书记',
    created_at: T0, accepted_at: null, resolved_at: null, closed_at: null, feedback: null, feedback_due_at: null,
    resolution: null, duplicate_of: null, source_msg_id: null, updated_at: T0, accept_clock_at: null, resolve_clock_at: null,
    suspended_at: null, suspended_ms: 0, extension_ms: 0, extension_request_ms: null, extension_request_by: null, unit: null, ...o,
  }
}
const MOVES: Record<string, [string, string]> = {
  accepted: ['open', 'accepted'], resolved: ['accepted', 'resolved'], closed: ['resolved', 'closed'], reopened: ['resolved', 'accepted'],
}
const ev = (ticket_id: number, type: string, at: number, actor = '王书记', note: string | null = null, created_at = T0): ReportEvent =>
  ({ ticket_id, type, at, actor, note, created_at, village_id: 1, room_id: 1, from_status: MOVES[type]?.[0] ?? null, to_status: MOVES[type]?.[1] ?? null })

describe('the definitions, by hand', () => {
  // 2 days to resolve, 24 h when urgent (issue 4's time limits); no suspension or extension here.
  const rules: SlaRules = { sla: { acceptMinutes: 30, urgentAcceptMinutes: 10, resolveDays: 2, urgentResolveHours: 24, mediationDays: 2 }, quiet: { from: '22:00', to: '07:00' }, tz: TZ }
  const due = (t: TicketRow) => resolveDeadline(t, rules, T0 + 30 * 24 * HOUR)
  const tickets = [
    ticket(1, { status: 'closed', accepted_at: T0 + HOUR, resolved_at: T0 + 10 * HOUR, closed_at: T0 + 11 * HOUR }), // on time
    ticket(2, { status: 'resolved', accepted_at: T0 + 3 * HOUR, resolved_at: T0 + 50 * HOUR }), // late (48 h)
    ticket(3, { status: 'accepted', assignee: '张主任', accepted_at: T0 + 2 * HOUR, urgent: 1 }), // open, urgent: due at +24 h
    ticket(4, { status: 'duplicate', closed_at: T0 + HOUR }), // not counted
    ticket(5, { status: 'open', private: 1, category: '邻里纠纷' }),
    ticket(6, { status: 'closed', created_at: T0 - 10 * 24 * HOUR, resolved_at: T0 + HOUR }), // created before the period
  ]
  const events = [
    ev(1, 'accepted', T0 + HOUR), ev(1, 'resolved', T0 + 10 * HOUR), ev(1, 'closed', T0 + 11 * HOUR, '李大爷'),
    ev(2, 'accepted', T0 + 3 * HOUR, '张主任'), ev(2, 'resolved', T0 + 20 * HOUR, '张主任'), ev(2, 'reopened', T0 + 21 * HOUR, '李大爷'),
    ev(2, 'resolved', T0 + 50 * HOUR, '张主任'), ev(3, 'accepted', T0 + 2 * HOUR, '张主任'),
    ev(6, 'closed', T0 + 30 * HOUR, '系统', '默认满意', T0 - 10 * 24 * HOUR),
  ]

  it('办结率, 满意率, 按时办结率, average times over one week', () => {
    const s = periodStats(tickets, events, T0 - 9 * HOUR, T0 + 7 * 24 * HOUR, due)
    expect(s.created).toBe(5)
    expect(s.byCategory).toEqual([['道路交通', 4]])
    expect(s.privateCreated).toBe(1)
    // Counted: 1, 2, 3, 5 (the duplicate is out). Done by the end: 1 and 2.
    expect(s.done).toEqual({ num: 2, den: 4 })
    // Answers in the week: #1 满意, #2 不满意, #6 默认满意 → 2 of 3.
    expect(s.satisfaction).toEqual({ num: 2, den: 3, defaulted: 1 })
    // Owed: #1, #2 (done), #3 (urgent, 24 h passed), #5 (48 h passed); on time: #1 only.
    expect(s.onTime).toEqual({ num: 1, den: 4 })
    expect(s.avgAcceptMs).toBe(2 * HOUR)
    expect(s.avgResolveMs).toBe(30 * HOUR)
    expect([s.accepted, s.resolved, s.closed]).toEqual([3, 3, 2])
  })

  it('counts a ticket finished after the period as not done in it', () => {
    const s = periodStats(tickets, events, T0 - 9 * HOUR, T0 + 40 * HOUR, due)
    expect(s.done).toEqual({ num: 1, den: 4 })
    expect(rate({ num: 0, den: 0 })).toBeNull()
  })

  it('the 红黑榜: quickest to accept, most resolved, most overdue', () => {
    const b = cadreBoard(tickets, events, T0 - 9 * HOUR, T0 + 7 * 24 * HOUR, T0 + 7 * 24 * HOUR, due)
    expect(b.rows.map(r => [r.name, r.accepted, r.resolved, r.overdue])).toEqual([['张主任', 2, 2, 1], ['王书记', 1, 1, 1]])
    expect(b.fastest).toEqual({ names: ['王书记'], ms: HOUR })
    expect(b.mostResolved).toEqual({ names: ['张主任'], n: 2 })
    expect(b.mostOverdue).toEqual({ names: ['张主任', '王书记'], n: 1 })
  })
})

describe('periods', () => {
  it('yesterday, last week (Mon–Sun) and last month, in the configured timezone', () => {
    const day = (ms: number) => isoLocal(ms, TZ).slice(0, 16)
    const now = fromLocal(TZ, 2027, 1, 1, 8) // a Friday, New Year's Day
    const m = periodFor('monthly', now, TZ)
    expect([m.from, m.to, m.prevFrom].map(day)).toEqual(['2026-12-01T00:00', '2027-01-01T00:00', '2026-11-01T00:00'])
    const w = periodFor('weekly', now, TZ)
    expect([w.from, w.to, w.prevFrom].map(day)).toEqual(['2026-12-21T00:00', '2026-12-28T00:00', '2026-12-14T00:00'])
    const d = periodFor('daily', fromLocal(TZ, 2026, 11, 24, 0, 30), TZ)
    expect([d.from, d.to].map(day)).toEqual(['2026-11-23T00:00', '2026-11-24T00:00'])
  })

  it('reads the month words of 台账', () => {
    const nov = fromLocal(TZ, 2026, 11, 23, 9)
    expect(parseMonth('11月', nov, TZ)).toEqual({ year: 2026, month: 11 })
    expect(parseMonth('１２月', nov, TZ)).toEqual({ year: 2025, month: 12 })
    expect(parseMonth('', nov, TZ)).toEqual({ year: 2026, month: 11 })
    expect(parseMonth('上月', fromLocal(TZ, 2027, 1, 3), TZ)).toEqual({ year: 2026, month: 12 })
    expect(parseMonth('2026-02', nov, TZ)).toEqual({ year: 2026, month: 2 })
    expect(parseMonth('2026年3月', nov, TZ)).toEqual({ year: 2026, month: 3 })
    expect(parseMonth('13月', nov, TZ)).toBeNull()
    expect(parseMonth('去年', nov, TZ)).toBeNull()
  })
})

describe('township config', () => {
  const err = (raw: unknown): ConfigError => {
    try {
      parseConfig(raw, 'x.yaml')
    } catch (e) {
      if (e instanceof ConfigError) return e
    }
    throw new Error('expected a ConfigError')
  }

  it('names an unknown village and a room topic used twice', () => {
    const e = err(baseConfig({ townships: [{ name: '城关镇', villages: ['东村'], rooms: [{ topic: COMMITTEE }] }] }))
    expect(e.problems).toContain('townships[0]（城关镇）.villages[0]：「东村」不是配置里的村，可选值：北社村')
    expect(e.problems).toContain(`townships[0]（城关镇）.rooms[0]（${COMMITTEE}）.topic：「${COMMITTEE}」重复出现，每个名称只能写一次`)
  })

  it('has no township unless configured, and rooms without a grid', () => {
    const cfg = parseConfig(baseConfig())
    expect(cfg.townships).toEqual([])
    expect(cfg.villages[0]!.rooms[0]!.grid).toBeUndefined()
  })
})

describe('the chart', () => {
  const chart = (o: Partial<WeekChart> = {}): WeekChart => ({
    title: '北社村 一周工单', subtitle: '11月16日—11月22日', dayPanel: '每天新报', categoryPanel: '按类别',
    series: [{ name: '未办结', color: '#e4572e' }], days: [{ label: ['11/16', '周一'], counts: [3] }],
    categories: [['道路交通', 3]], empty: '本周没有新报事', ...o,
  })
  const dark = (png: PNG, x0: number, y0: number, x1: number, y1: number): number => {
    let n = 0
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (png.data[(y * png.width + x) * 4]! < 100) n++
    return n
  }

  it('draws Chinese labels with the bundled font, whatever the machine has', () => {
    const png = PNG.sync.read(renderWeekChart(chart()))
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT])
    // The title row holds the glyphs of 北社村 一周工单; an empty title leaves it white.
    expect(dark(png, 40, 20, 700, 100)).toBeGreaterThan(2000)
    const blank = PNG.sync.read(renderWeekChart(chart({ title: '' })))
    expect(dark(blank, 40, 20, 700, 100)).toBe(0)
  })

  it('survives characters the font lacks and an empty week', () => {
    const png = PNG.sync.read(renderWeekChart(chart({ title: '🌾北社村 <&> 周报', categories: [], days: [] })))
    expect(png.width).toBe(CHART_WIDTH)
  })
})

describe('CSV for other systems', () => {
  it('quotes commas and newlines and never lets a cell run as a formula', () => {
    const d = { rows: [[1, '北社村', '=HYPERLINK("x")', 'a,b', 'line\nbreak', new Date(Date.UTC(2026, 10, 1, 9, 5)), null, -3]] } as unknown as LedgerData
    const csv = ledgerCsv(d)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv.split('\r\n')[1]).toBe(`1,北社村,"'=HYPERLINK(""x"")","a,b","line\nbreak",2026-11-01 09:05,,-3`)
  })

  it('npx shuoshi export: usage on a wrong option, exit 0 and a file on success', async () => {
    const { main } = await import('../src/cli.js')
    const err = process.stderr.write
    const out = process.stdout.write
    let printed = ''
    process.stderr.write = ((s: string) => { printed += s; return true }) as typeof process.stderr.write
    process.stdout.write = ((s: string) => { printed += s; return true }) as typeof process.stdout.write
    try {
      expect(await main(['export', '--form', '2026-11-01'])).toBe(2)
      expect(printed).toContain('export --from 2026-11-01 --to 2026-11-30')
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-cli-'))
      const cfg = path.join(dir, 'shuoshi.yaml')
      fs.writeFileSync(cfg, JSON.stringify(baseConfig()))
      const file = path.join(dir, 'x.xlsx')
      expect(await main(['export', '--from', '2026-11-01', '--to', '2026-11-30', '--config', cfg, '--db', path.join(dir, 'db.sqlite'), '--out', file])).toBe(0)
      expect(printed).toContain(`已写入 ${file}：工单 0 件，办理记录 0 条`)
      expect(fs.existsSync(file)).toBe(true)
    } finally {
      process.stderr.write = err
      process.stdout.write = out
    }
  })

  it('explains bad dates and a backwards range in Chinese', async () => {
    const config = parseConfig(baseConfig())
    await expect(exportLedger({ config, from: '2026/11/01', to: '2026-11-30', villages: [], out: 'x.xlsx', db: ':memory:' }))
      .rejects.toThrow('日期应写成 YYYY-MM-DD，例如 2026-11-01，实际是「2026/11/01」')
    await expect(exportLedger({ config, from: '2026-11-30', to: '2026-11-01', villages: [], out: 'x.xlsx', db: ':memory:' }))
      .rejects.toThrow('--to 不能早于 --from')
  })
})

describe('台账 and 日报 edge cases', () => {
  let bot: TestBot
  afterEach(async () => { await bot?.close() })

  it('hints the month format, and says so when there is nothing to report', async () => {
    bot = await startBot()
    expect((await bot.say('王书记', '台账 十三月', null)).map(s => s.text)).toEqual(['格式：台账 11月，也可以写 台账 本月、台账 上月、台账 2026-11'])
    expect((await bot.say('王书记', '日报', null)).map(s => s.text)).toEqual(['北社村还没有工单，暂无报表。'])
    // An empty month is still a ledger: headers only.
    const out = await bot.say('王书记', '台账 本月', null)
    expect(out[0]!.text).toBe('北社村 2026年11月台账：工单 0 件，办理记录 0 条，见下方文件（报事人已打码）。')
    expect(out[1]!.file).toMatch(/\.xlsx$/)
    // The file reaches the chat under a clean name (the instant in the stored name is for pruning).
    expect(sentFileName(out[1]!.file!)).toBe('台账-北社村-2026-11.xlsx')
  })

  it('spreads a county’s digests over minutes: at most 10 scopes a minute, none lost', async () => {
    const cfg = baseConfig() as { villages: Record<string, unknown>[] }
    const duty = { mon: '书记', tue: '书记', wed: '书记', thu: '书记', fri: '书记', sat: '书记', sun: '书记' }
    cfg.villages = Array.from({ length: 12 }, (_, i) => ({
      name: `第${i + 1}村`, rooms: [{ topic: `第${i + 1}村群`, role: 'public' }, { topic: `第${i + 1}村两委`, role: 'committee' }],
      cadres: [{ name: '书记', roles: ['secretary'] }], duty,
    }))
    // Monday after the digest window: the first digests are Tuesday's.
    bot = await startBot({ config: cfg, start: '2026-11-23T12:30:00+08:00' })
    for (let i = 1; i <= 12; i++) await bot.say(`村民${i}`, '报事 村口路灯坏了', `第${i}村群`)
    await bot.clock.advanceTo(fromLocal(TZ, 2026, 11, 24, 8, 0))
    const first = bot.world.take().filter(s => s.kind === 'digest')
    expect(first).toHaveLength(10)
    await bot.clock.advanceBy(60_000)
    const next = bot.world.take().filter(s => s.kind === 'digest')
    expect(next.map(s => s.room).sort()).toEqual(['第11村两委', '第12村两委'])
  })

  it('lets a cadre of two villages name the village', async () => {
    const cfg = baseConfig() as { villages: Record<string, unknown>[] }
    cfg.villages.push({
      name: '南社村', rooms: [{ topic: '南社村说事群', role: 'public' }], cadres: [{ name: '王书记', roles: ['secretary'] }],
      duty: { mon: '王书记', tue: '王书记', wed: '王书记', thu: '王书记', fri: '王书记', sat: '王书记', sun: '王书记' },
    })
    bot = await startBot({ config: cfg })
    await bot.say('钱婶', '南头的路灯不亮了', '南社村说事群')
    expect((await bot.say('王书记', '月报', null)).map(s => s.text)).toEqual(['您同时负责北社村、南社村，请写上村名，例如：月报 北社村'])
    const out = await bot.say('王书记', '台账 南社村 11月', null)
    expect(out[0]!.text).toMatch(/^南社村 2026年11月台账：工单 1 件/)
    expect((await bot.say('王书记', '周报 南社村', null))[0]!.text).toMatch(/^【南社村周报】11月16日—11月22日/)
  })
})
