// Everything the bot decides to say is written to the outbox inside the transaction that made
// the decision; the sender delivers it later. Masking happens here, once, for every message.
import type { DB } from '../db/connection.js'
import { insertOutbox, insertOutboxRows } from '../db/outbox.js'
import type { NewOutbox } from '../db/schema.js'
import { findPersonByName, touchPerson } from '../db/people.js'
import { maskIdentifiers, maskIdNumbers } from './domain/privacy.js'

export const PRIORITY = { urgent: 0, normal: 1, bulk: 2 } as const

export interface SendOptions {
  priority?: number
  /** ack, ping, notice, reply, digest … (for the record and for merging acks). */
  kind?: string
  mentions?: string[]
  ticketId?: number | null
  /** Acks to the same room with the same key may be merged during a flood. */
  mergeKey?: string | null
  filePath?: string | null
  /** Hold until this instant (quiet hours, daily cap). */
  notBefore?: number
}

export interface OutboundOptions {
  /**
   * Rows are collected here instead of inserted; the owner of the transaction writes them all
   * with `flushOutbox` before it commits (the pipeline does, once per batch).
   */
  sink?: NewOutbox[]
  /** Person ids of cadres by config name/备注, as committed (saves two lookups per ping). */
  recipients?: RecipientCache
}

/** Filled only after commit, through `remember`, so a rolled-back new person is never cached. */
export interface RecipientCache {
  get(key: string): number | undefined
  remember(key: string, id: number): void
}

export class Outbound {
  count = 0
  private readonly sink: NewOutbox[] | undefined
  private readonly recipients: RecipientCache | undefined

  constructor(private readonly db: DB, private readonly account: string, private readonly now: number, o: OutboundOptions = {}) {
    this.sink = o.sink
    this.recipients = o.recipients
  }

  async toRoom(roomId: number, text: string, o: SendOptions = {}): Promise<void> {
    await this.insert({ room_id: roomId, person_id: null }, maskIdentifiers(text), o)
  }

  async toPerson(personId: number, text: string, o: SendOptions = {}): Promise<void> {
    await this.insert({ room_id: null, person_id: personId }, maskIdNumbers(text), o)
  }

  /** To a person known by config name (a cadre who may never have written to the bot yet). */
  async toName(name: string, alias: string | null | undefined, text: string, o: SendOptions = {}): Promise<void> {
    const key = `${name}\u0000${alias ?? ''}`
    let id = this.recipients?.get(key)
    if (id === undefined) {
      const person = (alias ? await findPersonByName(this.db, alias) : undefined)
        ?? await findPersonByName(this.db, name)
        ?? await touchPerson(this.db, { name, alias: alias ?? null }, this.now)
      id = person.id
      this.recipients?.remember(key, id)
    }
    await this.toPerson(id, text, o)
  }

  private async insert(target: { room_id: number | null; person_id: number | null }, text: string, o: SendOptions): Promise<void> {
    const row: NewOutbox = {
      ...target,
      created_at: this.now,
      account: this.account,
      priority: o.priority ?? PRIORITY.normal,
      kind: o.kind ?? 'reply',
      text,
      mentions: o.mentions?.length ? JSON.stringify(o.mentions) : null,
      file_path: o.filePath ?? null,
      ticket_id: o.ticketId ?? null,
      merge_key: o.mergeKey ?? null,
      status: 'pending',
      attempts: 0,
      not_before: o.notBefore ?? this.now,
      sent_at: null,
      last_error: null,
    }
    if (this.sink) this.sink.push(row)
    else await insertOutbox(this.db, row)
    this.count++
  }
}

/** Writes the rows collected by Outbounds with a sink, in order (ids keep the order of decisions). */
export async function flushOutbox(db: DB, sink: NewOutbox[]): Promise<void> {
  await insertOutboxRows(db, sink.splice(0, sink.length))
}
