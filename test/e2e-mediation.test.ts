// 有事好商量: a dispute follows 待受理 → 调解中 → 达成协议/调解终止 → 回访 → 归档, privately.
import { afterEach, describe, expect, it } from 'vitest'
import { baseConfig, COMMITTEE, PUBLIC, startBot, texts, type TestBot } from './helpers.js'
import type { SentRecord } from '../src/adapter/mock.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

const QUARREL = '邻居打除草剂把我家玉米打死了，找他说理他还骂人'
const DETAILS = ['除草剂', '玉米', '邻居', '骂', '赔偿', '800', '周六', '村委会', '张三', '王五', '李大爷']

const ticket = (no: number) => bot.db.db.selectFrom('tickets').selectAll().where('no', '=', no).executeTakeFirstOrThrow()
async function events(no: number) {
  const t = await ticket(no)
  return bot.db.db.selectFrom('ticket_events').select(['type', 'from_status', 'to_status', 'actor']).where('ticket_id', '=', t.id).orderBy('id').execute()
}

function withCadre(): Record<string, unknown> {
  const cfg = baseConfig() as { villages: Record<string, unknown>[] }
  cfg.villages[0]!['cadres'] = [...(cfg.villages[0]!['cadres'] as unknown[]), { name: '刘委员', roles: ['cadre'] }]
  return cfg
}

describe('the mediation path', () => {
  it('goes 受理 → 约谈 → 调解成功 → 回访 with the parties told privately and nothing in a public room', async () => {
    bot = await startBot()
    const all: SentRecord[] = []
    const say = async (...a: Parameters<TestBot['say']>) => {
      const sent = await bot.say(...a)
      all.push(...sent)
      return sent
    }
    await say('李大爷', QUARREL)

    let sent = await say('李调解', '受理 1', null)
    expect(sent.find(s => s.to === '李调解')!.text).toBe('已受理 #1，进入调解。约谈回复“约谈 1 时间 地点”，有结果回复“调解成功 1 协议内容”或“调解终止 1 原因”。')
    expect(sent.find(s => s.room === PUBLIC)!.text).toBe('#1 已由调解员私下联系。')
    expect(await ticket(1)).toMatchObject({ status: 'mediating', assignee: '李调解' })

    // 张三 (the other party) has spoken in the group, so the bot can reach him; 王五 never has.
    expect(await say('张三', '好的')).toEqual([])
    sent = await say('李调解', '约谈 1 周六上午9点 村委会调解室 @张三 @王五', null)
    expect(sent.find(s => s.to === '李调解')!.text).toBe('已安排 #1 约谈，已私信通知李大爷、张三。\n王五没有在群里说过话，机器人联系不上，请电话通知。')
    expect(sent.find(s => s.to === '李大爷')!.text).toBe('您好，关于您反映的事（北社村 #1），调解员李调解约您面谈：周六上午9点 村委会调解室。如时间不方便，请直接回复或联系村委会。')
    expect(sent.find(s => s.to === '张三')!.text).toContain('周六上午9点 村委会调解室')

    sent = await say('李调解', '调解成功 1 双方同意，对方赔偿玉米损失800元', null)
    expect(sent.find(s => s.to === '李大爷')!.text).toBe('您反映的事（北社村 #1）已调解成功：双方同意，对方赔偿玉米损失800元（调解员：李调解）。如对方没有履行，请私信告诉机器人或联系村委会。')
    expect(await ticket(1)).toMatchObject({ status: 'agreed', resolution: '双方同意，对方赔偿玉米损失800元' })
    // Waiting for 回访, it stays on the list.
    const [todo] = await say('李调解', '待办', null)
    expect(todo!.text).toContain('#1【邻里纠纷】')
    expect(todo!.text).toContain('达成协议（待回访）')

    sent = await say('李调解', '回访 1 已履行，双方和好', null)
    expect(texts(sent)).toEqual(['#1 已回访，归档。'])
    expect(await ticket(1)).toMatchObject({ status: 'archived' })
    expect((await events(1)).map(e => [e.type, e.from_status, e.to_status])).toEqual([
      ['created', null, 'open'],
      ['accepted', 'open', 'mediating'],
      ['meeting', 'mediating', 'mediating'],
      ['agreed', 'mediating', 'agreed'],
      ['followed_up', 'agreed', 'archived'],
    ])

    // Every room message of the whole mediation: the private ack, the committee's bare notice, and 已由调解员私下联系.
    expect(all.filter(s => s.room === PUBLIC).map(s => s.text)).toEqual([
      '已收到您反映的情况（#1），调解员会私下联系您，请留意电话和私信。',
      '#1 已由调解员私下联系。',
    ])
    expect(all.filter(s => s.room === COMMITTEE).map(s => s.text)).toEqual(['【新调解事项】北社村 #1，详情已私信值班干部和调解员。'])
    for (const s of all.filter(s => s.room !== null)) for (const w of DETAILS) expect(s.text).not.toContain(w)
  })

  it('调解终止 tells the party where else to go; 回访 archives it', async () => {
    bot = await startBot()
    await bot.say('李大爷', QUARREL)
    await bot.say('李调解', '受理 1', null)
    const sent = await bot.say('李调解', '调解终止 1 对方拒绝调解', null)
    expect(sent.find(s => s.to === '李大爷')!.text).toMatch(/调解未能达成一致：对方拒绝调解。您可以到镇司法所申请人民调解，或依法向人民法院起诉/)
    expect(sent.filter(s => s.room !== null)).toEqual([])
    expect((await ticket(1)).status).toBe('terminated')
    expect(texts(await bot.say('李调解', '回访 1 双方暂无冲突', null))).toEqual(['#1 已回访，归档。'])
    expect(texts(await bot.say('李调解', '回访 1 再来一次', null))).toEqual(['#1 当前是“已归档”，不能回访。'])
  })

  it('约谈 on a dispute nobody took yet takes it; replies to commands typed in a villagers’ room go privately', async () => {
    bot = await startBot()
    await bot.say('李大爷', QUARREL)
    const sent = await bot.say('李调解', '约谈 1 明天下午 村委会', PUBLIC)
    expect(sent.filter(s => s.room === PUBLIC).map(s => s.text)).toEqual(['#1 已由调解员私下联系。'])
    expect(sent.find(s => s.to === '李调解')!.text).toBe('已安排 #1 约谈，已私信通知李大爷。')
    expect(await ticket(1)).toMatchObject({ status: 'mediating', assignee: '李调解' })
    const done = await bot.say('李调解', '调解成功 1 对方赔偿800元', PUBLIC)
    expect(done.filter(s => s.room !== null)).toEqual([])
  })

  it('is for mediators, the secretary and the director; 办结 and 调解成功 each point to the other path', async () => {
    bot = await startBot({ config: withCadre() })
    await bot.say('李大爷', QUARREL)
    await bot.say('赵大妈', '三组路灯又不亮了')
    expect(texts(await bot.say('刘委员', '调解成功 1 和好了', null))).toEqual(['这条命令只有调解员和书记、主任可以使用。'])
    expect(texts(await bot.say('王书记', '办结 1 和好了', null))).toEqual(['#1 是调解事项，请用“调解成功 1 协议内容”或“调解终止 1 原因”。'])
    expect(texts(await bot.say('王书记', '调解成功 2 修好了', null))).toEqual(['#2 不是调解事项，请用“办结 2 处理结果”。'])
    expect(texts((await bot.say('王书记', '调解成功 1 双方和好', null)).filter(s => s.to === '王书记'))).toEqual(['已记录 #1 调解成功，已私下告知当事人。请过一段时间回访，回复“回访 1 履行情况”后归档。'])
  })
})

describe('urgent disputes', () => {
  it('ping the mediator and the secretary at once, at night too, and say to call 110', async () => {
    bot = await startBot({ start: '2026-11-24T23:40:00+08:00' }) // Tuesday: 张主任 on duty
    const sent = await bot.say('赵大妈', '隔壁两口子打起来了，男的动刀了')
    const pings = sent.filter(s => s.to !== null)
    expect(pings.map(s => s.to).sort()).toEqual(['张主任', '李调解', '王书记'].sort())
    for (const p of pings) {
      expect(p.priority).toBe(0)
      expect(p.text).toMatch(/^🔴【紧急调解】/)
      expect(p.text).toContain('110')
    }
    const ack = sent.find(s => s.room === PUBLIC)!
    expect(ack.text).toBe('已收到您反映的情况（#1），调解员会私下联系您，请留意电话和私信。\n如有人身危险，请立即拨打110。')
    expect(await ticket(1)).toMatchObject({ kind: 'dispute', urgent: 1, private: 1 })
  })

  it('treat 家暴 as a dispute even when it reads like an emergency report', async () => {
    bot = await startBot()
    const sent = await bot.say('孙大姐', '他又家暴了，我不敢回家')
    expect(sent.filter(s => s.to !== null).map(s => s.to).sort()).toEqual(['李调解', '王书记'].sort())
    expect(sent.find(s => s.room === PUBLIC)!.text).toContain('110')
    expect(sent.find(s => s.room === PUBLIC)!.text).not.toContain('家暴')
    expect(await ticket(1)).toMatchObject({ kind: 'dispute', category: '婚姻家庭' })
  })
})

describe('the digest', () => {
  it('counts disputes in mediation without a word about them', async () => {
    bot = await startBot()
    await bot.say('李大爷', QUARREL)
    await bot.say('李调解', '受理 1', null)
    await bot.clock.advanceTo(Date.parse('2026-11-24T08:00:00+08:00'))
    const digest = bot.world.take().find(s => s.kind === 'digest')!
    expect(digest.text).toContain('调解事项 1 件（详情不公开）')
    for (const w of DETAILS) expect(digest.text).not.toContain(w)
  })
})
