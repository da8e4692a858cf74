// What must survive: restarts, redeliveries, renamed rooms; and the morning digest.
import { afterEach, describe, expect, it } from 'vitest'
import { baseConfig, COMMITTEE, PUBLIC, startBot, texts, type TestBot } from './helpers.js'
import { HOUR, MINUTE } from '../src/time.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

describe('restart', () => {
  it('keeps every ticket and its number sequence (new bot, same database)', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('赵大妈', '三组路灯又不亮了')
    await bot.say('王书记', '接单 1', null)
    const dbFile = bot.dbFile
    await bot.close()

    bot = await startBot({ dbFile, start: '2026-11-23T10:00:00+08:00' })
    const sent = await bot.say('孙老汉', '咱村自来水咋又停了？都一上午了')
    expect(sent.find(s => s.room === PUBLIC)!.text).toMatch(/已受理 #3/)
    const [todo] = await bot.say('王书记', '待办', null)
    expect(todo!.text).toMatch(/#1【道路交通】.*处理中\(王书记\)/)
    expect(todo!.text).toMatch(/#2【公共设施】.*待接单/)
  })
})

describe('redelivery', () => {
  it('makes no second ticket and no second reply for the same message id', async () => {
    bot = await startBot()
    const first = await bot.say('李大爷', '村北大街的井盖坏了', PUBLIC, { id: 'wx-1001' })
    expect(first).toHaveLength(3)
    const again = await bot.say('李大爷', '村北大街的井盖坏了', PUBLIC, { id: 'wx-1001' })
    expect(again).toEqual([])
    expect(await bot.db.db.selectFrom('tickets').selectAll().execute()).toHaveLength(1)
  })
})

describe('room renames', () => {
  it('follows a renamed room by its topic and keeps serving it', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.world.renameRoom(PUBLIC, '北社村村民说事群（新）', '王书记')
    const sent = await bot.say('赵大妈', '三组路灯又不亮了', '北社村村民说事群（新）')
    expect(sent.find(s => s.room === '北社村村民说事群（新）')!.text).toMatch(/已受理 #2/)
    const done = await bot.say('王书记', '办结 1 井盖已更换', null)
    expect(done.find(s => s.room !== null && s.text.includes('办结公示'))!.room).toBe('北社村村民说事群（新）')
  })
})

describe('daily digest', () => {
  it('sends yesterday’s numbers, the open list and the rates to the committee room at 08:00', async () => {
    bot = await startBot({ start: '2026-11-23T08:30:00+08:00' })
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('赵大妈', '三组路灯又不亮了')
    await bot.say('孙老汉', '邻居家的狗天天半夜叫，跟他说了还骂人')
    await bot.say('王书记', '接单 1', null)
    await bot.clock.advanceBy(HOUR)
    await bot.say('王书记', '办结 1 井盖已更换', null)
    await bot.say('李大爷', '满意')
    bot.world.take()

    // Nothing before 08:00 the next day; then exactly one digest.
    await bot.clock.advanceTo(Date.parse('2026-11-24T07:59:00+08:00'))
    expect(bot.world.take()).toEqual([])
    await bot.clock.advanceTo(Date.parse('2026-11-24T08:01:00+08:00'))
    const digests = bot.world.take().filter(s => s.kind === 'digest')
    expect(digests).toHaveLength(1)
    expect(digests[0]!.room).toBe(COMMITTEE)
    const lines = digests[0]!.text.split('\n')
    expect(lines[0]).toBe('【北社村日报】2026-11-23')
    expect(lines[1]).toBe('昨日：新报 3 · 接单 1 · 办结 1 · 销号 1')
    // Public tickets by category; the quarrel only as a count.
    expect(lines[2]).toBe('新报分类：道路交通 1 · 公共设施 1 · 调解事项 1')
    // 3 tickets in 30 days, 1 resolved: 33.3%; one answer, satisfied: 100%.
    expect(lines[3]).toBe('近30天：办结率 33.3% · 满意率 100%')
    // Nothing overdue yet (72 h by default), so no ⏰ line.
    expect(lines[4]).toBe('未办结 2 件（最久的在前）：')
    expect(lines[5]).toMatch(/^#2【公共设施】待接单·王书记 · 已23小时/)
    expect(lines).toContain('调解事项 1 件（详情不公开）')
    expect(digests[0]!.text).not.toContain('狗')
    await bot.clock.advanceBy(2 * HOUR)
    expect(bot.world.take().filter(s => s.kind === 'digest')).toEqual([])
  })

  it('stays quiet for a village that has no tickets yet', async () => {
    bot = await startBot({ start: '2026-11-23T07:50:00+08:00' })
    await bot.clock.advanceBy(20 * MINUTE)
    expect(bot.world.take()).toEqual([])
  })
})

describe('sending pace', () => {
  it('spaces sends at least intervalMs apart on the clock', async () => {
    bot = await startBot({ config: baseConfig({ sending: { intervalMs: 1000, jitterMs: 0 } }) })
    bot.world.inject({ from: '李大爷', room: PUBLIC, text: '村北大街的井盖坏了' })
    await bot.world.settle()
    await bot.world.drain()
    const sent = bot.world.take()
    expect(sent).toHaveLength(3)
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at)
    expect(gaps.every(g => g >= 1000)).toBe(true)
    expect(texts(sent)[0]).toMatch(/已受理 #1/)
  })
})
