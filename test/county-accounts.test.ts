// Accounts of a county on one database (both engines): a process serves the villages of its
// config, adopts them at start, and a village moved to another account takes its open tickets,
// roster and unsent messages along. Jobs of other accounts' villages are not this process's.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runDoctor } from '../src/doctor.js'
import { baseConfig, COMMITTEE, PUBLIC, RECOVERY, startBot, tempDir, texts, type TestBot } from './helpers.js'

let bot: TestBot | undefined
afterEach(async () => { await bot?.close(); bot = undefined })

const SOUTH_PUBLIC = '南社村村民说事群'
const SOUTH_COMMITTEE = '南社村两委群'

/** 北社村 (from the base config) and/or 南社村, served by `account`. */
function county(account: string, villages: ('北社村' | '南社村')[], sending: Record<string, number> = { intervalMs: 0, jitterMs: 0 }): Record<string, unknown> {
  const base = baseConfig() as { villages: Record<string, unknown>[] }
  const north = base.villages[0]!
  const south = {
    ...north, name: '南社村',
    rooms: [{ topic: SOUTH_PUBLIC, role: 'public' }, { topic: SOUTH_COMMITTEE, role: 'committee' }],
  }
  return {
    ...base, bot: { name: '村务助手', account }, sending,
    villages: villages.map(v => (v === '北社村' ? north : south)),
  }
}

async function close(): Promise<void> {
  await bot!.close()
  bot = undefined
}

describe('accounts and villages', () => {
  it('a village moved to another account brings its open tickets, roster and unsent messages', async () => {
    // Account a sends slowly: after the first message the rest wait in the outbox.
    bot = await startBot({ config: county('a', ['北社村'], { intervalMs: 60_000, jitterMs: 0 }) })
    const dbFile = bot.dbFile
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('王书记', '值班 周三 张主任', null)
    const waiting = await bot.db.db.selectFrom('outbox').select(['id', 'account']).where('status', '=', 'pending').execute()
    expect(waiting.length).toBeGreaterThanOrEqual(2)
    expect(new Set(waiting.map(r => r.account))).toEqual(new Set(['a']))
    await close()

    // Account a was banned: 北社村 now goes to account b (edit both configs, restart).
    bot = await startBot({ dbFile, config: county('b', ['北社村']), start: '2026-11-23T08:40:00+08:00' })
    const moved = () => bot!.db.db.selectFrom('outbox').select(['id', 'account', 'status']).where('id', 'in', waiting.map(r => r.id)).execute()
    expect((await moved()).map(r => `${r.account} ${r.status}`)).toEqual(waiting.map(() => 'b pending'))
    // b sends them.
    const sent = await bot.flush()
    expect(sent.length).toBe(waiting.length)
    expect((await moved()).every(r => r.status === 'sent')).toBe(true)
    expect(sent.some(s => s.to === '王书记' && s.text.includes('每周三由张主任值班'))).toBe(true)
    expect((await bot.db.db.selectFrom('villages').select('account').where('name', '=', '北社村').executeTakeFirstOrThrow()).account).toBe('b')
    // The open ticket and the roster change are the village's, so b works on them.
    const accepted = texts(await bot.say('王书记', '接单 1', COMMITTEE))
    expect(accepted.join('\n')).toContain('#1')
    const week = texts(await bot.say('王书记', '本周值班', null)).join('\n')
    expect(week).toContain('周三 11-25 张主任（已改）')
  })

  it('a village taken over from a stopped account asks its rooms to resend, and tells its admins', async () => {
    bot = await startBot({ config: { ...county('a', ['北社村']), ...RECOVERY } })
    const dbFile = bot.dbFile
    await close() // account a stops at 08:30 (banned): nothing serves 北社村 for an hour

    bot = await startBot({ dbFile, config: { ...county('b', ['北社村', '南社村']), ...RECOVERY }, start: '2026-11-23T09:30:00+08:00' })
    const sent = await bot.flush()
    const back = sent.filter(s => s.text.startsWith('机器人已恢复'))
    expect(back.map(s => s.room)).toEqual([PUBLIC])
    expect(back[0]!.text).toContain('11-23 08:30 至 11-23 09:30')
    const alerts = sent.filter(s => s.text.startsWith('【机器人换号提醒】'))
    expect(alerts.map(s => s.to).sort()).toEqual(['张主任', '王书记'])
    expect(alerts[0]!.text).toContain('北社村原来的机器人号（a）')
    expect(alerts[0]!.text).toContain('由 b 号接管')
    expect(sent.some(s => s.room === SOUTH_PUBLIC)).toBe(false)
  })

  it('says nothing when the village moves from an account that is still running (rebalancing)', async () => {
    bot = await startBot({ config: { ...county('a', ['北社村']), ...RECOVERY } })
    const dbFile = bot.dbFile
    await close()
    bot = await startBot({ dbFile, config: { ...county('b', ['北社村']), ...RECOVERY }, start: '2026-11-23T08:31:00+08:00' })
    const sent = await bot.flush()
    expect(sent.filter(s => s.text.startsWith('机器人已恢复') || s.text.startsWith('【机器人换号提醒】'))).toEqual([])
  })

  it('does not run the time limits of a village another account serves', async () => {
    // b serves 南社村 and takes a report there, then stops.
    bot = await startBot({ config: county('b', ['南社村']) })
    const shared = bot.dbFile
    await bot.say('孙大娘', '村南的路灯不亮了', SOUTH_PUBLIC)
    await close()
    // a serves 北社村 only; an hour later 北社村's ticket is chased, 南社村's is not a's to chase.
    bot = await startBot({ dbFile: shared, config: county('a', ['北社村']), start: '2026-11-23T08:31:00+08:00' })
    await bot.say('李大爷', '村北大街的井盖坏了', PUBLIC)
    await bot.clock.advanceBy(90 * 60_000)
    const steps = await bot.db.db.selectFrom('ticket_events').innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .innerJoin('villages', 'villages.id', 'tickets.village_id')
      .select(['villages.name', 'ticket_events.type']).where('ticket_events.type', 'like', 'sla_%').execute()
    expect(steps.some(s => s.name === '北社村')).toBe(true)
    expect(steps.filter(s => s.name === '南社村')).toEqual([])
    const rows = await bot.db.db.selectFrom('outbox').select('account').distinct().execute()
    expect(rows.map(r => r.account).sort()).toEqual(['a', 'b'])
  })

  it('doctor names the account, its villages, and villages served elsewhere', async () => {
    bot = await startBot({ config: county('a', ['北社村']) })
    const file = path.join(tempDir(), 'shuoshi.yaml')
    fs.writeFileSync(file, JSON.stringify(county('a', ['北社村'])))
    const mine = (await runDoctor({ configPath: file, dbUrl: bot.dbFile, now: bot.clock.now() })).lines.join('\n')
    expect(mine).toContain('机器人账号「a」服务 1 个村：北社村')
    const other = (await runDoctor({ configPath: file, dbUrl: bot.dbFile, now: bot.clock.now(), account: 'b' })).lines.join('\n')
    expect(other).toContain('机器人账号「b」还没有服务任何村')
    expect(other).toContain('北社村：现在由账号「a」服务')
  })
})
