// The cadres' daily tools: 代报 for phone calls, 公告 with preview and confirmation, roster
// changes that persist, and 帮助 by role.
import { afterEach, describe, expect, it } from 'vitest'
import { baseConfig, COMMITTEE, PUBLIC, startBot, texts, type TestBot } from './helpers.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

const GRID_ROOM = '北社村网格员信息群'

/** Adds a plain cadre, a 网格员 and a grid room (a second villagers' room) to the test village. */
function config(over: Record<string, unknown> = {}): Record<string, unknown> {
  const cfg = baseConfig(over) as { villages: Record<string, unknown>[] }
  const v = cfg.villages[0]!
  v['cadres'] = [...(v['cadres'] as unknown[]), { name: '刘委员', roles: ['cadre'] }, { name: '赵网格', roles: ['grid'] }]
  v['rooms'] = [...(v['rooms'] as unknown[]), { topic: GRID_ROOM, role: 'grid' }]
  return cfg
}

const ticket = (no: number) => bot.db.db.selectFrom('tickets').selectAll().where('no', '=', no).executeTakeFirstOrThrow()

describe('代报', () => {
  it('opens a ticket for a caller; the room hears it without the phone, the duty cadre keeps it', async () => {
    bot = await startBot({ config: config() })
    const sent = await bot.say('赵网格', '代报 张大娘 3号楼电视信号坏了，联系电话13812345678', null)
    const ack = sent.find(s => s.room === PUBLIC)!
    expect(ack.text).toBe('已受理 #1【其他】3号楼电视信号坏了（3号楼）\n今日值班：王书记，会尽快处理。\n（赵网格代张大娘登记）')
    expect(ack.mentions).toEqual([])
    for (const s of sent.filter(s => s.room !== null)) expect(s.text).not.toMatch(/1381|5678|\*\*\*\*/)
    const ping = sent.find(s => s.to === '王书记')!.text
    expect(ping).toContain('13812345678')
    expect(ping).toContain('报事人：张大娘 · 电话（赵网格代报）')
    expect(sent.find(s => s.to === '赵网格')!.text).toBe(`已代张大娘登记 #1，已在「${PUBLIC}」公示（不含电话）。办结后请电话告知张大娘。`)
    expect(await ticket(1)).toMatchObject({ reporter_name: '张大娘', reporter_id: null, text: '3号楼电视信号坏了，联系电话13812345678' })
    const [created] = await bot.db.db.selectFrom('ticket_events').select(['actor', 'actor_kind']).execute()
    expect(created).toEqual({ actor: '赵网格', actor_kind: 'cadre' })
  })

  it('goes to the room named first, never to the committee room, and keeps private matters out of rooms', async () => {
    bot = await startBot({ config: config() })
    let sent = await bot.say('王书记', `代报 ${GRID_ROOM} 李奶奶 五组的路灯不亮了`, null)
    expect(sent.find(s => s.room === GRID_ROOM)!.text).toMatch(/^已受理 #1/)
    expect(sent.some(s => s.room === PUBLIC)).toBe(false)
    expect(texts(await bot.say('王书记', `代报 ${COMMITTEE} 李奶奶 路灯不亮`, null))).toEqual([`「${COMMITTEE}」不是本村的村民群，不能代报到那里。`])
    sent = await bot.say('王书记', '代报 孙大爷 老伴住院了，想问问低保怎么申请', null)
    expect(sent.filter(s => s.room === PUBLIC || s.room === GRID_ROOM)).toEqual([])
    expect(sent.find(s => s.to === '王书记' && s.text.startsWith('已代'))!.text).toBe('已代孙大爷登记 #2。这是私密事项，不在群里公示，已私信值班干部。办结后请电话告知孙大爷。')
    expect(await ticket(2)).toMatchObject({ private: 1, room_id: null })
  })

  it('is for 网格员 and cadres only, and hints the form', async () => {
    bot = await startBot({ config: config() })
    expect(texts(await bot.say('李大爷', '代报 张大娘 电视坏了'))).toEqual(['这条命令只有村干部可以使用。有问题直接在群里说就行。'])
    expect(texts(await bot.say('王书记', '代报 张大娘', null))).toEqual(['格式：代报 报事人 情况，例如：代报 张大娘 3号楼电视信号坏了'])
  })
})

describe('公告', () => {
  it('previews privately, survives a restart, posts once to every villagers’ room on 确认公告, spaced', async () => {
    bot = await startBot({ config: config({ sending: { intervalMs: 1000, jitterMs: 0 } }) })
    // Typed in the villagers' room, the preview still goes only to the author.
    bot.world.inject({ from: '王书记', room: PUBLIC, text: '公告 明天上午9点在村委会发放取暖补贴，请带身份证。咨询电话13812345678' })
    await bot.world.settle()
    await bot.world.drain()
    const preview = bot.world.take()
    expect(preview.map(s => s.to)).toEqual(['王书记'])
    expect(preview[0]!.text.split('\n')).toEqual([
      `公告预览，将发到：${PUBLIC}、${GRID_ROOM}`,
      '━━━━━━━━',
      '📢【北社村公告】',
      '明天上午9点在村委会发放取暖补贴，请带身份证。咨询电话13812345678',
      '——王书记',
      '━━━━━━━━',
      '确认发送请回复“确认公告”，不发了回复“取消公告”。',
    ])

    const dbFile = bot.dbFile
    await bot.close()
    bot = await startBot({ dbFile, config: config({ sending: { intervalMs: 1000, jitterMs: 0 } }), start: '2026-11-23T09:00:00+08:00' })
    bot.world.inject({ from: '王书记', text: '确认公告' })
    await bot.world.settle()
    await bot.world.drain()
    const sent = bot.world.take()
    expect(sent.find(s => s.to === '王书记')!.text).toBe('公告已确认，正在发到 2 个村民群（按发送间隔逐个发出）。')
    const posts = sent.filter(s => s.room !== null)
    expect(posts.map(s => s.room)).toEqual([PUBLIC, GRID_ROOM])
    expect(posts[0]!.text).toBe('📢【北社村公告】\n明天上午9点在村委会发放取暖补贴，请带身份证。咨询电话138****5678\n——王书记')
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000)

    bot.world.inject({ from: '王书记', text: '确认公告' })
    await bot.world.settle()
    await bot.world.drain()
    expect(texts(bot.world.take())).toEqual(['没有待确认的公告。先发“公告 内容”，看过预览再确认。'])
  })

  it('取消公告 drops it; a new 公告 replaces the old preview; only admins may announce', async () => {
    bot = await startBot({ config: config() })
    await bot.say('王书记', '公告 周六大扫除', null)
    const again = await bot.say('王书记', '公告 周日大扫除', null)
    expect(again[0]!.text).toContain('（之前未确认的公告已作废）')
    const sent = await bot.say('王书记', '确认公告', null)
    expect(sent.filter(s => s.room !== null).map(s => s.text)).toEqual(['📢【北社村公告】\n周日大扫除\n——王书记', '📢【北社村公告】\n周日大扫除\n——王书记'])
    await bot.say('王书记', '公告 下周停水', null)
    expect(texts(await bot.say('王书记', '取消公告', null))).toEqual(['已取消，这条公告不会发出。'])
    expect(texts(await bot.say('王书记', '确认公告', null))).toEqual(['没有待确认的公告。先发“公告 内容”，看过预览再确认。'])
    expect(texts(await bot.say('刘委员', '公告 我也想发', null))).toEqual(['这条命令只有村干部可以使用。'])
  })

  it('lets a secretary of two villages name the village', async () => {
    const cfg = config() as { villages: Record<string, unknown>[] }
    cfg.villages.push({
      name: '南社村',
      rooms: [{ topic: '南社村说事群', role: 'public' }],
      cadres: [{ name: '王书记', roles: ['secretary'] }, { name: '周委员', roles: ['cadre'] }],
      duty: { mon: '周委员', tue: '周委员', wed: '周委员', thu: '周委员', fri: '周委员', sat: '周委员', sun: '周委员' },
    })
    bot = await startBot({ config: cfg })
    expect((await bot.say('王书记', '公告 南社村 明天停电检修', null))[0]!.text).toMatch(/^公告预览，将发到：南社村说事群\n/)
    expect(texts(await bot.say('王书记', '确认公告', null))[0]).toMatch(/^您同时负责北社村、南社村/)
    const sent = await bot.say('王书记', '确认公告 南社村', null)
    expect(sent.filter(s => s.room !== null).map(s => [s.room, s.text])).toEqual([['南社村说事群', '📢【南社村公告】\n明天停电检修\n——王书记']])
    expect(texts(await bot.say('王书记', '本周值班 南社村', null))[0]).toMatch(/^南社村本周值班/)
  })

  it('expires a preview after 24 hours', async () => {
    bot = await startBot({ config: config() })
    await bot.say('张主任', '公告 周六大扫除', null)
    await bot.clock.advanceBy(25 * 3_600_000)
    bot.world.take()
    expect(texts(await bot.say('张主任', '确认公告', null))).toEqual(['这条公告预览已超过 24 小时，已作废。请重新发“公告 内容”。'])
  })
})

describe('值班 / 换班 / 本周值班', () => {
  it('changes the weekly roster and a single day; pings and acks follow it, after a restart too', async () => {
    bot = await startBot({ config: config() })
    let sent = await bot.say('王书记', '值班 周三 刘委员', null)
    expect(sent.find(s => s.to === '王书记')!.text).toBe('已改值班表：以后每周三由刘委员值班。')
    expect(sent.find(s => s.to === '刘委员')!.text).toBe('【值班安排】王书记把您排进北社村值班表：以后每周三由您值班。')

    sent = await bot.say('张主任', '换班 明天 王书记', null)
    expect(sent.find(s => s.to === '张主任')!.text).toBe('已换班：11月24日（周二）由王书记值班（原张主任）。')
    expect(sent.find(s => s.to === '王书记')!.text).toBe('【值班安排】北社村 11月24日（周二）由您值班（张主任安排）。')

    const week = (await bot.say('李大爷', '本周值班'))[0]!.text.split('\n')
    expect(week).toEqual([
      '北社村本周值班（11-23—11-29）：',
      '👉周一 11-23 王书记',
      '· 周二 11-24 王书记（换班，原张主任）',
      '· 周三 11-25 刘委员（已改）',
      '· 周四 11-26 张主任',
      '· 周五 11-27 王书记',
      '· 周六 11-28 张主任',
      '· 周日 11-29 王书记',
    ])

    const dbFile = bot.dbFile
    await bot.close()
    bot = await startBot({ dbFile, config: config(), start: '2026-11-25T09:00:00+08:00' })
    sent = await bot.say('李大爷', '村北大街的井盖坏了')
    expect(sent.find(s => s.room === PUBLIC)!.text).toContain('今日值班：刘委员')
    expect(sent.filter(s => s.to !== null).map(s => s.to)).toEqual(['刘委员'])
    expect(texts(await bot.say('李大爷', '值班'))).toEqual(['北社村 11月25日（周三）值班：刘委员'])
    // The next Wednesday too: the weekly change stays.
    await bot.close()
    bot = await startBot({ dbFile, config: config(), start: '2026-12-02T09:00:00+08:00' })
    expect(texts((await bot.say('李大爷', '值班')).filter(s => s.room === PUBLIC))).toEqual(['北社村 12月2日（周三）值班：刘委员'])
  })

  it('lets only admins change the weekly roster, any cadre swap a day, and checks names and dates', async () => {
    bot = await startBot({ config: config() })
    expect(texts(await bot.say('刘委员', '值班 周三 刘委员', null))).toEqual(['改每周值班表只有书记、主任可以。临时换一天请用“换班 明天 干部姓名”。'])
    expect(texts(await bot.say('李大爷', '值班 周三 李大爷'))).toEqual(['这条命令只有村干部可以使用。'])
    expect(texts(await bot.say('李大爷', '换班 明天 李大爷'))).toEqual(['这条命令只有村干部可以使用。有问题直接在群里说就行。'])
    expect(texts(await bot.say('王书记', '值班 周八 张主任', null))).toEqual(['格式：值班 周几 干部姓名，例如：值班 周三 张主任'])
    expect(texts(await bot.say('王书记', '换班 明天 赵六', null))).toEqual(['「赵六」不是本村干部。可选：王书记、张主任、李调解、刘委员、赵网格'])
    expect(texts(await bot.say('王书记', '换班 11月1日 张主任', null))).toEqual(['日期已经过去了，请写今天或以后的日期。'])
    const sent = await bot.say('刘委员', '换班 周五 刘委员', null)
    expect(sent.find(s => s.to === '刘委员')!.text).toBe('已换班：11月27日（周五）由刘委员值班（原王书记）。')
    expect(sent.find(s => s.to === '王书记')!.text).toBe('【值班安排】北社村 11月27日（周五）改由刘委员值班，您当天不用值班。')
  })
})

describe('帮助 by role', () => {
  const lines = async (who: string) => (await bot.say(who, '帮助', null))[0]!.text
  it('shows each person only what they may do', async () => {
    bot = await startBot({ config: config() })
    const admin = await lines('王书记')
    const cadre = await lines('刘委员')
    const mediator = await lines('李调解')
    const grid = await lines('赵网格')
    expect(admin.split('\n')[0]).toMatch(/^您是书记\/主任/)
    for (const cmd of ['公告 内容', '同意延期 编号', '约谈 编号', '值班 周几 干部姓名', '吹哨 编号 单位']) expect(admin).toContain(cmd)
    expect(cadre.split('\n')[0]).toMatch(/^您是村干部/)
    for (const cmd of ['接单 编号', '延期 编号', '挂起 编号', '换班 日期', '代报 报事人']) expect(cadre).toContain(cmd)
    for (const cmd of ['公告', '同意延期', '约谈', '调解成功', '值班 周几']) expect(cadre).not.toContain(cmd)
    expect(mediator.split('\n')[0]).toMatch(/^您是调解员/)
    for (const cmd of ['约谈 编号', '调解成功 编号', '调解终止 编号', '回访 编号']) expect(mediator).toContain(cmd)
    expect(mediator).not.toContain('公告')
    expect(grid.split('\n')[0]).toMatch(/^您是网格员/)
    for (const cmd of ['代报 报事人', '待办', '查询 编号']) expect(grid).toContain(cmd)
    for (const cmd of ['接单 编号', '办结 编号', '延期 编号', '引用机器人的通知']) expect(grid).not.toContain(cmd)
    expect(await lines('李大爷')).not.toContain('接单')
  })
})
