// Test helpers: a village config and a running bot (real Wechaty + wechaty-puppet-mock, a real
// database, virtual clock). Every test drives the bot and asserts what it sends. The database is
// SQLite in a temp dir, or in the PostgreSQL run of the suite a fresh schema of this file's
// PostgreSQL database (test/pg-setup.ts).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MockWorld, type SentRecord } from '../src/adapter/mock.js'
import { VirtualClock } from '../src/clock.js'
import { parseConfig, type Config } from '../src/config.js'
import { silentLogger } from '../src/log.js'
import { parseInstant } from '../src/time.js'
import { openDatabase, type OpenedDatabase } from '../db/connection.js'

/** True in the PostgreSQL run of the suite. */
export const ON_POSTGRES = process.env['SHUOSHI_TEST_ENGINE'] === 'postgres'

let schemas = 0

/**
 * A long test's time limit: on PostgreSQL every statement is a round trip to the server, so the
 * same test (weeks of minutes on the virtual clock, thousands of messages) takes several times longer.
 */
export function budget(ms: number): number {
  return ON_POSTGRES ? ms * 6 : ms
}

/** A fresh, empty database for one bot: a SQLite file in a temp dir, or a new PostgreSQL schema. */
export function freshDatabase(): string {
  if (!ON_POSTGRES) return path.join(tempDir(), 'test.db')
  const base = process.env['SHUOSHI_TEST_DB']
  if (!base) throw new Error('the PostgreSQL run needs test/pg-setup.ts')
  return `${base}?schema=bot${++schemas}`
}

export const PUBLIC = '北社村村民说事群'
export const COMMITTEE = '北社村两委群'

export function baseConfig(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timezone: 'Asia/Shanghai',
    bot: { name: '村务助手' },
    sending: { intervalMs: 0, jitterMs: 0 },
    villages: [{
      name: '北社村',
      rooms: [{ topic: PUBLIC, role: 'public' }, { topic: COMMITTEE, role: 'committee' }],
      cadres: [
        { name: '王书记', roles: ['secretary'] },
        { name: '张主任', roles: ['director'] },
        { name: '李调解', roles: ['mediator'] },
      ],
      duty: { mon: '王书记', tue: '张主任', wed: '王书记', thu: '张主任', fri: '王书记', sat: '张主任', sun: '王书记' },
      digest: '08:00',
    }],
    // Restarts in other features' tests are not about recovery notices (they would add messages
    // to every restart); tests of login loss set the real default with RECOVERY.
    recovery: { announceAfterMinutes: 525_600 },
    ...over,
  }
}

/** The shipped default: gaps of 5 minutes or more are announced when the bot is back. */
export const RECOVERY = { recovery: { announceAfterMinutes: 5 } }

export interface TestBot {
  world: MockWorld
  clock: VirtualClock
  db: OpenedDatabase
  config: Config
  /** The database (a file path, or a postgres:// URL in the PostgreSQL run): reopen it to restart. */
  dbFile: string
  /** Where the bot keeps files (attachments, charts, exports). */
  dataDir: string
  /** Lets what is due at this instant go out (startup catch-up, recovery notices) and returns it. */
  flush(): Promise<SentRecord[]>
  /** Posts in a room (or privately when room is null) and returns what the bot sent in reply. */
  say(from: string, text: string, room?: string | null, extra?: { quote?: { name: string; text: string }; id?: string; mentionBot?: boolean }): Promise<SentRecord[]>
  close(): Promise<void>
}

/** Monday 2026-11-23 08:30 in Shanghai: 王书记 is on duty. */
export const MONDAY_0830 = '2026-11-23T08:30:00+08:00'

export interface StartOptions {
  config?: Record<string, unknown>
  start?: string
  dbFile?: string
  /** Keep a wire log (what WeChat received) in this file: crash recovery can then ask it. */
  wireLog?: string
  session?: string
  /** Claims and data directory as another process would have them. */
  instance?: string
  dataDir?: string
}

/** A restarted bot finds the files of its earlier life. */
const dataDirs = new Map<string, string>()

export async function startBot(o: StartOptions = {}): Promise<TestBot> {
  const config = parseConfig(o.config ?? baseConfig())
  const start = parseInstant(o.start ?? MONDAY_0830)
  if (start === null) throw new Error('bad start')
  const dbFile = o.dbFile ?? freshDatabase()
  const dataDir = o.dataDir ?? (ON_POSTGRES ? dataDirs.get(dbFile) ?? tempDir() : path.dirname(dbFile))
  dataDirs.set(dbFile, dataDir)
  const db = await openDatabase(dbFile)
  const clock = new VirtualClock(start)
  const world = await MockWorld.create({
    config, clock, db: db.db, log: silentLogger, dataDir, ...(o.instance ? { instance: o.instance } : {}),
    ...(o.wireLog ? { wireLog: o.wireLog } : {}), ...(o.session ? { session: o.session } : {}),
  })
  world.take()
  return {
    world, clock, db, config, dbFile, dataDir,
    async flush() {
      await clock.advanceBy(0)
      return world.take()
    },
    async say(from, text, room = PUBLIC, extra = {}) {
      await world.post({ from, text, ...(room ? { room } : {}), ...extra })
      return world.take()
    },
    async close() {
      await world.stop()
      await db.close()
    },
  }
}

export function texts(sent: SentRecord[]): string[] {
  return sent.map(s => s.text)
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-test-'))
}
