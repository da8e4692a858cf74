// Bare Wechaty + wechaty-puppet-mock with a handler that only counts, against the full bot on the
// same mixed traffic (classify, record, ticket, enqueue replies). Messages are created in the
// mock before the clock starts, so both sides pay only for delivery and handling.
//
// The traffic is spread over virtual time (PACE_MS a line) and delivered in slices of SLICE lines
// that share one instant, to both sides alike. With every line at one instant (as this bench
// first did) each villager said hundreds of lines "at once": every chat line after their report
// was taken as a supplement to it, and every look-back saw twenty lines.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import * as PUPPET from 'wechaty-puppet'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { createWechaty } from '../src/adapter/wechaty.js'
import { MockWorld } from '../src/adapter/mock.js'
import type { Clock, Timer } from '../src/clock.js'
import { sharedMemo } from '../src/classify-memo.js'
import { parseConfig } from '../src/config.js'
import { silentLogger } from '../src/log.js'
import { openDatabase } from '../db/connection.js'
import type { BenchSuite } from './suites.js'
import { mixedTraffic, trafficConfig, trafficPeople, trafficVillages, type TrafficMessage } from './traffic.js'

const COUNT = Number(process.env['BENCH_COUNT'] ?? 20_000)
const WARMUP = 3_000
const LATENCY_SAMPLES = 2_000
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3)
/**
 * A busy village group: about nine lines in ten are chit-chat; cadres type about two commands per
 * report (接单, 进展, 办结, 待办, 查询).
 */
export const REALISTIC = { reports: 0.03, urgent: 0.002, disputes: 0.008, commands: 0.06, feedback: 0.015, oneOffChat: 0.5 }
/** Only chit-chat: what every line costs (record, classify, look back at the speaker's recent lines). */
const CHAT_ONLY = { reports: 0, urgent: 0, disputes: 0, commands: 0, feedback: 0, oneOffChat: 0.5 }
const MONDAY_0900 = Date.parse('2026-11-23T09:00:00+08:00')
/** Four busy village groups together: a line a second. */
const PACE_MS = Number(process.env['BENCH_PACE_MS'] ?? 1000)
/** Lines handed over at one virtual instant; the next slice waits until these are handled. */
const SLICE = 64

/**
 * The bot's clock here: set to each slice's instant. Timers never fire, so the sender and the
 * scheduler stay idle and replies are only enqueued, as in production while the sender works
 * through them one a second (the flood suite measures sending).
 */
class BenchClock implements Clock {
  constructor(public t: number) {}
  now(): number { return this.t }
  at(): Timer { return { cancel() {} } }
  everyMinute(): Timer { return { cancel() {} } }
}

/** What both sides need to inject: a mocker with the people and rooms, and the bot's user. */
interface Stage {
  mocker: mock.Mocker
  puppet: PuppetMock
  contact(name: string): mock.ContactMock
  room(topic: string): mock.RoomMock
  botId: string
}

/** Profiling hooks around the timed flood (see scripts or ad-hoc profiling). */
export const hooks: { before?: () => Promise<void>; after?: () => Promise<void> } = {}

let seq = 0
/** Creates the payloads in the mock (not timed); returns the ids to emit. */
function prepare(stage: Stage, msgs: TrafficMessage[], at: number): string[] {
  return msgs.map(m => {
    const id = `bench-${++seq}`
    const from = stage.contact(m.from)
    const payload: Record<string, unknown> = { id, talkerId: from.id, timestamp: at, type: PUPPET.types.Message.Text, text: m.text }
    if (m.room) {
      payload['roomId'] = stage.room(m.room).id
      payload['mentionIdList'] = []
    } else {
      payload['listenerId'] = stage.botId
    }
    stage.mocker.MessageMock.create(payload as unknown as PUPPET.payloads.Message)
    return id
  })
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

interface Side {
  /** Emits every id and resolves when all have been handled. */
  flood(ids: string[]): Promise<number>
  /** Emits one id and resolves when it has been handled; returns ms. */
  one(id: string): Promise<number>
  /** Sets the virtual instant of what is emitted next. */
  setTime(t: number): void
}

/** Hands `ids` over slice by slice, each at its virtual instant; returns wall ms. */
async function deliver(side: Side, ids: string[], start: number): Promise<number> {
  const t0 = performance.now()
  for (let i = 0; i < ids.length; i += SLICE) {
    side.setTime(start + i * PACE_MS)
    await side.flood(ids.slice(i, i + SLICE))
  }
  return performance.now() - t0
}

async function measure(side: Side, stage: Stage, traffic: TrafficMessage[], warm: TrafficMessage[]): Promise<{ rate: number; cpuRate: number; p50: number; p99: number }> {
  let t = MONDAY_0900
  await deliver(side, prepare(stage, warm, t), t)
  t += warm.length * PACE_MS
  const ids = prepare(stage, traffic, t)
  await hooks.before?.()
  const cpu0 = process.cpuUsage()
  const ms = await deliver(side, ids, t)
  const cpu = process.cpuUsage(cpu0)
  await hooks.after?.()
  t += traffic.length * PACE_MS
  const lat: number[] = []
  for (const id of prepare(stage, traffic.slice(0, LATENCY_SAMPLES), t)) {
    side.setTime(t += PACE_MS)
    lat.push(await side.one(id))
  }
  lat.sort((a, b) => a - b)
  // Messages per second of CPU the process used: steadier than the wall clock on a busy machine.
  const cpuRate = ids.length / ((cpu.user + cpu.system) / 1e6)
  return { rate: ids.length / (ms / 1000), cpuRate, p50: percentile(lat, 50), p99: percentile(lat, 99) }
}

export async function bare(traffic: TrafficMessage[], warm: TrafficMessage[], people: { name: string; rooms: string[] }[]) {
  const mocker = new mock.Mocker()
  const puppet = new PuppetMock({ mocker })
  const bot = createWechaty({ puppet })
  await bot.start()
  const botUser = mocker.createContact({ name: '村务助手' })
  mocker.login(botUser)
  while (!bot.isLoggedIn) await new Promise(r => setTimeout(r, 5))
  const contacts = new Map<string, mock.ContactMock>()
  const rooms = new Map<string, mock.RoomMock>()
  const stage: Stage = {
    mocker, puppet, botId: botUser.id,
    contact(name) {
      let c = contacts.get(name)
      if (!c) contacts.set(name, c = mocker.createContact({ name }))
      return c
    },
    room(topic) {
      let r = rooms.get(topic)
      if (!r) rooms.set(topic, r = mocker.createRoom({ topic, memberIdList: [botUser.id] }))
      return r
    },
  }
  for (const p of people) for (const r of p.rooms) stage.room(r).payload.memberIdList.push(stage.contact(p.name).id)

  let count = 0
  let target = 0
  let done: (() => void) | undefined
  bot.on('message', () => {
    if (++count >= target && done) done()
  })
  const side: Side = {
    async flood(ids) {
      count = 0
      target = ids.length
      const finished = new Promise<void>(r => { done = r })
      const t0 = performance.now()
      for (const id of ids) puppet.emit('message', { messageId: id })
      await finished
      return performance.now() - t0
    },
    async one(id) {
      return side.flood([id])
    },
    setTime() {},
  }
  const result = await measure(side, stage, traffic, warm)
  await bot.stop()
  return result
}

export async function full(traffic: TrafficMessage[], warm: TrafficMessage[], people: { name: string; rooms: string[] }[], config: Record<string, unknown>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-bench-'))
  const db = await openDatabase(path.join(dir, 'bench.db'))
  const clock = new BenchClock(MONDAY_0900)
  const world = await MockWorld.create({ config: parseConfig(config), clock, db: db.db, log: silentLogger, people })
  const pipeline = world.app.pipeline
  let target = 0
  let done: (() => void) | undefined
  pipeline.onBatch = () => {
    if (pipeline.handled >= target && done) done()
  }
  const stage: Stage = {
    mocker: world.mocker, puppet: world.puppet, botId: world.botUser.id,
    contact: name => world.contact(name),
    room: topic => world.room(topic),
  }
  const side: Side = {
    async flood(ids) {
      target = pipeline.handled + ids.length
      const finished = new Promise<void>(r => { done = r })
      const t0 = performance.now()
      for (const id of ids) world.puppet.emit('message', { messageId: id })
      await finished
      return performance.now() - t0
    },
    async one(id) {
      return side.flood([id])
    },
    setTime(t) {
      clock.t = t
    },
  }
  const result = await measure(side, stage, traffic, warm)
  const recent = world.app.recent
  const tickets = await db.db.selectFrom('tickets').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const outbox = await db.db.selectFrom('outbox').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  world.app.stop()
  await world.bot.stop().catch(() => undefined)
  await db.close()
  fs.rmSync(dir, { recursive: true, force: true })
  return {
    ...result, tickets: Number(tickets.n), outbox: Number(outbox.n),
    memo: sharedMemo.hits / Math.max(1, sharedMemo.hits + sharedMemo.misses),
    lookBack: recent ? recent.hits / Math.max(1, recent.hits + recent.loads) : 0,
  }
}

/** One side in a fresh process, so neither inherits the other's heap; prints one JSON line. */
export async function runSide(side: 'bare' | 'bot', mixName: 'realistic' | 'chat' = 'realistic'): Promise<SideResult> {
  const villages = trafficVillages(4)
  const people = trafficPeople(villages)
  const mix = mixName === 'chat' ? CHAT_ONLY : REALISTIC
  const traffic = mixedTraffic(villages, { count: COUNT, seed: 11, ...mix })
  const warm = mixedTraffic(villages, { count: WARMUP, seed: 12, ...mix })
  const r = side === 'bare'
    ? await bare(traffic, warm, people)
    : await full(traffic, warm, people, trafficConfig(villages, { intervalMs: 1000, jitterMs: 500 }))
  return { ...r, maxRss: process.resourceUsage().maxRSS * 1024, kinds: countKinds(traffic) }
}

export interface SideResult {
  rate: number
  cpuRate: number
  p50: number
  p99: number
  maxRss: number
  kinds: string
  tickets?: number
  outbox?: number
  /** Share of classifications answered by the memo, and of look-backs answered from memory. */
  memo?: number
  lookBack?: number
}

function spawnSide(side: 'bare' | 'bot', mix: 'realistic' | 'chat' = 'realistic'): SideResult {
  const worker = fileURLToPath(new URL('./throughput-worker.ts', import.meta.url))
  const res = spawnSync(process.execPath, ['--import', 'tsx', worker, side, mix], {
    encoding: 'utf8', env: { ...process.env, WECHATY_LOG: process.env['WECHATY_LOG'] ?? 'error' }, maxBuffer: 10 * 1024 * 1024,
  })
  const line = res.stdout.split('\n').find(l => l.startsWith('{'))
  if (res.status !== 0 || !line) throw new Error(`bench worker ${side} failed: ${res.stderr.slice(-2000)}`)
  return JSON.parse(line) as SideResult
}

export const throughput: BenchSuite = {
  name: 'throughput',
  async run() {
    // Alternate the sides and keep each side's best run (wall clock), and the median per CPU second:
    // the machine may be busy with other work.
    const runs: { bare: SideResult[]; bot: SideResult[] } = { bare: [], bot: [] }
    for (let i = 0; i < ROUNDS; i++) {
      runs.bare.push(spawnSide('bare'))
      runs.bot.push(spawnSide('bot'))
    }
    const best = (xs: SideResult[]): SideResult => xs.reduce((a, b) => (b.rate > a.rate ? b : a))
    const b = best(runs.bare)
    const f = best(runs.bot)
    const chat = spawnSide('bot', 'chat')
    const mb = (n: number): string => `${Math.round(n / 1048576)} MB`
    const pct = (x = 0): string => `${Math.round(100 * x)}%`
    const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
    const cpuBare = median(runs.bare.map(r => r.cpuRate))
    const cpuBot = median(runs.bot.map(r => r.cpuRate))
    return [
      `bot ${Math.round(f.rate)} msg/s, bare wechaty ${Math.round(b.rate)} msg/s, ratio ${(f.rate / b.rate).toFixed(2)}`,
      `per CPU second (median of ${ROUNDS}, steadier on a busy machine): bot ${Math.round(cpuBot)}, bare ${Math.round(cpuBare)}, ratio ${(cpuBot / cpuBare).toFixed(2)}; chit-chat only ${(chat.cpuRate / cpuBare).toFixed(2)}`,
      `latency (one message at a time): bot p50 ${f.p50.toFixed(2)} ms p99 ${f.p99.toFixed(2)} ms; bare p50 ${b.p50.toFixed(2)} ms p99 ${b.p99.toFixed(2)} ms`,
      `max rss: bot ${mb(f.maxRss)}, bare ${mb(b.maxRss)} (${COUNT + WARMUP + LATENCY_SAMPLES} messages, ${f.tickets} tickets, ${f.outbox} outbox rows; best of ${ROUNDS})`,
      `traffic: ${f.kinds}; half the chit-chat one-off lines; a line every ${PACE_MS / 1000} s of virtual time, ${SLICE} at a time; classification memo answered ${pct(f.memo)}, look-back from memory ${pct(f.lookBack)}`,
      `chit-chat only: bot ${Math.round(chat.rate)} msg/s, ratio ${(chat.rate / b.rate).toFixed(2)}`,
    ]
  },
}

function countKinds(traffic: TrafficMessage[]): string {
  const n: Record<string, number> = {}
  for (const m of traffic) n[m.expect] = (n[m.expect] ?? 0) + 1
  return Object.entries(n).map(([k, v]) => `${k} ${v}`).join(', ')
}
