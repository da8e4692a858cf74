// Two processes of one account with the same instance name would each treat the other's outbox
// claims as their own and send them twice: the second must not start (src/main.ts).
import { describe, expect, it } from 'vitest'
import { holdProcessLock } from '../db/connection.js'
import { freshDatabase, ON_POSTGRES } from './helpers.js'

describe.skipIf(!ON_POSTGRES)('one process per account and instance name (PostgreSQL run only)', () => {
  it('refuses a second holder of the same name while the first lives, and frees it when the first goes', async () => {
    const url = freshDatabase()
    const first = await holdProcessLock(url, 'county-a/host1')
    expect(first).toBeDefined()
    expect(await holdProcessLock(url, 'county-a/host1')).toBeUndefined()
    const other = await holdProcessLock(url, 'county-a/host2')
    expect(other).toBeDefined()
    await first!.release()
    const again = await holdProcessLock(url, 'county-a/host1')
    expect(again).toBeDefined()
    await again!.release()
    await other!.release()
  })

  it('keeps deployments in different schemas apart', async () => {
    const a = await holdProcessLock(freshDatabase(), 'default/host')
    const b = await holdProcessLock(freshDatabase(), 'default/host')
    expect(a).toBeDefined()
    expect(b).toBeDefined()
    await a!.release()
    await b!.release()
  })
})
