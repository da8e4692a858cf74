// The crash test, short: separate bot processes on one database, SIGKILLed at random points and
// right after a message reached the wire; nothing lost, nothing doubled. `npm run chaos` runs
// the long version.
import { describe, expect, it } from 'vitest'
import { runChaos } from '../scripts/chaos.js'
import { ON_POSTGRES } from './helpers.js'

// The driver reads the bot's database file directly; on PostgreSQL test/county.test.ts runs
// several bot processes at once and kills one.
describe.skipIf(ON_POSTGRES)('crash test (SQLite only: one database file, one bot at a time)', () => {
  it('survives SIGKILL at random points: one ticket per report, numbers without gaps, every notice once', async () => {
    const report = await runChaos({ messages: 150, kills: 3, seed: 7 })
    expect(report.problems).toEqual([])
    expect(report.kills.onWire).toBeGreaterThanOrEqual(1)
    expect(report.kills.onWire + report.kills.random).toBe(3)
    expect(report.inFlightAtKill).toBeGreaterThanOrEqual(1)
    expect(report.tickets + report.joined).toBe(report.reports)
    expect(report.reports).toBeGreaterThan(20)
  }, 180_000)
})
