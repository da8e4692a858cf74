// Wires the bot: world (who is who), router (commands), pipeline (inbound), sender (outbox) and
// scheduler (jobs). Knows nothing of WeChat: a transport delivers, an adapter feeds messages in.
import os from 'node:os'
import type { DB } from '../db/connection.js'
import { fastInbox } from '../db/fast.js'
import { renameRoom } from '../db/villages.js'
import { commands, jobs, listeners } from '../handlers/index.js'
import { Activity } from './activity.js'
import type { Clock } from './clock.js'
import type { Config } from './config.js'
import type { Services } from './context.js'
import { model } from './domain/intent/model.js'
import { createLogger, type Logger } from './log.js'
import { dataDir } from './paths.js'
import { Pipeline } from './pipeline.js'
import { Presence } from './presence.js'
import { RecentLines } from './recent.js'
import { Router } from './router.js'
import { Scheduler } from './scheduler.js'
import { Sender, type SenderDeps } from './sender.js'
import type { Inbound, Transport } from './transport.js'
import { World } from './world.js'

export interface AppOptions {
  config: Config
  db: DB
  clock: Clock
  transport: Transport
  log?: Logger
  /** Jitter source; the simulator passes a seeded one. */
  random?: () => number
  onSent?: SenderDeps['onSent']
  /** Where generated files go (default: SHUOSHI_DATA_DIR, the database's directory, or ./data). */
  dataDir?: string
  /** This process among those serving the account (default: instanceName()). */
  instance?: string
}

/**
 * Names this process among the processes of its account: SHUOSHI_INSTANCE, else the host name.
 * Stable across restarts, so a restarted bot settles its own unfinished sends at once; two
 * processes of one account on one machine need different SHUOSHI_INSTANCE values.
 */
export function instanceName(): string {
  return process.env['SHUOSHI_INSTANCE'] || os.hostname()
}

export class App {
  readonly config: Config
  readonly db: DB
  readonly clock: Clock
  readonly log: Logger
  readonly world: World
  readonly router: Router
  readonly activity = new Activity()
  readonly pipeline: Pipeline
  /**
   * The look-back in memory, on SQLite (one process owns the file). On PostgreSQL other processes
   * of the county record lines this memory would not see: the look-back reads the table there.
   */
  readonly recent: RecentLines | undefined
  readonly sender: Sender
  readonly scheduler: Scheduler
  readonly presence: Presence
  private started = false
  private running = false
  private stopped = false
  /** Logged in before start() finished (the mock logs in first): handled at the end of start(). */
  private loggedInEarly = false

  constructor(o: AppOptions) {
    this.config = o.config
    this.db = o.db
    this.clock = o.clock
    this.log = o.log ?? createLogger()
    this.world = new World(o.config)
    // The intent model's weights take ~80 ms to read: now, not on the first villager's message.
    model()
    this.router = new Router(commands)
    this.router.setVillageNames(o.config.villages.map(v => v.name))
    const fast = fastInbox(o.db)
    this.recent = fast ? new RecentLines(fast) : undefined
    const services: Services = {
      config: o.config, world: this.world, log: this.log, dataDir: o.dataDir ?? dataDir(), ...(this.recent ? { recent: this.recent } : {}),
    }
    const kick = (): void => this.sender.kick()
    this.presence = new Presence({
      db: o.db, clock: o.clock, config: o.config, world: this.world, log: this.log, activity: this.activity,
      transport: o.transport, onOutbox: kick,
    })
    this.sender = new Sender({
      db: o.db, clock: o.clock, config: o.config, world: this.world, transport: o.transport, log: this.log,
      activity: this.activity, random: o.random ?? Math.random, onSent: o.onSent, instance: o.instance ?? instanceName(),
      onDown: () => this.offline('disconnect'),
      onUp: () => this.backOnline(),
    })
    this.pipeline = new Pipeline({
      services, db: o.db, router: this.router, listeners, log: this.log, activity: this.activity,
      now: () => o.clock.now(), onOutbox: kick,
    })
    this.scheduler = new Scheduler({ services, db: o.db, clock: o.clock, log: this.log, activity: this.activity, jobs, onOutbox: kick })
  }

  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    const moves = await this.world.load(this.db, this.clock.now())
    for (const a of moves) {
      if (a.from) this.log.warn(`village ${a.village} moved from account ${a.from} to ${this.config.bot.account} (${a.outbox} unsent message(s) follow it)`)
      else this.log.info(`village ${a.village} is served by account ${this.config.bot.account}`)
    }
    const uncertain = await this.sender.recover()
    await this.presence.start(uncertain)
    await this.presence.adopted(moves)
    this.running = true
    this.scheduler.start()
    await this.scheduler.tick()
    if (this.loggedInEarly) this.backOnline()
    else this.sender.kick()
  }

  stop(): void {
    // The puppet says 'logout' when it is stopped; that is not an outage to record now (the next
    // start finds the gap from the last heartbeat).
    this.stopped = true
    this.scheduler.stop()
    this.sender.stop()
    this.presence.stop()
  }

  /** Feeds one inbound message (or a promise of one, to keep arrival order) into the queue. */
  receive(msg: Inbound | Promise<Inbound | null>): void {
    this.pipeline.push(msg)
  }

  /**
   * Logged in (again): close the gap (telling admins and rooms if it was long), then deliver
   * what waited, recovery notices first.
   */
  online(): void {
    this.sender.reset()
    this.backOnline()
  }

  private backOnline(): void {
    if (this.stopped) return
    if (!this.running) {
      this.loggedInEarly = true
      return
    }
    void this.presence.online()
      .catch(err => this.log.error('could not record being back online', err))
      .finally(() => this.sender.kick())
  }

  /** Logged out (or sending stopped working): messages keep queuing; the gap is recorded. */
  offline(reason: 'logout' | 'disconnect'): void {
    this.loggedInEarly = false
    if (this.stopped || !this.running) return
    void this.presence.offline(reason).catch(err => this.log.error('could not record going offline', err))
  }

  /** The transport has loaded its contacts after a login: re-find rooms and people by topic and name. */
  async checkBindings(): Promise<void> {
    if (this.stopped || !this.running) return
    await this.presence.checkBindings()
  }

  /** A room was renamed in WeChat: follow it, keeping its identity. */
  async roomRenamed(oldTopic: string, newTopic: string): Promise<void> {
    await this.activity.run(async () => {
      const room = await renameRoom(this.db, oldTopic, newTopic, this.clock.now())
      if (room) {
        await this.world.refresh(this.db)
        this.log.info(`room renamed: ${oldTopic} → ${newTopic}`)
      }
    })
  }

  async idle(): Promise<void> {
    await this.activity.idle()
  }
}
