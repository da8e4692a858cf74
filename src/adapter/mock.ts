// A whole village on one machine: the real bot, the real Wechaty, and wechaty-puppet-mock playing
// WeChat. Tests, the simulator (`npm run demo`) and the benchmark all drive the bot through this.
import { randomUUID } from 'node:crypto'
import { FileBox } from 'file-box'
import * as PUPPET from 'wechaty-puppet'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { App } from '../app.js'
import type { VirtualClock } from '../clock.js'
import type { Config } from '../config.js'
import { formatQuote } from '../domain/refs.js'
import type { Logger } from '../log.js'
import type { Outgoing } from '../transport.js'
import type { DB } from '../../db/connection.js'
import type { OutboxRow } from '../../db/schema.js'
import { connect, createWechaty, WechatyTransport, type WechatyBot } from './wechaty.js'

export interface SentRecord {
  at: number
  room: string | null
  to: string | null
  text: string
  mentions: string[]
  kind: string
  priority: number
  ticketId: number | null
  file: string | null
}

export interface PostOptions {
  from: string
  /** Room topic; omit for a private message to the bot. */
  room?: string
  text?: string
  /** Quote-reply: who said the quoted text and what it was. */
  quote?: { name: string; text: string }
  type?: 'text' | 'image' | 'video' | 'recall'
  /** Fixed message id (to test redelivery); generated when omitted. */
  id?: string
  mentionBot?: boolean
  /** For images/videos: the file. */
  file?: { name: string; base64: string }
}

export interface MockWorldOptions {
  config: Config
  clock: VirtualClock
  db: DB
  log: Logger
  random?: () => number
  /** Extra people to create up front (besides the config's cadres). */
  people?: { name: string; alias?: string; rooms?: string[] }[]
  /** Skip app.start() (to inspect a bot before it starts). */
  noStart?: boolean
  /** Where the bot writes charts and ledgers. */
  dataDir?: string
}

const TYPE: Record<NonNullable<PostOptions['type']>, PUPPET.types.Message> = {
  text: PUPPET.types.Message.Text,
  image: PUPPET.types.Message.Image,
  video: PUPPET.types.Message.Video,
  recall: PUPPET.types.Message.Recalled,
}

export class MockWorld {
  readonly sent: SentRecord[] = []
  readonly mocker = new mock.Mocker()
  readonly puppet: PuppetMock
  readonly bot: WechatyBot
  readonly transport: WechatyTransport
  readonly app: App
  botUser!: mock.ContactMock
  private contacts = new Map<string, mock.ContactMock>()
  private rooms = new Map<string, mock.RoomMock>()
  private injected = 0
  private seq = 0
  /** Message ids are unique across runs, as WeChat's are (a restarted bot must not see old ids). */
  private readonly idPrefix = randomUUID().slice(0, 8)
  /** Everything said in each chat, for quote steps: chat key → [speaker, text]. */
  readonly history = new Map<string, { name: string; text: string }[]>()

  private constructor(readonly o: MockWorldOptions) {
    this.puppet = new PuppetMock({ mocker: this.mocker })
    this.bot = createWechaty({ puppet: this.puppet })
    this.transport = new WechatyTransport(this.bot, o.log)
    this.app = new App({
      config: o.config, db: o.db, clock: o.clock, transport: this.transport, log: o.log, random: o.random ?? (() => 0),
      onSent: (m, row, at) => this.record(m, row, at),
      ...(o.dataDir ? { dataDir: o.dataDir } : {}),
    })
    connect(this.bot, this.app, this.transport, { clock: o.clock, log: o.log })
    o.clock.settle = () => this.settle()
  }

  static async create(o: MockWorldOptions): Promise<MockWorld> {
    const w = new MockWorld(o)
    await w.bot.start()
    w.botUser = w.mocker.createContact({ name: o.config.bot.name })
    w.contacts.set(o.config.bot.name, w.botUser)
    w.mocker.login(w.botUser)
    for (let i = 0; i < 200 && !w.transport.ready(); i++) await new Promise(r => setTimeout(r, 5))
    if (!w.transport.ready()) throw new Error('mock login did not complete')
    for (const v of o.config.villages) {
      for (const r of v.rooms) w.room(r.topic)
      for (const c of v.cadres) {
        const contact = w.contact(c.name, c.alias)
        for (const r of v.rooms) w.join(r.topic, contact)
      }
    }
    for (const t of o.config.townships) for (const r of t.rooms) w.room(r.topic)
    for (const p of o.people ?? []) {
      const contact = w.contact(p.name, p.alias)
      for (const r of p.rooms ?? []) w.join(r, contact)
    }
    if (!o.noStart) await w.app.start()
    await w.settle()
    return w
  }

  contact(name: string, alias?: string): mock.ContactMock {
    let c = this.contacts.get(name)
    if (!c) {
      c = this.mocker.createContact({ name, ...(alias ? { alias } : {}) })
      this.contacts.set(name, c)
    }
    return c
  }

  room(topic: string): mock.RoomMock {
    let r = this.rooms.get(topic)
    if (!r) {
      r = this.mocker.createRoom({ topic, memberIdList: [this.botUser.id] })
      this.rooms.set(topic, r)
    }
    return r
  }

  private join(topic: string, c: mock.ContactMock): void {
    const r = this.room(topic)
    if (!r.payload.memberIdList.includes(c.id)) r.payload.memberIdList.push(c.id)
  }

  /** Posts a message as a person; returns its id. Does not wait for the bot. */
  inject(p: PostOptions): string {
    const from = this.contact(p.from)
    const id = p.id ?? `msg-${this.idPrefix}-${++this.seq}`
    const type = TYPE[p.type ?? 'text']
    let text = p.text ?? ''
    if (p.quote) text = formatQuote(p.quote.name, p.quote.text, text)
    if (p.mentionBot && !text.includes(`@${this.o.config.bot.name}`)) text = `@${this.o.config.bot.name} ${text}`
    const payload: Record<string, unknown> = {
      id, talkerId: from.id, timestamp: this.o.clock.now(), type, text,
    }
    if (p.room) {
      const room = this.room(p.room)
      this.join(p.room, from)
      payload['roomId'] = room.id
      payload['mentionIdList'] = p.mentionBot ? [this.botUser.id] : []
    } else {
      payload['listenerId'] = this.botUser.id
    }
    if (p.file) this.mocker.cacheFileBoxPayload.set(id, FileBox.fromBase64(p.file.base64, p.file.name).toJSON())
    // A redelivery reuses an id the mocker already holds.
    if (!this.hasMessage(id)) this.mocker.MessageMock.create(payload as unknown as PUPPET.payloads.Message)
    this.injected++
    // WeChat shows (and lets others quote) only what the person typed, not the quote inside it.
    this.remember(p.room ?? null, p.from, p.from, p.text ?? '')
    this.puppet.emit('message', { messageId: id })
    return id
  }

  private hasMessage(id: string): boolean {
    try {
      this.mocker.messagePayload(id)
      return true
    } catch {
      return false
    }
  }

  /** Posts and waits until the bot has handled it and sent what it can send now. */
  async post(p: PostOptions): Promise<string> {
    const id = this.inject(p)
    await this.o.clock.advanceBy(0)
    return id
  }

  async renameRoom(oldTopic: string, newTopic: string, by: string): Promise<void> {
    const room = this.room(oldTopic)
    room.topic(newTopic).by(this.contact(by))
    this.rooms.delete(oldTopic)
    this.rooms.set(newTopic, room)
    for (let i = 0; i < 100; i++) {
      await new Promise(r => setTimeout(r, 2))
      if (this.app.world.room(newTopic) || !this.app.world.room(oldTopic)) break
    }
    await this.settle()
  }

  /** Waits until every injected message reached the bot and the bot has nothing left to do. */
  async settle(): Promise<void> {
    for (let i = 0; this.transport.received < this.injected; i++) {
      await new Promise(r => setImmediate(r))
      if (i > 100_000) throw new Error(`bot received ${this.transport.received} of ${this.injected} messages`)
    }
    await this.app.idle()
  }

  async advanceTo(at: number): Promise<void> {
    await this.o.clock.advanceTo(at)
  }

  async advanceBy(ms: number): Promise<void> {
    await this.o.clock.advanceBy(ms)
  }

  /** Runs the clock until the outbox is empty (bounded), e.g. after a flood. */
  async drain(maxMs = 3_600_000): Promise<void> {
    const end = this.o.clock.now() + maxMs
    for (;;) {
      const pending = await this.o.db.selectFrom('outbox').select(eb => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending').executeTakeFirst()
      if (Number(pending?.n ?? 0) === 0) return
      const next = this.o.clock.nextTimerAt()
      if (next === undefined || next > end) return
      await this.o.clock.advanceTo(Math.max(next, this.o.clock.now()))
    }
  }

  /** Returns what the bot sent since the last call, and forgets it. */
  take(): SentRecord[] {
    return this.sent.splice(0, this.sent.length)
  }

  async stop(): Promise<void> {
    this.app.stop()
    await this.app.idle()
    await this.bot.stop().catch(() => undefined)
  }

  private record(m: Outgoing, row: OutboxRow, at: number): void {
    const rec: SentRecord = {
      at,
      room: m.room,
      to: m.to?.name ?? null,
      text: m.text,
      mentions: m.mentions,
      kind: row.kind,
      priority: row.priority,
      ticketId: row.ticket_id,
      file: m.filePath,
    }
    this.sent.push(rec)
    this.remember(m.room, m.to?.name ?? null, this.o.config.bot.name, m.text)
  }

  private remember(room: string | null, person: string | null, speaker: string, text: string): void {
    const key = room ? `room:${room}` : `dm:${person}`
    const list = this.history.get(key) ?? []
    list.push({ name: speaker, text })
    this.history.set(key, list)
  }

  /** The latest message in a chat containing `needle` (for quote steps). */
  findInChat(room: string | null, person: string, needle: string): { name: string; text: string } | undefined {
    const list = this.history.get(room ? `room:${room}` : `dm:${person}`) ?? []
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.text.includes(needle)) return list[i]
    return undefined
  }
}
