// One life of the bot for the crash test: the real bot, real Wechaty and wechaty-puppet-mock on
// the system clock, a database (a file, or PostgreSQL for scripts/county.ts) and a wire log (WeChat's record of what it received). The
// driver (scripts/chaos.ts) plays WeChat: it sends messages over IPC and kills this process.
import fs from 'node:fs'
import { MockWorld } from '../src/adapter/mock.js'
import { SystemClock } from '../src/clock.js'
import { parseConfig } from '../src/config.js'
import { createLogger, silentLogger } from '../src/log.js'
import { openDatabase } from '../db/connection.js'

export interface ChaosBotOptions {
  db: string
  wire: string
  config: Record<string, unknown>
  people: { name: string; rooms: string[] }[]
  /** Kill this process right after the n-th message reaches the wire (before `sent` is recorded). */
  killOnWire?: number
  /** Written just before such a kill, so the driver can tell it from its own. */
  killMarker?: string
  /** This process among several serving one account (scripts/county.ts). */
  instance?: string
}

export type ToBot =
  | { type: 'msg'; id: string; room: string | null; from: string; text: string }
  | { type: 'drain' }
  | { type: 'stop' }

export type FromBot = { type: 'ready' } | { type: 'drained' }

const o = JSON.parse(process.env['CHAOS_BOT'] ?? '{}') as ChaosBotOptions
const send = (m: FromBot): void => { process.send?.(m) }
const log = process.env['CHAOS_LOG'] ? createLogger('warn') : silentLogger

const db = await openDatabase(o.db)
let onWire = 0
const world = await MockWorld.create({
  config: parseConfig(o.config), clock: new SystemClock(), db: db.db, log, people: o.people, wireLog: o.wire,
  ...(o.instance ? { instance: o.instance } : {}),
  onWire: () => {
    if (o.killOnWire && ++onWire >= o.killOnWire) {
      if (o.killMarker) fs.writeFileSync(o.killMarker, '')
      process.kill(process.pid, 'SIGKILL')
    }
  },
})

async function drained(): Promise<void> {
  for (;;) {
    await world.settle()
    const open = await db.db.selectFrom('outbox').select(eb => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'sending']).executeTakeFirstOrThrow()
    if (Number(open.n) === 0 && !world.app.activity.busy) return
    await new Promise(r => setTimeout(r, 20))
  }
}

process.on('message', (m: ToBot) => {
  if (m.type === 'msg') {
    world.inject({ id: m.id, from: m.from, text: m.text, ...(m.room ? { room: m.room } : {}) })
  } else if (m.type === 'drain') {
    void drained().then(() => send({ type: 'drained' }))
  } else if (m.type === 'stop') {
    void world.stop().then(() => db.close()).then(() => process.exit(0))
  }
})
send({ type: 'ready' })
