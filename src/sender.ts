// Drains the outbox: one message at a time, at least `intervalMs` (+ jitter) apart, urgent first,
// within a daily cap, retrying with backoff. A row is marked `sending` before the transport call
// and `sent` after, so a crash in between is detected on restart and never sent twice.
//
// A failure counts against the message only while the transport works: when several different
// messages fail in a row (or the account is logged out) WeChat is down, not the message, so rows
// wait in the outbox without using up attempts and a probe retries now and then.
import type { DB } from '../db/connection.js'
import { countSentSince, listDueByMergeKey, listDueOutbox, listOutboxByStatus, nextOutboxDueAt, setOutboxStatus } from '../db/outbox.js'
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
  /** Sending stopped working although the account is logged in (a long disconnect). */
  onDown?: () => void
  /** Sending works again after onDown. */
  onUp?: () => void
}

const BACKOFF_BASE_MS = 5_000
const BACKOFF_MAX_MS = 10 * 60_000
/** Different messages failing one after another, with no success between: WeChat is down. */
const DOWN_AFTER_ROWS = 3
const PROBE_MIN_MS = 30_000
const PROBE_MAX_MS = 5 * 60_000
/** At most this many acks in one merged message. */
const MAX_MERGE = 20

export class Sender {
  private timer: Timer | undefined
  private timerAt = Infinity
  private busy = false
  private lastSentAt = -Infinity
  private gap = 0
  private day = ''
  private sentToday = 0
  private stopped = false
  /** Rows that failed since the last successful send. */
  private failing = new Set<number>()
  private down = false
  private probeDelay = PROBE_MIN_MS

  constructor(private readonly d: SenderDeps) {}

  private get account(): string {
    return this.d.config.bot.account
  }

  /**
   * On start: settle rows a crash left in `sending` (the transport call may or may not have gone
   * out). A transport that can tell says which were delivered: those are sent, the rest go again.
   * Otherwise they become `uncertain`, never sent twice; returns how many.
   */
  async recover(): Promise<number> {
    const inFlight = await listOutboxByStatus(this.d.db, this.account, 'sending')
    if (inFlight.length === 0) return 0
    const ids = inFlight.map(r => r.id)
    const delivered = this.d.transport.delivered ? await this.d.transport.delivered(ids) : undefined
    if (delivered) {
      await setOutboxStatus(this.d.db, ids.filter(id => delivered.has(id)), { status: 'sent', sent_at: this.d.clock.now() })
      await setOutboxStatus(this.d.db, ids.filter(id => !delivered.has(id)), { status: 'pending' })
      return 0
    }
    await setOutboxStatus(this.d.db, ids, { status: 'uncertain' })
    this.d.log.warn(`${ids.length} outgoing message(s) were being sent when the bot stopped; not resending to avoid duplicates`, ids)
    return ids.length
  }

  /** A fresh login: failures seen before say nothing about the new session. */
  reset(): void {
    this.failing.clear()
    this.down = false
    this.probeDelay = PROBE_MIN_MS
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
        // Urgent messages go; so do direct answers to someone who just typed (a cadre's 办结 or 待办):
        // they are few, and silence would make people retype. Acks, notices and digests wait.
        rows = rows.filter(r => r.priority === PRIORITY.urgent || r.kind === 'reply')
        if (rows.length === 0) {
          this.schedule(startOfLocalDay(addLocalDays(now, 1, this.d.config.timezone), this.d.config.timezone))
          return
        }
      }
      const probe = this.probeDelay
      const ok = await this.sendGroup(await this.pickGroup(rows, now), now)
      this.lastSentAt = this.d.clock.now()
      const { intervalMs, jitterMs } = this.d.config.sending
      this.gap = intervalMs + Math.floor(this.d.random() * jitterMs)
      // While WeChat is down, try again only after the probe delay (the login handler kicks sooner).
      this.schedule(!ok && this.down ? this.lastSentAt + probe : this.lastSentAt + this.gap)
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

  /**
   * The first due row; if it is an ordinary ack, every other due ack to that room joins it, however
   * far down the queue (a flood of reports clears at one message per room, not one per report).
   */
  private async pickGroup(rows: OutboxRow[], now: number): Promise<OutboxRow[]> {
    const first = rows[0]!
    if (!first.merge_key) return [first]
    const same = await listDueByMergeKey(this.d.db, this.account, first.merge_key, now)
    return [first, ...same.filter(r => r.id !== first.id)].slice(0, MAX_MERGE)
  }

  /** Sends one message for the group; false when the transport call failed. */
  private async sendGroup(group: OutboxRow[], now: number): Promise<boolean> {
    const first = group[0]!
    const ids = group.map(r => r.id)
    const attempts = first.attempts + 1
    const msg = await this.render(group)
    if (!msg) {
      await setOutboxStatus(this.d.db, ids, { status: 'failed', attempts, last_error: 'recipient unknown' })
      return true
    }
    await setOutboxStatus(this.d.db, ids, { status: 'sending', attempts })
    try {
      await this.d.transport.send(msg)
    } catch (err) {
      await this.failed(group, msg, err, now)
      return false
    }
    const at = this.d.clock.now()
    // The message is out: recording it must not be lost to a passing database error.
    await retry(async () => {
      await setOutboxStatus(this.d.db, [first.id], { status: 'sent', sent_at: at })
      await setOutboxStatus(this.d.db, ids.slice(1), { status: 'merged', sent_at: at })
    })
    this.sentToday++
    this.failing.clear()
    this.probeDelay = PROBE_MIN_MS
    if (this.down) {
      this.down = false
      this.d.log.info('sending works again')
      this.d.onUp?.()
    }
    this.d.onSent?.(msg, first, at)
    return true
  }

  private async failed(group: OutboxRow[], msg: Outgoing, err: unknown, now: number): Promise<void> {
    const first = group[0]!
    const ids = group.map(r => r.id)
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500)
    this.failing.add(first.id)
    if (!this.d.transport.ready() || this.failing.size >= DOWN_AFTER_ROWS) {
      // WeChat is down, not this message: keep it, attempt not counted, and probe later.
      await setOutboxStatus(this.d.db, ids, { status: 'pending', attempts: first.attempts, not_before: now + this.probeDelay, last_error: reason })
      this.probeDelay = Math.min(PROBE_MAX_MS, this.probeDelay * 2)
      if (!this.down) {
        this.down = true
        this.d.log.warn(`sending does not work (${reason}); messages wait in the outbox`)
        this.d.onDown?.()
      }
      return
    }
    const attempts = first.attempts + 1
    const gaveUp = attempts >= this.d.config.sending.maxAttempts
    // A message given up on says nothing more about the transport.
    if (gaveUp) this.failing.delete(first.id)
    const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1))
    await setOutboxStatus(this.d.db, ids, gaveUp
      ? { status: 'failed', last_error: reason }
      : { status: 'pending', not_before: now + backoff, last_error: reason })
    this.d.log.warn(`send failed (attempt ${attempts}${gaveUp ? ', giving up' : ''}): ${reason}`, { to: msg.room ?? msg.to?.name })
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
    return { id: first.id, covers: group.map(r => r.id), room, to, text, mentions, filePath: first.file_path }
  }
}

async function retry(fn: () => Promise<void>, times = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await fn()
      return
    } catch (err) {
      if (i >= times) throw err
      await new Promise(r => setTimeout(r, 50 * i))
    }
  }
}
