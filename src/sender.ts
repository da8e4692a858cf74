// Drains the outbox: one message at a time, at least `intervalMs` (+ jitter) apart, urgent first,
// within a daily cap, retrying with backoff. A row is marked `sending` before the transport call
// and `sent` after, so a crash in between is detected on restart and never sent twice.
import type { DB } from '../db/connection.js'
import { countSentSince, listDueOutbox, listOutboxByStatus, nextOutboxDueAt, setOutboxStatus } from '../db/outbox.js'
import { findPersonById } from '../db/people.js'
import type { OutboxRow } from '../db/schema.js'
import type { Activity } from './activity.js'
import type { Clock, Timer } from './clock.js'
import type { Config } from './config.js'
import type { Logger } from './log.js'
import { PRIORITY } from './outbound.js'
import { T } from './templates.js'
import { addLocalDays, localDateKey, startOfLocalDay } from './time.js'
import type { Outgoing, Transport } from './transport.js'
import type { World } from './world.js'

export interface SenderDeps {
  db: DB
  clock: Clock
  config: Config
  world: World
  transport: Transport
  log: Logger
  activity: Activity
  random: () => number
  /** Called with each message as it leaves (the simulator prints these). */
  onSent?: (msg: Outgoing, row: OutboxRow, at: number) => void
}

const BACKOFF_BASE_MS = 5_000
const BACKOFF_MAX_MS = 10 * 60_000

export class Sender {
  private timer: Timer | undefined
  private timerAt = Infinity
  private busy = false
  private lastSentAt = -Infinity
  private gap = 0
  private day = ''
  private sentToday = 0
  private stopped = false

  constructor(private readonly d: SenderDeps) {}

  private get account(): string {
    return this.d.config.bot.account
  }

  /** On start: settle rows a crash left in `sending`. */
  async recover(): Promise<void> {
    const inFlight = await listOutboxByStatus(this.d.db, this.account, 'sending')
    if (inFlight.length === 0) return
    const ids = inFlight.map(r => r.id)
    const delivered = this.d.transport.delivered ? await this.d.transport.delivered(ids) : undefined
    if (delivered) {
      await setOutboxStatus(this.d.db, ids.filter(id => delivered.has(id)), { status: 'sent', sent_at: this.d.clock.now() })
      await setOutboxStatus(this.d.db, ids.filter(id => !delivered.has(id)), { status: 'pending' })
    } else {
      await setOutboxStatus(this.d.db, ids, { status: 'uncertain' })
      this.d.log.warn(`${ids.length} outgoing message(s) were being sent when the bot stopped; not resending to avoid duplicates`, ids)
    }
  }

  /** Something new may be due: make sure a drain is scheduled. */
  kick(): void {
    if (this.stopped) return
    this.schedule(Math.max(this.d.clock.now(), this.lastSentAt + this.gap))
  }

  stop(): void {
    this.stopped = true
    this.timer?.cancel()
    this.timer = undefined
  }

  private schedule(at: number): void {
    if (this.stopped) return
    if (this.timer && this.timerAt <= at) return
    this.timer?.cancel()
    this.timerAt = at
    this.timer = this.d.clock.at(at, () => {
      this.timer = undefined
      this.timerAt = Infinity
      return this.drain()
    })
  }

  private async drain(): Promise<void> {
    if (this.busy || this.stopped) return
    if (!this.d.transport.ready()) return // the login handler kicks again
    this.busy = true
    this.d.activity.enter()
    try {
      const now = this.d.clock.now()
      const earliest = this.lastSentAt + this.gap
      if (now < earliest) {
        this.schedule(earliest)
        return
      }
      let rows = await listDueOutbox(this.d.db, this.account, now, 50)
      if (rows.length === 0) {
        const next = await nextOutboxDueAt(this.d.db, this.account)
        if (next !== undefined) this.schedule(Math.max(next, now + 1))
        return
      }
      if (await this.overCap(now)) {
        rows = rows.filter(r => r.priority === PRIORITY.urgent)
        if (rows.length === 0) {
          this.schedule(startOfLocalDay(addLocalDays(now, 1, this.d.config.timezone), this.d.config.timezone))
          return
        }
      }
      await this.sendGroup(this.pickGroup(rows), now)
      this.lastSentAt = this.d.clock.now()
      const { intervalMs, jitterMs } = this.d.config.sending
      this.gap = intervalMs + Math.floor(this.d.random() * jitterMs)
      this.schedule(this.lastSentAt + this.gap)
    } catch (err) {
      this.d.log.error('outbox drain failed', err)
      this.schedule(this.d.clock.now() + BACKOFF_BASE_MS)
    } finally {
      this.busy = false
      this.d.activity.exit()
    }
  }

  private async overCap(now: number): Promise<boolean> {
    const tz = this.d.config.timezone
    const day = localDateKey(now, tz)
    if (day !== this.day) {
      this.day = day
      this.sentToday = await countSentSince(this.d.db, this.account, startOfLocalDay(now, tz))
    }
    return this.sentToday >= this.d.config.sending.dailyCap
  }

  /** The first due row; if it is an ordinary ack, every other due ack to that room joins it. */
  private pickGroup(rows: OutboxRow[]): OutboxRow[] {
    const first = rows[0]!
    if (!first.merge_key) return [first]
    return rows.filter(r => r.merge_key === first.merge_key)
  }

  private async sendGroup(group: OutboxRow[], now: number): Promise<void> {
    const first = group[0]!
    const ids = group.map(r => r.id)
    const attempts = first.attempts + 1
    const msg = await this.render(group)
    if (!msg) {
      await setOutboxStatus(this.d.db, ids, { status: 'failed', attempts, last_error: 'recipient unknown' })
      return
    }
    await setOutboxStatus(this.d.db, ids, { status: 'sending', attempts })
    try {
      await this.d.transport.send(msg)
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      const failed = attempts >= this.d.config.sending.maxAttempts
      const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1))
      await setOutboxStatus(this.d.db, ids, failed
        ? { status: 'failed', last_error: reason.slice(0, 500) }
        : { status: 'pending', not_before: now + backoff, last_error: reason.slice(0, 500) })
      this.d.log.warn(`send failed (attempt ${attempts}${failed ? ', giving up' : ''}): ${reason}`, { to: msg.room ?? msg.to?.name })
      return
    }
    const at = this.d.clock.now()
    await setOutboxStatus(this.d.db, [first.id], { status: 'sent', sent_at: at })
    await setOutboxStatus(this.d.db, ids.slice(1), { status: 'merged', sent_at: at })
    this.sentToday++
    this.d.onSent?.(msg, first, at)
  }

  private async render(group: OutboxRow[]): Promise<Outgoing | null> {
    const first = group[0]!
    let room: string | null = null
    let to: Outgoing['to'] = null
    if (first.room_id !== null) {
      room = this.d.world.roomById(first.room_id)?.room.topic ?? null
      if (!room) return null
    } else if (first.person_id !== null) {
      const p = await findPersonById(this.d.db, first.person_id)
      if (!p) return null
      to = { name: p.name, alias: p.alias }
    } else {
      return null
    }
    const mentions = [...new Set(group.flatMap(r => (r.mentions ? JSON.parse(r.mentions) as string[] : [])))]
    let text = first.text
    if (group.length > 1) {
      const nos = await this.d.db.selectFrom('tickets').select(['id', 'no'])
        .where('id', 'in', group.map(r => r.ticket_id ?? -1)).execute()
      text = T.room.mergedAck(group.map(r => nos.find(n => n.id === r.ticket_id)?.no ?? 0).filter(n => n > 0))
    }
    return { id: first.id, room, to, text, mentions, filePath: first.file_path }
  }
}
