// `npm run chaos`: the crash test. This process plays WeChat; the bot runs in child processes
// (scripts/chaos-bot.ts) on one database file. Scripted group messages and commands stream in;
// the bot is SIGKILLed at random points, sometimes right after a message reached the wire and
// before `sent` was recorded; a new bot starts on the same database.
//
// What "seen" means: a message is seen once its inbox row is committed. WeChat never replays, so
// after each kill the driver re-sends, with a new message id as a villager would, exactly the
// messages whose inbox row is missing ("期间的报事请重新发送"). At the end it checks: every
// message seen once; every report has exactly one ticket (opened, or joined when it was about the
// same matter as an open one); ticket numbers have no gaps or
// duplicates; every outbox row went out exactly once (the wire log lists it once) and every
// ticket's acknowledgement and duty ping appear on the wire exactly once.
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import { WireLog, type WireLine } from '../src/adapter/mock.js'
import { seeded } from '../src/random.js'
import { mixedTraffic, trafficConfig, trafficPeople, trafficVillages, type TrafficMessage } from '../bench/traffic.js'
import type { ChaosBotOptions, FromBot, ToBot } from './chaos-bot.js'

export interface ChaosOptions {
  messages: number
  kills: number
  seed: number
  villages?: number
  /** Keep the files (database, wire log) for inspection. */
  keep?: boolean
  log?: (line: string) => void
}

export interface ChaosReport {
  messages: number
  reports: number
  tickets: number
  /** Reports that joined an open ticket about the same matter instead of opening one. */
  joined: number
  kills: { onWire: number; random: number }
  resent: number
  inFlightAtKill: number
  wireLines: number
  outboxRows: number
  problems: string[]
  dir: string
  ms: number
}

interface Scripted extends TrafficMessage {
  /** Every id this message was sent under (the first, then re-sends after kills). */
  ids: string[]
}

const BOT = fileURLToPath(new URL('./chaos-bot.ts', import.meta.url))

export function startBot(o: ChaosBotOptions): Promise<ChildProcess> {
  const child = fork(BOT, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, CHAOS_BOT: JSON.stringify(o), WECHATY_LOG: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('message', (m: FromBot) => (m.type === 'ready' ? resolve(child) : reject(new Error('unexpected first message'))))
    child.once('exit', code => reject(new Error(`bot exited before it was ready (code ${code})`)))
  })
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise(resolve => child.once('exit', () => resolve()))
}

const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now()
  const log = opts.log ?? (() => undefined)
  const rnd = seeded(opts.seed)
  const villages = trafficVillages(opts.villages ?? 3)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-chaos-'))
  const dbFile = path.join(dir, 'chaos.db')
  const wireFile = path.join(dir, 'wire.jsonl')
  const base: ChaosBotOptions = {
    db: dbFile, wire: wireFile, people: trafficPeople(villages),
    config: wallClockProof(trafficConfig(villages, { intervalMs: 2, jitterMs: 0 })),
  }
  const script: Scripted[] = mixedTraffic(villages, {
    count: opts.messages, seed: opts.seed, reports: 0.2, urgent: 0.02, disputes: 0.05, commands: 0.12, feedback: 0.03,
  }).map((m, i) => ({ ...m, ids: [`chaos-${opts.seed}-${i}`] }))

  const inbox = (): Set<string> => {
    if (!fs.existsSync(dbFile)) return new Set()
    const db = new SQLite(dbFile)
    try {
      return new Set((db.prepare('select msg_id from inbox').all() as { msg_id: string }[]).map(r => r.msg_id))
    } finally {
      db.close()
    }
  }
  const inFlight = (): number => {
    const db = new SQLite(dbFile)
    try {
      return (db.prepare("select count(*) as n from outbox where status = 'sending'").get() as { n: number }).n
    } finally {
      db.close()
    }
  }

  let cursor = 0
  let resent = 0
  let inFlightAtKill = 0
  const kills = { onWire: 0, random: 0 }
  let given: Scripted[] = []
  for (let life = 0; life <= opts.kills; life++) {
    const last = life === opts.kills
    // Every other life ends by the bot killing itself right after a message reached the wire.
    const killOnWire = !last && life % 2 === 1 ? 1 + Math.floor(rnd() * 10) : undefined
    const killMarker = path.join(dir, `killed-on-wire-${life}`)
    const child = await startBot({ ...base, ...(killOnWire ? { killOnWire, killMarker } : {}) })
    let dead = false
    void exited(child).then(() => { dead = true })
    child.on('error', () => undefined) // a send to a process that just died
    const give = (m: Scripted): void => {
      if (dead) return
      const msg: ToBot = { type: 'msg', id: m.ids.at(-1)!, room: m.room, from: m.from, text: m.text }
      child.send(msg, () => undefined)
      given.push(m)
    }

    // What the last bot never recorded is said again, under a new id.
    if (life > 0) {
      const seen = inbox()
      const lost = given.filter(m => !m.ids.some(id => seen.has(id)))
      given = []
      for (const m of lost) {
        m.ids.push(`${m.ids[0]}-r${life}`)
        resent++
        give(m)
      }
      log(`life ${life}: re-sent ${lost.length} message(s) the previous bot had not recorded`)
    } else {
      given = []
    }

    // A life that kills itself on the wire runs until it does; others stop at a random point.
    const span = (script.length - cursor) / (opts.kills - life + 1)
    const stopAt = last ? script.length : Math.min(script.length, cursor + Math.max(5, Math.floor(span * (killOnWire ? 2 : 0.5 + rnd()))))
    while (cursor < stopAt && !dead) {
      for (let i = 0; i < 4 && cursor < stopAt; i++) give(script[cursor++]!)
      await sleep(1 + Math.floor(rnd() * 4))
    }
    if (!last) {
      // Let it work a little (intake batches, sends), then kill it wherever it is.
      if (killOnWire) for (let i = 0; i < 150 && !dead; i++) await sleep(20)
      else await sleep(Math.floor(rnd() * 150))
      child.kill('SIGKILL')
      await exited(child)
      const onWire = fs.existsSync(killMarker)
      if (onWire) kills.onWire++
      else kills.random++
      const sending = inFlight()
      inFlightAtKill += sending
      log(`life ${life}: killed ${onWire ? 'right after a message reached the wire' : 'at random'} after message ${cursor}; ${sending} row(s) left in 'sending'`)
      continue
    }
    child.send({ type: 'drain' } satisfies ToBot)
    await new Promise<void>(resolve => child.on('message', (m: FromBot) => { if (m.type === 'drained') resolve() }))
    child.send({ type: 'stop' } satisfies ToBot)
    await exited(child)
  }

  const problems = check(dbFile, new WireLog(wireFile).read(), script, villages.map(v => v.name))
  const db = new SQLite(dbFile, { readonly: true })
  const tickets = (db.prepare('select count(*) as n from tickets').get() as { n: number }).n
  const seen = new Set((db.prepare('select msg_id from inbox').all() as { msg_id: string }[]).map(r => r.msg_id))
  const sources = new Set((db.prepare('select source_msg_id from tickets').all() as { source_msg_id: string }[]).map(r => r.source_msg_id))
  const joined = script.filter(isReport).filter(m => m.ids.some(id => seen.has(id)) && !m.ids.some(id => sources.has(id))).length
  const outboxRows = (db.prepare('select count(*) as n from outbox').get() as { n: number }).n
  db.close()
  const report: ChaosReport = {
    messages: script.length,
    reports: script.filter(m => isReport(m)).length,
    tickets, joined, kills, resent, inFlightAtKill,
    wireLines: new WireLog(wireFile).read().length,
    outboxRows, problems, dir, ms: Date.now() - started,
  }
  if (!opts.keep && problems.length === 0) fs.rmSync(dir, { recursive: true, force: true })
  return report
}

/**
 * The bots run on the system clock: without this, after 22:00 in Shanghai night hours held the
 * duty pings until 07:00 and the run waited for them (the test failed by the time of day).
 */
export function wallClockProof(config: Record<string, unknown>): Record<string, unknown> {
  return { ...config, villages: (config['villages'] as Record<string, unknown>[]).map(v => ({ ...v, quietHours: { from: '00:00', to: '00:00' } })) }
}

export function isReport(m: TrafficMessage): boolean {
  return m.expect === 'report' || m.expect === 'urgent' || m.expect === 'dispute'
}

/** Ticket numbers an ack on the wire acknowledges (one ack, a merged ack, a private ack). */
export function ackedNumbers(text: string): number[] {
  const one = /^已受理 #(\d+)【/.exec(text)
  if (one) return [Number(one[1])]
  const priv = /^已收到您反映的情况（#(\d+)）/.exec(text)
  if (priv) return [Number(priv[1])]
  if (/^已收到 #\d/.test(text)) return [...text.split('，共')[0]!.matchAll(/#(\d+)/g)].map(m => Number(m[1]))
  return []
}

export interface CheckedTicket { no: number; village: string; topic: string | null; duty: string | null }
export interface CheckedRow { id: number; status: string; kind: string }

/**
 * What the chaos and county runs both check once the dust settles: numbers per village are 1..n;
 * every outbox row is on the wire exactly once and nothing else is; each ticket is acknowledged
 * once in its room and its duty cadre pinged once.
 */
export function deliveryProblems(tickets: CheckedTicket[], rows: CheckedRow[], wire: WireLine[], villageNames: string[]): string[] {
  const problems: string[] = []
  // 3. Numbers per village: 1..n, no gaps, no duplicates, however many processes opened them.
  for (const v of villageNames) {
    const nos = tickets.filter(t => t.village === v).map(t => t.no).sort((a, b) => a - b)
    if (nos.some((n, i) => n !== i + 1)) problems.push(`${v} ticket numbers are not 1..${nos.length}: ${nos.join(',')}`)
  }
  // 4. Every outbox row on the wire exactly once; nothing on the wire that is not a row; nothing left over.
  const onWire = new Map<number, number>()
  for (const line of wire) for (const id of line.covers) onWire.set(id, (onWire.get(id) ?? 0) + 1)
  for (const r of rows) {
    if (r.status !== 'sent' && r.status !== 'merged') problems.push(`outbox ${r.id} (${r.kind}) ended ${r.status}`)
    const n = onWire.get(r.id) ?? 0
    if (n !== 1) problems.push(`outbox ${r.id} (${r.kind}) is on the wire ${n} times`)
  }
  const known = new Set(rows.map(r => r.id))
  for (const id of onWire.keys()) if (!known.has(id)) problems.push(`wire carries outbox ${id}, which does not exist`)
  // 5. Read as people would: each ticket acknowledged once in its room, its duty cadre pinged once.
  for (const t of tickets) {
    if (t.topic) {
      const acks = wire.filter(l => l.room === t.topic && ackedNumbers(l.text).includes(t.no)).length
      if (acks !== 1) problems.push(`${t.village} #${t.no} acknowledged ${acks} times in ${t.topic}`)
    }
    const head = new RegExp(`^(🔴)?【(新报事|紧急报事|调解事项|紧急调解)】${t.village} #${t.no}（`)
    const pings = wire.filter(l => l.to !== null && head.test(l.text))
    if (!pings.some(l => l.to === t.duty)) problems.push(`${t.village} #${t.no}: the duty cadre ${t.duty} was never pinged`)
    const perPerson = new Map<string, number>()
    for (const p of pings) perPerson.set(p.to!, (perPerson.get(p.to!) ?? 0) + 1)
    for (const [who, n] of perPerson) if (n !== 1) problems.push(`${t.village} #${t.no} pinged ${who} ${n} times`)
  }
  return problems
}

function check(dbFile: string, wire: WireLine[], script: Scripted[], villageNames: string[]): string[] {
  const problems: string[] = []
  const db = new SQLite(dbFile, { readonly: true })
  try {
    const inbox = new Set((db.prepare('select msg_id from inbox').all() as { msg_id: string }[]).map(r => r.msg_id))
    // The duty cadre at creation is recorded on the 'created' event.
    const tickets = db.prepare(`select t.id, t.no, t.source_msg_id, v.name as village, r.topic, e.note as duty
      from tickets t join villages v on v.id = t.village_id left join rooms r on r.id = t.room_id
      join ticket_events e on e.ticket_id = t.id and e.type = 'created'`).all() as
      { id: number; no: number; source_msg_id: string; village: string; topic: string | null; duty: string }[]
    const bySource = new Map<string, typeof tickets>()
    for (const t of tickets) bySource.set(t.source_msg_id, [...(bySource.get(t.source_msg_id) ?? []), t])

    // 1. Every message seen exactly once (under one of its ids).
    for (const m of script) {
      const seen = m.ids.filter(id => inbox.has(id))
      if (seen.length !== 1) problems.push(`message ${m.ids[0]} seen ${seen.length} times: ${m.text}`)
    }
    // 2. Every report has exactly one ticket: one it opened, or the open ticket about the same
    // matter it joined (its inbox row names it). Every ticket comes from a report.
    const linked = new Map((db.prepare('select msg_id, ticket_id from inbox where ticket_id is not null').all() as { msg_id: string; ticket_id: number }[])
      .map(r => [r.msg_id, r.ticket_id]))
    const reportIds = new Set<string>()
    for (const m of script.filter(isReport)) {
      const opened = m.ids.flatMap(id => bySource.get(id) ?? [])
      const joined = m.ids.map(id => linked.get(id)).filter(t => t !== undefined)
      if (opened.length > 1 || (opened.length === 0 && joined.length !== 1)) {
        problems.push(`report ${m.ids[0]} opened ${opened.length} tickets and joined ${joined.length}: ${m.text}`)
      }
      for (const id of m.ids) reportIds.add(id)
    }
    for (const t of tickets) if (!reportIds.has(t.source_msg_id)) problems.push(`ticket ${t.village} #${t.no} comes from no report (${t.source_msg_id})`)
    const rows = db.prepare('select id, status, kind, ticket_id from outbox').all() as { id: number; status: string; kind: string; ticket_id: number | null }[]
    problems.push(...deliveryProblems(tickets, rows, wire, villageNames))
  } finally {
    db.close()
  }
  return problems
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
if (isMain) {
  const arg = (name: string, d: number): number => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? Number(process.argv[i + 1]) : d
  }
  const report = await runChaos({
    messages: arg('messages', 600), kills: arg('kills', 8), seed: arg('seed', Date.now() % 100_000),
    keep: process.argv.includes('--keep'), log: line => process.stderr.write(line + '\n'),
  })
  const { problems, ...figures } = report
  process.stdout.write(`chaos: ${JSON.stringify(figures)}\n`)
  if (problems.length) {
    process.stdout.write(`chaos: ${problems.length} problem(s), files kept in ${report.dir}\n${problems.slice(0, 50).map(p => `  · ${p}`).join('\n')}\n`)
    process.exitCode = 1
  } else {
    process.stdout.write('chaos: every report has exactly one ticket, numbers have no gaps, every notice went out exactly once\n')
  }
}
