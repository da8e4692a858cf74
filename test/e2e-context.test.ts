// Conversation context (issue 3), through Wechaty + wechaty-puppet-mock on a virtual clock:
// pieces of one report, a line added after it, photos, the same matter from a second villager,
// recalls, and who never opens a ticket.
import fs from 'node:fs'
import path from 'node:path'
import { FileBox } from 'file-box'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { baseConfig, COMMITTEE, PUBLIC, startBot, texts, type TestBot } from './helpers.js'
import { DAY, MINUTE } from '../src/time.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })
/** Attachments live under the bot's data directory: a temporary directory. */
const dataDir = (): string => bot.dataDir

const PHOTO = { name: '井盖.jpg', base64: Buffer.from('jpeg bytes of a broken manhole cover').toString('base64') }

async function tickets() {
  return bot.db.db.selectFrom('tickets').selectAll().orderBy('no').execute()
}
async function events(no: number) {
  const t = (await tickets()).find(x => x.no === no)!
  return bot.db.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', t.id).orderBy('id').execute()
}
async function attachments() {
  return bot.db.db.selectFrom('attachments').selectAll().orderBy('id').execute()
}
async function post(from: string, extra: { type: 'image' | 'video' | 'recall'; text?: string; room?: string | null }) {
  const room = extra.room === undefined ? PUBLIC : extra.room
  await bot.world.post({ from, ...(room ? { room } : {}), type: extra.type, text: extra.text ?? '', ...(extra.type !== 'recall' ? { file: PHOTO } : {}) })
  return bot.world.take()
}

describe('a report told in pieces', () => {
  it('makes one ticket with all the parts when one person writes them within two minutes', async () => {
    bot = await startBot()
    expect(await bot.say('李大爷', '书记')).toEqual([])
    await bot.clock.advanceBy(20_000)
    expect(await bot.say('李大爷', '我们家那个路灯')).toEqual([])
    await bot.clock.advanceBy(40_000)
    const sent = await bot.say('李大爷', '又坏了')
    expect(sent.find(s => s.room === PUBLIC)!.text).toMatch(/^已受理 #1【公共设施】书记 我们家那个路灯 又坏了/)
    expect(sent.find(s => s.to === '王书记')!.text).toContain('内容：书记 我们家那个路灯 又坏了')
    const all = await tickets()
    expect(all).toHaveLength(1)
    expect(all[0]).toMatchObject({ text: '书记 我们家那个路灯 又坏了', reporter_name: '李大爷', kind: 'report' })
  })

  it('does not join lines more than two minutes apart, or lines from two people', async () => {
    bot = await startBot()
    await bot.say('李大爷', '我们家那个路灯')
    await bot.clock.advanceBy(3 * MINUTE)
    expect(await bot.say('李大爷', '又坏了')).toEqual([])
    await bot.say('赵大妈', '我们家那个路灯')
    expect(await bot.say('孙老汉', '又坏了')).toEqual([])
    expect(await tickets()).toHaveLength(0)
  })

  it('does not make chatter into a report by joining it', async () => {
    bot = await startBot()
    await bot.say('李大爷', '收到')
    await bot.say('李大爷', '谢谢书记')
    expect(await bot.say('李大爷', '今天好冷啊')).toEqual([])
    expect(await tickets()).toHaveLength(0)
  })

  it('adds a line said right after a report to that ticket and tells the handler, without a second ticket', async () => {
    bot = await startBot()
    await bot.say('李大爷', '井盖坏了')
    await bot.clock.advanceBy(30_000)
    const sent = await bot.say('李大爷', '就在小学门口 晚上看不见')
    expect(sent.filter(s => s.room !== null)).toEqual([])
    expect(texts(sent)).toEqual(['【补充】北社村 #1（道路交通）\n李大爷补充：就在小学门口 晚上看不见'])
    expect(sent[0]!.to).toBe('王书记')
    const [t] = await tickets()
    expect(await tickets()).toHaveLength(1)
    expect(t).toMatchObject({ text: '井盖坏了 就在小学门口 晚上看不见', location: '小学门口' })
    expect((await events(1)).map(e => e.type)).toEqual(['created', 'supplemented'])
    // A thank-you is not part of the report.
    expect(await bot.say('李大爷', '谢谢')).toEqual([])
    expect((await tickets())[0]!.text).toBe('井盖坏了 就在小学门口 晚上看不见')
  })

  it('opens a second ticket when the next line is another matter at another place', async () => {
    bot = await startBot()
    await bot.say('李大爷', '一组的路灯坏了')
    const sent = await bot.say('李大爷', '二组的路灯也坏了')
    expect(sent.find(s => s.room === PUBLIC)!.text).toMatch(/^已受理 #2/)
    expect((await tickets()).map(t => t.location)).toEqual(['一组', '二组'])
  })

  it('raises a ticket to urgent when the next line says it is dangerous now', async () => {
    bot = await startBot()
    await bot.say('李大爷', '后街的变压器好像坏了')
    await bot.clock.advanceBy(40_000)
    const sent = await bot.say('李大爷', '冒烟了')
    const room = sent.find(s => s.room === PUBLIC)!
    expect(room.text).toContain('⚠️ #1 情况紧急')
    expect(room.text).toContain('119')
    expect(room.priority).toBe(0)
    expect(sent.find(s => s.to === '王书记')!.text).toMatch(/^🔴【紧急补充】北社村 #1/)
    expect((await tickets())[0]!.urgent).toBe(1)
  })
})

describe('what the model alone hears, next to a fresh ticket', () => {
  it('opens a new urgent ticket for a danger said right after an ordinary report, with the number to call', async () => {
    bot = await startBot()
    await bot.say('李大爷', '三组路灯坏了好几天了')
    await bot.clock.advanceBy(30_000)
    const sent = await bot.say('李大爷', '村口水库边上有人打捞 说有小孩掉下去了')
    const room = sent.find(s => s.room === PUBLIC)!
    expect(room.text).toContain('#2')
    expect(room.text).toContain('119')
    expect(sent.find(s => s.to === '王书记')!.text).toMatch(/^🔴【紧急报事】北社村 #2/)
    expect((await tickets()).map(t => [t.no, t.urgent])).toEqual([[1, 0], [2, 1]])
  })

  it('keeps a quarrel said right after a public report out of that report, and private', async () => {
    bot = await startBot()
    await bot.say('李大爷', '三组路灯坏了好几天了')
    await bot.clock.advanceBy(30_000)
    const sent = await bot.say('李大爷', '大姐借了我八千块 说好年底还 现在微信都拉黑我了')
    expect(sent.filter(s => s.room === PUBLIC).every(s => !s.text.includes('八千'))).toBe(true)
    const [lamp, debt] = await tickets()
    expect(lamp!.text).toBe('三组路灯坏了好几天了')
    expect(debt).toMatchObject({ no: 2, kind: 'dispute', private: 1 })
  })

  it('never folds an explicit 调解 into the pieces before it', async () => {
    bot = await startBot()
    await bot.say('李大爷', '我们家那个路灯')
    await bot.clock.advanceBy(20_000)
    const sent = await bot.say('李大爷', '调解 被人弄坏了')
    const all = await tickets()
    expect(all).toHaveLength(1)
    expect(all[0]).toMatchObject({ kind: 'dispute', private: 1, text: '被人弄坏了' })
    expect(sent.filter(s => s.room === PUBLIC).every(s => !s.text.includes('被人弄坏了'))).toBe(true)
  })
})

describe('photos and videos', () => {
  it('attaches a photo sent within five minutes after the report, keeps the file, and lists it in 查询', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了', PUBLIC, { id: 'wx-report' })
    await bot.clock.advanceBy(3 * MINUTE)
    expect(await post('李大爷', { type: 'image' })).toEqual([])
    const [a] = await attachments()
    expect(a).toMatchObject({ ticket_id: (await tickets())[0]!.id, kind: 'image', name: '井盖.jpg' })
    expect(fs.readFileSync(path.join(dataDir(), a!.path), 'utf8')).toBe('jpeg bytes of a broken manhole cover')
    expect((await events(1)).map(e => [e.type, e.note])).toContainEqual(['attached', '井盖.jpg'])
    const [reply] = await bot.say('王书记', '查询 1', null)
    expect(reply!.text).toMatch(/附件：照片 11-23 08:33 attachments\/2026-11\/.*井盖\.jpg/)
  })

  it('downloads a photo before the database transaction, not while holding it', async () => {
    bot = await startBot()
    const inTransaction: boolean[] = []
    const spy = vi.spyOn(FileBox.prototype, 'toBuffer').mockImplementation(async function (this: FileBox) {
      inTransaction.push(bot.db.inTransaction())
      return Buffer.from('jpeg bytes of a broken manhole cover')
    })
    try {
      await bot.say('李大爷', '村北大街的井盖坏了')
      await post('李大爷', { type: 'image' })
    } finally {
      spy.mockRestore()
    }
    expect(inTransaction).toEqual([false])
    expect((await attachments())[0]).toMatchObject({ kind: 'image', bytes: 36 })
  })

  it('attaches a photo sent just before the report', async () => {
    bot = await startBot()
    await post('李大爷', { type: 'image' })
    await bot.clock.advanceBy(MINUTE)
    await bot.say('李大爷', '你们看 这个井盖都碎了')
    const [a] = await attachments()
    expect(a!.ticket_id).toBe((await tickets())[0]!.id)
  })

  it('deletes a photo no report came for, and never attaches a late one or someone else’s', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await post('赵大妈', { type: 'image' })
    await bot.clock.advanceBy(6 * MINUTE)
    await post('李大爷', { type: 'video' })
    expect((await attachments()).map(a => a.ticket_id)).toEqual([null, null])
    const files = (await attachments()).map(a => path.join(dataDir(), a.path))
    expect(files.every(f => fs.existsSync(f))).toBe(true)
    await bot.clock.advanceBy(11 * MINUTE)
    expect(await attachments()).toEqual([])
    expect(files.some(f => fs.existsSync(f))).toBe(false)
  })

  it('deletes a photo its sender takes back', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    const id = await bot.world.post({ from: '李大爷', room: PUBLIC, type: 'image', file: PHOTO })
    const [a] = await attachments()
    await bot.world.post({ from: '李大爷', room: PUBLIC, type: 'recall', text: id })
    expect(await attachments()).toEqual([])
    expect(fs.existsSync(path.join(dataDir(), a!.path))).toBe(false)
    expect((await events(1)).map(e => e.type)).toEqual(['created', 'attached', 'detached'])
    expect((await tickets())[0]!.status).toBe('open')
  })
})

describe('the same matter from a second villager', () => {
  it('links to the open ticket, tells its number, and the second reporter hears the result', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.clock.advanceBy(2 * 3_600_000)
    // (Issue 4's reminders about the unaccepted #1 go out meanwhile; only the room's answer matters here.)
    const sent = (await bot.say('赵大妈', '北大街那个井盖还没修啊 晚上差点摔了')).filter(x => x.room === PUBLIC)
    expect(texts(sent)).toEqual(['这件事已经有人反映过了，是 #1（待接单，王书记负责）。已记下您也反映了，办好后一并告诉您。'])
    expect(sent[0]!.mentions).toEqual(['赵大妈'])
    expect(await tickets()).toHaveLength(1)
    expect((await events(1)).filter(e => e.actor !== '系统').map(e => [e.type, e.actor])).toEqual([['created', '李大爷'], ['linked', '赵大妈']])
    const done = await bot.say('王书记', '办结 1 井盖已更换', null)
    expect(done.find(s => s.room === PUBLIC)!.mentions).toEqual(['李大爷', '赵大妈'])
  })

  it('tells someone who reported it from the grid room privately when it is done', async () => {
    bot = await startBot({ config: gridConfig() })
    await bot.say('李大爷', '三组的路灯不亮了')
    const sent = await bot.say('网格员小刘', '三组路灯坏了', '北社村网格员信息群')
    expect(sent[0]!.text).toMatch(/是 #1/)
    const done = await bot.say('王书记', '办结 1 换了灯泡', null)
    expect(done.find(s => s.to === '网格员小刘')!.text).toBe('您也反映过的 #1 已办结：换了灯泡（王书记）。')
  })

  it('opens a new ticket for another place, after three days, or when the first is done', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    expect((await bot.say('赵大妈', '南街的井盖坏了')).find(s => s.room === PUBLIC)!.text).toMatch(/^已受理 #2/)
    await bot.clock.advanceBy(3 * DAY + MINUTE)
    expect((await bot.say('孙老汉', '村北大街井盖坏了')).find(s => s.room === PUBLIC)!.text).toMatch(/^已受理 #3/)
    await bot.say('王书记', '办结 3 已换', null)
    expect((await bot.say('钱婶', '村北大街井盖又坏了')).find(s => s.room === PUBLIC)!.text).toMatch(/^已受理 #4/)
  })

  it('reminds the same person of their own ticket instead of opening another', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.clock.advanceBy(DAY)
    expect(texts((await bot.say('李大爷', '村北大街的井盖怎么还没修')).filter(s => s.room === PUBLIC))).toEqual(['您反映的 #1 正在办理（待接单，王书记负责），请耐心等待。'])
    expect(await tickets()).toHaveLength(1)
  })

  it('never links an urgent report to an ordinary ticket', async () => {
    bot = await startBot()
    await bot.say('李大爷', '后街的电线老化了')
    await bot.clock.advanceBy(DAY)
    const sent = await bot.say('赵大妈', '后街电线冒火花了')
    expect(sent.find(s => s.room === PUBLIC)!.text).toMatch(/^已受理 #2/)
  })
})

describe('recall (撤回)', () => {
  it('cancels the ticket a recalled message made if no cadre acted, and tells the room and the handler', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了', PUBLIC, { id: 'wx-1' })
    const sent = await post('李大爷', { type: 'recall', text: 'wx-1' })
    expect(sent.find(s => s.room === PUBLIC)!.text).toBe('#1 报事人已撤回。')
    expect(sent.find(s => s.to === '王书记')!.text).toBe('北社村 #1 报事人已撤回，无需再办。')
    expect((await tickets())[0]!.status).toBe('cancelled')
  })

  it('cancels a ticket made of pieces when one of the pieces is recalled', async () => {
    bot = await startBot()
    await bot.say('李大爷', '我们家那个路灯', PUBLIC, { id: 'wx-a' })
    await bot.clock.advanceBy(10_000)
    await bot.say('李大爷', '又坏了', PUBLIC, { id: 'wx-b' })
    await post('李大爷', { type: 'recall', text: 'wx-a' })
    expect((await tickets())[0]!.status).toBe('cancelled')
  })

  it('keeps the ticket once a cadre has accepted it, or when someone else recalls, or a later addition is recalled', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了', PUBLIC, { id: 'wx-1' })
    await bot.say('李大爷', '就在小学门口', PUBLIC, { id: 'wx-2' })
    expect(await post('李大爷', { type: 'recall', text: 'wx-2' })).toEqual([])
    expect(await post('赵大妈', { type: 'recall', text: 'wx-1' })).toEqual([])
    await bot.say('王书记', '接单 1', null)
    expect(await post('李大爷', { type: 'recall', text: 'wx-1' })).toEqual([])
    expect((await tickets())[0]!.status).toBe('accepted')
  })
})

describe('who never opens a ticket', () => {
  it('ignores cadres’ own messages in the villagers’ room unless they say 报事', async () => {
    bot = await startBot()
    expect(await bot.say('王书记', '村北大街的井盖坏了，明天来换')).toEqual([])
    expect(await bot.say('张主任', '三组又停电了')).toEqual([])
    expect(await tickets()).toHaveLength(0)
    const sent = await bot.say('张主任', '报事 三组又停电了')
    expect(sent.find(s => s.room === PUBLIC)!.text).toMatch(/^已受理 #1【水电气】/)
  })

  it('opens nothing from the committee room unless asked in words, even from a villager there', async () => {
    bot = await startBot()
    expect(await bot.say('会计老周', '三组又停电了', COMMITTEE)).toEqual([])
    expect(await bot.say('王书记', '着火了 村南头麦秸垛着火了', COMMITTEE)).toEqual([])
    expect(await tickets()).toHaveLength(0)
    const sent = await bot.say('会计老周', '报事 三组又停电了', COMMITTEE)
    expect(sent.find(s => s.room === COMMITTEE)!.text).toMatch(/^已受理 #1/)
  })

  it('does not take its own messages back in as reports', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('赵大妈', '三组路灯又不亮了')
    // The acks repeat the report text; the mock echoes every send back as a message event.
    await bot.world.drain()
    expect(await tickets()).toHaveLength(2)
    const senders = await bot.db.db.selectFrom('inbox').select('sender').distinct().execute()
    expect(senders.map(s => s.sender).sort()).toEqual(['李大爷', '赵大妈'])
  })
})

describe('urgent numbers', () => {
  it('tells the room to call 110 for a fight and keeps the details private', async () => {
    bot = await startBot()
    const sent = await bot.say('李大爷', '村口打起来了 好几个人 快来人')
    const room = sent.find(s => s.room === PUBLIC)!
    expect(room.text).toBe('已收到您反映的情况（#1），调解员会私下联系您，请留意电话和私信。\n如有人身危险，请立即拨打110。')
    expect(sent.find(s => s.to === '王书记')!.text).toMatch(/^🔴【紧急调解】/)
  })

  it('tells the room to call 120 for an old person not seen for days', async () => {
    bot = await startBot()
    const sent = await bot.say('赵大妈', '独居的陈奶奶好几天没出门了 敲门也没人应')
    const room = sent.find(s => s.room === PUBLIC)!
    expect(room.text).toBe('已收到您反映的情况（#1），值班干部会私下联系您，请留意电话和私信。\n如有人受伤或昏迷，请立即拨打120。')
    expect(room.priority).toBe(0)
    expect(sent.find(s => s.to === '王书记')!.text).toMatch(/^🔴【紧急报事】北社村 #1（民生求助）/)
  })
})

describe('private chat with the bot', () => {
  it('answers a greeting with help, stays silent on 好的, and joins a follow-up line to the ticket', async () => {
    bot = await startBot()
    await bot.say('李大爷', '收到') // known in 北社村 from the villagers' room
    expect(texts(await bot.say('李大爷', '你好', null))).toEqual(['在村民说事群里直接说遇到的问题就行，机器人会登记并通知值班干部。办结后请回复“满意”或“不满意”。'])
    expect(await bot.say('李大爷', '好的', null)).toEqual([])
    const first = await bot.say('李大爷', '我家门口的路灯坏了', null)
    expect(first.find(s => s.to === '李大爷')!.text).toBe('已收到（#1），已转给今天值班的王书记，会私下联系您。')
    await bot.clock.advanceBy(30_000)
    expect(texts((await bot.say('李大爷', '都一个礼拜了', null)).filter(s => s.to === '李大爷'))).toEqual(['已补充到 #1。'])
    expect(await tickets()).toHaveLength(1)
    expect((await tickets())[0]).toMatchObject({ text: '我家门口的路灯坏了 都一个礼拜了', room_id: null, private: 0 })
  })
})

/** The test village with a grid room (网格员信息群) besides the public and committee rooms. */
function gridConfig(): Record<string, unknown> {
  const cfg = baseConfig()
  const [village] = cfg['villages'] as { rooms: { topic: string; role: string }[] }[]
  village!.rooms.push({ topic: '北社村网格员信息群', role: 'grid' })
  return cfg
}
