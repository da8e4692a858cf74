// Disputes stay private; phone and ID numbers never reach a room; urgent reports say so.
import { afterEach, describe, expect, it } from 'vitest'
import { COMMITTEE, PUBLIC, startBot, texts, type TestBot } from './helpers.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

describe('disputes', () => {
  const QUARREL = '邻居打除草剂把我家玉米打死了，找他说理他还骂人'

  it('answer the room with no details; details go only to the duty cadre and the mediator', async () => {
    bot = await startBot()
    const sent = await bot.say('李大爷', QUARREL)
    const publicMsgs = sent.filter(s => s.room === PUBLIC)
    expect(texts(publicMsgs)).toEqual(['已收到您反映的情况（#1），调解员会私下联系您，请留意电话和私信。'])
    for (const s of sent.filter(s => s.room !== null)) {
      for (const word of ['除草剂', '玉米', '邻居', '骂']) expect(s.text).not.toContain(word)
    }
    expect(sent.find(s => s.room === COMMITTEE)!.text).toBe('【新调解事项】北社村 #1，详情已私信值班干部和调解员。')
    const privateTo = sent.filter(s => s.to !== null).map(s => s.to).sort()
    expect(privateTo).toEqual(['李调解', '王书记'])
    for (const s of sent.filter(s => s.to !== null)) expect(s.text).toContain(QUARREL)
    const t = await bot.db.db.selectFrom('tickets').selectAll().executeTakeFirstOrThrow()
    expect(t).toMatchObject({ kind: 'dispute', private: 1 })
  })

  it('never publish a resolution in the room and are hidden from lists outside private chat', async () => {
    bot = await startBot()
    await bot.say('李大爷', QUARREL)
    const todo = await bot.say('张主任', '待办', COMMITTEE)
    expect(todo[0]!.text).toContain('调解事项，详情见私信')
    expect(todo[0]!.text).not.toContain('玉米')
    const q = await bot.say('王书记', '查询 1', COMMITTEE)
    expect(q[0]!.text).not.toContain('玉米')
    // A dispute is closed by the mediation path, privately; 办结 points there.
    expect(texts(await bot.say('李调解', '办结 1 双方协商，对方赔偿800元', null)))
      .toEqual(['#1 是调解事项，请用“调解成功 1 协议内容”或“调解终止 1 原因”。'])
    const sent = await bot.say('李调解', '调解成功 1 双方协商，对方赔偿800元', null)
    expect(sent.filter(s => s.room !== null)).toEqual([])
    expect(sent.find(s => s.to === '李大爷')!.text).toMatch(/已调解成功：双方协商，对方赔偿800元/)
    expect(sent.find(s => s.to === '李调解')!.text).toMatch(/已私下告知当事人/)
  })
})

describe('masking', () => {
  it('masks phone and ID numbers in rooms but keeps the phone for the cadre', async () => {
    bot = await startBot()
    const sent = await bot.say('李大爷', '报事 村北大街井盖坏了，联系我13812345678，身份证110101199003071234')
    const roomTexts = sent.filter(s => s.room !== null).map(s => s.text).join('\n')
    expect(roomTexts).not.toContain('13812345678')
    expect(roomTexts).not.toContain('110101199003071234')
    expect(roomTexts).toContain('138****5678')
    const ping = sent.find(s => s.to === '王书记')!.text
    expect(ping).toContain('13812345678')
    expect(ping).not.toContain('110101199003071234')
    expect(ping).toContain('110101********1234')
  })
})

describe('urgent reports', () => {
  it('say so in the room and the ping, tell people to call 119, and go out first', async () => {
    bot = await startBot()
    const sent = await bot.say('李大爷', '着火了！村南头麦秸垛着火了')
    const ack = sent.find(s => s.room === PUBLIC)!
    expect(ack.text).toContain('⚠️ 紧急情况')
    expect(ack.text).toContain('119')
    expect(ack.priority).toBe(0)
    const ping = sent.find(s => s.to === '王书记')!
    expect(ping.text).toMatch(/🔴【紧急报事】/)
    expect(ping.text).toContain('119')
  })
})
