// The look-back at a speaker's recent lines is answered from memory (src/recent.ts). It must give
// exactly what the inbox table gives, survive a restart (filled from the table), and forget what a
// rolled-back transaction wrote.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../db/connection.js'
import { fastInbox } from '../db/fast.js'
import { RecentLines, linkLines, readRecent } from '../src/recent.js'
import { seeded } from '../src/random.js'
import { PUBLIC, startBot, type TestBot } from './helpers.js'

let bot: TestBot | undefined
let db: OpenedDatabase | undefined
afterEach(async () => {
  await bot?.close()
  await db?.close()
  bot = db = undefined
})

describe('look-back memory', () => {
  it('answers as the inbox table does, line by line, with links, pruning and many speakers', async () => {
    db = await openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-lb-')), 't.db'))
    const fast = fastInbox(db.db)!
    expect(fast).toBeDefined()
    // 36 (speaker, chat) pairs and room for 30: windows are dropped and read again along the way.
    const recent = new RecentLines(fast, 10 * 60_000, 30)
    const rnd = seeded(7)
    const senders = Array.from({ length: 12 }, (_, i) => `村民${i}`)
    let now = Date.parse('2026-11-23T09:00:00+08:00')
    let checked = 0
    for (let i = 0; i < 3000; i++) {
      now += Math.floor(rnd() * 20_000)
      const sender = senders[Math.floor(rnd() * senders.length)]!
      const roomId = rnd() < 0.2 ? null : 1 + Math.floor(rnd() * 2)
      const row = {
        msg_id: `m${i}`, received_at: now, room_id: roomId, sender, text: `第${i}句`,
        kind: rnd() < 0.1 ? 'image' : 'text', status: 'done' as const, error: null, ticket_id: null,
      }
      if (fast.record(row)) recent.add(sender, roomId, row)
      expect(fast.record(row)).toBe(false)
      if (rnd() < 0.05) await linkLines(db.db, recent, [row.msg_id, `m${i - 1}`], 100 + i)
      if (rnd() < 0.5) {
        const since = now - 5 * 60_000
        expect(await recent.list(db.db, sender, roomId, since)).toEqual(await readRecent(db.db, sender, roomId, since))
        checked++
      }
    }
    expect(checked).toBeGreaterThan(1000)
    expect(recent.hits).toBeGreaterThan(500)
    expect(recent.loads).toBeGreaterThan(36)
    // A look-back further than memory keeps is read from the table.
    const far = now - 60 * 60_000
    expect(await recent.list(db.db, senders[0]!, 1, far)).toEqual(await readRecent(db.db, senders[0]!, 1, far))
  })

  it('forgets lines a rolled-back transaction recorded', async () => {
    db = await openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-lb-')), 't.db'))
    const fast = fastInbox(db.db)!
    const recent = new RecentLines(fast)
    const at = Date.parse('2026-11-23T09:00:00+08:00')
    const line = (id: string, t: number) => ({ msg_id: id, received_at: t, room_id: 1, sender: '李大爷', text: id, kind: 'text', status: 'done' as const, error: null, ticket_id: null })
    fast.record(line('a', at))
    expect((await recent.list(db.db, '李大爷', 1, at - 1)).map(l => l.msg_id)).toEqual(['a'])
    await expect(db.db.transaction().execute(async () => {
      const b = line('b', at + 1)
      fast.record(b)
      recent.add('李大爷', 1, b)
      expect((await recent.list(db!.db, '李大爷', 1, at - 1)).map(l => l.msg_id)).toEqual(['b', 'a'])
      throw new Error('handler failed')
    })).rejects.toThrow('handler failed')
    recent.clear()
    expect((await recent.list(db.db, '李大爷', 1, at - 1)).map(l => l.msg_id)).toEqual(['a'])
  })

  it('joins a report told in pieces across a restart (the window is filled from the inbox)', async () => {
    bot = await startBot()
    expect(await bot.say('李大爷', '我们家那个路灯')).toEqual([])
    const dbFile = bot.dbFile
    await bot.close()
    bot = await startBot({ dbFile, start: '2026-11-23T08:30:40+08:00' })
    const sent = await bot.say('李大爷', '又坏了')
    expect(sent.find(s => s.room === PUBLIC)!.text).toMatch(/^已受理 #1【公共设施】我们家那个路灯 又坏了/)
  })
})
