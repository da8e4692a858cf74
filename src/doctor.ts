// `npx shuoshi doctor`: what a deployer needs to know, in plain Chinese: is the config right, is
// the database healthy, is the bot running and logged in, which rooms and cadres it could find at
// its last login, who is on duty today, and what waits or failed in the outbox. It reads the
// database without changing it, so it is safe while the bot runs.
import fs from 'node:fs'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { ConfigError, loadConfig, type Config } from './config.js'
import { dutyFor } from './domain/roster.js'
import { T } from './templates.js'
import { MINUTE, shortLocal, startOfLocalDay } from './time.js'
import { displayUrl, isPostgresUrl, openDatabase, withStatementCache, type DB } from '../db/connection.js'
import { isFileDatabase } from '../db/backup.js'
import { migrations } from '../db/migrations/index.js'
import { listDutyRoster } from '../db/roster.js'
import type { Database, OutboxRow } from '../db/schema.js'

export interface DoctorOptions {
  configPath: string
  dbUrl: string
  now: number
  /** The account to look at (default: SHUOSHI_ACCOUNT, else the config's bot.account). */
  account?: string
}

export interface DoctorReport {
  lines: string[]
  problems: number
  warnings: number
}

/** The bot writes a heartbeat every minute; older than this, it is not running. */
const ALIVE_MS = 3 * MINUTE
/** A pending message older than this while the bot is online means sending is stuck. */
const STUCK_MS = 10 * MINUTE
const LIST = 5

export async function runDoctor(o: DoctorOptions): Promise<DoctorReport> {
  const lines: string[] = []
  let problems = 0
  let warnings = 0
  const ok = (s: string): void => { lines.push(`✓ ${s}`) }
  const warn = (s: string): void => { lines.push(`! ${s}`); warnings++ }
  const bad = (s: string): void => { lines.push(`✗ ${s}`); problems++ }
  const D = T.doctor

  lines.push(D.section('配置'))
  let config: Config | undefined
  try {
    config = loadConfig(o.configPath)
    const v = config.villages
    ok(D.config(o.configPath, v.length, v.reduce((n, x) => n + x.rooms.length, 0), v.reduce((n, x) => n + x.cadres.length, 0)))
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    bad(D.configBad(o.configPath))
    for (const p of e.problems) lines.push(`    ${p}`)
  }

  lines.push(D.section('数据库'))
  const opened = await openReadOnly(o.dbUrl)
  if (!opened) {
    bad(D.noDatabase(displayUrl(o.dbUrl)))
    return { lines, problems, warnings }
  }
  const { db, close, check } = opened
  try {
    const integrity = check()
    if (integrity !== 'ok') bad(D.corrupt(integrity))
    const applied = await db.selectFrom('kysely_migration' as never).select('name' as never).execute().catch(() => []) as { name: string }[]
    const missing = Object.keys(migrations).filter(m => !applied.some(a => a.name === m))
    if (missing.length) {
      warn(D.migrations(missing.length))
      return { lines, problems, warnings }
    }
    const tickets = Number((await db.selectFrom('tickets').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0)
    ok(D.database(displayUrl(o.dbUrl), tickets, integrity === 'ok'))
    if (!config) return { lines, problems, warnings }
    const tz = config.timezone
    // SHUOSHI_ACCOUNT looks at another account of the county with the same config file.
    const account = o.account ?? process.env['SHUOSHI_ACCOUNT'] ?? config.bot.account

    lines.push(D.section('账号'))
    const served = await db.selectFrom('villages').select(['name', 'account']).execute()
    const mine = served.filter(v => v.account === account).map(v => v.name)
    ok(D.account(account, mine))
    for (const v of config.villages) {
      const row = served.find(r => r.name === v.name)
      if (!row || row.account === null) warn(D.villageNotAdopted(v.name, account))
      else if (row.account !== account) warn(D.villageElsewhere(v.name, row.account, account))
    }
    const others = [...new Set(served.map(v => v.account).filter((a): a is string => a !== null && a !== account))]
    if (others.length) ok(D.otherAccounts(others))

    lines.push(D.section('机器人'))
    const presence = await db.selectFrom('presence').selectAll().where('account', '=', account).executeTakeFirst()
    const outage = await db.selectFrom('outages').selectAll().where('account', '=', account).where('ended_at', 'is', null).executeTakeFirst()
    const running = presence !== undefined && o.now - presence.last_alive_at < ALIVE_MS
    if (!presence) bad(D.neverRan())
    else if (!running) bad(D.notRunning(shortLocal(presence.last_alive_at, tz), T.duration(o.now - presence.last_alive_at)))
    else if (presence.online !== 1) bad(D.loggedOut(shortLocal(outage?.started_at ?? presence.changed_at, tz), T.presence.reason(outage?.reason ?? 'logout')))
    else ok(D.online(shortLocal(presence.changed_at, tz)))
    const week = await db.selectFrom('outages').selectAll().where('account', '=', account)
      .where('started_at', '>=', o.now - 7 * 24 * 60 * MINUTE).where('ended_at', 'is not', null).orderBy('started_at', 'desc').execute()
    if (week.length) {
      lines.push(`  ${D.outages(week.length)}`)
      for (const g of week.slice(0, LIST)) lines.push(`    ${shortLocal(g.started_at, tz)} ${T.duration(g.ended_at! - g.started_at)} ${T.presence.reason(g.reason)}`)
    }

    lines.push(D.section('群'))
    const unseen = presence?.unseen ? JSON.parse(presence.unseen) as { rooms: string[]; people: string[] } : { rooms: [], people: [] }
    const rooms = await db.selectFrom('rooms').selectAll().execute()
    for (const v of config.villages) {
      for (const r of v.rooms) {
        const row = rooms.find(x => x.config_topic === r.topic)
        const topic = row?.topic ?? r.topic
        const renamed = row && row.topic !== r.topic ? D.renamed(r.topic) : ''
        if (!presence?.checked_at) warn(D.roomUnchecked(topic, T.doctor.roleName(r.role)))
        else if (unseen.rooms.includes(topic)) bad(D.roomMissing(topic, shortLocal(presence.checked_at, tz)))
        else ok(D.room(topic, T.doctor.roleName(r.role)) + renamed)
      }
    }

    lines.push(D.section('今日值班'))
    // The config's roster with the changes cadres made in chat (值班/换班).
    const villageRows = await db.selectFrom('villages').select(['id', 'name']).execute()
    const changes = await listDutyRoster(db)
    for (const v of config.villages) {
      const id = villageRows.find(r => r.name === v.name)?.id
      const who = dutyFor(v, o.now, tz, new Map(changes.filter(c => c.village_id === id).map(c => [c.day, c.cadre])))
      const cadre = v.cadres.find(c => c.name === who)
      const missing = unseen.people.some(p => p === who || p.startsWith(`${who}（`))
      if (missing) bad(D.dutyMissing(v.name, who))
      else ok(D.duty(v.name, who, cadre?.alias ?? null))
    }

    lines.push(D.section('发件箱'))
    const pending = await db.selectFrom('outbox').selectAll().where('account', '=', account).where('status', 'in', ['pending', 'sending'])
      .orderBy('created_at').execute()
    const failed = await db.selectFrom('outbox').selectAll().where('account', '=', account).where('status', '=', 'failed')
      .where('created_at', '>=', o.now - 7 * 24 * 60 * MINUTE).orderBy('id', 'desc').execute()
    const uncertain = await db.selectFrom('outbox').selectAll().where('account', '=', account).where('status', '=', 'uncertain')
      .orderBy('id', 'desc').execute()
    const sentToday = Number((await db.selectFrom('outbox').select(eb => eb.fn.countAll<number>().as('n'))
      .where('account', '=', account).where('status', '=', 'sent').where('sent_at', '>=', startOfLocalDay(o.now, tz))
      .executeTakeFirst())?.n ?? 0)
    const oldest = pending[0]
    if (pending.length === 0) ok(D.nothingPending())
    else if (running && presence?.online === 1 && oldest && o.now - oldest.created_at > STUCK_MS) warn(D.stuck(pending.length, T.duration(o.now - oldest.created_at)))
    else warn(D.pending(pending.length, oldest ? T.duration(o.now - oldest.created_at) : ''))
    const holders = [...new Set(pending.filter(r => r.claimed_by && (r.claim_until ?? 0) >= o.now).map(r => r.claimed_by!))]
    if (holders.length) ok(D.claimedBy(holders))
    ok(D.sentToday(sentToday, config.sending.dailyCap))
    if (sentToday >= config.sending.dailyCap) warn(D.capReached())
    if (failed.length) {
      bad(D.failed(failed.length))
      for (const r of failed.slice(0, LIST)) lines.push(`    ${describe(r, rooms, tz)}（${r.last_error ?? ''}）`)
    }
    if (uncertain.length) {
      warn(D.uncertain(uncertain.length))
      for (const r of uncertain.slice(0, LIST)) lines.push(`    ${describe(r, rooms, tz)}`)
    }

    lines.push(D.section('收到的消息'))
    const errors = await db.selectFrom('inbox').selectAll().where('status', '=', 'error')
      .where('received_at', '>=', o.now - 24 * 60 * MINUTE).orderBy('received_at', 'desc').execute()
    if (errors.length === 0) ok(D.noInboxErrors())
    else {
      bad(D.inboxErrors(errors.length))
      for (const e of errors.slice(0, LIST)) lines.push(`    ${shortLocal(e.received_at, tz)} ${e.sender}：${cut(e.text, 30)}（${cut(e.error ?? '', 60)}）`)
    }
  } finally {
    await close()
  }
  lines.push('')
  lines.push(problems ? D.summaryBad(problems, warnings) : warnings ? D.summaryWarn(warnings) : D.summaryOk())
  return { lines, problems, warnings }
}

function cut(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) + '…' : s
}

function describe(r: OutboxRow, rooms: { id: number; topic: string }[], tz: string): string {
  const to = r.room_id !== null ? rooms.find(x => x.id === r.room_id)?.topic ?? `#${r.room_id}` : T.doctor.toPerson(r.person_id)
  return `${shortLocal(r.created_at, tz)} → ${to}：${cut(r.text.replace(/\s+/g, ' '), 30)}`
}

/** A file database is opened read-only (no migration, no write); others through the normal path. */
async function openReadOnly(url: string): Promise<{ db: DB; close: () => Promise<void>; check: () => string } | undefined> {
  if (isPostgresUrl(url)) {
    // Read only: no migration. A server that cannot be reached, or a database without our tables, is reported as missing.
    try {
      const opened = await openDatabase(url, { migrate: false })
      return { db: opened.db, close: opened.close, check: () => 'ok' }
    } catch {
      return undefined
    }
  }
  if (!isFileDatabase(url)) {
    const opened = await openDatabase(url)
    return { db: opened.db, close: opened.close, check: () => 'ok' }
  }
  if (!fs.existsSync(url)) return undefined
  const sqlite = new SQLite(url, { readonly: true, fileMustExist: true })
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  return {
    db,
    close: async () => { await db.destroy() },
    check: () => String(sqlite.pragma('quick_check', { simple: true })),
  }
}
