// A whole village on one machine: the real bot, the real Wechaty, and wechaty-puppet-mock playing
// WeChat. Tests, the simulator (`npm run demo`) and the benchmark all drive the bot through this.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { FileBox } from 'file-box'
import * as PUPPET from 'wechaty-puppet'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { App } from '../app.js'
import { VirtualClock, type Clock } from '../clock.js'
import type { Config } from '../config.js'
import { formatQuote } from '../domain/refs.js'
import type { Logger } from '../log.js'
import type { Outgoing, Transport } from '../transport.js'
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
  /** A VirtualClock for tests and the simulator; the crash test runs on the system clock. */
  clock: Clock
  db: DB
  log: Logger
  random?: () => number
  /** Extra people to create up front (besides the config's cadres). */
  people?: { name: string; alias?: string; rooms?: string[] }[]
  /** Skip app.start() (to inspect a bot before it starts). */
  noStart?: boolean
  /** Where the bot writes charts and ledgers. */
  dataDir?: string
  /** Keep a durable record of every message WeChat received (see WireLog). */
  wireLog?: string
  /** Called the moment a message is on the wire (the crash test may kill the process here). */
  onWire?: (m: Outgoing) => void
  /** Session name for Wechaty's memory card (tests of a corrupt session file). */
  session?: string
  /** This process among those serving the account (several bots on one database). */
  instance?: string
}

export interface WireLine {
  covers: number[]
  room: string | null
  to: string | null
  text: string
}

/**
 * The mock's stand-in for WeChat's servers: a message is delivered once its line is in this file.
 * Lines are appended with one write each, so a process killed at any point leaves whole lines
 * (a torn last line, if ever, is not a delivery). `delivered()` answers the sender's question
 * after a crash, which the real web WeChat cannot.
 */
export class WireLog {
  constructor(readonly file: string) {}

  append(m: Outgoing): void {
    const line: WireLine = { covers: m.covers, room: m.room, to: m.to?.name ?? null, text: m.text }
    fs.appendFileSync(this.file, JSON.stringify(line) + '\n')
  }

  read(): WireLine[] {
    let text: string
    try {
      text = fs.readFileSync(this.file, 'utf8')
    } catch {
      return []
    }
    const out: WireLine[] = []
    for (const l of text.split('\n')) {
      if (!l) continue
      try {
        out.push(JSON.parse(l) as WireLine)
      } catch {
        // a torn line: not delivered
      }
    }
    return out
  }

  delivered(ids: number[]): Set<number> {
    const wanted = new Set(ids)
    const got = new Set<number>()
    for (const line of this.read()) for (const id of line.covers) if (wanted.has(id)) got.add(id)
    return got
  }
}

/** Sends through Wechaty, writing each message to the wire log the moment WeChat would have it. */
class WiredTransport implements Transport {
  constructor(private readonly inner: WechatyTransport, private readonly wire: WireLog, private readonly onWire?: (m: Outgoing) => void) {}

  ready(): boolean {
    return this.inner.ready()
  }

  async send(m: Outgoing): Promise<void> {
    const target = await this.inner.target(m)
    this.wire.append(m)
    this.onWire?.(m)
    // The mock chat shows it too; WeChat already has it, whatever happens here.
    await this.inner.deliver(target, m).catch(() => undefined)
  }

  async delivered(ids: number[]): Promise<Set<number>> {
    return this.wire.delivered(ids)
  }

  check(rooms: string[], people: { name: string; alias: string | null }[]): Promise<{ rooms: string[]; people: string[] }> {
    return this.inner.check(rooms, people)
  }
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

  readonly wire: WireLog | undefined

  private constructor(readonly o: MockWorldOptions) {
    this.puppet = new PuppetMock({ mocker: this.mocker })
    this.bot = createWechaty({ puppet: this.puppet, ...(o.session ? { sessionName: o.session } : {}) })
    this.transport = new WechatyTransport(this.bot, o.log)
    this.wire = o.wireLog ? new WireLog(o.wireLog) : undefined
    this.app = new App({
      config: o.config, db: o.db, clock: o.clock, log: o.log, random: o.random ?? (() => 0),
      transport: this.wire ? new WiredTransport(this.transport, this.wire, o.onWire) : this.transport,
      onSent: (m, row, at) => this.record(m, row, at),
      ...(o.dataDir ? { dataDir: o.dataDir } : {}),
      ...(o.instance ? { instance: o.instance } : {}),
    })
    connect(this.bot, this.app, this.transport, { clock: o.clock, log: o.log })
    if (o.clock instanceof VirtualClock) o.clock.settle = () => this.settle()
  }

  private get virtual(): VirtualClock {
    if (!(this.o.clock instanceof VirtualClock)) throw new Error('this MockWorld runs on the system clock')
    return this.o.clock
  }

  static async create(o: MockWorldOptions): Promise<MockWorld> {
    const w = new MockWorld(o)
    await w.bot.start()
    w.botUser = w.mocker.createContact({ name: o.config.bot.name })
    w.contacts.set(o.config.bot.name, w.botUser)
    await w.loginNow()
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
    // The puppet has "loaded its contacts": the bot looks its rooms and people up.
    w.puppet.emit('ready', { data: 'mock' })
    await w.settle()
    return w
  }

  private async loginNow(): Promise<void> {
    this.mocker.login(this.botUser)
    for (let i = 0; i < 200 && !this.transport.ready(); i++) await new Promise(r => setTimeout(r, 5))
    if (!this.transport.ready()) throw new Error('mock login did not complete')
  }

  /** WeChat drops the bot (the web session expired, or the phone logged it out). */
  async logout(reason = 'mock logout'): Promise<void> {
    await this.puppet.logout(reason)
    for (let i = 0; i < 200 && this.transport.ready(); i++) await new Promise(r => setTimeout(r, 2))
    await this.settle()
  }

  /**
   * The bot logs in again. As in WeChat, every contact and room (and the bot itself) now has a
   * new id; only names, 备注 and topics carry over. Rooms in `drop` are ones the bot was removed
   * from meanwhile.
   */
  async relogin(o: { drop?: string[] } = {}): Promise<void> {
    if (this.puppet.isLoggedIn) await this.logout()
    const renamed = new Map<string, string>()
    for (const [name, old] of this.contacts) {
      const fresh = this.mocker.createContact({ name: old.payload.name, ...(old.payload.alias ? { alias: old.payload.alias } : {}) })
      renamed.set(old.id, fresh.id)
      this.mocker.cacheContactPayload.delete(old.id)
      this.contacts.set(name, fresh)
      if (old === this.botUser) this.botUser = fresh
    }
    for (const [topic, old] of this.rooms) {
      if (o.drop?.includes(topic)) {
        this.mocker.cacheRoomPayload.delete(old.id)
        this.rooms.delete(topic)
        continue
      }
      const fresh = this.mocker.createRoom({ topic, memberIdList: old.payload.memberIdList.map(id => renamed.get(id) ?? id) })
      this.mocker.cacheRoomPayload.delete(old.id)
      this.rooms.set(topic, fresh)
    }
    await this.loginNow()
    this.puppet.emit('ready', { data: 'mock' })
    await this.settle()
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
    if (this.o.clock instanceof VirtualClock) await this.o.clock.advanceBy(0)
    else await this.settle()
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
    await this.virtual.advanceTo(at)
  }

  async advanceBy(ms: number): Promise<void> {
    await this.virtual.advanceBy(ms)
  }

  /** Runs the clock until the outbox is empty (bounded), e.g. after a flood. */
  async drain(maxMs = 3_600_000): Promise<void> {
    const end = this.o.clock.now() + maxMs
    for (;;) {
      const pending = await this.o.db.selectFrom('outbox').select(eb => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending').executeTakeFirst()
      if (Number(pending?.n ?? 0) === 0) return
      const next = this.virtual.nextTimerAt()
      if (next === undefined || next > end) return
      await this.virtual.advanceTo(Math.max(next, this.o.clock.now()))
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
