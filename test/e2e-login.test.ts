// Login loss: WeChat logs the bot out; it keeps queuing, logs in again with every id changed,
// finds its rooms and people by topic and name, and tells admins and rooms about the gap.
// The login session file is backed up and a corrupt one never stops the bot.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type * as PUPPET from 'wechaty-puppet'
import { prepareSession, sessionFile } from '../src/session.js'
import { silentLogger } from '../src/log.js'
import { MINUTE } from '../src/time.js'
import { baseConfig, COMMITTEE, PUBLIC, RECOVERY, startBot, tempDir, type TestBot } from './helpers.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

/** What the mock WeChat holds as sent by the bot into the room that now has this topic. */
function deliveredTo(b: TestBot, topic: string): string[] {
  const room = b.world.room(topic)
  const out: string[] = []
  for (const p of b.world.mocker.cacheMessagePayload.values() as IterableIterator<PUPPET.payloads.Message>) {
    if (p.roomId === room.id && p.talkerId === b.world.botUser.id) out.push(p.text ?? '')
  }
  return out
}

describe('logout and login again', () => {
  it('queues through the gap, re-binds rooms and people with new ids, and tells admins and rooms', async () => {
    bot = await startBot({ start: '2026-11-23T07:40:00+08:00', config: baseConfig(RECOVERY) })
    await bot.say('李大爷', '村北大街的井盖坏了')
    const oldRoomId = bot.world.room(COMMITTEE).id
    await bot.world.logout()
    // The 08:00 digest is decided while logged out: it waits in the outbox.
    await bot.clock.advanceTo(Date.parse('2026-11-23T08:30:00+08:00'))
    expect(bot.world.take()).toEqual([])
    // (On a Monday the weekly report and its chart come with the daily one.)
    const digest = await bot.db.db.selectFrom('outbox').selectAll().where('kind', '=', 'digest').execute()
    expect(digest.length).toBeGreaterThan(0)
    expect(digest.every(r => r.status === 'pending')).toBe(true)
    expect(await bot.db.db.selectFrom('outages').select(['reason', 'ended_at']).execute()).toEqual([{ reason: 'logout', ended_at: null }])

    const waiting = (await bot.db.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute()).length
    await bot.world.relogin()
    expect(bot.world.room(COMMITTEE).id).not.toBe(oldRoomId)
    await bot.clock.advanceBy(0)
    const sent = bot.world.take()
    expect(sent.filter(s => s.kind === 'alert').map(s => s.to).sort()).toEqual(['张主任', '王书记'])
    const alert = sent.find(s => s.kind === 'alert')!.text
    expect(alert).toContain('【机器人掉线提醒】11-23 07:40 至 11-23 08:30 离线，共50分钟（微信退出登录）')
    expect(alert).toContain(`待发的 ${waiting} 条消息正在按顺序补发`)
    const back = sent.filter(s => s.text.startsWith('机器人已恢复，期间的报事请重新发送'))
    expect(back.map(s => s.room)).toEqual([PUBLIC])
    expect(sent.filter(s => s.kind === 'digest').map(s => s.room)).toEqual(digest.map(() => COMMITTEE))
    // Delivered through the rooms' new ids.
    expect(deliveredTo(bot, COMMITTEE).some(t => t.startsWith('【北社村日报】'))).toBe(true)
    expect(deliveredTo(bot, PUBLIC).some(t => t.startsWith('机器人已恢复'))).toBe(true)
    // People too: a command from the cadre's new contact is answered privately.
    const reply = await bot.say('王书记', '接单 1', null)
    expect(reply.find(s => s.to === '王书记')!.text).toMatch(/已接单 #1/)
    expect(reply.find(s => s.room === PUBLIC)!.text).toMatch(/#1 已由王书记接单处理/)
    expect(await bot.db.db.selectFrom('outages').select(['reason', 'announced']).where('ended_at', 'is not', null).execute())
      .toEqual([{ reason: 'logout', announced: 1 }])
  })

  it('stays quiet about a short gap (under recovery.announceAfterMinutes), but records it', async () => {
    bot = await startBot({ config: baseConfig(RECOVERY) })
    await bot.world.logout()
    await bot.clock.advanceBy(2 * MINUTE)
    await bot.world.relogin()
    await bot.clock.advanceBy(0)
    expect(bot.world.take()).toEqual([])
    expect(await bot.db.db.selectFrom('outages').select(['reason', 'announced']).execute()).toEqual([{ reason: 'logout', announced: 0 }])
    expect(await bot.say('李大爷', '村北大街的井盖坏了')).toHaveLength(3)
  })

  it('counts a stopped process as a gap too: after a restart it tells admins and rooms', async () => {
    bot = await startBot({ config: baseConfig(RECOVERY) })
    await bot.say('李大爷', '村北大街的井盖坏了')
    const dbFile = bot.dbFile
    await bot.close()
    bot = await startBot({ dbFile, start: '2026-11-23T10:00:00+08:00', config: baseConfig(RECOVERY) })
    const startup = await bot.flush()
    expect(startup.find(s => s.room === PUBLIC)!.text).toBe('机器人已恢复，期间的报事请重新发送（11-23 08:30 至 11-23 10:00 群里的消息机器人没有收到）。')
    expect(startup.filter(s => s.kind === 'alert').map(s => s.to).sort()).toEqual(['张主任', '王书记'])
    expect(startup.find(s => s.kind === 'alert')!.text).toContain('（机器人程序没有运行）')
    expect(await bot.db.db.selectFrom('outages').select(['reason', 'announced']).execute()).toEqual([{ reason: 'down', announced: 1 }])
  })

  it('tells admins once which rooms it cannot find after a login', async () => {
    bot = await startBot()
    await bot.world.logout()
    // Someone removed the bot from the committee room while it was away.
    bot.world.mocker.cacheRoomPayload.delete(bot.world.room(COMMITTEE).id)
    await bot.world.relogin({ drop: [COMMITTEE] })
    await bot.clock.advanceBy(0)
    const alerts = bot.world.take().filter(s => s.kind === 'alert')
    expect(alerts.map(s => s.to).sort()).toEqual(['张主任', '王书记'])
    expect(alerts[0]!.text).toBe(`【机器人提醒】重新登录后找不到：\n群：${COMMITTEE}（群名改过的请同步修改配置）`)
    const presence = await bot.db.db.selectFrom('presence').selectAll().executeTakeFirstOrThrow()
    expect(JSON.parse(presence.unseen!)).toEqual({ rooms: [COMMITTEE], people: [] })
    // The same finding at the next login is not repeated.
    await bot.world.relogin({ drop: [COMMITTEE] })
    await bot.clock.advanceBy(0)
    expect(bot.world.take().filter(s => s.kind === 'alert')).toEqual([])
  })
})

describe('login session file', () => {
  const good = JSON.stringify({ puppet: { session: 'abc' } })

  it('keeps a backup of a good session and restores it over a corrupt one', () => {
    const name = path.join(tempDir(), 'shuoshi')
    fs.writeFileSync(sessionFile(name), good)
    expect(prepareSession(name, silentLogger)).toBe('ok')
    expect(fs.readFileSync(`${sessionFile(name)}.bak`, 'utf8')).toBe(good)
    fs.writeFileSync(sessionFile(name), '{"puppet": {"sess')
    expect(prepareSession(name, silentLogger, 1234)).toBe('restored')
    expect(fs.readFileSync(sessionFile(name), 'utf8')).toBe(good)
    expect(fs.readFileSync(`${sessionFile(name)}.corrupt-1234`, 'utf8')).toBe('{"puppet": {"sess')
  })

  it('falls back to a QR login when there is no good backup, and when the file is not an object', () => {
    const name = path.join(tempDir(), 'shuoshi')
    fs.writeFileSync(sessionFile(name), '')
    expect(prepareSession(name, silentLogger, 1)).toBe('reset')
    expect(fs.existsSync(sessionFile(name))).toBe(false)
    fs.writeFileSync(sessionFile(name), '[1,2]')
    expect(prepareSession(name, silentLogger, 2)).toBe('reset')
    expect(prepareSession(name, silentLogger, 3)).toBe('none')
  })

  it('starts the real Wechaty on a corrupt session file without crashing', async () => {
    const name = path.join(tempDir(), 'shuoshi')
    fs.writeFileSync(sessionFile(name), '\u0000\u0000garbage{')
    expect(prepareSession(name, silentLogger)).toBe('reset')
    fs.writeFileSync(sessionFile(name), '\u0000\u0000garbage{')
    bot = await startBot({ session: name })
    expect(await bot.say('李大爷', '村北大街的井盖坏了')).toHaveLength(3)
  })
})
