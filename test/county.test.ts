// County scale on PostgreSQL: three bot processes of one account on one database, interleaved
// traffic for the same villages, one process SIGKILLed while it holds claimed messages.
// Runs in the PostgreSQL run of the suite only (SHUOSHI_TEST_PG).
import { describe, expect, it } from 'vitest'
import { runCounty } from '../scripts/county.js'
import { freshDatabase, ON_POSTGRES } from './helpers.js'

describe.skipIf(!ON_POSTGRES)('county: several processes on one PostgreSQL (PostgreSQL run only)', () => {
  it('numbers tickets without gaps, sends every message once, every digest once, and takes over a killed process’s rows', async () => {
    const report = await runCounty({ db: freshDatabase(), messages: 120, processes: 3, seed: 11, claimSeconds: 3 })
    expect(report.problems).toEqual([])
    expect(report.reports).toBeGreaterThan(20)
    expect(report.tickets).toBeGreaterThan(10)
    // The killed process held rows; each went out once, from another process, after its claim ran out.
    expect(report.stranded).toBeGreaterThanOrEqual(1)
    expect(report.takenOver).toBe(report.stranded)
    // More than one process did the sending.
    expect(Object.keys(report.sentBy).length).toBeGreaterThanOrEqual(2)
    expect(Object.values(report.digests)).toEqual([1, 1])
  }, 240_000)
})
