// Time limits and escalation (催办/督办) on the virtual clock: each step once, at its instant,
// across restarts; 挂起 and 延期 move the deadline; night hours hold non-urgent pings.
import { afterEach, describe, expect, it } from 'vitest'
import { baseConfig, COMMITTEE, PUBLIC, startBot, texts, type TestBot } from './helpers.js'
import type { SentRecord } from '../src/adapter/mock.js'
import { DAY, HOUR, MINUTE } from '../src/time.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

const at = (s: string): number => Date.parse(s)
/** What the bot sent since last asked, without the morning digest. */
const sentNow = (): SentRecord[] => bot.world.take().filter(s => s.kind !== 'digest')
const slaEvents = async () => (await bot.db.db.selectFrom('ticket_events').select(['type', 'at', 'note'])
  .where('type', 'like', 'sla_%').orderBy('id').execute())

/** Every message the bot has queued or sent, from the database (startBot drops what a start sends). */
const outbox = async () => (await bot.db.db.selectFrom('outbox')
  .leftJoin('people', 'people.id', 'outbox.person_id').leftJoin('rooms', 'rooms.id', 'outbox.room_id')
  .select(['people.name as to', 'rooms.topic as room', 'outbox.text', 'outbox.status', 'outbox.sent_at'])
  .orderBy('outbox.id').execute())

/** A village with a plain cadre (刘委员) who needs approval for extensions. */
function config(over: Record<string, unknown> = {}): Record<string, unknown> {
  const cfg = baseConfig() as { villages: Record<string, unknown>[] }
  const v = cfg.villages[0]!
  v['cadres'] = [...(v['cadres'] as unknown[]), { name: '刘委员', roles: ['cadre'] }]
  Object.assign(v, over)
  return cfg
}

describe('accept deadline', () => {
  it('reminds the duty cadre at 30 minutes and escalates at 60, each exactly once', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.clock.advanceTo(at('2026-11-23T08:59:00+08:00'))
    expect(sentNow()).toEqual([])

    await bot.clock.advanceTo(at('2026-11-23T09:00:00+08:00'))
    let sent = sentNow()
    expect(sent.map(s => [s.to, s.room])).toEqual([['王书记', null]])
    expect(sent[0]!.text).toBe('⏰【催办】北社村 #1（道路交通）村北大街的井盖坏了\n报来已30分钟，还没有接单。请回复“接单 1”。')

    await bot.clock.advanceTo(at('2026-11-23T09:29:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-11-23T09:30:00+08:00'))
    sent = sentNow()
    // 王书记 is the secretary and the one late, so the director is told; the committee room gets a 黄牌.
    expect(sent.map(s => s.to ?? s.room).sort()).toEqual(['张主任', COMMITTEE].sort())
    expect(sent.find(s => s.to === '张主任')!.text).toMatch(/^🟨【督办】北社村 #1（道路交通）村北大街的井盖坏了\n报来已1小时，王书记仍未接单。/)
    expect(sent.find(s => s.room === COMMITTEE)!.text).toBe('🟨【黄牌·超时未接单】北社村 #1【道路交通】村北大街的井盖坏了\n报来已1小时，王书记未接单，已报书记督办。')

    await bot.clock.advanceTo(at('2026-11-23T18:00:00+08:00'))
    expect(sentNow()).toEqual([])
    expect((await slaEvents()).map(e => [e.type, new Date(e.at).toISOString(), e.note])).toEqual([
      ['sla_accept_remind', '2026-11-23T01:00:00.000Z', '提醒王书记'],
      ['sla_accept_escalate', '2026-11-23T01:30:00.000Z', '报张主任督办'],
    ])
  })

  it('stays quiet when the ticket is accepted in time', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.clock.advanceBy(20 * MINUTE)
    await bot.say('王书记', '接单 1', null)
    await bot.clock.advanceBy(3 * HOUR)
    expect(sentNow()).toEqual([])
    expect(await slaEvents()).toEqual([])
  })

  it('gives urgent reports 10 minutes, and the reminder goes out as urgent', async () => {
    bot = await startBot()
    await bot.say('李大爷', '着火了！村南头麦秸垛着火了')
    await bot.clock.advanceBy(9 * MINUTE)
    expect(sentNow()).toEqual([])
    await bot.clock.advanceBy(MINUTE)
    const [remind] = sentNow()
    expect(remind).toMatchObject({ to: '王书记', priority: 0 })
    expect(remind!.text).toMatch(/^⏰【催办】北社村 #1（安全隐患）/)
    await bot.clock.advanceBy(10 * MINUTE)
    expect(sentNow().map(s => s.to ?? s.room).sort()).toEqual(['张主任', COMMITTEE].sort())
  })

})

describe('clock restarts', () => {
  it('gives the cadre a ticket is transferred to the full time to accept', async () => {
    bot = await startBot({ config: config() })
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.clock.advanceTo(at('2026-11-23T09:00:00+08:00'))
    expect(sentNow().map(s => s.to)).toEqual(['王书记'])
    await bot.clock.advanceTo(at('2026-11-23T09:10:00+08:00'))
    await bot.say('王书记', '转派 1 刘委员', null)
    // Not at 09:30 (the old round's escalation): 刘委员 has until 09:40, escalation at 10:10.
    await bot.clock.advanceTo(at('2026-11-23T09:39:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-11-23T09:40:00+08:00'))
    expect(sentNow().map(s => [s.to, s.text.split('\n')[1]])).toEqual([['刘委员', '报来已1小时10分，还没有接单。请回复“接单 1”。']])
    await bot.clock.advanceTo(at('2026-11-23T10:10:00+08:00'))
    expect(sentNow().map(s => s.to ?? s.room).sort()).toEqual(['王书记', COMMITTEE].sort())
  })

  it('gives a ticket reopened by 不满意 a fresh resolve period', async () => {
    bot = await startBot({ config: config({ sla: { resolveDays: 1 } }) })
    await bot.say('李大爷', '三组路灯又不亮了')
    await bot.say('王书记', '接单 1', null)
    await bot.say('王书记', '办结 1 换了灯泡', null)
    await bot.clock.advanceTo(at('2026-11-24T08:00:00+08:00'))
    await bot.say('李大爷', '不满意，晚上还是不亮')
    sentNow()
    // The first period would have ended Tuesday 08:30; the new one ends Wednesday 08:00.
    await bot.clock.advanceTo(at('2026-11-25T07:59:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-11-25T08:00:00+08:00'))
    expect(sentNow().map(s => [s.to, s.text.split('\n')[1]])).toEqual([['王书记', '办理时限已到（11-25 08:00）。']])
  })
})

describe('resolve deadline', () => {
  it('reminds the handler at 5 days, 黄牌 one day over, 红牌 with the history five days over', async () => {
    bot = await startBot()
    await bot.say('李大爷', '三组路灯又不亮了')
    await bot.say('王书记', '接单 1', null)
    await bot.say('王书记', '进展 1 已报供电所', null)
    sentNow()

    await bot.clock.advanceTo(at('2026-11-28T08:29:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-11-28T08:30:00+08:00'))
    let sent = sentNow()
    expect(sent.map(s => s.to)).toEqual(['王书记'])
    expect(sent[0]!.text).toContain('办理时限已到（11-28 08:30）')
    expect(sent[0]!.text).toContain('延期 1 3天 原因')

    await bot.clock.advanceTo(at('2026-11-29T08:30:00+08:00'))
    sent = sentNow()
    expect(sent.map(s => s.room)).toEqual([COMMITTEE])
    expect(sent[0]!.text).toBe('🟨【黄牌·超期未办结】北社村 #1【公共设施】三组路灯又不亮了\n已超期1天 · 处理人：王书记')

    await bot.clock.advanceTo(at('2026-12-03T08:29:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-12-03T08:30:00+08:00'))
    sent = sentNow()
    expect(sent.map(s => s.room)).toEqual([COMMITTEE])
    expect(sent[0]!.text.split('\n')).toEqual([
      '🟥【红牌·严重超期】北社村 #1【公共设施】三组路灯又不亮了',
      '已超期5天 · 处理人：王书记',
      '经过：',
      '  11-23 08:30 制单 李大爷',
      '  11-23 08:30 接单 王书记',
      '  11-23 08:30 进展 王书记：已报供电所',
      '  11-28 08:30 到期提醒 系统：提醒王书记',
      '  11-29 08:30 黄牌 系统：超期1天',
    ])
    await bot.clock.advanceBy(2 * DAY)
    expect(sentNow()).toEqual([])
  })

  it('keeps a private matter’s history out of the committee room and sends it to the secretary', async () => {
    bot = await startBot({ config: config({ sla: { mediationDays: 1 } }) })
    await bot.say('李大爷', '邻居家的狗天天半夜叫，跟他说了还骂人')
    await bot.say('李调解', '受理 1', null)
    sentNow()
    await bot.clock.advanceTo(at('2026-11-29T08:30:00+08:00'))
    const all = sentNow()
    const red = all.filter(s => s.text.includes('红牌'))
    expect(red.find(s => s.room === COMMITTEE)!.text).toBe('🟥【红牌·严重超期】北社村 #1 调解/私密事项\n已超期5天 · 处理人：李调解\n（私密事项，办理经过已私信书记）')
    expect(red.find(s => s.to === '王书记')!.text).toContain('经过：')
    for (const s of all.filter(s => s.room !== null)) expect(s.text).not.toMatch(/狗|骂|邻居/)
  })
})

describe('restarts', () => {
  it('fires a deadline that falls while the bot is down once it is back, and never twice', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    const dbFile = bot.dbFile
    await bot.clock.advanceTo(at('2026-11-23T08:45:00+08:00'))
    await bot.close()

    // Down from 08:45 to 09:10: the 09:00 reminder goes out as soon as the bot is back.
    bot = await startBot({ dbFile, start: '2026-11-23T09:10:00+08:00' })
    await bot.clock.advanceBy(0)
    const back = sentNow()
    expect(back.map(s => [s.to, s.at])).toEqual([['王书记', at('2026-11-23T09:10:00+08:00')]])
    expect(back[0]!.text).toMatch(/^⏰【催办】北社村 #1/)
    await bot.clock.advanceTo(at('2026-11-23T09:20:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.close()

    // Another restart: the reminder is not repeated; the 09:30 escalation happens, once.
    bot = await startBot({ dbFile, start: '2026-11-23T09:25:00+08:00' })
    expect((await outbox()).filter(r => r.text.includes('催办'))).toHaveLength(1)
    await bot.clock.advanceTo(at('2026-11-23T09:30:00+08:00'))
    expect(sentNow().map(s => s.to ?? s.room).sort()).toEqual(['张主任', COMMITTEE].sort())
    await bot.clock.advanceTo(at('2026-11-23T12:00:00+08:00'))
    expect(sentNow()).toEqual([])
    expect((await slaEvents()).map(e => e.type)).toEqual(['sla_accept_remind', 'sla_accept_escalate'])
  })

  it('fires a deadline that falls during a restart in the middle of the wait', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    const dbFile = bot.dbFile
    await bot.clock.advanceTo(at('2026-11-23T08:50:00+08:00'))
    await bot.close()
    bot = await startBot({ dbFile, start: '2026-11-23T08:55:00+08:00' })
    await bot.clock.advanceTo(at('2026-11-23T08:59:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-11-23T09:00:00+08:00'))
    expect(sentNow().map(s => s.to)).toEqual(['王书记'])
  })

  it('after a long outage sends only the most severe step that is due', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    const dbFile = bot.dbFile
    await bot.close()
    bot = await startBot({ dbFile, start: '2026-11-23T11:00:00+08:00' })
    await bot.clock.advanceBy(0)
    const sent = sentNow()
    expect(sent.filter(s => s.text.includes('催办'))).toEqual([])
    expect(sent.map(s => s.to ?? s.room).sort()).toEqual([COMMITTEE, '张主任'].sort())
    expect((await slaEvents()).map(e => e.type)).toEqual(['sla_accept_escalate'])
  })
})

describe('挂起 / 恢复', () => {
  it('pauses the clock; the deadline moves by the time suspended', async () => {
    bot = await startBot({ config: config({ sla: { resolveDays: 1 } }) })
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('刘委员', '接单 1', null)
    await bot.clock.advanceTo(at('2026-11-23T10:30:00+08:00'))
    sentNow()
    const sent = await bot.say('刘委员', '挂起 1 等雨停了再施工', null)
    expect(sent.find(s => s.to === '刘委员')!.text).toBe('#1 已挂起，时限暂停计算。恢复时回复“恢复 1”。')
    expect(sent.find(s => s.room === PUBLIC)!.text).toBe('#1 暂缓办理：等雨停了再施工。恢复后继续办理。')
    expect(sent.find(s => s.to === '王书记')!.text).toBe('【挂起】北社村 #1（道路交通）刘委员已挂起：等雨停了再施工。如有异议可回复“恢复 1”。')
    expect(texts(await bot.say('刘委员', '挂起 1 还在下雨', null))).toEqual(['#1 已经是挂起状态。恢复请回复“恢复 1”。'])
    expect((await bot.say('刘委员', '查询 1', null))[0]!.text).toContain('已挂起（11-23 10:30起），时限暂停计算')

    // Would have been due Tuesday 08:30; suspended, nothing happens.
    await bot.clock.advanceTo(at('2026-11-24T10:30:00+08:00'))
    expect(sentNow()).toEqual([])
    const resumed = await bot.say('刘委员', '恢复 1', null)
    // Suspended for 24 hours: due Wednesday 08:30.
    expect(resumed.find(s => s.to === '刘委员')!.text).toBe('#1 已恢复办理，时限：11-25 08:30。')
    expect(resumed.find(s => s.room === PUBLIC)!.text).toBe('#1 已恢复办理。')
    await bot.clock.advanceTo(at('2026-11-25T08:29:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-11-25T08:30:00+08:00'))
    expect(sentNow().map(s => [s.to, s.text.split('\n')[0]])).toEqual([['刘委员', '⏰【到期提醒】北社村 #1（道路交通）村北大街的井盖坏了']])
    expect(texts(await bot.say('刘委员', '恢复 1', null))).toEqual(['#1 没有挂起。'])
  })

  it('cannot suspend a ticket nobody has taken', async () => {
    bot = await startBot()
    await bot.say('李大爷', '村北大街的井盖坏了')
    expect(texts(await bot.say('王书记', '挂起 1 等材料', null))).toEqual(['#1 还没有人接单，不能挂起。请先“接单 1”。'])
  })
})

describe('延期', () => {
  it('asks the secretary; 同意延期 moves the deadline and tells the handler', async () => {
    bot = await startBot({ config: config({ sla: { resolveDays: 1 } }) })
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('刘委员', '接单 1', null)
    let sent = await bot.say('刘委员', '延期 1 2天 等井盖到货', null)
    expect(sent.find(s => s.to === '刘委员')!.text).toBe('已申请 #1 延期2天，等王书记审批。')
    expect(sent.find(s => s.to === '王书记')!.text).toBe('【延期申请】北社村 #1（道路交通）\n刘委员申请延期2天：等井盖到货\n同意回复“同意延期 1”，不同意回复“驳回延期 1 理由”。')
    expect(texts(await bot.say('刘委员', '同意延期 1', null))).toEqual(['这条命令只有村干部可以使用。'])

    sent = await bot.say('王书记', '同意延期 1', null)
    expect(sent.find(s => s.to === '王书记')!.text).toBe('已同意 #1 延期2天，新的时限：11-26 08:30。')
    expect(sent.find(s => s.to === '刘委员')!.text).toBe('北社村 #1 的延期申请王书记已同意：延期2天，新的时限：11-26 08:30。')
    expect(texts(await bot.say('王书记', '同意延期 1', null))).toEqual(['#1 没有待审批的延期申请。'])
    const [query] = await bot.say('刘委员', '查询 1', null)
    expect(query!.text).toContain('办结时限：11-26 08:30（已延期2天）')

    await bot.clock.advanceTo(at('2026-11-26T08:29:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-11-26T08:30:00+08:00'))
    expect(sentNow().map(s => s.to)).toEqual(['刘委员'])
  })

  it('驳回延期 keeps the old deadline; a secretary’s own 延期 needs no approval', async () => {
    bot = await startBot({ config: config({ sla: { resolveDays: 1 } }) })
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('赵大妈', '三组路灯又不亮了')
    await bot.say('刘委员', '接单 1', null)
    await bot.say('刘委员', '延期 1 5天 等施工队', null)
    const sent = await bot.say('王书记', '驳回延期 1 两天够了', null)
    expect(sent.find(s => s.to === '王书记')!.text).toBe('已驳回 #1 的延期申请，已告知申请人。')
    expect(sent.find(s => s.to === '刘委员')!.text).toBe('北社村 #1 的延期申请被王书记驳回：两天够了。请按原时限办理。')
    await bot.say('王书记', '接单 2', null)
    expect(texts(await bot.say('王书记', '延期 2 1天 等配件', null))).toEqual(['#2 已延期1天，新的时限：11-25 08:30。'])
    expect(texts(await bot.say('刘委员', '延期 1 三天 等', null))).toEqual(['看不懂时长「三天」。请写成 3天、12小时 这样，例如：延期 1 3天 等材料'])
    expect(texts(await bot.say('刘委员', '延期 1 3天', null))).toEqual(['格式：延期 编号 时长 原因，例如：延期 1 3天 等材料'])

    await bot.clock.advanceTo(at('2026-11-24T08:30:00+08:00'))
    expect(sentNow().filter(s => s.text.includes('到期提醒')).map(s => s.to)).toEqual(['刘委员'])
    await bot.clock.advanceTo(at('2026-11-25T08:30:00+08:00'))
    expect(sentNow().filter(s => s.text.includes('到期提醒')).map(s => s.to)).toEqual(['王书记'])
  })
})

describe('night hours', () => {
  it('hold a non-urgent ping until 07:00 and start the accept clock then', async () => {
    bot = await startBot({ start: '2026-11-23T23:00:00+08:00' })
    const sent = await bot.say('李大爷', '村北大街的井盖坏了')
    // The villager hears at once; cadres are not woken.
    expect(sent.map(s => s.room ?? s.to)).toEqual([PUBLIC])
    await bot.clock.advanceTo(at('2026-11-24T06:59:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-11-24T07:00:00+08:00'))
    const morning = sentNow()
    expect(morning.map(s => s.room ?? s.to).sort()).toEqual([COMMITTEE, '王书记'].sort())
    expect(morning.find(s => s.to === '王书记')!.text).toMatch(/^【新报事】北社村 #1/)
    // 30 minutes from 07:00, not from 23:00.
    await bot.clock.advanceTo(at('2026-11-24T07:29:00+08:00'))
    expect(sentNow()).toEqual([])
    await bot.clock.advanceTo(at('2026-11-24T07:30:00+08:00'))
    expect(sentNow().map(s => s.to)).toEqual(['王书记'])
  })

  it('let an urgent ping and its reminder go out at once', async () => {
    bot = await startBot({ start: '2026-11-23T23:00:00+08:00' })
    const sent = await bot.say('李大爷', '着火了！村南头麦秸垛着火了')
    expect(sent.map(s => s.room ?? s.to).sort()).toEqual([COMMITTEE, PUBLIC, '王书记'].sort())
    await bot.clock.advanceTo(at('2026-11-23T23:10:00+08:00'))
    expect(sentNow().map(s => s.to)).toEqual(['王书记'])
  })

  it('follow the village’s configured hours', async () => {
    bot = await startBot({ start: '2026-11-23T21:30:00+08:00', config: config({ quietHours: { from: '21:00', to: '06:30' } }) })
    expect((await bot.say('李大爷', '村北大街的井盖坏了')).map(s => s.room ?? s.to)).toEqual([PUBLIC])
    await bot.clock.advanceTo(at('2026-11-24T06:30:00+08:00'))
    expect(sentNow().some(s => s.to === '王书记')).toBe(true)
  })
})
