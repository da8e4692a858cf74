// The county test: several bot processes of one account (separate Node processes, each the real
// bot on wechaty-puppet-mock and the system clock) on one PostgreSQL database, all hearing the
// same villages. Traffic is interleaved: every message reaches every live process, in its own
// order of arrival. One process is SIGKILLed while it holds claimed outbox rows; the others must
// take them over once the claims run out. At the end: every message seen once, one ticket per
// report, ticket numbers 1..n per village, every outbox row on the wire exactly once (the wire log
// is shared, as WeChat's servers would be), each ticket acknowledged and its duty cadre pinged
// once, and each village's daily digest sent once although every process runs the scheduler.
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { WireLog, type WireLine } from '../src/adapter/mock.js'
import { seeded } from '../src/random.js'
import { localParts } from '../src/time.js'
import { openDatabase, type DB } from '../db/connection.js'
import { distinctReports, mixedTraffic, trafficConfig, trafficPeople, trafficVillages, type TrafficMessage } from '../bench/traffic.js'
import { deliveryProblems, exited, isReport, startBot, wallClockProof } from './chaos.js'
import type { ChaosBotOptions, FromBot, ToBot } from './chaos-bot.js'

export interface CountyOptions {
  /** A PostgreSQL URL of an empty database (or schema: `?schema=`). */
  db: string
  messages: number
  processes: number
  seed: number
  /** Claims run out this fast here, so the takeover is seen within the test. */
  claimSeconds?: number
  log?: (line: string) => void
}

export interface CountyReport {
  messages: number
  reports: number
  tickets: number
  outboxRows: number
  wireLines: number
  /** Rows the killed process held (claimed, not yet sent) when it died. */
  stranded: number
  /** Of those, how many another process sent after the claim ran out. */
  takenOver: number
  /** Outbox rows sent by each process (by instance). */
  sentBy: Record<string, number>
  digests: Record<string, number>
  problems: string[]
  ms: number
}

const ACCOUNT = 'county'
const BURST = 16
const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

/** The next local HH:MM at least `leadMs` away, as the config's digest time. */
function digestTimeAfter(now: number, leadMs: number, tz: string): string {
  const at = now + leadMs + 60_000 - ((now + leadMs) % 60_000)
  const p = localParts(at, tz)
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

export async function runCounty(o: CountyOptions): Promise<CountyReport> {
  const started = Date.now()
  const log = o.log ?? (() => undefined)
  const rnd = seeded(o.seed)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-county-'))
  const wireFile = path.join(dir, 'wire.jsonl')
  const villages = trafficVillages(2)
  const claimSeconds = o.claimSeconds ?? 3
  const tz = 'Asia/Shanghai'
  // Far enough ahead that every process is up and traffic is flowing when it comes.
  const digest = digestTimeAfter(Date.now(), 35_000, tz)
  const base = trafficConfig(villages, { intervalMs: 120, jitterMs: 0, claimSeconds })
  const config = {
    ...base,
    bot: { ...(base['bot'] as object), account: ACCOUNT },
    // No night hours (wallClockProof): held pings would wait till 07:00.
    villages: (wallClockProof(base)['villages'] as Record<string, unknown>[]).map(v => ({ ...v, digest })),
  }
  // Schema and tables made once, before the processes race to start.
  const admin = await openDatabase(o.db)
  const db = admin.db
  const children: { name: string; child: ChildProcess; dead: boolean }[] = []
  try {
    const names = Array.from({ length: o.processes }, (_, i) => `p${i + 1}`)
    await Promise.all(names.map(async name => {
      const opts: ChaosBotOptions = { db: o.db, wire: wireFile, config, people: trafficPeople(villages), instance: name }
      const child = await startBot(opts)
      const entry = { name, child, dead: false }
      child.on('error', () => undefined)
      void exited(child).then(() => { entry.dead = true })
      children.push(entry)
    }))
    log(`${names.length} processes up; digests at ${digest}`)

    const mixed = mixedTraffic(villages, {
      count: o.messages, seed: o.seed, reports: 0.25, urgent: 0.02, disputes: 0.05, commands: 0.12, feedback: 0.03,
    })
    // A third of the way in, a burst of distinct reports from different people (a storm): the
    // outbox backs up, and p1 is killed while it holds claimed rows.
    const killAt = Math.floor(mixed.length / 3)
    const burst: TrafficMessage[] = distinctReports(BURST, o.seed).map((text, i) => {
      const v = villages[i % villages.length]!
      return { village: v.name, room: v.publicRoom, from: `暴雨村民${i}`, text, expect: 'report' }
    })
    const script = [...mixed.slice(0, killAt), ...burst, ...mixed.slice(killAt)].map((m, i) => ({ ...m, id: `county-${o.seed}-${i}` }))
    // Every live process hears every message (one account, several connections), each at its own pace.
    const give = (m: TrafficMessage & { id: string }): void => {
      const msg: ToBot = { type: 'msg', id: m.id, room: m.room, from: m.from, text: m.text }
      for (const c of children) if (!c.dead) c.child.send(msg, () => undefined)
    }

    const victim = children.find(c => c.name === 'p1')!
    const victimOwner = `${ACCOUNT}/p1`
    let stranded: { id: number; until: number }[] = []
    let cursor = 0
    while (cursor < script.length) {
      give(script[cursor++]!)
      if (cursor === killAt) {
        for (let i = 0; i < BURST; i++) give(script[cursor++]!)
        // On a busy machine p1 may be slow to claim: keep the traffic coming until it holds some.
        for (let i = 0; i < 10_000; i++) {
          if ((await claimedBy(db, victimOwner)).length >= 2) break
          if (i % 100 === 99 && cursor < script.length - 10) give(script[cursor++]!)
          await sleep(2)
        }
        victim.child.kill('SIGKILL')
        await exited(victim.child)
        stranded = await claimedBy(db, victimOwner)
        log(`p1 killed after message ${cursor}, holding ${stranded.length} claimed row(s)`)
      }
      await sleep(60 + Math.floor(rnd() * 120))
    }

    // Wait for the digest minute (every live process runs the scheduler), then for an empty outbox.
    const villageNames = villages.map(v => v.name)
    for (let i = 0; i < 1200; i++) {
      const wire = new WireLog(wireFile).read()
      if (villageNames.every(v => wire.some(l => l.text.startsWith(`【${v}日报】`)))) break
      await sleep(100)
    }
    const live = children.filter(c => !c.dead)
    await Promise.all(live.map(c => new Promise<void>(resolve => {
      c.child.on('message', (m: FromBot) => { if (m.type === 'drained') resolve() })
      c.child.send({ type: 'drain' } satisfies ToBot)
    })))
    // A second look: one process may have queued a row (a digest) while another reported drained.
    await sleep(500)
    await Promise.all(live.map(c => new Promise<void>(resolve => {
      c.child.removeAllListeners('message')
      c.child.on('message', (m: FromBot) => { if (m.type === 'drained') resolve() })
      c.child.send({ type: 'drain' } satisfies ToBot)
    })))
    for (const c of live) c.child.send({ type: 'stop' } satisfies ToBot)
    await Promise.all(live.map(c => exited(c.child)))

    const wire = new WireLog(wireFile).read()
    const problems = await check(db, wire, script, villageNames)
    const rows = await db.selectFrom('outbox').select(['id', 'status', 'claimed_by', 'sent_at']).execute()
    const sentBy: Record<string, number> = {}
    for (const r of rows) if (r.status === 'sent' && r.claimed_by) sentBy[r.claimed_by] = (sentBy[r.claimed_by] ?? 0) + 1
    let takenOver = 0
    for (const s of stranded) {
      const r = rows.find(x => x.id === s.id)
      if (!r || (r.status !== 'sent' && r.status !== 'merged')) problems.push(`row ${s.id} held by the killed process never went out`)
      else if (r.claimed_by === victimOwner) problems.push(`row ${s.id} is still recorded as the killed process's`)
      else if (r.sent_at === null || r.sent_at < s.until) problems.push(`row ${s.id} went out at ${r.sent_at}, before p1's claim ran out at ${s.until}`)
      else takenOver++
    }
    const digests = Object.fromEntries(villageNames.map(v => [v, wire.filter(l => l.text.startsWith(`【${v}日报】`)).length]))
    for (const [v, n] of Object.entries(digests)) if (n !== 1) problems.push(`${v} daily digest sent ${n} times`)
    const tickets = Number((await db.selectFrom('tickets').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const report: CountyReport = {
      messages: script.length, reports: script.filter(isReport).length, tickets, outboxRows: rows.length, wireLines: wire.length,
      stranded: stranded.length, takenOver, sentBy, digests, problems, ms: Date.now() - started,
    }
    if (problems.length === 0) fs.rmSync(dir, { recursive: true, force: true })
    return report
  } finally {
    for (const c of children) if (!c.dead) c.child.kill('SIGKILL')
    await admin.close()
  }
}

/** Pending or in-flight rows this process holds right now, with when its claim runs out. */
async function claimedBy(db: DB, owner: string): Promise<{ id: number; until: number }[]> {
  const rows = await db.selectFrom('outbox').select(['id', 'claim_until'])
    .where('claimed_by', '=', owner).where('status', 'in', ['pending', 'sending'])
    .where('claim_until', '>', Date.now()).execute()
  return rows.map(r => ({ id: r.id, until: Number(r.claim_until) }))
}

async function check(db: DB, wire: WireLine[], script: (TrafficMessage & { id: string })[], villageNames: string[]): Promise<string[]> {
  const problems: string[] = []
  const inbox = new Map((await db.selectFrom('inbox').select(['msg_id', 'ticket_id']).execute()).map(r => [r.msg_id, r.ticket_id]))
  const tickets = await db.selectFrom('tickets')
    .innerJoin('villages', 'villages.id', 'tickets.village_id')
    .leftJoin('rooms', 'rooms.id', 'tickets.room_id')
    .innerJoin('ticket_events', join => join.onRef('ticket_events.ticket_id', '=', 'tickets.id').on('ticket_events.type', '=', 'created'))
    .select(['tickets.id', 'tickets.no', 'tickets.source_msg_id', 'villages.name as village', 'rooms.topic', 'ticket_events.note as duty'])
    .execute()
  // 1. Every message recorded once (its id is the inbox key), whichever process took it.
  for (const m of script) if (!inbox.has(m.id)) problems.push(`message ${m.id} was never recorded: ${m.text}`)
  // 2. One ticket per report: opened by it, or the open ticket about the same matter it joined.
  for (const m of script.filter(isReport)) {
    const opened = tickets.filter(t => t.source_msg_id === m.id).length
    const joined = inbox.get(m.id) != null ? 1 : 0
    if (opened > 1 || (opened === 0 && joined !== 1)) problems.push(`report ${m.id} opened ${opened} tickets and joined ${joined}: ${m.text}`)
  }
  const rows = await db.selectFrom('outbox').select(['id', 'status', 'kind']).execute()
  problems.push(...deliveryProblems(tickets, rows, wire, villageNames))
  return problems
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
if (isMain) {
  const url = process.env['SHUOSHI_DB']
  if (!url || !/^postgres/.test(url)) {
    process.stderr.write('county: set SHUOSHI_DB to an empty PostgreSQL database (postgres://…)\n')
    process.exit(2)
  }
  const report = await runCounty({ db: url, messages: 150, processes: 3, seed: Date.now() % 100_000, log: l => process.stderr.write(l + '\n') })
  process.stdout.write(`county: ${JSON.stringify({ ...report, problems: report.problems.length })}\n`)
  for (const p of report.problems.slice(0, 50)) process.stdout.write(`  · ${p}\n`)
  if (report.problems.length) process.exitCode = 1
}
