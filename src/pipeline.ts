// Inbound messages go through one ordered queue. The worker takes what has arrived, up to a
// batch, and handles it in one transaction: kysely's SQLite mutex wakes every waiter on each
// unlock, so a free-for-all of concurrent handlers collapses throughput. Each message is first
// recorded by id (a redelivery is skipped), then routed. If a batch fails, its messages are
// retried one by one so a single bad message cannot take others down with it.
import type { CompiledQuery } from 'kysely'
import type { DB } from '../db/connection.js'
import { fastInbox, type FastInbox } from '../db/fast.js'
import type { InboxRow, NewOutbox } from '../db/schema.js'
import type { Activity } from './activity.js'
import type { Ctx, Services } from './context.js'
import { parseQuote } from './domain/refs.js'
import { clean } from './domain/text.js'
import type { Logger } from './log.js'
import { prefetchMedia } from './intake.js'
import { flushOutbox, Outbound } from './outbound.js'
import type { RecentLines } from './recent.js'
import type { Listener, Router } from './router.js'
import { T } from './templates.js'
import type { Inbound } from './transport.js'
import { PersonCache, touchPerson } from '../db/people.js'

const MAX_BATCH = 256
/** Inbox keeps enough text for context and audit; a 100 KB paste is cut. */
const INBOX_TEXT_MAX = 1000
/**
 * Handlers see at most this much (a ticket keeps 2000 characters anyway). Keyword rules with
 * `.*` take quadratic time: 100 KB of 电线电线… held the one queue for 8 s, 2000 characters 4 ms.
 */
const HANDLED_TEXT_MAX = 2000

export interface PipelineDeps {
  services: Services
  db: DB
  router: Router
  listeners: Listener[]
  log: Logger
  activity: Activity
  now: () => number
  /** Called after each committed batch that queued outgoing messages. */
  onOutbox: () => void
}

/** An error that remembers the message that caused it, for the log. */
export class MessageError extends Error {
  constructor(readonly inbound: Inbound, override readonly cause: unknown) {
    super(`failed to handle message ${inbound.id} from ${inbound.sender.name} in ${inbound.room ?? '私聊'}: ${cause instanceof Error ? cause.message : String(cause)}`)
    this.name = 'MessageError'
  }
}

export class Pipeline {
  private queue: Promise<Inbound | null>[] = []
  private running = false
  private readonly people = new PersonCache()
  private inboxSql: CompiledQuery | undefined
  private readonly fast: FastInbox | undefined
  private readonly recent: RecentLines | undefined
  /** Cadres' person ids by config name and 备注 (see Outbound.toName); a few dozen entries. */
  private readonly recipients = new Map<string, number>()
  handled = 0
  /** Called after each batch is settled (committed or recorded as failed); the benchmark times messages with it. */
  onBatch?: (batch: Inbound[]) => void

  constructor(private readonly d: PipelineDeps) {
    this.fast = fastInbox(d.db)
    this.recent = d.services.recent
  }

  push(item: Inbound | Promise<Inbound | null>): void {
    this.queue.push(Promise.resolve(item).catch(err => {
      this.d.log.warn('could not read an inbound message', err)
      return null
    }))
    if (!this.running) {
      this.running = true
      this.d.activity.enter()
      void this.run()
    }
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = (await Promise.all(this.queue.splice(0, MAX_BATCH))).filter((m): m is Inbound => m !== null)
        if (batch.length === 0) continue
        await prefetchMedia(batch, this.d.services.world)
        await this.processBatch(batch)
      }
    } finally {
      this.running = false
      this.d.activity.exit()
    }
  }

  private async processBatch(batch: Inbound[]): Promise<void> {
    let queued = 0
    let seenElsewhere = false
    try {
      const hooks: (() => void)[] = []
      queued = await this.d.db.transaction().execute(async trx => {
        // Each message is recorded just before it is handled, not the whole batch up front: a
        // handler that looks back at what this person said (a report told in pieces) must not
        // see their later lines. What the batch decides to send is written at the end, in one go.
        const sink: NewOutbox[] = []
        let n = 0
        for (const msg of batch) {
          if (await this.record(trx, msg)) n += await this.handleOne(trx, msg, hooks, sink)
          else seenElsewhere = true
        }
        await flushOutbox(trx, sink)
        return n
      })
      for (const h of hooks) h()
      this.handled += batch.length
    } catch (batchError) {
      // The look-back memory may hold lines and links the rollback took away: read the table again.
      this.recent?.clear()
      if (batch.length === 1) {
        queued = await this.fail(batch[0]!, batchError)
      } else {
        for (const msg of batch) {
          try {
            const hooks: (() => void)[] = []
            queued += await this.d.db.transaction().execute(async trx => {
              if (!(await this.record(trx, msg))) return 0
              const sink: NewOutbox[] = []
              const n = await this.handleOne(trx, msg, hooks, sink)
              await flushOutbox(trx, sink)
              return n
            })
            for (const h of hooks) h()
          } catch (err) {
            this.recent?.clear()
            queued += await this.fail(msg, err)
          }
        }
      }
      this.handled += batch.length
    }
    // A message another process of this account recorded first (a county's standby hears the same
    // chats) likely queued messages there: look for rows to claim here too.
    if (queued > 0 || seenElsewhere) this.d.onOutbox()
    this.onBatch?.(batch)
  }

  /**
   * Records a message from a served room or a private chat in `inbox`; true when it is seen for the
   * first time (a redelivery is already there). Messages from rooms we do not serve are not kept.
   */
  private async record(trx: DB, msg: Inbound): Promise<boolean> {
    const place = msg.room !== null ? this.d.services.world.room(msg.room) : undefined
    if (msg.room !== null && !place) return false
    const text = clean(msg.text)
    const row: InboxRow = {
      msg_id: msg.id,
      received_at: msg.at,
      room_id: place?.room.id ?? null,
      sender: msg.sender.name,
      text: text.length > INBOX_TEXT_MAX ? text.slice(0, INBOX_TEXT_MAX) + '…' : text,
      kind: msg.kind,
      status: 'done',
      error: null,
      ticket_id: null,
    }
    // SQLite: a raw prepared statement on the transaction's connection. Elsewhere kysely, with the
    // SQL compiled once (kysely would parse 9 values every time) and run with this row's values.
    const fresh = this.fast ? this.fast.record(row) : await this.recordKysely(trx, row)
    if (fresh) this.recent?.add(row.sender, row.room_id, row)
    return fresh
  }

  private async recordKysely(trx: DB, row: InboxRow): Promise<boolean> {
    const params = [row.msg_id, row.received_at, row.room_id, row.sender, row.text, row.kind, row.status, row.error, row.ticket_id]
    if (this.inboxSql) {
      return (await trx.executeQuery<{ msg_id: string }>({ ...this.inboxSql, parameters: params })).rows.length > 0
    }
    const query = trx.insertInto('inbox').values(row)
      .onConflict(oc => oc.column('msg_id').doNothing())
      .returning('msg_id')
    const compiled = query.compile()
    if (compiled.parameters.length === params.length && compiled.parameters.every((p, i) => p === params[i])) this.inboxSql = compiled
    return (await query.execute()).length > 0
  }

  /** Handles one newly recorded message inside `trx`; returns how many outgoing messages it queued. */
  private async handleOne(trx: DB, msg: Inbound, hooks: (() => void)[], sink: NewOutbox[]): Promise<number> {
    const place = msg.room !== null ? this.d.services.world.room(msg.room) : undefined
    const text = clean(msg.text.length > 4 * HANDLED_TEXT_MAX ? msg.text.slice(0, 4 * HANDLED_TEXT_MAX) : msg.text).slice(0, HANDLED_TEXT_MAX)
    const now = this.d.now()
    const person = await touchPerson(trx, {
      name: msg.sender.name,
      alias: msg.sender.alias,
      villageId: place && place.room.role !== 'committee' ? place.village.id : null,
    }, now, this.people.get(msg.sender.name))
    hooks.push(() => this.people.put(person))
    const out = new Outbound(trx, this.d.services.config.bot.account, now, {
      sink,
      recipients: { get: key => this.recipients.get(key), remember: (key, id) => hooks.push(() => this.recipients.set(key, id)) },
    })
    const { quote, body } = parseQuote(text)
    const ctx: Ctx = {
      app: this.d.services,
      db: trx,
      now,
      out,
      afterCommit: fn => hooks.push(fn),
      msg,
      text,
      body,
      quote,
      place,
      person,
      reply: (reply, o = {}) => place
        ? out.toRoom(place.room.id, reply, { kind: 'reply', ...o, mentions: o.mentions ?? (place.room.role === 'committee' ? [] : [person.name]) })
        : out.toPerson(person.id, reply, { kind: 'reply', ...o }),
    }

    if (msg.kind === 'text') {
      const match = this.d.router.match(body)
      if (match) {
        await this.d.router.dispatch(ctx, match.command, match.rest)
        return out.count
      }
    }
    for (const l of this.d.listeners) {
      if (await l.handle(ctx)) break
    }
    return out.count
  }

  /** Records a message that could not be handled, and tells a person who typed a command. */
  private async fail(msg: Inbound, cause: unknown): Promise<number> {
    const err = cause instanceof MessageError ? cause : new MessageError(msg, cause)
    this.d.log.error(err.message, { text: msg.text.slice(0, 200), cause })
    try {
      return await this.d.db.transaction().execute(async trx => {
        const place = msg.room !== null ? this.d.services.world.room(msg.room) : undefined
        await trx.insertInto('inbox').values({
          msg_id: msg.id, received_at: msg.at, room_id: place?.room.id ?? null, sender: msg.sender.name,
          text: clean(msg.text).slice(0, INBOX_TEXT_MAX), kind: msg.kind, status: 'error',
          error: String(err.cause instanceof Error ? err.cause.message : err.cause).slice(0, 500), ticket_id: null,
        }).onConflict(oc => oc.column('msg_id').doUpdateSet({ status: 'error' })).execute()
        const { body } = parseQuote(clean(msg.text))
        if (msg.kind !== 'text' || !this.d.router.match(body)) return 0
        const now = this.d.now()
        const person = await touchPerson(trx, { name: msg.sender.name, alias: msg.sender.alias }, now)
        const out = new Outbound(trx, this.d.services.config.bot.account, now)
        if (place) await out.toRoom(place.room.id, T.cmd.error(), { kind: 'reply', mentions: [person.name] })
        else await out.toPerson(person.id, T.cmd.error(), { kind: 'reply' })
        return out.count
      })
    } catch (e) {
      this.d.log.error(`could not record failed message ${msg.id}`, e)
      return 0
    }
  }
}
