// `npx shuoshi doctor` and `npx shuoshi backup`, run against a live bot's database.
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { runDoctor } from '../src/doctor.js'
import { backupDatabase, BackupError } from '../db/backup.js'
import { openDatabase } from '../db/connection.js'
import { T } from '../src/templates.js'
import { MINUTE } from '../src/time.js'
import { baseConfig, COMMITTEE, ON_POSTGRES, PUBLIC, startBot, tempDir, type TestBot } from './helpers.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

function configFile(raw: Record<string, unknown> = baseConfig()): string {
  const file = path.join(tempDir(), 'shuoshi.yaml')
  fs.writeFileSync(file, JSON.stringify(raw))
  return file
}

describe('doctor', () => {
  it('says all is well for a running, logged-in bot with nothing waiting', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    const r = await runDoctor({ configPath: configFile(), dbUrl: bot.dbFile, now: bot.clock.now() })
    const text = r.lines.join('\n')
    expect(text).toContain('✓ 配置文件')
    expect(text).toContain('1 个村，2 个群，3 位干部')
    expect(text).toContain('✓ 数据库')
    expect(text).toContain('1 张工单，完整性检查通过')
    expect(text).toContain('✓ 机器人在线（11-23 08:30 登录）')
    expect(text).toContain(`✓ ${PUBLIC}（村民群）`)
    expect(text).toContain(`✓ ${COMMITTEE}（两委群）`)
    expect(text).toContain('✓ 北社村：王书记')
    // A swap made in chat is what doctor shows.
    await bot.say('王书记', '换班 今天 张主任', null)
    const swapped = await runDoctor({ configPath: configFile(), dbUrl: bot.dbFile, now: bot.clock.now() })
    expect(swapped.lines).toContain('✓ 北社村：张主任')
    expect(text).toContain('✓ 没有待发的消息')
    expect(text).toContain('✓ 今天已发 3 条（每日上限 1500）')
    expect(r.lines.at(-1)).toBe('一切正常。')
    expect(r.problems).toBe(0)
  })

  it('names each problem in plain Chinese: logged out, a lost room, failed and uncertain messages', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.world.logout()
    bot.world.mocker.cacheRoomPayload.delete(bot.world.room(COMMITTEE).id)
    await bot.world.relogin({ drop: [COMMITTEE] })
    await bot.clock.advanceBy(0)
    await bot.world.logout()
    await bot.clock.advanceBy(20 * MINUTE)
    await bot.db.db.updateTable('outbox').set({ status: 'failed', last_error: 'room not found: x' }).where('kind', '=', 'notice').execute()
    await bot.db.db.updateTable('outbox').set({ status: 'uncertain' }).where('kind', '=', 'ack').execute()
    await bot.db.db.updateTable('outbox').set({ status: 'pending' }).where('kind', '=', 'ping').execute()
    const r = await runDoctor({ configPath: configFile(), dbUrl: bot.dbFile, now: bot.clock.now() })
    const text = r.lines.join('\n')
    expect(text).toContain('✗ 机器人在运行，但从 11-23 08:30 起掉线（微信退出登录）')
    expect(text).toContain(`✗ ${COMMITTEE}：11-23 08:30 登录时找不到这个群`)
    expect(text).toContain('✗ 近 7 天有 1 条消息重试多次仍发不出去：')
    expect(text).toMatch(/→ 北社村两委群：【新报事】北社村 #1.*（room not found: x）/)
    expect(text).toContain('! 有 1 条消息在机器人停止时正在发送，不确定对方是否收到')
    expect(text).toMatch(/! 待发 1 条，最早的已等 20分钟/)
    expect(r.problems).toBe(3)
    expect(r.lines.at(-1)).toMatch(/^发现 3 个问题/)
  })

  it('notices a bot that stopped running, a bad config and a missing database', async () => {
    bot = await startBot()
    const stale = await runDoctor({ configPath: configFile(), dbUrl: bot.dbFile, now: bot.clock.now() + 30 * MINUTE })
    expect(stale.lines.join('\n')).toContain('✗ 机器人没有在运行：最后一次心跳在 11-23 08:30（30分钟前）')

    const raw = baseConfig() as { villages: { duty: Record<string, string> }[] }
    raw.villages[0]!.duty['mon'] = '赵六'
    const badConfig = await runDoctor({ configPath: configFile(raw), dbUrl: bot.dbFile, now: bot.clock.now() })
    expect(badConfig.lines.join('\n')).toContain('villages[0]（北社村）.duty.mon：「赵六」不在本村干部名单中')
    expect(badConfig.problems).toBe(1)

    const none = await runDoctor({ configPath: configFile(), dbUrl: path.join(tempDir(), 'nope.db'), now: 0 })
    expect(none.lines.join('\n')).toMatch(/✗ 找不到数据库 .*nope\.db/)
  })
})

// `backup` is SQLite's online backup of a file; on PostgreSQL the README says pg_dump.
describe.skipIf(ON_POSTGRES)('backup (SQLite only: online backup of a database file)', () => {
  it('copies the live database consistently while the bot keeps writing', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    const target = path.join(tempDir(), 'backup.db')
    // The bot takes 40 reports while the backup runs.
    for (let i = 0; i < 40; i++) bot.world.inject({ from: `村民${i}`, room: PUBLIC, text: `${i + 1}组的路灯不亮了` })
    const [result] = await Promise.all([backupDatabase(bot.dbFile, target, { messages: T.backup }), bot.world.settle()])
    expect(result.tickets).toBeGreaterThanOrEqual(1)
    // The copy is one committed state: every ticket numbered, recorded and acknowledged.
    const copy = new SQLite(target, { readonly: true })
    const q = <T>(sql: string): T => copy.prepare(sql).get() as T
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    const tickets = q<{ n: number }>('select count(*) as n from tickets').n
    expect(tickets).toBe(result.tickets)
    expect(q<{ n: number }>('select last_no as n from counters').n).toBe(tickets)
    expect(q<{ n: number }>("select count(*) as n from ticket_events where type = 'created'").n).toBe(tickets)
    expect(q<{ n: number }>("select count(*) as n from outbox where kind = 'ping'").n).toBe(tickets)
    copy.close()
    // A bot can start on the copy.
    const restored = await openDatabase(target)
    expect((await restored.db.selectFrom('tickets').select('no').orderBy('no').execute()).map(t => t.no))
      .toEqual(Array.from({ length: tickets }, (_, i) => i + 1))
    await restored.close()
  })

  it('refuses to overwrite without --force, and explains a PostgreSQL URL', async () => {
    bot = await startBot()
    const target = path.join(tempDir(), 'b.db')
    fs.writeFileSync(target, 'keep me')
    await expect(backupDatabase(bot.dbFile, target, { messages: T.backup })).rejects.toThrow(BackupError)
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me')
    expect(await main(['backup', target, '--db', bot.dbFile])).toBe(1)
    expect(await main(['backup', target, '--db', bot.dbFile, '--force'])).toBe(0)
    expect(fs.readFileSync(target).subarray(0, 15).toString()).toBe('SQLite format 3')
    await expect(backupDatabase('postgres://x@localhost/db', target, { messages: T.backup })).rejects.toThrow(/pg_dump/)
  })
})
