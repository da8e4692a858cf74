// The only module that knows Wechaty. It turns Wechaty messages into Inbound, sends Outgoing
// through Wechaty, and follows logins and room renames. Puppet ids are used only within one
// login session (as a cache), never stored: they change at every login.
import fs from 'node:fs'
import path from 'node:path'
import { FileBox } from 'file-box'
import qrcodeTerminal from 'qrcode-terminal'
import { types, WechatyBuilder, type Contact, type Message, type Room, type Wechaty } from 'wechaty'
import type { App } from '../app.js'
import type { Clock } from '../clock.js'
import type { Logger } from '../log.js'
import { backupSession } from '../session.js'
import type { Inbound, InboundKind, Outgoing, Transport } from '../transport.js'

export type WechatyBot = Wechaty

export interface CreateWechatyOptions {
  /** A puppet instance (tests pass the mock); otherwise Wechaty reads WECHATY_PUPPET. */
  puppet?: ConstructorParameters<typeof Object>[0]
  /** Where Wechaty keeps its login session (`<name>.memory-card.json`). */
  sessionName?: string
}

export function createWechaty(o: CreateWechatyOptions = {}): WechatyBot {
  // wechaty-puppet-wechat4u is Wechaty's own default; other puppets come through
  // WECHATY_PUPPET / WECHATY_PUPPET_SERVICE_TOKEN unchanged.
  const options: Record<string, unknown> = {}
  if (o.sessionName) options['name'] = o.sessionName
  if (o.puppet) options['puppet'] = o.puppet
  return WechatyBuilder.build(options) as WechatyBot
}

const KIND_BY_TYPE = new Map<number, InboundKind>([
  [types.Message.Text, 'text'],
  [types.Message.Image, 'image'],
  [types.Message.Video, 'video'],
  [types.Message.Attachment, 'file'],
  [types.Message.Recalled, 'recall'],
])

export class WechatyTransport implements Transport {
  private rooms = new Map<string, Room>()
  private loggedIn = false
  /** Non-self messages seen (tests wait on this to know a message reached the bot). */
  received = 0

  constructor(readonly bot: WechatyBot, private readonly log: Logger) {}

  ready(): boolean {
    return this.loggedIn
  }

  setLoggedIn(v: boolean): void {
    this.loggedIn = v
    // A new login means new ids: drop every cached handle.
    this.rooms.clear()
  }

  forgetRoom(topic: string): void {
    this.rooms.delete(topic)
  }

  async findRoom(topic: string): Promise<Room | undefined> {
    let room = this.rooms.get(topic)
    if (room) return room
    room = await this.bot.Room.find({ topic }) ?? undefined
    if (room) this.rooms.set(topic, room)
    return room
  }

  async findContact(to: { name: string; alias: string | null }): Promise<Contact | undefined> {
    if (to.alias) {
      const byAlias = await this.bot.Contact.find({ alias: to.alias })
      if (byAlias) return byAlias
    }
    return (await this.bot.Contact.find({ name: to.name })) ?? undefined
  }

  async check(rooms: string[], people: { name: string; alias: string | null }[]): Promise<{ rooms: string[]; people: string[] }> {
    const missing = { rooms: [] as string[], people: [] as string[] }
    for (const topic of rooms) {
      if (!(await this.findRoom(topic).catch(() => undefined))) missing.rooms.push(topic)
    }
    for (const p of people) {
      if (!(await this.findContact(p).catch(() => undefined))) missing.people.push(p.alias ? `${p.name}（备注 ${p.alias}）` : p.name)
    }
    return missing
  }

  async send(m: Outgoing): Promise<void> {
    await this.deliver(await this.target(m), m)
  }

  /** Where a message goes, found by topic or name in this login session; throws when it cannot be. */
  async target(m: Outgoing): Promise<Room | Contact> {
    if (!this.loggedIn) throw new Error('not logged in')
    if (m.room) {
      const room = await this.findRoom(m.room)
      if (!room) throw new Error(`room not found: ${m.room}`)
      return room
    }
    if (m.to) {
      const contact = await this.findContact(m.to)
      if (!contact) throw new Error(`contact not found: ${m.to.name}`)
      return contact
    }
    throw new Error('message has no recipient')
  }

  async deliver(target: Room | Contact, m: Outgoing): Promise<void> {
    const content = m.filePath ? fileBox(m.filePath) : m.text
    if (!m.room || typeof content !== 'string') {
      await target.say(content)
      return
    }
    const room = target as Room
    const members: Contact[] = []
    for (const name of m.mentions) {
      const c = await room.member(name).catch(() => undefined)
      if (c) members.push(c)
    }
    await room.say(content, ...members)
  }
}

/**
 * A file to send. Read into a base64 FileBox rather than FileBox.fromFile: puppets that serialise
 * the box (wechaty-puppet-mock, puppet-service) only accept base64/url/uuid boxes (toJSON), and
 * every puppet accepts base64.
 */
function fileBox(file: string): FileBox {
  return FileBox.fromBase64(fs.readFileSync(file).toString('base64'), sentFileName(file))
}

/** Generated files end in the instant they were made (for pruning); the recipient need not see it. */
export function sentFileName(file: string): string {
  return path.basename(file).replace(/-\d{13}(?=\.[A-Za-z]+$)/, '')
}

/** Reads what the bot needs from a Wechaty message. Runs concurrently; order is kept by the queue. */
export async function toInbound(msg: Message, at: number): Promise<Inbound | null> {
  const talker = msg.talker()
  if (!talker) return null
  const room = msg.room()
  const topic = room ? await room.topic() : null
  const kind = KIND_BY_TYPE.get(msg.type()) ?? 'other'
  const text = msg.text() ?? ''
  const alias = (await talker.alias().catch(() => undefined)) ?? null
  const inbound: Inbound = {
    id: msg.id,
    at,
    room: topic,
    sender: { name: talker.name(), alias },
    text,
    kind,
    // An @ always shows in the text; without one there is no mention to look up.
    mentionsBot: room && text.includes('@') ? await msg.mentionSelf().catch(() => false) : false,
  }
  if (kind === 'recall') {
    // wechat4u carries the original id inside sysmsg XML; other puppets give it as the text.
    inbound.recalledId = /<msgid>(\d+)<\/msgid>/.exec(text)?.[1] ?? text.trim()
  }
  if (kind === 'image' || kind === 'video' || kind === 'file') {
    inbound.file = async () => {
      const box = await msg.toFileBox()
      return { name: box.name, data: await box.toBuffer() }
    }
  }
  return inbound
}

export interface ConnectOptions {
  clock: Clock
  log: Logger
  /** Print the login QR code in the terminal (npm start). */
  printQr?: boolean
  /** Session name given to Wechaty: backed up once a login has settled. */
  session?: string
}

/** Puppets that never say 'ready' (contacts loaded) get their rooms checked this long after login. */
const READY_FALLBACK_MS = 60_000

/** Feeds Wechaty's events into the app. */
export function connect(bot: WechatyBot, app: App, transport: WechatyTransport, o: ConnectOptions): void {
  bot.on('scan', (qrcode: string, status: number) => {
    if (!o.printQr) return
    if (status === types.ScanStatus.Waiting || status === types.ScanStatus.Timeout) {
      process.stderr.write('\n请用机器人微信号扫码登录 / Scan with the bot\'s WeChat account:\n')
      qrcodeTerminal.generate(qrcode, { small: true }, (art: string) => process.stderr.write(art + '\n'))
      process.stderr.write(`也可以在浏览器打开 / or open: https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}\n`)
    }
  })
  // After each login every puppet id is new: rooms and people are found again by topic and name
  // once the puppet has loaded its contacts ('ready'), or after a while for puppets that never say.
  let logins = 0
  let checked = 0
  const settled = (): void => {
    if (checked === logins) return
    checked = logins
    void app.checkBindings()
    if (o.session) backupSession(o.session, o.log)
  }
  bot.on('login', (user: Contact) => {
    transport.setLoggedIn(true)
    o.log.info(`logged in as ${user.name()}`)
    const login = ++logins
    o.clock.at(o.clock.now() + READY_FALLBACK_MS, () => { if (login === logins) settled() })
    app.online()
  })
  bot.on('ready', () => settled())
  bot.on('logout', (user: Contact, reason?: string) => {
    transport.setLoggedIn(false)
    o.log.warn(`logged out: ${user.name()} ${reason ?? ''}`)
    app.offline('logout')
  })
  // Wechaty reports puppet hiccups here; none should stop the bot. A network outage repeats the
  // same error many times a second, so each distinct message is logged at most once a minute.
  const lastLogged = new Map<string, number>()
  bot.on('error', (err: Error) => {
    const key = String(err?.message ?? err)
    const now = Date.now()
    if ((lastLogged.get(key) ?? 0) > now - 60_000) return
    lastLogged.set(key, now)
    if (lastLogged.size > 100) lastLogged.clear()
    o.log.warn('wechaty error', key)
  })
  bot.on('message', (msg: Message) => {
    if (msg.self()) return
    transport.received++
    app.receive(toInbound(msg, o.clock.now()))
  })
  bot.on('room-topic', (_room: Room, topic: string, oldTopic: string) => {
    transport.forgetRoom(oldTopic)
    void app.roomRenamed(oldTopic, topic)
  })
}
