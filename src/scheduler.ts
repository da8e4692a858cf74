// Every minute of the (injected) clock, the jobs decide what is due from the database: deadlines
// and digests survive restarts because nothing lives in timers. Once-only work is claimed by key
// in the same transaction (db/jobs.ts), so with several processes on one database each digest
// and each escalation step happens once. The jobs of a minute share one transaction (most minutes
// nothing is due, and on PostgreSQL every statement is a round trip); if any job fails, each runs
// again in a transaction of its own so one broken job cannot hold up the others.
import type { DB } from '../db/connection.js'
import { claimJob } from '../db/jobs.js'
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

/** Remembered taken keys, at most (a day of a county's escalation steps). */
const MAX_TAKEN = 20_000

export class Scheduler {
  private timer: Timer | undefined
  /** Job keys known to be claimed (committed by us or another process): never asked again. */
  private readonly taken = new Set<string>()

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
      try {
        queued = await this.runJobs(this.d.jobs)
      } catch (err) {
        queued = 0
        for (const job of this.d.jobs) {
          try {
            queued += await this.runJobs([job])
          } catch (e) {
            this.d.log.error(`job ${job.name} failed`, e)
          }
        }
        this.d.log.debug('the jobs of this minute ran one by one after a failure', err)
      }
      if (queued > 0) this.d.onOutbox()
    })
  }

  /** Runs these jobs in one transaction; returns how many messages they queued. */
  private async runJobs(jobs: Job[]): Promise<number> {
    const hooks: (() => void)[] = []
    const queued = await this.d.db.transaction().execute(async trx => {
      const now = this.d.clock.now()
      const out = new Outbound(trx, this.d.services.config.bot.account, now)
      const claim = async (key: string): Promise<boolean> => {
        if (this.taken.has(key)) return false
        const ok = await claimJob(trx, key, now)
        if (ok) hooks.push(() => this.remember(key))
        else this.remember(key)
        return ok
      }
      for (const job of jobs) {
        await job.run({ app: this.d.services, db: trx, now, out, afterCommit: fn => hooks.push(fn), claim })
      }
      return out.count
    })
    for (const h of hooks) h()
    return queued
  }

  private remember(key: string): void {
    if (this.taken.size >= MAX_TAKEN) this.taken.clear()
    this.taken.add(key)
  }
}
