// `shuoshi simulate <scenario.yaml>`: plays a scripted conversation against the real bot
// (Wechaty + wechaty-puppet-mock, a real database) on a virtual clock, and prints every message
// the bot sends, one JSON object a line, or as a readable chat log (`--format chat`).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import YAML from 'yaml'
import { z } from 'zod'
import { MockWorld, type SentRecord } from './adapter/mock.js'
import { VirtualClock } from './clock.js'
import { describeIssues, loadConfig, parseConfig, type Config } from './config.js'
import { createLogger, silentLogger, type Level } from './log.js'
import { seeded } from './random.js'
import { T } from './templates.js'
import { fromLocal, isoLocal, localDateKey, localParts, parseDuration, parseInstant } from './time.js'
import { openDatabase } from '../db/connection.js'

const Step = z.union([
  z.strictObject({
    at: z.string(),
    from: z.string().min(1),
    room: z.string().min(1).optional(),
    text: z.string().default(''),
    /** Quote the latest message in this chat that contains this text (e.g. "#1"). */
    quote: z.string().min(1).optional(),
    type: z.enum(['text', 'image', 'video', 'recall']).optional(),
    /** For recall: the step number (1-based) whose message is taken back. */
    recalls: z.number().int().min(1).optional(),
    mentionBot: z.boolean().optional(),
  }),
  z.strictObject({ wait: z.string() }),
])

const Scenario = z.strictObject({
  config: z.union([z.string(), z.record(z.string(), z.unknown())]),
  start: z.union([z.string(), z.date()]),
  steps: z.array(Step),
})

export type ScenarioStep = z.infer<typeof Step>

export interface SimulateOptions {
  format?: 'json' | 'chat'
  /** Database file to use (default: a new one in a temp dir). */
  db?: string
  out?: (line: string) => void
  logLevel?: Level
  seed?: number
}

export class ScenarioError extends Error {}

export interface LoadedScenario {
  config: Config
  start: number
  steps: ScenarioStep[]
}

export function loadScenario(file: string): LoadedScenario {
  let raw: unknown
  try {
    raw = YAML.parse(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    throw new ScenarioError(T.sim.unreadable(file, e instanceof Error ? e.message : String(e)))
  }
  const parsed = Scenario.safeParse(raw)
  if (!parsed.success) {
    throw new ScenarioError(T.sim.invalid(file, describeIssues(parsed.error, raw, Scenario as unknown as z.ZodType)))
  }
  const s = parsed.data
  const config = typeof s.config === 'string'
    ? loadConfig(path.resolve(path.dirname(file), s.config))
    : parseConfig(s.config, `${file}#config`)
  const start = s.start instanceof Date ? s.start.getTime() : parseInstant(s.start)
  if (start === null) throw new ScenarioError(T.sim.badStart(String(s.start)))
  return { config, start, steps: s.steps }
}

/** The simulator's jitter source (kept under this name for the benchmarks that import it). */
export const mulberry32 = seeded

export async function simulate(file: string, o: SimulateOptions = {}): Promise<SentRecord[]> {
  const scenario = loadScenario(file)
  return runScenario(scenario, o)
}

export async function runScenario(scenario: LoadedScenario, o: SimulateOptions = {}): Promise<SentRecord[]> {
  const { config, start, steps } = scenario
  const tz = config.timezone
  const out = o.out ?? ((line: string) => process.stdout.write(line + '\n'))
  const format = o.format ?? 'json'
  const dbFile = o.db ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-sim-')), 'shuoshi.db')
  const db = await openDatabase(dbFile)
  const clock = new VirtualClock(start)
  const log = o.logLevel ? createLogger(o.logLevel) : silentLogger

  // Everyone named in the script exists before the bot starts, in the rooms they speak in.
  const people = new Map<string, Set<string>>()
  for (const st of steps) {
    if ('from' in st) {
      const rooms = people.get(st.from) ?? new Set<string>()
      if (st.room) rooms.add(st.room)
      people.set(st.from, rooms)
    }
  }
  const world = await MockWorld.create({
    config, clock, db: db.db, log, random: seeded(o.seed ?? 20261123), dataDir: path.dirname(path.resolve(dbFile)),
    people: [...people].map(([name, rooms]) => ({ name, rooms: [...rooms] })),
  })

  let lastDay = ''
  const printDay = (at: number): void => {
    if (format !== 'chat') return
    const day = localDateKey(at, tz)
    if (day === lastDay) return
    lastDay = day
    out(T.sim.dayHeader(day, T.weekdayName(localParts(at, tz).weekday)))
  }
  const printSent = (s: SentRecord): void => {
    if (format === 'json') {
      out(JSON.stringify({ at: isoLocal(s.at, tz), room: s.room, to: s.to, text: s.text, mentions: s.mentions }))
      return
    }
    printDay(s.at)
    const time = isoLocal(s.at, tz).slice(11, 19)
    const where = s.room ? `[${s.room}]` : `[${T.sim.privateTo(s.to ?? '')}]`
    const at = s.mentions.length ? s.mentions.map(m => `@${m} `).join('') : ''
    out(`${time} ${where} 🤖${config.bot.name}：${indent(at + s.text)}`)
  }
  const flush = (): void => {
    for (const s of world.take()) printSent(s)
  }
  flush()

  const ids: string[] = []
  try {
    for (const [i, step] of steps.entries()) {
      if ('wait' in step) {
        const ms = parseDuration(step.wait)
        if (ms === null) throw new ScenarioError(T.sim.badWait(i + 1, step.wait))
        await advance(clock.now() + ms)
        continue
      }
      const at = resolveAt(step.at, clock.now(), tz)
      if (at === null) throw new ScenarioError(T.sim.badAt(i + 1, step.at))
      if (at < clock.now()) throw new ScenarioError(T.sim.backwards(i + 1, step.at, isoLocal(clock.now(), tz)))
      await advance(at)

      let quote: { name: string; text: string } | undefined
      if (step.quote) {
        const found = world.findInChat(step.room ?? null, step.from, step.quote)
        if (!found) throw new ScenarioError(T.sim.quoteNotFound(i + 1, step.quote))
        quote = found
      }
      const recalledId = step.recalls !== undefined ? ids[step.recalls - 1] : undefined
      if (step.type === 'recall' && !recalledId) throw new ScenarioError(T.sim.badRecall(i + 1))
      if (format === 'chat') {
        printDay(clock.now())
        const where = step.room ? `[${step.room}]` : `[${T.sim.privateTo(step.from)}]`
        const shown = step.type === 'recall' ? T.sim.recalled() : quote ? `「${quote.name}：${firstLine(quote.text)}」${step.text}` : step.text
        out(`${isoLocal(clock.now(), tz).slice(11, 19)} ${where} ${step.from}：${indent(shown)}`)
      }
      const id = await world.post({
        from: step.from,
        ...(step.room ? { room: step.room } : {}),
        text: step.type === 'recall' ? recalledId : step.text,
        ...(quote ? { quote } : {}),
        ...(step.type ? { type: step.type } : {}),
        ...(step.mentionBot ? { mentionBot: true } : {}),
      })
      ids[i] = id
      flush()
    }
    // Let what is queued go out at its pace (bounded), then stop.
    await world.drain()
    flush()
  } finally {
    await world.stop()
    await db.close()
  }
  return world.sent

  async function advance(to: number): Promise<void> {
    // Step minute by minute so sends print in time order, between the messages that caused them.
    while (clock.now() < to) {
      const next = Math.min(to, clock.nextTimerAt() ?? to)
      await clock.advanceTo(Math.max(next, clock.now()))
      flush()
    }
  }
}

function resolveAt(s: string, now: number, tz: string): number | null {
  const full = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(s.trim())
  if (full) return fromLocal(tz, +full[1]!, +full[2]!, +full[3]!, +full[4]!, +full[5]!)
  const short = /^(\d{1,2}):(\d{2})$/.exec(s.trim())
  if (!short) return null
  const p = localParts(now, tz)
  return fromLocal(tz, p.year, p.month, p.day, +short[1]!, +short[2]!)
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n         ')
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? ''
  return line.length > 24 ? line.slice(0, 24) + '…' : line
}
