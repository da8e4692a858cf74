// A flood on the virtual clock: 200 messages in one minute across four villages, 60 of them
// reports and 5 urgent, sent at the real pace (1 s + up to 0.5 s jitter). Urgent pings must reach
// the duty cadre within 5 s; acks to one room merge, so the flood clears near what the spacing allows.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MockWorld } from '../src/adapter/mock.js'
import { VirtualClock } from '../src/clock.js'
import { parseConfig } from '../src/config.js'
import { silentLogger } from '../src/log.js'
import { openDatabase } from '../db/connection.js'
import type { BenchSuite } from './suites.js'
import { seeded } from '../src/random.js'
import { distinctReports, mixedTraffic, STREETS, trafficConfig, trafficPeople, trafficVillages } from './traffic.js'

const START = Date.parse('2026-11-23T09:00:00+08:00')

export interface FloodResult {
  messages: number
  reports: number
  urgent: number
  sent: number
  merged: number
  urgentPingMs: number[]
  clearMs: number
  floorMs: number
}

export async function flood(seed = 5): Promise<FloodResult> {
  const villages = trafficVillages(4)
  const config = parseConfig(trafficConfig(villages, { intervalMs: 1000, jitterMs: 500 }))
  const rnd = seeded(seed)
  // 55 ordinary reports, 5 urgent, 140 lines of chat, at random instants within the minute.
  // Different matters at different places, each from a different person (a second line from the
  // same person within minutes would be read as more of their first report): 60 tickets.
  const texts = distinctReports(60, seed)
  const urgentWhat = ['有人家着火了，冒烟了！', '闻到很大的煤气味', '电线掉下来了还冒火花']
  const reports = texts.map((text, i) => {
    const v = villages[i % villages.length]!
    const urgent = i >= 55
    return {
      village: v.name, room: v.publicRoom, from: `${v.name}报事人${i + 1}`,
      text: urgent ? `${STREETS[i]}${urgentWhat[i % urgentWhat.length]}` : text,
      expect: urgent ? 'urgent' as const : 'report' as const,
    }
  })
  const chat = mixedTraffic(villages, { count: 140, seed: seed + 2, reports: 0, urgent: 0, disputes: 0, commands: 0, feedback: 0 })
  const script = [...reports, ...chat].map(m => ({ ...m, at: START + Math.floor(rnd() * 60_000) })).sort((a, b) => a.at - b.at)

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-flood-'))
  const db = await openDatabase(path.join(dir, 'flood.db'))
  const clock = new VirtualClock(START - 1000)
  const world = await MockWorld.create({ config, clock, db: db.db, log: silentLogger, people: trafficPeople(villages), random: seeded(seed + 3) })
  world.take()
  const ids = new Map<string, number>()
  for (const m of script) {
    await clock.advanceTo(Math.max(m.at, clock.now()))
    const id = world.inject({ from: m.from, text: m.text, ...(m.room ? { room: m.room } : {}) })
    ids.set(id, m.at)
    await world.settle()
  }
  await world.drain()
  const sent = world.take()
  const tickets = await db.db.selectFrom('tickets').select(['id', 'urgent', 'source_msg_id']).execute()
  const urgentPingMs: number[] = []
  for (const t of tickets.filter(t => t.urgent === 1)) {
    const ping = sent.find(s => s.kind === 'ping' && s.ticketId === t.id)
    urgentPingMs.push(ping ? ping.at - ids.get(t.source_msg_id!)! : Infinity)
  }
  const merged = await db.db.selectFrom('outbox').select(eb => eb.fn.countAll<number>().as('n')).where('status', '=', 'merged').executeTakeFirstOrThrow()
  const result: FloodResult = {
    messages: script.length,
    reports: tickets.length,
    urgent: urgentPingMs.length,
    sent: sent.length,
    merged: Number(merged.n),
    urgentPingMs: urgentPingMs.sort((a, b) => a - b),
    clearMs: sent.at(-1)!.at - START,
    // One message every 1.25 s on average (1 s + half the jitter): the pace allows no better.
    floorMs: sent.length * 1250,
  }
  await world.stop()
  await db.close()
  fs.rmSync(dir, { recursive: true, force: true })
  return result
}

export const floodSuite: BenchSuite = {
  name: 'flood',
  async run() {
    const r = await flood()
    const p99 = r.urgentPingMs[Math.min(r.urgentPingMs.length - 1, Math.floor(0.99 * r.urgentPingMs.length))]!
    const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
    return [
      `flood: ${r.messages} messages in 1 min (${r.reports} reports, ${r.urgent} urgent) at 1 s + jitter: urgent ping p99 ${s(p99)} (all: ${r.urgentPingMs.map(s).join(', ')}), cleared in ${s(r.clearMs)} with ${r.sent} messages (${r.merged} acks merged; ${s(r.floorMs)} at the average pace)`,
    ]
  },
}
