import cron from 'node-cron'

// The one source of "now". Production uses the system clock; tests and the simulator use a
// virtual clock so that a week of village life runs in seconds, timers included.

export interface Timer {
  cancel(): void
}

export interface Clock {
  now(): number
  /** Runs `fn` at instant `at` (epoch ms), or as soon as possible if it is already past. */
  at(at: number, fn: () => unknown): Timer
  /** Runs `fn` at the start of every minute (the scheduler's heartbeat). */
  everyMinute(fn: () => unknown): Timer
}

/** Node's setTimeout caps at ~24.8 days; re-arm for longer waits. */
const MAX_DELAY = 2 ** 31 - 1

export class SystemClock implements Clock {
  now(): number {
    return Date.now()
  }

  at(at: number, fn: () => unknown): Timer {
    let handle: NodeJS.Timeout | undefined
    let cancelled = false
    const arm = (): void => {
      const delay = Math.max(0, at - Date.now())
      handle = setTimeout(() => {
        if (cancelled) return
        if (Date.now() < at) arm()
        else void Promise.resolve().then(fn).catch(() => undefined)
      }, Math.min(delay, MAX_DELAY))
      handle.unref?.()
    }
    arm()
    return {
      cancel: () => {
        cancelled = true
        if (handle) clearTimeout(handle)
      },
    }
  }

  everyMinute(fn: () => unknown): Timer {
    // node-cron keeps minute alignment across sleeps and clock adjustments.
    const task = cron.schedule('* * * * *', async () => { await fn() }, { noOverlap: true })
    return { cancel: () => { void task.stop() } }
  }
}

interface VirtualTimer {
  at: number
  seq: number
  fn: () => unknown
  cancelled: boolean
}

/**
 * A discrete-event clock. `advanceTo` fires due timers in time order, awaiting each one and
 * then the `settle` hook (the bot going idle) before looking at the next, so cascades of work
 * that a timer starts finish at the virtual instant they belong to.
 */
export class VirtualClock implements Clock {
  private current: number
  private timers: VirtualTimer[] = []
  private seq = 0
  settle: () => Promise<void> = async () => {
    await new Promise(resolve => setImmediate(resolve))
  }

  constructor(start: number) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  at(at: number, fn: () => unknown): Timer {
    const timer: VirtualTimer = { at: Math.max(at, this.current), seq: this.seq++, fn, cancelled: false }
    this.timers.push(timer)
    return { cancel: () => { timer.cancelled = true } }
  }

  everyMinute(fn: () => unknown): Timer {
    let timer: Timer | undefined
    let cancelled = false
    const schedule = (): void => {
      const next = (Math.floor(this.current / 60_000) + 1) * 60_000
      timer = this.at(next, async () => {
        if (cancelled) return
        schedule()
        await fn()
      })
    }
    schedule()
    return { cancel: () => { cancelled = true; timer?.cancel() } }
  }

  /** Earliest pending timer instant, if any. */
  nextTimerAt(): number | undefined {
    let min: number | undefined
    for (const t of this.timers) if (!t.cancelled && (min === undefined || t.at < min)) min = t.at
    return min
  }

  async advanceTo(target: number): Promise<void> {
    if (target < this.current) throw new Error(`virtual clock cannot go back: ${new Date(target).toISOString()} < ${new Date(this.current).toISOString()}`)
    await this.settle()
    for (;;) {
      this.timers = this.timers.filter(t => !t.cancelled)
      let next: VirtualTimer | undefined
      for (const t of this.timers) {
        if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t
      }
      if (!next) break
      this.timers.splice(this.timers.indexOf(next), 1)
      this.current = Math.max(this.current, next.at)
      await next.fn()
      await this.settle()
    }
    this.current = target
    await this.settle()
  }

  async advanceBy(ms: number): Promise<void> {
    await this.advanceTo(this.current + ms)
  }
}
