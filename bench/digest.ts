// Digests and the ledger at county scale: a year of 100 villages, 100,000 tickets with their
// events, in a real SQLite file. Targets (issue 5): a daily digest under 1 s; an xlsx export of
// 10,000 tickets under 10 s.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BenchSuite } from './suites.js'
import { openDatabase } from '../db/connection.js'
import digestJob from '../handlers/digest.js'
import { parseConfig } from '../src/config.js'
import type { JobCtx } from '../src/context.js'
import { composeDigest, townshipScope, villageScope, writeWeekChart } from '../src/digest.js'
import { loadLedger, writeLedger } from '../src/ledger.js'
import { silentLogger } from '../src/log.js'
import { mulberry32 } from '../src/simulate.js'
import { Outbound } from '../src/outbound.js'
import { DAY, fromLocal, HOUR } from '../src/time.js'
import { World } from '../src/world.js'

const VILLAGES = 100
const TICKETS = 100_000
const TZ = 'Asia/Shanghai'
const CATEGORIES = ['道路交通', '水电气', '公共设施', '环境卫生', '安全隐患', '住房', '农业生产', '邻里纠纷']

function countyConfig() {
  const duty = { mon: '书记', tue: '主任', wed: '书记', thu: '主任', fri: '书记', sat: '主任', sun: '书记' }
  return parseConfig({
    timezone: TZ,
    bot: { name: '村务助手' },
    villages: Array.from({ length: VILLAGES }, (_, i) => ({
      name: `第${i + 1}村`,
      rooms: [
        { topic: `第${i + 1}村说事群`, role: 'public', grid: '一组' },
        { topic: `第${i + 1}村网格群`, role: 'grid', grid: '二组' },
        { topic: `第${i + 1}村两委群`, role: 'committee' },
      ],
      cadres: [{ name: '书记', roles: ['secretary'] }, { name: '主任', roles: ['director'] }, { name: '调解员', roles: ['mediator'] }],
      duty,
    })),
    townships: Array.from({ length: VILLAGES / 10 }, (_, i) => ({
      name: `第${i + 1}镇`, villages: Array.from({ length: 10 }, (_, j) => `第${i * 10 + j + 1}村`), rooms: [{ topic: `第${i + 1}镇工作群` }],
    })),
  })
}

async function ms<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now()
  const r = await fn()
  return [r, performance.now() - t]
}

export const digestSuite: BenchSuite = {
  name: 'digest',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-bench-digest-'))
    const opened = await openDatabase(path.join(dir, 'county.db'))
    const db = opened.db
    const config = countyConfig()
    const end = fromLocal(TZ, 2026, 11, 23, 8, 0)
    const start = end - 365 * DAY
    const world = new World(config)
    await world.load(db, start)

    // Seed through the engine directly: a year of the flow's rows, fast.
    const [, seedMs] = await ms(async () => {
      const sqlite = opened.sqlite!
      const rand = mulberry32(5)
      const insTicket = sqlite.prepare(`INSERT INTO tickets (village_id, no, room_id, kind, category, urgent, private, location, text, summary,
        reporter_id, reporter_name, status, assignee, created_at, accepted_at, resolved_at, closed_at, feedback, feedback_due_at, resolution,
        duplicate_of, source_msg_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?)`)
      const insEvent = sqlite.prepare('INSERT INTO ticket_events (ticket_id, at, actor, actor_kind, type, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      sqlite.transaction(() => {
        const perVillage = TICKETS / VILLAGES
        for (const v of world.villages) {
          for (let n = 1; n <= perVillage; n++) {
            const created = start + Math.floor(((n - 0.5) / perVillage) * 365 * DAY + (rand() - 0.5) * 6 * HOUR)
            const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!
            const priv = category === '邻里纠纷' ? 1 : 0
            const who = rand() < 0.5 ? '书记' : '主任'
            const r = rand()
            const accepted = r < 0.95 ? created + Math.floor(rand() * 5 * HOUR) : null
            let resolved = accepted !== null && r < 0.9 ? accepted + Math.floor(rand() * 96 * HOUR) : null
            if (resolved !== null && resolved > end) resolved = null
            const closed = resolved !== null && resolved + 72 * HOUR < end ? resolved + Math.floor(rand() * 72 * HOUR) : null
            const status = closed !== null ? 'closed' : resolved !== null ? 'resolved' : accepted !== null && accepted < end ? 'accepted' : 'open'
            const room = v.rooms[n % 2]!.id
            const info = insTicket.run(v.id, n, room, priv ? 'dispute' : 'report', category, rand() < 0.05 ? 1 : 0, priv, '村北大街',
              '村北大街的井盖坏了', '村北大街的井盖坏了', `村民${n}`, status, who, created, accepted, resolved, closed,
              closed !== null ? (rand() < 0.7 ? 'satisfied' : 'default') : null, resolved !== null ? '已处理' : null, closed ?? resolved ?? accepted ?? created)
            const id = Number(info.lastInsertRowid)
            insEvent.run(id, created, `村民${n}`, 'villager', 'created', null, 'open', who)
            if (accepted !== null && accepted < end) insEvent.run(id, accepted, who, 'cadre', 'accepted', 'open', 'accepted', null)
            if (resolved !== null) insEvent.run(id, resolved, who, 'cadre', 'resolved', 'accepted', 'resolved', '已处理')
            if (closed !== null) insEvent.run(id, closed, `村民${n}`, 'villager', 'closed', 'resolved', 'closed', rand() < 0.3 ? '默认满意' : null)
          }
        }
      })()
      sqlite.exec('ANALYZE')
    })
    const events = Number((await db.selectFrom('ticket_events').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

    const ctx = (): JobCtx => ({
      app: { config, world, log: silentLogger, dataDir: dir }, db, now: end, out: new Outbound(db, 'bench', end), afterCommit: () => {},
      claim: async () => true,
    })
    const village = world.villages[37]!
    const dailies: number[] = []
    for (let i = 0; i < 5; i++) dailies.push((await ms(() => composeDigest(ctx(), villageScope(village), 'daily')))[1])
    dailies.sort((a, b) => a - b)
    const [, weeklyMs] = await ms(() => composeDigest(ctx(), villageScope(village), 'weekly'))
    const [, monthlyMs] = await ms(() => composeDigest(ctx(), villageScope(village), 'monthly'))
    const [, chartMs] = await ms(() => writeWeekChart(ctx(), villageScope(village)))
    const [, townshipMs] = await ms(() => composeDigest(ctx(), townshipScope(world.townships[3]!), 'weekly'))
    // The whole Monday 08:00 run (100 villages × daily + weekly + chart, 10 townships), minute by
    // minute as the scheduler runs it, each minute one transaction.
    const runDay = async (from: number): Promise<{ total: number; worst: number; minutes: number }> => {
      let total = 0
      let worst = 0
      let minutes = 0
      for (let now = from; ; now += 60_000) {
        const before = await outboxCount()
        const [, t] = await ms(() => db.transaction().execute(trx => digestJob.run({ ...ctx(), now, db: trx, out: new Outbound(trx, 'bench', now) })))
        if ((await outboxCount()) === before) return { total, worst, minutes }
        total += t
        worst = Math.max(worst, t)
        minutes++
      }
    }
    const outboxCount = async (): Promise<number> => Number((await db.selectFrom('outbox').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const monday = await runDay(end)
    const sent = await outboxCount()
    // An ordinary day (Tuesday 08:00): daily digests only.
    const tuesday = await runDay(end + DAY)

    // The ledger of 10 villages for the year: 10,000 tickets.
    const ten = world.villages.slice(0, 10).map(v => ({ id: v.id, name: v.name, rules: { sla: v.cfg.sla, quiet: v.cfg.quietHours, tz: TZ } }))
    const rooms = world.villages.flatMap(v => v.rooms)
    const [data, loadMs] = await ms(() => loadLedger(db, { villages: ten, rooms, tz: TZ, from: start, to: end, now: end }))
    const xlsx = path.join(dir, '台账.xlsx')
    const [, xlsxMs] = await ms(() => writeLedger(data, xlsx))
    const [, csvMs] = await ms(() => writeLedger(data, path.join(dir, '台账.csv')))
    const size = fs.statSync(xlsx).size
    await opened.close()
    fs.rmSync(dir, { recursive: true, force: true })

    const s = (x: number): string => `${(x / 1000).toFixed(2)} s`
    return [
      `digest county db: ${TICKETS} tickets, ${events} events, ${VILLAGES} villages, seeded in ${s(seedMs)}`,
      `digest daily (1 village): median ${dailies[2]!.toFixed(0)} ms, max ${dailies[4]!.toFixed(0)} ms (target < 1000 ms)`,
      `digest weekly ${weeklyMs.toFixed(0)} ms, monthly ${monthlyMs.toFixed(0)} ms, chart PNG ${chartMs.toFixed(0)} ms, township of 10 weekly ${townshipMs.toFixed(0)} ms`,
      `digest Monday 08:00 (100 villages daily+weekly+chart, 10 townships): ${s(monday.total)} over ${monday.minutes} minutes, worst minute ${s(monday.worst)}, ${sent} outbox rows`,
      `digest Tuesday 08:00 (dailies only): ${s(tuesday.total)} over ${tuesday.minutes} minutes, worst minute ${s(tuesday.worst)}`,
      `export ${data.tickets.length} tickets + ${data.events.length} events: load ${s(loadMs)}, xlsx ${s(xlsxMs)} (${(size / 1e6).toFixed(1)} MB), total ${s(loadMs + xlsxMs)} (target < 10 s); csv ${s(csvMs)}`,
    ]
  },
}
