// `npx shuoshi migrate-db`: a village that ran on SQLite moves into the county's PostgreSQL.
// Needs a PostgreSQL server: runs in the PostgreSQL run of the suite only.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { openDatabase } from '../db/connection.js'
import { TABLES } from '../db/copy.js'
import { COMMITTEE, freshDatabase, ON_POSTGRES, startBot, tempDir, texts, type TestBot } from './helpers.js'

let bot: TestBot | undefined
afterEach(async () => { await bot?.close(); bot = undefined })

async function counts(url: string): Promise<Record<string, number>> {
  const o = await openDatabase(url)
  try {
    const out: Record<string, number> = {}
    for (const t of TABLES) out[t] = Number((await o.db.selectFrom(t).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    return out
  } finally {
    await o.close()
  }
}

describe.skipIf(!ON_POSTGRES)('migrate-db (PostgreSQL run only)', () => {
  it('copies every table with its ids, and the bot carries on there with the next number', async () => {
    const file = path.join(tempDir(), 'village.db')
    bot = await startBot({ dbFile: file })
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('张婶', '三组的路灯不亮了')
    await bot.say('王书记', '接单 1', COMMITTEE)
    await bot.say('王书记', '办结 1 井盖已更换', COMMITTEE)
    await bot.close()
    bot = undefined
    const before = await counts(file)
    expect(before['tickets']).toBe(2)

    const target = freshDatabase()
    expect(await main(['migrate-db', '--from', file, '--to', target])).toBe(0)
    expect(await counts(target)).toEqual(before)

    // Sequences were moved past the copied ids: new rows insert, and numbering goes on at #3.
    bot = await startBot({ dbFile: target, start: '2026-11-23T10:00:00+08:00' })
    const sent = texts(await bot.say('赵大爷', '村东头的桥塌了一块'))
    expect(sent.some(t => t.startsWith('已受理 #3'))).toBe(true)
    const q = texts(await bot.say('王书记', '查询 1', COMMITTEE))
    expect(q.join('\n')).toContain('井盖已更换')
  })

  it('refuses a target that already has data, and a target that is not PostgreSQL', async () => {
    const file = path.join(tempDir(), 'village.db')
    bot = await startBot({ dbFile: file })
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.close()
    bot = undefined
    const target = freshDatabase()
    expect(await main(['migrate-db', '--from', file, '--to', target])).toBe(0)
    const after = await counts(target)
    expect(await main(['migrate-db', '--from', file, '--to', target])).toBe(1)
    expect(await counts(target)).toEqual(after)
    expect(await main(['migrate-db', '--from', file, '--to', path.join(tempDir(), 'x.db')])).toBe(1)
    expect(await main(['migrate-db', '--from', path.join(tempDir(), 'none.db'), '--to', freshDatabase()])).toBe(1)
  })
})
