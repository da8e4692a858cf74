// Every minute of the (injected) clock, each job runs in its own transaction and decides what is
// due from the database: deadlines and digests survive restarts because nothing lives in timers.
import type { DB } from '../db/connection.js'
import type { Activity } from './activity.js'
import type { Clock, Timer } from './clock.js'
import type { Services } from './context.js'
import type { Logger } from './log.js'
import { Outbound } from './outbound.js'
import type { Job } from './router.js'

export interface SchedulerDeps {
  services: Services
  db: DB
  clock: Clock
  log: Logger
  activity: Activity
  jobs: Job[]
  onOutbox: () => void
}

export class Scheduler {
  private timer: Timer | undefined

  constructor(private readonly d: SchedulerDeps) {}

  start(): void {
    this.timer = this.d.clock.everyMinute(() => this.tick())
  }

  stop(): void {
    this.timer?.cancel()
  }

  async tick(): Promise<void> {
    await this.d.activity.run(async () => {
      let queued = 0
      for (const job of this.d.jobs) {
        try {
          const hooks: (() => void)[] = []
          queued += await this.d.db.transaction().execute(async trx => {
            const now = this.d.clock.now()
            const out = new Outbound(trx, this.d.services.config.bot.account, now)
            await job.run({ app: this.d.services, db: trx, now, out, afterCommit: fn => hooks.push(fn) })
            return out.count
          })
          for (const h of hooks) h()
        } catch (err) {
          this.d.log.error(`job ${job.name} failed`, err)
        }
      }
      if (queued > 0) this.d.onOutbox()
    })
  }
}
