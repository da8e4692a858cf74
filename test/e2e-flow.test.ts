// The whole flow of issue 2, driven through Wechaty + wechaty-puppet-mock on a virtual clock.
import { afterEach, describe, expect, it } from 'vitest'
import { COMMITTEE, PUBLIC, startBot, texts, type TestBot } from './helpers.js'
import { DAY, HOUR, MINUTE } from '../src/time.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

async function ticket(no: number) {
  return bot.db.db.selectFrom('tickets').selectAll().where('no', '=', no).executeTakeFirstOrThrow()
}
async function events(no: number) {
  const t = await ticket(no)
  return bot.db.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', t.id).orderBy('id').execute()
}

describe('1-3: a villager reports, the room hears, the duty cadre is pinged', () => {
  it('acknowledges in the room, tells the committee, and pings the duty cadre privately', async () => {
    bot = await startBot()
    const sent = await bot.say('李大爷', '村北大街的井盖坏了，晚上看不见容易掉下去')
    const ack = sent.find(s => s.room === PUBLIC)!
    expect(ack.text).toMatch(/已受理 #1【道路交通】/)
    expect(ack.text).toMatch(/今日值班：王书记/)
    expect(ack.mentions).toEqual(['李大爷'])
    const committee = sent.find(s => s.room === COMMITTEE)!
    expect(committee.text).toMatch(/【新报事】北社村 #1【道路交通】/)
    const ping = sent.find(s => s.to === '王书记')!
    expect(ping.text).toMatch(/【新报事】北社村 #1（道路交通）/)
    expect(ping.text).toContain('村北大街的井盖坏了')
    expect(ping.text).toContain('报事人：李大爷')
    expect(ping.text).toContain(PUBLIC)
    expect(sent).toHaveLength(3)
    const t = await ticket(1)
    expect(t).toMatchObject({ status: 'open', kind: 'report', assignee: '王书记', reporter_name: '李大爷' })
  })

  it('numbers tickets per village: #1, #2, #3', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('赵大妈', '三组路灯又不亮了，黑灯瞎火的')
    const sent = await bot.say('孙老汉', '咱村自来水咋又停了？都一上午了')
    expect(sent.find(s => s.room === PUBLIC)!.text).toMatch(/已受理 #3/)
    const nos = (await bot.db.db.selectFrom('tickets').select('no').orderBy('no').execute()).map(r => r.no)
    expect(nos).toEqual([1, 2, 3])
  })

  it('gives chit-chat, red packets, thanks and cadre notices no reply at all', async () => {
    bot = await startBot()
    for (const [who, text] of [
      ['李大爷', '收到'], ['赵大妈', '好的'], ['孙老汉', '[红包]'], ['李大爷', '早上好！'],
      ['赵大妈', '谢谢村委'], ['王书记', '明天上午9点在村委会开会，请各组长准时参加'],
      ['张主任', '停水通知：明天8点至12点检修管道'],
    ] as const) {
      expect(await bot.say(who, text), text).toEqual([])
    }
    expect(await bot.db.db.selectFrom('tickets').selectAll().execute()).toHaveLength(0)
  })

  it('uses the roster of the weekday in the configured timezone, whatever the host TZ', async () => {
    // Monday 16:30 UTC is Tuesday 00:30 in Shanghai: 张主任's day (and night hours: the ping waits for 07:00).
    bot = await startBot({ start: '2026-11-23T16:30:00Z' })
    const sent = await bot.say('李大爷', '五组的桥栏杆断了，很危险')
    expect(sent.find(s => s.room === PUBLIC)!.text).toContain('今日值班：张主任')
    await bot.clock.advanceTo(Date.parse('2026-11-24T07:00:00+08:00'))
    const morning = bot.world.take()
    expect(morning.some(s => s.to === '张主任')).toBe(true)
    expect([...sent, ...morning].some(s => s.to === '王书记')).toBe(false)
  })
})

describe('4-6: cadres work the ticket; the result is published; the reporter answers', () => {
  it('runs the whole chain: 接单, 进展, 办结 with 公示, 满意 closes it', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.clock.advanceBy(10 * MINUTE)

    let sent = await bot.say('王书记', '接单 1', null)
    expect(texts(sent)).toEqual(expect.arrayContaining([expect.stringMatching(/已接单 #1/), expect.stringMatching(/#1 已由王书记接单处理/)]))
    expect(sent.find(s => s.to === '王书记')!.text).toMatch(/已接单 #1/)
    expect(sent.find(s => s.room === PUBLIC)!.text).toBe('#1 已由王书记接单处理。')

    sent = await bot.say('王书记', '进展 1 已联系施工队，下午到', null)
    expect(sent.find(s => s.to === '王书记')!.text).toMatch(/已记录 #1 的进展/)
    expect(sent.find(s => s.room === PUBLIC)!.text).toContain('已联系施工队')

    await bot.clock.advanceBy(2 * HOUR)
    sent = await bot.say('王书记', '办结 1 井盖已更换', null)
    const notice = sent.find(s => s.room === PUBLIC)!
    expect(notice.text).toMatch(/【办结公示】#1/)
    expect(notice.text).toContain('处理结果：井盖已更换')
    expect(notice.text).toContain('处理人：王书记')
    expect(notice.text).toContain('用时2小时10分')
    expect(notice.text).toMatch(/回复“满意”或“不满意”/)
    expect(notice.mentions).toEqual(['李大爷'])
    expect((await ticket(1)).status).toBe('resolved')

    sent = await bot.say('李大爷', '满意')
    expect(texts(sent)).toEqual(['谢谢您的评价，#1 已销号。'])
    const t = await ticket(1)
    expect(t.status).toBe('closed')
    expect(t.feedback).toBe('satisfied')
    // 7: every step is an append-only event.
    expect((await events(1)).map(e => [e.type, e.from_status, e.to_status, e.actor])).toEqual([
      ['created', null, 'open', '李大爷'],
      ['accepted', 'open', 'accepted', '王书记'],
      ['progress', 'accepted', 'accepted', '王书记'],
      ['resolved', 'accepted', 'resolved', '王书记'],
      ['closed', 'resolved', 'closed', '李大爷'],
    ])
  })

  it('accepts #1, 1号, full-width digits and no space', async () => {
    bot = await startBot()
    for (let i = 0; i < 4; i++) await bot.say('李大爷', `${['一', '二', '三', '四'][i]}组的路灯坏了`)
    for (const [cmd, no] of [['接单 #1', 1], ['接单2号', 2], ['接单　３', 3], ['接单＃４号', 4]] as const) {
      const sent = await bot.say('王书记', cmd, null)
      expect(sent.find(s => s.to === '王书记')?.text, cmd).toMatch(new RegExp(`已接单 #${no}`))
      expect((await ticket(no)).status).toBe('accepted')
    }
  })

  it('works by quote-replying to the bot’s notices, in private and in the committee room', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    const ping = bot.world.findInChat(null, '王书记', '#1')!
    let sent = await bot.say('王书记', '接单', null, { quote: { name: '村务助手', text: ping.text } })
    expect(sent.find(s => s.to === '王书记')!.text).toMatch(/已接单 #1/)
    const notice = bot.world.findInChat(COMMITTEE, '', '#1')!
    sent = await bot.say('王书记', '办结 已修好', COMMITTEE, { quote: { name: '村务助手', text: notice.text } })
    expect(sent.find(s => s.room === PUBLIC)!.text).toContain('处理结果：已修好')
    expect(sent.find(s => s.room === COMMITTEE)!.text).toMatch(/#1 已办结/)
    expect((await ticket(1)).resolution).toBe('已修好')
  })

  it('reopens on 不满意 and tells the handler; only the reporter’s answer counts', async () => {
    bot = await startBot()
    await bot.say('李大爷', '三组路灯又不亮了')
    await bot.say('王书记', '接单 1', null)
    await bot.say('王书记', '办结 1 换了灯泡', null)

    expect(await bot.say('赵大妈', '满意')).toEqual([])
    expect((await ticket(1)).status).toBe('resolved')

    const sent = await bot.say('李大爷', '不满意，晚上还是不亮')
    expect(sent.find(s => s.room === PUBLIC)!.text).toBe('收到，#1 已退回王书记继续处理。')
    const ping = sent.find(s => s.to === '王书记')!
    expect(ping.text).toMatch(/【不满意】北社村 #1 报事人李大爷不满意：晚上还是不亮/)
    const t = await ticket(1)
    expect(t.status).toBe('accepted')
    expect(t.feedback).toBe('unsatisfied')
  })

  it('closes as 默认满意 when the reporter does not answer within 3 days', async () => {
    bot = await startBot()
    await bot.say('李大爷', '三组路灯又不亮了')
    await bot.say('王书记', '办结 1 换了灯泡', null)
    await bot.clock.advanceBy(3 * DAY - MINUTE)
    expect((await ticket(1)).status).toBe('resolved')
    await bot.clock.advanceBy(2 * MINUTE)
    const t = await ticket(1)
    expect(t.status).toBe('closed')
    expect(t.feedback).toBe('default')
    expect((await events(1)).at(-1)).toMatchObject({ type: 'closed', actor: '系统', note: '默认满意' })
  })
})

describe('only cadres may act', () => {
  it('refuses a villager’s 办结 1 politely and changes nothing', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    const before = await events(1)
    const sent = await bot.say('赵大妈', '办结 1 我看修好了')
    expect(texts(sent)).toEqual(['这条命令只有村干部可以使用。有问题直接在群里说就行。'])
    expect((await ticket(1)).status).toBe('open')
    expect(await events(1)).toEqual(before)
    const dm = await bot.say('赵大妈', '接单 1', null)
    expect(texts(dm)).toEqual(['这条命令只有村干部可以使用。'])
    expect((await ticket(1)).status).toBe('open')
  })
})
