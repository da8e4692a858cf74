// Counts work in flight so tests and the simulator can wait until the bot has nothing left to do.
export class Activity {
  private active = 0
  private waiters: (() => void)[] = []

  enter(): void {
    this.active++
  }

  exit(): void {
    this.active--
    if (this.active === 0) {
      const w = this.waiters
      this.waiters = []
      for (const resolve of w) resolve()
    }
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.enter()
    try {
      return await fn()
    } finally {
      this.exit()
    }
  }

  get busy(): boolean {
    return this.active > 0
  }

  /** Resolves once nothing is in flight for a full turn of the event loop. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.active === 0) {
        await new Promise(resolve => setImmediate(resolve))
        if (this.active === 0) return
      } else {
        await new Promise<void>(resolve => this.waiters.push(resolve))
      }
    }
  }
}
