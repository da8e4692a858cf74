// What a handler gets: the message, the transaction it runs in, and ways to answer.
import type { DB } from '../db/connection.js'
import type { PersonRow, RoomRow } from '../db/schema.js'
import type { Config } from './config.js'
import type { Logger } from './log.js'
import type { Outbound, SendOptions } from './outbound.js'
import type { Inbound } from './transport.js'
import type { Quote } from './domain/refs.js'
import type { RecentLines } from './recent.js'
import type { Village, World } from './world.js'

export interface Services {
  config: Config
  world: World
  log: Logger
  /** Where files the bot makes (charts, ledgers) are written before they are sent. */
  dataDir: string
  /** Each speaker's last few minutes of lines, for the look-back (see recent.ts); absent: read the table. */
  recent?: RecentLines
}

/** Shared by message handlers and scheduled jobs: one transaction, one instant, one outbox. */
export interface BaseCtx {
  app: Services
  db: DB
  now: number
  out: Outbound
  /** Runs after the transaction commits (cache updates that must not outlive a rollback). */
  afterCommit(fn: () => void): void
}

export interface Ctx extends BaseCtx {
  msg: Inbound
  /** The message text with control characters removed. */
  text: string
  /** The reply part of a quote-reply, or the whole text. */
  body: string
  quote?: Quote
  /** The configured room the message came from, if any. */
  place?: { room: RoomRow; village: Village }
  person: PersonRow
  /** Answers in the chat the message came from (the room, or privately). */
  reply(text: string, o?: SendOptions): Promise<void>
}

export interface JobCtx extends BaseCtx {
  /**
   * Claims a once-only job key (db/jobs.ts) in this transaction: true means do it now. Keys known
   * to be taken are remembered, so a claim asked every minute costs no query after the first.
   */
  claim(key: string): Promise<boolean>
}
