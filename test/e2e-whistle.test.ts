// 吹哨: a ticket goes to a partner unit (包联单位); its contact acts on that ticket only, and the
// village still publishes the result in its own room.
import { afterEach, describe, expect, it } from 'vitest'
import { baseConfig, COMMITTEE, PUBLIC, startBot, texts, type TestBot } from './helpers.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

function config(sla?: Record<string, unknown>): Record<string, unknown> {
  const cfg = baseConfig() as { villages: Record<string, unknown>[] }
  cfg.villages[0]!['partners'] = [
    { name: '县水务局', contact: '刘科长', categories: ['水电气'] },
    { name: '镇交通站', contact: '周站长', categories: ['道路交通'] },
  ]
  if (sla) cfg.villages[0]!['sla'] = sla
  return cfg
}

const ticket = (no: number) => bot.db.db.selectFrom('tickets').selectAll().where('no', '=', no).executeTakeFirstOrThrow()

/** The partner contacts are the bot's friends, as cadres are. */
async function start(sla?: Record<string, unknown>): Promise<void> {
  bot = await startBot({ config: config(sla) })
  bot.world.contact('刘科长')
  bot.world.contact('周站长')
}

describe('吹哨', () => {
  it('sends the ticket to the unit’s contact, who takes it, reports and resolves it; the room sees the result', async () => {
    await start()
    await bot.say('孙老汉', '咱村自来水咋又停了？都一上午了，电话13912345678')
    await bot.say('王书记', '接单 1', null)

    let sent = await bot.say('王书记', '吹哨 1 县水务局', null)
    expect(sent.find(s => s.to === '王书记')!.text).toBe('已吹哨：#1 已私信县水务局的刘科长。对方可以回复“接单/进展/办结 1”办理，结果仍在村里的群公示。')
    const ping = sent.find(s => s.to === '刘科长')!.text
    expect(ping).toMatch(/^📣【吹哨】北社村 #1（水电气）请贵单位协同处理/)
    expect(ping).toContain('13912345678')
    expect(ping).toContain('报事人：孙老汉 · 吹哨人：王书记')
    expect(sent.find(s => s.room === PUBLIC)!.text).toBe('#1 已吹哨报县水务局协同处理。')
    expect(await ticket(1)).toMatchObject({ unit: '县水务局', assignee: '王书记' })

    sent = await bot.say('刘科长', '接单 1', null)
    expect(sent.find(s => s.to === '刘科长')!.text).toBe('已接单 #1。办完请回复“办结 1 处理结果”。')
    expect(sent.find(s => s.room === PUBLIC)!.text).toBe('#1 已由县水务局·刘科长接单处理。')
    expect(sent.find(s => s.to === '王书记')!.text).toBe('县水务局已接单 北社村 #1（水电气）。')

    sent = await bot.say('刘科长', '进展 1 抢修队已出发', null)
    expect(sent.find(s => s.room === PUBLIC)!.text).toBe('#1 进展：抢修队已出发（县水务局·刘科长）')

    // By quoting the whistle notice, without a number.
    sent = await bot.say('刘科长', '办结 主管道已修复，已恢复供水', null, { quote: { name: '村务助手', text: ping } })
    const notice = sent.find(s => s.room === PUBLIC)!
    expect(notice.text).toMatch(/^【办结公示】#1/)
    expect(notice.text).toContain('处理人：县水务局·刘科长')
    expect(notice.mentions).toEqual(['孙老汉'])
    expect(sent.find(s => s.to === '王书记')!.text).toBe('县水务局已办结 北社村 #1：主管道已修复，已恢复供水。结果已在群里公示。')
    // The village stays the handler, and the reporter rates as usual.
    expect(await ticket(1)).toMatchObject({ status: 'resolved', assignee: '王书记' })
    expect(texts(await bot.say('孙老汉', '满意'))).toEqual(['谢谢您的评价，#1 已销号。'])
    const actors = await bot.db.db.selectFrom('ticket_events').select(['type', 'actor', 'actor_kind']).orderBy('id').execute()
    expect(actors.filter(a => a.actor_kind === 'partner')).toEqual([
      { type: 'unit_accepted', actor: '县水务局·刘科长', actor_kind: 'partner' },
      { type: 'progress', actor: '县水务局·刘科长', actor_kind: 'partner' },
      { type: 'resolved', actor: '县水务局·刘科长', actor_kind: 'partner' },
    ])
  })

  it('lets the contact act on that ticket only, and on nothing else', async () => {
    await start()
    await bot.say('孙老汉', '咱村自来水咋又停了')
    await bot.say('赵大妈', '三组路灯又不亮了')
    await bot.say('王书记', '吹哨 1 县水务局', null)
    expect(texts(await bot.say('刘科长', '接单 2', null))).toEqual(['#2 没有吹哨给县水务局，不能办理。'])
    expect(texts(await bot.say('周站长', '接单 1', null))).toEqual(['#1 没有吹哨给镇交通站，不能办理。'])
    expect(texts(await bot.say('刘科长', '转派 1 张主任', null))).toEqual(['这条命令只有村干部可以使用。'])
    expect(texts(await bot.say('刘科长', '待办', null))).toEqual(['这条命令只有村干部可以使用。'])
    expect(texts(await bot.say('刘科长', '吹哨 2 县水务局', null))).toEqual(['这条命令只有村干部可以使用。'])
    expect((await ticket(2)).status).toBe('open')
    // An unaccepted whistled ticket is taken by the unit; the village cadre stays its handler.
    await bot.say('刘科长', '接单 1', null)
    expect(await ticket(1)).toMatchObject({ status: 'accepted', assignee: '王书记' })
  })

  it('picks the one unit that takes the category, or lists the choices', async () => {
    await start()
    await bot.say('孙老汉', '咱村自来水咋又停了')
    await bot.say('赵大妈', '三组路灯又不亮了')
    const sent = await bot.say('王书记', '吹哨 1', null)
    expect(sent.find(s => s.to === '刘科长')).toBeDefined()
    expect(texts(await bot.say('王书记', '吹哨 2', null))).toEqual(['没有专管“公共设施”的包联单位。可选：县水务局、镇交通站。\n回复“吹哨 2 单位名”。'])
    expect(texts(await bot.say('王书记', '吹哨 2 县电力局', null))).toEqual(['没有「县电力局」这个包联单位。可选：县水务局、镇交通站'])
    // 交通 is enough to find 镇交通站.
    expect((await bot.say('王书记', '吹哨 2 交通站', null)).some(s => s.to === '周站长')).toBe(true)
  })

  it('reminds the unit’s contact as well as the handler when the deadline passes', async () => {
    await start({ resolveDays: 1 })
    await bot.say('孙老汉', '咱村自来水咋又停了')
    await bot.say('王书记', '接单 1', null)
    await bot.say('王书记', '吹哨 1 县水务局', null)
    await bot.clock.advanceTo(Date.parse('2026-11-24T08:30:00+08:00'))
    const reminders = bot.world.take().filter(s => s.text.includes('到期提醒'))
    expect(reminders.map(s => s.to).sort()).toEqual(['刘科长', '王书记'].sort())
  })

  it('lets a unit mediate a dispute whistled to it, privately, and tells the village to follow up', async () => {
    bot = await startBot({ config: (() => {
      const cfg = config() as { villages: Record<string, unknown>[] }
      cfg.villages[0]!['partners'] = [{ name: '镇司法所', contact: '陈所长', categories: ['土地纠纷'] }]
      return cfg
    })() })
    bot.world.contact('陈所长')
    await bot.say('李大爷', '调解 隔壁盖房占了我家宅基地半米')
    await bot.say('王书记', '吹哨 1', null)
    let sent = await bot.say('陈所长', '接单 1', null)
    expect(sent.filter(s => s.room === PUBLIC).map(s => s.text)).toEqual([])
    expect(await ticket(1)).toMatchObject({ status: 'mediating', assignee: '王书记' })
    expect(texts(await bot.say('陈所长', '办结 1 已调解', null))).toEqual(['#1 是调解事项，请用“调解成功 1 协议内容”或“调解终止 1 原因”。'])
    sent = await bot.say('陈所长', '调解成功 1 按宅基地证界址重新砌墙', null)
    expect(sent.filter(s => s.room !== null)).toEqual([])
    expect(sent.find(s => s.to === '李大爷')!.text).toContain('已调解成功：按宅基地证界址重新砌墙（调解员：镇司法所·陈所长）')
    expect(sent.find(s => s.to === '王书记')!.text).toBe('镇司法所对 北社村 #1 调解成功：按宅基地证界址重新砌墙。请安排回访，回复“回访 1 情况”归档。')
    expect(texts(await bot.say('陈所长', '回访 1 已履行', null))).toEqual(['这条命令只有村干部可以使用。'])
    expect(texts(await bot.say('王书记', '回访 1 已砌好墙', null))).toEqual(['#1 已回访，归档。'])
  })

  it('shows a contact only the unit’s commands in 帮助', async () => {
    await start()
    const [help] = await bot.say('刘科长', '帮助', null)
    expect(help!.text.split('\n')[0]).toBe('您是县水务局的联络人，可以办理吹哨给贵单位的工单：')
    expect(help!.text).toContain('办结 编号 处理结果')
    expect(help!.text).not.toContain('转派')
    expect(help!.text).not.toContain('吹哨 编号')
  })

  it('tells a village with no partner units how to configure them', async () => {
    bot = await startBot()
    await bot.say('孙老汉', '咱村自来水咋又停了')
    expect(texts(await bot.say('王书记', '吹哨 1 县水务局', COMMITTEE))).toEqual(['本村还没有配置包联单位（配置文件里村的 partners）。'])
  })
})
