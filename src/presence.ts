// Is the bot reachable on WeChat? WeChat never replays what was said while the bot was logged out,
// disconnected or not running, so every such gap is recorded as an outage. When the bot is back,
// in the same transaction that closes the outage, village admins are told privately and public
// rooms are asked to send their reports again: exactly once, even across crashes.
import type { DB } from '../db/connection.js'
import { closeOutage, findOpenOutage, findPresence, openOutage, savePresence, setPresence } from '../db/presence.js'
import type { OutageReason } from '../db/schema.js'
import type { Activity } from './activity.js'
import type { Clock, Timer } from './clock.js'
import type { Config } from './config.js'
import type { Logger } from './log.js'
import { Outbound, PRIORITY } from './outbound.js'
import { T } from './templates.js'
import { MINUTE, shortLocal } from './time.js'
import type { Transport } from './transport.js'
import type { Village, World } from './world.js'

/** An account whose heartbeat (every minute) is older than this is not running. */
const STALE_HEARTBEAT_MS = 2 * MINUTE

export interface PresenceDeps {
  db: DB
  clock: Clock
  config: Config
  world: World
  log: Logger
  activity: Activity
  transport: Transport
  /** Called after a committed change that queued outgoing messages. */
  onOutbox: () => void
}

export interface Unseen {
  rooms: string[]
  people: string[]
}

export class Presence {
  private timer: Timer | undefined
  /** Messages a crash left in flight that no one can say were delivered (told to admins at login). */
  private uncertain = 0

  constructor(private readonly d: PresenceDeps) {}

  private get account(): string {
    return this.d.config.bot.account
  }

  /**
   * On start: if the last run ended without an outage being open, the process stopped (crash,
   * restart, power cut) at its last heartbeat; that gap starts there. Then beat every minute.
   */
  async start(uncertain: number): Promise<void> {
    this.uncertain = uncertain
    const now = this.d.clock.now()
    await this.d.db.transaction().execute(async trx => {
      const p = await findPresence(trx, this.account)
      if (!p) {
        await savePresence(trx, { account: this.account, online: 0, changed_at: now, last_alive_at: now, checked_at: null, unseen: null })
        return
      }
      if (!(await findOpenOutage(trx, this.account))) await openOutage(trx, this.account, p.last_alive_at, 'down')
      await setPresence(trx, this.account, { online: 0, changed_at: now, last_alive_at: now })
    })
    this.timer = this.d.clock.everyMinute(() => this.beat())
  }

  stop(): void {
    this.timer?.cancel()
  }

  private async beat(): Promise<void> {
    await this.d.activity.run(async () => {
      try {
        await setPresence(this.d.db, this.account, { last_alive_at: this.d.clock.now() })
      } catch (err) {
        this.d.log.warn('heartbeat failed', err)
      }
    })
  }

  /** Logged out, or sending stopped working: the gap starts now (if one is not already open). */
  async offline(reason: OutageReason): Promise<void> {
    await this.d.activity.run(async () => {
      const now = this.d.clock.now()
      await this.d.db.transaction().execute(async trx => {
        if (!(await findOpenOutage(trx, this.account))) await openOutage(trx, this.account, now, reason)
        await setPresence(trx, this.account, { online: 0, changed_at: now })
      })
      this.d.log.warn(`offline (${reason}); outgoing messages wait in the outbox`)
    })
  }

  /**
   * Logged in (again) or sending works again: close the gap; if it was long enough for messages
   * to have been lost, tell the admins and ask public rooms to resend.
   */
  async online(): Promise<void> {
    await this.d.activity.run(async () => {
      const now = this.d.clock.now()
      const queued = await this.d.db.transaction().execute(async trx => {
        await setPresence(trx, this.account, { online: 1, changed_at: now, last_alive_at: now })
        const open = await findOpenOutage(trx, this.account)
        if (!open) return 0
        const tell = now - open.started_at >= this.d.config.recovery.announceAfterMinutes * MINUTE
        const out = new Outbound(trx, this.account, now)
        if (tell) {
          const pending = await trx.selectFrom('outbox').select(eb => eb.fn.countAll<number>().as('n'))
            .where('account', '=', this.account).where('status', '=', 'pending').executeTakeFirst()
          const gap = this.gap(open.started_at, now)
          const alert = T.presence.adminAlert(gap, T.presence.reason(open.reason), Number(pending?.n ?? 0), this.uncertain)
          await this.toAdmins(out, alert)
          await this.askToResend(out, this.d.world.villages, gap)
          this.uncertain = 0
        }
        await closeOutage(trx, open.id, now, tell)
        this.d.log.info(`back online after ${Math.round((now - open.started_at) / 1000)} s (${open.reason})${tell ? '; admins and rooms told' : ''}`)
        return out.count
      })
      if (queued > 0) this.d.onOutbox()
    })
  }

  /**
   * Villages this account took over from another one at start (the old account was banned or
   * stopped): the old account's gap is theirs. If it was long enough for messages to be lost, the
   * village's public rooms are asked to resend and its admins told which account serves it now.
   * A move from a live account (rebalancing) had no gap and says nothing.
   */
  async adopted(moves: { village: string; from: string | null }[]): Promise<void> {
    const now = this.d.clock.now()
    const queued = await this.d.db.transaction().execute(async trx => {
      const out = new Outbound(trx, this.account, now)
      for (const m of moves) {
        const village = this.d.world.villages.find(v => v.name === m.village)
        if (!m.from || !village) continue
        const open = await findOpenOutage(trx, m.from)
        const last = await findPresence(trx, m.from)
        const since = open?.started_at ?? (last && now - last.last_alive_at > STALE_HEARTBEAT_MS ? last.last_alive_at : undefined)
        if (since === undefined || now - since < this.d.config.recovery.announceAfterMinutes * MINUTE) continue
        const gap = this.gap(since, now)
        await this.toAdmins(out, T.presence.movedAlert(village.name, m.from, this.account, gap), [village])
        await this.askToResend(out, [village], gap)
      }
      return out.count
    })
    if (queued > 0) this.d.onOutbox()
  }

  /**
   * After a login (ids are new): look every configured room up by topic and every cadre by
   * 备注/name, so sends find them, and record what cannot be found (for doctor and the admins).
   */
  async checkBindings(): Promise<Unseen | undefined> {
    const check = this.d.transport.check?.bind(this.d.transport)
    if (!check) return undefined
    return this.d.activity.run(async () => {
      const rooms = [...new Set(this.d.world.villages.flatMap(v => v.rooms.map(r => r.topic)))]
      const people = new Map<string, { name: string; alias: string | null }>()
      for (const v of this.d.world.villages) for (const c of v.cfg.cadres) people.set(c.name, { name: c.name, alias: c.alias ?? null })
      let unseen: Unseen
      try {
        unseen = await check(rooms, [...people.values()])
      } catch (err) {
        this.d.log.warn('could not check rooms and contacts after login', err)
        return undefined
      }
      const now = this.d.clock.now()
      const json = unseen.rooms.length || unseen.people.length ? JSON.stringify(unseen) : null
      const queued = await this.d.db.transaction().execute(async trx => {
        const before = (await findPresence(trx, this.account))?.unseen ?? null
        await setPresence(trx, this.account, { checked_at: now, unseen: json })
        // Tell the admins once per change, not at every login.
        if (!json || json === before) return 0
        const out = new Outbound(trx, this.account, now)
        await this.toAdmins(out, T.presence.unseen(unseen.rooms, unseen.people))
        return out.count
      })
      if (json) this.d.log.warn('after login, cannot find', unseen)
      if (queued > 0) this.d.onOutbox()
      return unseen
    })
  }

  private gap(since: number, now: number): { from: string; to: string; took: string } {
    const tz = this.d.config.timezone
    return { from: shortLocal(since, tz), to: shortLocal(now, tz), took: T.duration(now - since) }
  }

  /** WeChat does not replay what the bot missed: the villages' public rooms are asked to resend. */
  private async askToResend(out: Outbound, villages: readonly Village[], gap: { from: string; to: string }): Promise<void> {
    for (const v of villages) {
      for (const room of this.d.world.publicRooms(v)) {
        await out.toRoom(room.id, T.presence.roomBack(gap), { kind: 'notice', priority: PRIORITY.urgent })
      }
    }
  }

  /** Each village's secretary and director, privately; a village without one hears in its committee room. */
  private async toAdmins(out: Outbound, text: string, villages: readonly Village[] = this.d.world.villages): Promise<void> {
    const told = new Set<string>()
    for (const v of villages) {
      const admins = v.cfg.cadres.filter(c => c.roles.includes('secretary') || c.roles.includes('director'))
      if (admins.length === 0) {
        for (const room of this.d.world.committeeRooms(v)) await out.toRoom(room.id, text, { kind: 'alert', priority: PRIORITY.urgent })
        continue
      }
      for (const c of admins) {
        if (told.has(c.name)) continue
        told.add(c.name)
        await out.toName(c.name, c.alias, text, { kind: 'alert', priority: PRIORITY.urgent })
      }
    }
  }
}
