// Issue 5: a month of village life through the real bot (Wechaty + mock puppet, virtual clock),
// then the digests, the township view, the 日报/周报/月报/台账 commands, the workbook, the CSV
// and the chart are checked against numbers computed by hand from the plan below.
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SentRecord } from '../src/adapter/mock.js'
import { exportLedger } from '../src/export.js'
import { fromLocal, HOUR, MINUTE } from '../src/time.js'
import { baseConfig, budget, COMMITTEE, PUBLIC, startBot, type TestBot } from './helpers.js'

const TZ = 'Asia/Shanghai'
const GRID_ROOM = '北社村网格员信息群'
const SOUTH = '南社村说事群'
const SOUTH_COMMITTEE = '南社村两委群'
const TOWNSHIP_ROOM = '城关镇工作群'
const DEADLINE = 48 * HOUR
const at = (day: number, h: number, m = 0, month = 11): number => fromLocal(TZ, 2026, month, day, h, m)

function config(): Record<string, unknown> {
  const cfg = baseConfig() as { villages: Record<string, unknown>[] } & Record<string, unknown>
  const north = cfg.villages[0]!
  north['rooms'] = [
    { topic: PUBLIC, role: 'public', grid: '一组' },
    { topic: GRID_ROOM, role: 'grid', grid: '二组' },
    { topic: COMMITTEE, role: 'committee' },
  ]
  // Issue 4's time limits: 2 days to resolve (and to mediate), so 超时 comes after 48 h.
  north['sla'] = { resolveDays: 2, mediationDays: 2 }
  cfg.villages.push({
    name: '南社村',
    rooms: [{ topic: SOUTH, role: 'public' }, { topic: SOUTH_COMMITTEE, role: 'committee' }],
    cadres: [{ name: '周委员', roles: ['cadre'] }, { name: '吴主任', roles: ['director'] }],
    duty: { mon: '周委员', tue: '周委员', wed: '周委员', thu: '周委员', fri: '周委员', sat: '周委员', sun: '周委员' },
    sla: { resolveDays: 2, mediationDays: 2 },
  })
  cfg['townships'] = [{ name: '城关镇', villages: ['北社村', '南社村'], rooms: [{ topic: TOWNSHIP_ROOM }] }]
  return cfg
}

// --- the plan: what happens to each ticket, and when ---------------------------------------------

type Kind = 'open' | 'quick' | 'late' | 'reopen' | 'held' | 'dispute' | 'dup' | 'returned'
interface Ev { type: string; at: number; actor: string; note?: string }
interface Planned {
  village: '北社村' | '南社村'
  no: number
  room: string
  reporter: string
  text: string
  created: number
  kind: Kind
  cadre: string
  events: Ev[]
  private: boolean
}

const NORTH_DUTY = ['王书记', '张主任', '王书记', '张主任', '王书记', '张主任', '王书记'] // mon..sun
const TEXTS = ['报事 村北大街的井盖坏了', '报事 三组路灯又不亮了', '报事 咱村自来水又停了', '报事 村口垃圾堆了好几天', '报事 二组水渠堵了']
const CYCLE: Kind[] = ['open', 'quick', 'late', 'reopen', 'held']

function plan(): Planned[] {
  const out: Omit<Planned, 'no'>[] = []
  for (let day = 1; day <= 30; day++) {
    const created = at(day, 9)
    const weekday = (new Date(Date.UTC(2026, 10, day)).getUTCDay() + 6) % 7
    const cadre = NORTH_DUTY[weekday]!
    const kind = CYCLE[day % 5]!
    const events: Ev[] = []
    const reporter = `北社村民${day}`
    if (kind === 'quick') events.push({ type: 'accepted', at: created + HOUR, actor: cadre }, { type: 'resolved', at: created + 5 * HOUR, actor: cadre }, { type: 'closed', at: created + 6 * HOUR, actor: reporter })
    if (kind === 'late') events.push({ type: 'accepted', at: created + 30 * MINUTE, actor: cadre }, { type: 'resolved', at: created + 72 * HOUR, actor: cadre }, { type: 'closed', at: created + 144 * HOUR, actor: '系统', note: '默认满意' })
    if (kind === 'reopen') {
      events.push({ type: 'accepted', at: created + 2 * HOUR, actor: cadre }, { type: 'resolved', at: created + 20 * HOUR, actor: cadre },
        { type: 'reopened', at: created + 21 * HOUR, actor: reporter }, { type: 'resolved', at: created + 30 * HOUR, actor: cadre },
        { type: 'closed', at: created + 31 * HOUR, actor: reporter })
    }
    if (kind === 'held') events.push({ type: 'accepted', at: created + 10 * MINUTE, actor: cadre })
    out.push({ village: '北社村', room: day % 2 ? GRID_ROOM : PUBLIC, reporter, text: TEXTS[day % TEXTS.length]!, created, kind, cadre, events, private: false })
    if (day === 5 || day === 12 || day === 19) {
      const c = at(day, 11)
      const who = `吵架户${day}`
      out.push({
        village: '北社村', room: PUBLIC, reporter: who, text: '调解 邻居家的狗天天半夜叫，说了还骂人', created: c, kind: 'dispute', cadre: '李调解', private: true,
        // The mediation path (issue 4): 受理 → 调解成功 → 回访, all in private.
        events: [{ type: 'accepted', at: c + HOUR, actor: '李调解' }, { type: 'agreed', at: c + 24 * HOUR, actor: '李调解' }, { type: 'followed_up', at: c + 25 * HOUR, actor: '李调解' }],
      })
    }
    if (day === 8) out.push({ village: '北社村', room: GRID_ROOM, reporter: '重复户', text: '报事 二组那边水渠也堵了', created: at(8, 9, 30), kind: 'dup', cadre, private: false, events: [{ type: 'duplicate', at: at(8, 9, 35), actor: cadre }] })
    if (day === 15) out.push({ village: '北社村', room: PUBLIC, reporter: '外村人', text: '报事 县城到市里的高速公路有个大坑', created: at(15, 10), kind: 'returned', cadre, private: false, events: [{ type: 'returned', at: at(15, 11), actor: cadre }] })
    if (day % 3 === 0) {
      const c = at(day, 10)
      const who = `南社村民${day}`
      const quick = day % 6 === 0
      out.push({
        village: '南社村', room: SOUTH, reporter: who, text: TEXTS[(day + 1) % TEXTS.length]!, created: c, kind: quick ? 'quick' : 'open', cadre: '周委员', private: false,
        events: quick ? [{ type: 'accepted', at: c + HOUR, actor: '周委员' }, { type: 'resolved', at: c + 2 * HOUR, actor: '周委员' }, { type: 'closed', at: c + 3 * HOUR, actor: who }] : [],
      })
    }
  }
  out.sort((a, b) => a.created - b.created)
  const next = new Map<string, number>()
  return out.map(p => {
    const no = (next.get(p.village) ?? 0) + 1
    next.set(p.village, no)
    return { ...p, no }
  })
}

const PLAN = plan()

// --- the hand computation ----------------------------------------------------------------------

interface State { status: string; accepted: number | null; resolved: number | null }

function stateAt(p: Planned, now: number): State {
  const s: State = { status: 'open', accepted: null, resolved: null }
  for (const e of p.events) {
    if (e.at > now) break
    if (e.type === 'accepted') { s.status = 'accepted'; s.accepted ??= e.at }
    if (e.type === 'resolved') { s.status = 'resolved'; s.resolved = e.at; s.accepted ??= e.at }
    if (e.type === 'reopened') { s.status = 'accepted'; s.resolved = null }
    if (e.type === 'closed') s.status = 'closed'
    if (e.type === 'agreed') { s.status = 'agreed'; s.resolved = e.at }
    if (e.type === 'followed_up') s.status = 'archived'
    if (e.type === 'duplicate' || e.type === 'returned') s.status = e.type
  }
  return s
}

/** Events that finish the work: 办结, 调解成功. */
const FINISH = ['resolved', 'agreed']
const pct = (n: number, d: number): string => (d === 0 ? '—' : `${Math.round((n / d) * 1000) / 10}%`)

function expected(village: string | null, from: number, to: number, now: number) {
  const mine = PLAN.filter(p => (village === null || p.village === village) && p.created <= now)
  const created = mine.filter(p => p.created >= from && p.created < to)
  const counted = created.filter(p => !['dup', 'returned'].includes(p.kind))
  const st = (p: Planned) => stateAt(p, now)
  const doneBy = (p: Planned) => ['resolved', 'closed', 'agreed', 'archived'].includes(st(p).status) && st(p).resolved! < to
  const done = counted.filter(doneBy).length
  const evs = mine.flatMap(p => p.events).filter(e => e.at >= from && e.at < to)
  const closed = evs.filter(e => e.type === 'closed').length
  const reopened = evs.filter(e => e.type === 'reopened').length
  const owed = counted.filter(p => doneBy(p) || p.created + DEADLINE < to)
  const onTime = owed.filter(p => doneBy(p) && st(p).resolved! <= p.created + DEADLINE).length
  const overdue = mine.filter(p => ['open', 'accepted'].includes(st(p).status) && now > p.created + DEADLINE)
  return {
    created: created.length, counted: counted.length, done, closed, reopened, owed: owed.length, onTime,
    accepted: evs.filter(e => e.type === 'accepted').length, resolved: evs.filter(e => FINISH.includes(e.type)).length,
    doneRate: pct(done, counted.length), satisfaction: pct(closed, closed + reopened), onTimeRate: pct(onTime, owed.length),
    overdue: overdue.length, open: mine.filter(p => ['open', 'accepted'].includes(st(p).status)),
    privateCreated: created.filter(p => p.private).length,
  }
}

// --- drive the month through the bot -----------------------------------------------------------

let bot: TestBot
const sent: SentRecord[] = []
const collect = (): void => { sent.push(...bot.world.take()) }

async function act(when: number, fn: () => Promise<unknown>): Promise<void> {
  await bot.clock.advanceTo(when)
  collect()
  await fn()
  collect()
}

beforeAll(async () => {
  bot = await startBot({ config: config(), start: '2026-11-01T08:30:00+08:00' })
  const steps: { at: number; seq: number; run: () => Promise<unknown> }[] = []
  let seq = 0
  const say = (from: string, text: string, room: string | null) => () => bot.world.post({ from, text, ...(room ? { room } : {}) })
  for (const p of PLAN) {
    steps.push({ at: p.created, seq: seq++, run: say(p.reporter, p.text, p.room) })
    const orig = PLAN.find(o => o.village === p.village && o.created < p.created && o.room === p.room && o.kind !== 'dup')
    let resolvedOnce = false
    for (const e of p.events) {
      let run: (() => Promise<unknown>) | undefined
      if (e.type === 'accepted') run = say(e.actor, `接单 ${p.no}`, null)
      if (e.type === 'resolved') run = say(e.actor, `办结 ${p.no} ${resolvedOnce ? '重新处理好了' : '已处理'}`, null)
      if (e.type === 'resolved') resolvedOnce = true
      if (e.type === 'reopened') run = say(p.reporter, '不满意，还是不行', p.private ? null : p.room)
      if (e.type === 'closed' && e.actor !== '系统') run = say(p.reporter, '满意', p.private ? null : p.room)
      if (e.type === 'agreed') run = say(e.actor, `调解成功 ${p.no} 双方和解`, null)
      if (e.type === 'followed_up') run = say(e.actor, `回访 ${p.no} 已和好`, null)
      if (e.type === 'duplicate') run = say(e.actor, `重复 ${p.no} ${orig!.no}`, null)
      if (e.type === 'returned') run = say(e.actor, `退回 ${p.no} 不归村里管`, null)
      if (run) steps.push({ at: e.at, seq: seq++, run })
    }
  }
  steps.sort((a, b) => a.at - b.at || a.seq - b.seq)
  for (const s of steps) await act(s.at, s.run)
  await bot.clock.advanceTo(at(1, 8, 5, 12))
  collect()
}, budget(120_000))

afterAll(async () => { await bot?.close() })

async function eventCount(village: string): Promise<number> {
  const row = await bot.db.db.selectFrom('ticket_events').innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
    .innerJoin('villages', 'villages.id', 'tickets.village_id').where('villages.name', '=', village)
    .select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

const digestsAt = (room: string, when: number): string[] =>
  sent.filter(s => s.room === room && s.kind === 'digest' && s.at >= when && s.at < when + 10 * MINUTE && !s.file).map(s => s.text)

describe('a month through the real flow', () => {
  it('made every planned ticket with the planned number and final status', async () => {
    const rows = await bot.db.db.selectFrom('tickets').innerJoin('villages', 'villages.id', 'tickets.village_id')
      .select(['villages.name', 'tickets.no', 'tickets.status', 'tickets.private', 'tickets.created_at']).execute()
    expect(rows).toHaveLength(PLAN.length)
    for (const p of PLAN) {
      const row = rows.find(r => r.name === p.village && r.no === p.no)!
      expect(row.created_at, `${p.village} #${p.no}`).toBe(p.created)
      expect(row.status, `${p.village} #${p.no} ${p.kind}`).toBe(stateAt(p, bot.clock.now()).status)
      expect(row.private).toBe(p.private ? 1 : 0)
    }
  })
})

describe('daily digest', () => {
  it('gives yesterday by category, the overdue list, the open list and 30-day rates (Mon 16 Nov)', () => {
    const now = at(16, 8)
    const [daily] = digestsAt(COMMITTEE, now)
    const lines = daily!.split('\n')
    const y = expected('北社村', at(15, 0), at(16, 0), now)
    const w = expected('北社村', now - 30 * 24 * HOUR, now + 1, now)
    expect(lines[0]).toBe('【北社村日报】2026-11-15')
    expect(lines[1]).toBe(`昨日：新报 ${y.created} · 接单 ${y.accepted} · 办结 ${y.resolved} · 销号 ${y.closed}`)
    expect(lines[2]).toMatch(/^新报分类：/)
    expect(lines).toContain(`近30天：办结率 ${w.doneRate} · 满意率 ${w.satisfaction}`)
    const overdueLine = lines.find(l => l.startsWith('⏰超时'))!
    expect(overdueLine).toMatch(new RegExp(`^⏰超时 ${w.overdue} 件：`))
    // Longest overdue first: the oldest open ticket leads.
    const oldest = w.open.filter(p => !p.private).sort((a, b) => a.created - b.created)[0]!
    expect(overdueLine).toContain(`#${oldest.no} ${oldest.cadre} 超`)
    expect(lines).toContain(`未办结 ${w.open.length} 件（最久的在前）：`)
    expect(lines.find(l => l.startsWith('#'))).toMatch(new RegExp(`^#${oldest.no}【`))
    // Phone-sized: no more than 8 ticket lines.
    expect(lines.filter(l => l.startsWith('#')).length).toBeLessThanOrEqual(8)
    expect(daily).not.toContain('狗')
  })
})

describe('weekly digest (Monday) and its chart', () => {
  it('compares last week with the week before, per grid and per cadre (红黑榜)', () => {
    const now = at(16, 8)
    const texts = digestsAt(COMMITTEE, now)
    const weekly = texts.find(t => t.startsWith('【北社村周报】'))!
    const lines = weekly.split('\n')
    const cur = expected('北社村', at(9, 0), at(16, 0), now)
    const prev = expected('北社村', at(2, 0), at(9, 0), now)
    expect(lines[0]).toBe('【北社村周报】11月9日—11月15日')
    const arrow = cur.created > prev.created ? `↑${cur.created - prev.created}` : cur.created < prev.created ? `↓${prev.created - cur.created}` : '持平'
    expect(lines[1]).toBe(`新报 ${cur.created} 件（上周 ${prev.created}，${arrow}）`)
    expect(weekly).toContain(`其中调解事项 ${cur.privateCreated} 件（详情不公开）`)
    expect(lines.find(l => l.startsWith('办结率'))).toMatch(new RegExp(`^办结率 ${cur.doneRate}（上周 ${prev.doneRate}`))
    expect(lines.find(l => l.startsWith('满意率'))).toMatch(new RegExp(`^满意率 ${cur.satisfaction}（上周 ${prev.satisfaction}`))
    expect(lines.find(l => l.startsWith('按时办结率'))).toMatch(new RegExp(`^按时办结率 ${cur.onTimeRate}（上周 ${prev.onTimeRate}`))
    expect(lines).toContain(`当前超时未办结 ${expected('北社村', 0, now, now).overdue} 件`)

    // Grids: tickets of the week from each room.
    const inWeek = PLAN.filter(p => p.village === '北社村' && p.created >= at(9, 0) && p.created < at(16, 0))
    const grid1 = lines.find(l => l.startsWith('· 一组'))!
    const grid2 = lines.find(l => l.startsWith('· 二组'))!
    expect(grid1).toMatch(new RegExp(`^· 一组 新报${inWeek.filter(p => p.room === PUBLIC).length} `))
    expect(grid2).toMatch(new RegExp(`^· 二组 新报${inWeek.filter(p => p.room === GRID_ROOM).length} `))

    // 红黑榜: accepts and resolutions in the week by each cadre, and the quickest average.
    const evs = PLAN.filter(p => p.village === '北社村').flatMap(p => p.events.map(e => ({ ...e, created: p.created })))
      .filter(e => e.at >= at(9, 0) && e.at < at(16, 0))
    const avg: [string, number][] = []
    for (const name of ['王书记', '张主任', '李调解']) {
      const acc = evs.filter(e => e.type === 'accepted' && e.actor === name)
      const res = evs.filter(e => FINISH.includes(e.type) && e.actor === name)
      const line = lines.find(l => l.startsWith(`· ${name} `))
      if (acc.length === 0 && res.length === 0) continue
      expect(line, name).toMatch(new RegExp(`^· ${name} 接单${acc.length}.* · 办结${res.length} · 超时`))
      if (acc.length) avg.push([name, acc.reduce((s, e) => s + e.at - e.created, 0) / acc.length])
    }
    const fastest = avg.sort((a, b) => a[1] - b[1])[0]![0]
    expect(lines.find(l => l.startsWith('🔴红榜'))).toContain(`接单最快 ${fastest}`)
    expect(lines.find(l => l.startsWith('⚫黑榜'))).toMatch(/超时最多 (王书记|张主任)/)
    expect(weekly).not.toContain('狗')
  })

  it('sends the chart as an image right after the weekly text; the PNG decodes at 1080×1440', () => {
    const now = at(30, 8)
    const rows = sent.filter(s => s.room === COMMITTEE && s.kind === 'digest' && s.at >= now && s.at < now + 10 * MINUTE)
    const i = rows.findIndex(s => s.text.startsWith('【北社村周报】'))
    const chart = rows[i + 1]!
    expect(chart.file).toMatch(/\.png$/)
    const png = PNG.sync.read(fs.readFileSync(chart.file!))
    expect([png.width, png.height]).toEqual([1080, 1440])
    // The stacked bars are drawn: pixels of the open (red) and done (green) colours exist.
    const count = (r: number, g: number, b: number): number => {
      let n = 0
      for (let p = 0; p < png.data.length; p += 4) if (png.data[p] === r && png.data[p + 1] === g && png.data[p + 2] === b) n++
      return n
    }
    expect(count(0xe4, 0x57, 0x2e)).toBeGreaterThan(1000)
    expect(count(0x4c, 0x9f, 0x70)).toBeGreaterThan(1000)
    expect(count(0x3b, 0x75, 0xaf)).toBeGreaterThan(1000)
    // Only on Mondays (Nov 2, 9, 16, 23, 30), in Shanghai.
    const charts = sent.filter(s => s.file && s.kind === 'digest' && s.room === COMMITTEE)
    expect(charts.map(s => new Date(s.at + 8 * HOUR).toISOString().slice(0, 10))).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30'])
    // Generated files are kept two weeks: by Dec 1 the charts of Nov 2, 9 and 16 are gone.
    expect(charts.map(s => fs.existsSync(s.file!))).toEqual([false, false, false, true, true])
  })
})

describe('monthly digest (1st)', () => {
  it('sums up November against October', () => {
    const now = at(1, 8, 0, 12)
    const monthly = digestsAt(COMMITTEE, now).find(t => t.startsWith('【北社村月报】'))!
    const lines = monthly.split('\n')
    const cur = expected('北社村', at(1, 0), at(1, 0, 0, 12), now)
    expect(lines[0]).toBe('【北社村月报】2026年11月')
    expect(lines[1]).toBe(`新报 ${cur.created} 件（上月 0，↑${cur.created}）`)
    expect(lines).toContain(`办结率 ${cur.doneRate}（上月 —）`)
    expect(lines).toContain(`满意率 ${cur.satisfaction}（上月 —）`)
    expect(lines).toContain(`按时办结率 ${cur.onTimeRate}（上月 —）`)
    expect(cur.created).toBe(35)
  })
})

describe('township view', () => {
  it('gives the township room one digest for all its villages, ranked by 办结率', () => {
    const now = at(1, 8, 0, 12)
    const texts = digestsAt(TOWNSHIP_ROOM, now)
    const daily = texts.find(t => t.startsWith('【城关镇日报】'))!.split('\n')
    const w = (v: string | null) => expected(v, now - 30 * 24 * HOUR, now + 1, now)
    expect(daily[2]).toBe(`近30天：办结率 ${w(null).doneRate} · 满意率 ${w(null).satisfaction} · 超时 ${w(null).overdue} 件`)
    const ranked = ['北社村', '南社村'].map(v => ({ v, e: w(v) }))
      .sort((a, b) => b.e.done / b.e.counted - a.e.done / a.e.counted)
    const rankLines = daily.filter(l => /^\d\. /.test(l))
    expect(rankLines).toEqual(ranked.map(({ v, e }, i) => `${i + 1}. ${v} 办结率 ${e.doneRate} · 满意率 ${e.satisfaction} · 新报${e.created} · 超时${e.overdue}`))
    const monthly = texts.find(t => t.startsWith('【城关镇月报】'))!
    expect(monthly).toContain(`新报 ${expected(null, at(1, 0), at(1, 0, 0, 12), now).created} 件（上月 0`)
    expect(monthly).toContain('各村排名（本月办结率）：')
    // Each village's own committee room still gets its own digest, and not the township's.
    expect(digestsAt(SOUTH_COMMITTEE, now).some(t => t.startsWith('【南社村日报】'))).toBe(true)
    expect(digestsAt(COMMITTEE, now).some(t => t.includes('城关镇'))).toBe(false)
  })

  it('listens to nothing in the township room', async () => {
    await bot.world.post({ from: '镇长', room: TOWNSHIP_ROOM, text: '报事 镇上的路坏了' })
    expect(bot.world.take()).toEqual([])
  })
})

describe('日报 / 周报 / 月报 on demand', () => {
  it('sends the current edition privately to the cadre who asks, and only a note in the room', async () => {
    bot.world.take()
    await bot.world.post({ from: '王书记', room: COMMITTEE, text: '日报' })
    let out = bot.world.take()
    expect(out.find(s => s.room === COMMITTEE)!.text).toBe('已私信发给您。')
    const dm = out.find(s => s.to === '王书记')!
    const scheduled = digestsAt(COMMITTEE, at(1, 8, 0, 12)).find(t => t.startsWith('【北社村日报】'))!
    expect(dm.text.split('\n').slice(0, 4)).toEqual(scheduled.split('\n').slice(0, 4))

    await bot.world.post({ from: '张主任', text: '周报' })
    out = bot.world.take()
    expect(out.map(s => s.to)).toEqual(['张主任', '张主任'])
    expect(out[0]!.text).toMatch(/^【北社村周报】11月23日—11月29日/)
    expect(PNG.sync.read(fs.readFileSync(out[1]!.file!)).width).toBe(1080)

    await bot.world.post({ from: '王书记', text: '月报' })
    expect(bot.world.take()[0]!.text).toMatch(/^【北社村月报】2026年11月\n新报 35 件/)
  })

  it('refuses villagers and staff', async () => {
    await bot.world.post({ from: '北社村民3', room: PUBLIC, text: '日报' })
    expect(bot.world.take().map(s => s.text)).toEqual(['这条命令只有村干部可以使用。有问题直接在群里说就行。'])
  })
})

describe('台账 (the ledger in Excel)', () => {
  let file = ''
  it('台账 11月 returns the workbook as a file in the private chat', async () => {
    await bot.world.post({ from: '王书记', text: '台账 11月' })
    const out = bot.world.take()
    expect(out).toHaveLength(2)
    const north = PLAN.filter(p => p.village === '北社村')
    expect(out[0]).toMatchObject({ to: '王书记', text: `北社村 2026年11月台账：工单 ${north.length} 件，办理记录 ${await eventCount('北社村')} 条，见下方文件（报事人已打码）。` })
    expect(out[1]!.to).toBe('王书记')
    expect(out[1]!.file).toMatch(/台账-北社村-2026-11-\d+\.xlsx$/)
    file = out[1]!.file!
  })

  it('has the ticket rows, every event and the summary, with real dates in Shanghai time', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets.map(w => w.name)).toEqual(['工单', '办理记录', '汇总'])
    const ws = wb.getWorksheet('工单')!
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '编号', '村', '群', '类别', '紧急', '地点', '内容', '报事人', '报事时间', '接单时间', '办结时间', '销号时间',
      '处理人', '状态', '满意度', '用时（小时）', '超时', '备注',
    ])
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.getColumn(7).width).toBeGreaterThan(12)
    const north = PLAN.filter(p => p.village === '北社村')
    expect(ws.rowCount).toBe(1 + north.length)

    // The first ticket: day 1's report by 北社村民1, masked as 北***1.
    const first = north[0]!
    const r = ws.getRow(2)
    expect(r.getCell(1).value).toBe(first.no)
    expect(r.getCell(2).value).toBe('北社村')
    expect(r.getCell(3).value).toBe(first.room)
    expect(r.getCell(8).value).toBe('北***1')
    const created = r.getCell(9).value as Date
    expect(created).toBeInstanceOf(Date)
    // Excel shows 2026-11-01 09:00, the wall-clock time in Shanghai.
    expect(created.toISOString()).toBe('2026-11-01T09:00:00.000Z')
    expect(r.getCell(9).numFmt).toBe('yyyy-mm-dd hh:mm')

    // A 'late' ticket: resolved 72 h after the report, over the 48 h deadline, closed as 默认满意.
    const late = north.find(p => p.kind === 'late')!
    const lr = ws.getRow(1 + north.indexOf(late) + 1)
    expect(lr.getCell(14).value).toBe('已销号')
    expect(lr.getCell(15).value).toBe('默认满意')
    expect(lr.getCell(16).value).toBe(72)
    expect(lr.getCell(17).value).toBe('是')
    // A dispute: counted, details withheld.
    const dispute = north.find(p => p.kind === 'dispute')!
    const dr = ws.getRow(1 + north.indexOf(dispute) + 1)
    expect(dr.getCell(7).value).toBe('（调解事项，详情不入台账）')
    expect(JSON.stringify((ws.getSheetValues() as unknown[]))).not.toContain('狗')

    // Every event of the village's tickets: the plan's steps, and the time-limit reminders (催办, 黄牌) too.
    const events = wb.getWorksheet('办理记录')!
    expect(events.rowCount - 1).toBe(await eventCount('北社村'))
    const planned = north.reduce((n, p) => n + 1 + p.events.filter(e => e.at <= bot.clock.now()).length, 0)
    expect(events.rowCount - 1).toBeGreaterThanOrEqual(planned)

    const summary = wb.getWorksheet('汇总')!
    const s = summary.getRow(2).values as unknown[]
    const e = expected('北社村', at(1, 0), at(1, 0, 0, 12), bot.clock.now())
    expect(s[1]).toBe('北社村')
    expect(s[2]).toBe(e.created)
    expect(s[3]).toBe(e.counted)
    expect(s[4]).toBe(e.done)
    expect(s[5] as number).toBeCloseTo(e.done / e.counted, 10)
    expect(s[6] as number).toBeCloseTo(e.closed / (e.closed + e.reopened), 10)
    expect(s[7] as number).toBeCloseTo(e.onTime / e.owed, 10)
    expect(summary.getRow(2).getCell(5).numFmt).toBe('0.0%')
  })

  it('npx shuoshi export writes the same rows for both villages, and a CSV with BOM', async () => {
    const dir = bot.dataDir
    const xlsx = path.join(dir, 'out', '台账.xlsx')
    const csv = path.join(dir, 'out', '台账.csv')
    const lines = await exportLedger({
      config: bot.config, from: '2026-11-01', to: '2026-11-30', villages: [], out: xlsx, csv, db: bot.dbFile, now: bot.clock.now(),
    })
    expect(lines[0]).toBe(`已写入 ${xlsx}：工单 ${PLAN.length} 件，办理记录 ${await eventCount('北社村') + await eventCount('南社村')} 条`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(xlsx)
    expect(wb.getWorksheet('工单')!.rowCount).toBe(1 + PLAN.length)
    const summary = wb.getWorksheet('汇总')!
    expect(summary.getRow(4).getCell(1).value).toBe('合计')
    expect(summary.getRow(4).getCell(2).value).toBe(PLAN.length)

    const text = fs.readFileSync(csv, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const rows = text.slice(1).trimEnd().split('\r\n')
    expect(rows[0]).toBe('编号,村,群,类别,紧急,地点,内容,报事人,报事时间,接单时间,办结时间,销号时间,处理人,状态,满意度,用时（小时）,超时,备注')
    expect(rows).toHaveLength(1 + PLAN.length)
    expect(rows[1]).toContain(',2026-11-01 09:00,')

    const south = path.join(dir, 'out', 'south.xlsx')
    await exportLedger({ config: bot.config, from: '2026-11-01', to: '2026-11-30', villages: ['南社村'], out: south, db: bot.dbFile, now: bot.clock.now() })
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.readFile(south)
    expect(wb2.getWorksheet('工单')!.rowCount).toBe(1 + PLAN.filter(p => p.village === '南社村').length)
    await expect(exportLedger({ config: bot.config, from: '2026-11-01', to: '2026-11-30', villages: ['东村'], out: south, db: bot.dbFile }))
      .rejects.toThrow('没有叫「东村」的村，可选：北社村、南社村')
  })
})
