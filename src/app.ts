// Wires the bot: world (who is who), router (commands), pipeline (inbound), sender (outbox) and
// scheduler (jobs). Knows nothing of WeChat: a transport delivers, an adapter feeds messages in.
import type { DB } from '../db/connection.js'
import { renameRoom } from '../db/villages.js'
import { commands, jobs, listeners } from '../handlers/index.js'
import { Activity } from './activity.js'
import type { Clock } from './clock.js'
import type { Config } from './config.js'
import type { Services } from './context.js'
import { createLogger, type Logger } from './log.js'
import { dataDir } from './paths.js'
import { Pipeline } from './pipeline.js'
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
  readonly sender: Sender
  readonly scheduler: Scheduler
  private started = false

  constructor(o: AppOptions) {
    this.config = o.config
    this.db = o.db
    this.clock = o.clock
    this.log = o.log ?? createLogger()
    this.world = new World(o.config)
    this.router = new Router(commands)
    this.router.setVillageNames(o.config.villages.map(v => v.name))
    const services: Services = { config: o.config, world: this.world, log: this.log, dataDir: o.dataDir ?? dataDir() }
    this.sender = new Sender({
      db: o.db, clock: o.clock, config: o.config, world: this.world, transport: o.transport, log: this.log,
      activity: this.activity, random: o.random ?? Math.random, onSent: o.onSent,
    })
    const kick = (): void => this.sender.kick()
    this.pipeline = new Pipeline({
      services, db: o.db, router: this.router, listeners, log: this.log, activity: this.activity,
      now: () => o.clock.now(), onOutbox: kick,
    })
    this.scheduler = new Scheduler({ services, db: o.db, clock: o.clock, log: this.log, activity: this.activity, jobs, onOutbox: kick })
  }

  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    await this.world.load(this.db, this.clock.now())
    await this.sender.recover()
    this.scheduler.start()
    await this.scheduler.tick()
    this.sender.kick()
  }

  stop(): void {
    this.scheduler.stop()
    this.sender.stop()
  }

  /** Feeds one inbound message (or a promise of one, to keep arrival order) into the queue. */
  receive(msg: Inbound | Promise<Inbound | null>): void {
    this.pipeline.push(msg)
  }

  /** The transport is (back) online: deliver what waited. */
  online(): void {
    this.sender.kick()
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
