// Every notice the bot decided to send goes out exactly once: across crashes between the
// transport call and the `sent` record, across failures of one message, and across a long
// disconnect in which nothing can be sent at all.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { STREETS } from '../bench/traffic.js'
import { WireLog } from '../src/adapter/mock.js'
import { HOUR, MINUTE } from '../src/time.js'
import { baseConfig, COMMITTEE, PUBLIC, RECOVERY, startBot, tempDir, texts, type TestBot } from './helpers.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

async function outbox(b: TestBot) {
  return b.db.db.selectFrom('outbox').selectAll().orderBy('id').execute()
}

describe('crash between the transport call and the `sent` record', () => {
  it('with a wire log: what reached WeChat is not sent again, what did not goes out once', async () => {
    const wireFile = path.join(tempDir(), 'wire.jsonl')
    bot = await startBot({ wireLog: wireFile })
    const first = await bot.say('李大爷', '村北大街的井盖坏了')
    expect(first).toHaveLength(3)
    const ack = (await outbox(bot)).find(r => r.kind === 'ack')!
    // The crash: the ack was on the wire but its row still says `sending`; another row was
    // marked `sending` and the process died before the transport call.
    await bot.db.db.updateTable('outbox').set({ status: 'sending' }).where('id', '=', ack.id).execute()
    const room = await bot.db.db.selectFrom('rooms').select('id').where('topic', '=', PUBLIC).executeTakeFirstOrThrow()
    const lost = await bot.db.db.insertInto('outbox').values({
      created_at: ack.created_at, account: 'default', priority: 1, kind: 'reply', room_id: room.id, person_id: null,
      text: '这条在崩溃前没有发出', mentions: null, file_path: null, ticket_id: null, merge_key: null,
      status: 'sending', attempts: 1, not_before: ack.created_at, sent_at: null, last_error: null,
    }).returning('id').executeTakeFirstOrThrow()
    const dbFile = bot.dbFile
    await bot.close()

    bot = await startBot({ dbFile, wireLog: wireFile, start: '2026-11-23T08:31:00+08:00' })
    expect(texts(await bot.flush())).toEqual(['这条在崩溃前没有发出'])
    const wire = new WireLog(wireFile).read()
    expect(wire.filter(l => l.covers.includes(ack.id))).toHaveLength(1)
    expect(wire.filter(l => l.covers.includes(lost.id))).toHaveLength(1)
    const rows = await outbox(bot)
    expect(rows.find(r => r.id === ack.id)!.status).toBe('sent')
    expect(rows.find(r => r.id === lost.id)!.status).toBe('sent')
  })

  it('settles merged acks by every row the one message covered', async () => {
    const wireFile = path.join(tempDir(), 'wire.jsonl')
    bot = await startBot({ wireLog: wireFile, config: baseConfig({ sending: { intervalMs: 1000, jitterMs: 0 } }) })
    for (const [who, text] of [['李大爷', '村北大街的井盖坏了'], ['赵大妈', '三组路灯又不亮了'], ['孙老汉', '五组停水了，都一上午了'], ['钱婶', '学校门口的下水道堵了']] as const) {
      bot.world.inject({ from: who, room: PUBLIC, text })
    }
    await bot.world.settle()
    await bot.world.drain()
    const merged = bot.world.take().filter(s => s.room === PUBLIC && s.text.startsWith('已收到'))
    expect(merged.length).toBeGreaterThan(0)
    const acks = (await outbox(bot)).filter(r => r.kind === 'ack')
    expect(acks.filter(r => r.status === 'merged').length).toBeGreaterThan(0)
    // Crash before the rows were updated: all of them still `sending`.
    await bot.db.db.updateTable('outbox').set({ status: 'sending' }).where('kind', '=', 'ack').execute()
    const dbFile = bot.dbFile
    await bot.close()

    bot = await startBot({ dbFile, wireLog: wireFile, start: '2026-11-23T08:32:00+08:00' })
    expect(await bot.flush()).toEqual([])
    const wire = new WireLog(wireFile).read()
    for (const a of acks) expect(wire.filter(l => l.covers.includes(a.id)), `ack ${a.id}`).toHaveLength(1)
  })

  it('without a wire log (web WeChat): marks them uncertain, never sends twice, and tells the admins', async () => {
    bot = await startBot({ config: baseConfig(RECOVERY) })
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.db.db.updateTable('outbox').set({ status: 'sending' }).where('kind', '=', 'ack').execute()
    const dbFile = bot.dbFile
    await bot.close()

    bot = await startBot({ dbFile, start: '2026-11-23T09:30:00+08:00', config: baseConfig(RECOVERY) })
    const startup = await bot.flush()
    expect(startup.filter(s => s.text.includes('已受理'))).toEqual([])
    expect((await outbox(bot)).find(r => r.kind === 'ack')!.status).toBe('uncertain')
    const alert = startup.find(s => s.kind === 'alert' && s.to === '王书记')!
    expect(alert.text).toContain('另有 1 条消息在机器人停止时正在发送，不确定是否发出')
  })
})

describe('failures', () => {
  it('retries one failing message with backoff and gives up after maxAttempts while others go through', async () => {
    bot = await startBot()
    const transport = bot.world.transport
    const findRoom = transport.findRoom.bind(transport)
    transport.findRoom = async topic => (topic === PUBLIC ? undefined : findRoom(topic))
    const sent = await bot.say('李大爷', '村北大街的井盖坏了')
    expect(sent.map(s => s.room ?? s.to).sort()).toEqual([COMMITTEE, '王书记'].sort())
    const times: number[] = []
    for (let i = 0; i < 8; i++) {
      const ack = (await outbox(bot)).find(r => r.kind === 'ack')!
      if (ack.status !== 'pending') break
      times.push(ack.not_before - bot.clock.now())
      await bot.clock.advanceTo(ack.not_before)
    }
    expect(times).toEqual([5_000, 10_000, 20_000, 40_000, 80_000])
    const ack = (await outbox(bot)).find(r => r.kind === 'ack')!
    expect(ack).toMatchObject({ status: 'failed', attempts: 6, last_error: `room not found: ${PUBLIC}` })
    // One bad room is not an outage.
    expect(await bot.db.db.selectFrom('outages').selectAll().execute()).toEqual([])
  })

  it('keeps everything queued through a long disconnect, then sends each message once and tells people', async () => {
    bot = await startBot({ config: baseConfig(RECOVERY) })
    const transport = bot.world.transport
    const send = transport.send.bind(transport)
    transport.send = async () => { throw new Error('ETIMEDOUT') }
    await bot.say('李大爷', '村北大街的井盖坏了')
    await bot.say('王书记', '接单 1', null)
    await bot.clock.advanceBy(2 * HOUR)
    const waiting = await outbox(bot)
    expect(waiting.every(r => r.status === 'pending')).toBe(true)
    expect(Math.max(...waiting.map(r => r.attempts))).toBeLessThanOrEqual(2)
    expect(await bot.db.db.selectFrom('outages').select(['reason', 'ended_at']).execute()).toEqual([{ reason: 'disconnect', ended_at: null }])

    transport.send = send
    await bot.clock.advanceBy(10 * MINUTE)
    await bot.world.drain()
    const sent = bot.world.take()
    const rows = await outbox(bot)
    expect(rows.filter(r => r.status !== 'sent' && r.status !== 'merged')).toEqual([])
    // Each original message once; the recovery notices once.
    for (const r of waiting) expect(sent.filter(s => s.text === r.text), r.text).toHaveLength(1)
    expect(sent.filter(s => s.text.startsWith('机器人已恢复'))).toHaveLength(1)
    expect(sent.filter(s => s.kind === 'alert').map(s => s.to).sort()).toEqual(['张主任', '王书记'])
    expect(sent.find(s => s.kind === 'alert')!.text).toContain('网络断开')
  })
})

describe('flood control', () => {
  it('sends urgent messages first, merges acks to one room however long the queue, and spaces sends', async () => {
    bot = await startBot({ config: baseConfig({ sending: { intervalMs: 1000, jitterMs: 0 } }) })
    // Sixty different streets: sixty matters, none taken for the same as another.
    for (let i = 0; i < 60; i++) bot.world.inject({ from: `村民${i}`, room: PUBLIC, text: `${STREETS[i]}的路灯不亮了` })
    bot.world.inject({ from: '李大爷', room: PUBLIC, text: '三组有人家着火了，冒烟了！' })
    await bot.world.settle()
    await bot.world.drain()
    const sent = bot.world.take()
    const start = sent[0]!.at
    expect(sent[0]!.to).toBe('王书记')
    expect(sent[0]!.text).toMatch(/🔴【紧急报事】北社村 #61/)
    expect(sent.slice(1, 3).every(s => s.priority === 0)).toBe(true)
    // 60 acks to one room: three messages of at most 20, listing every number once.
    const merged = sent.filter(s => s.room === PUBLIC && s.text.startsWith('已收到'))
    expect(merged).toHaveLength(3)
    const listed = merged.flatMap(m => [...m.text.matchAll(/#(\d+)/g)].map(x => Number(x[1])))
    expect(listed.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(1000)
    expect(sent.at(-1)!.at - start).toBeLessThan(sent.length * 1000 + 1000)
  })

  it('holds ordinary messages past the daily cap until the next day; urgent ones still go', async () => {
    bot = await startBot({ config: baseConfig({ sending: { intervalMs: 0, jitterMs: 0, dailyCap: 4 } }) })
    const first = await bot.say('李大爷', '村北大街的井盖坏了')
    expect(first).toHaveLength(3)
    const second = await bot.say('赵大妈', '三组路灯又不亮了')
    expect(second).toHaveLength(1)
    const urgent = await bot.say('孙老汉', '五组有人家着火了，冒烟了！')
    expect(urgent.every(s => s.priority === 0)).toBe(true)
    expect(urgent).toHaveLength(3)
    // A cadre who types a command past the cap still gets the answer; the room notice waits.
    const answer = await bot.say('王书记', '接单 2', null)
    expect(answer.map(s => s.text)).toEqual(['已接单 #2。办结后回复“办结 2 处理结果”。'])
    await bot.clock.advanceTo(Date.parse('2026-11-24T00:00:30+08:00'))
    // (The urgent ticket's time-limit reminders went out overnight despite the cap.)
    const midnight = Date.parse('2026-11-24T00:00:00+08:00')
    const next = bot.world.take().filter(s => s.at >= midnight)
    expect(next.slice(0, 2).map(s => s.text.split('\n')[0])).toEqual([
      '【新报事】北社村 #2【公共设施】三组路灯又不亮了（三组）',
      '【新报事】北社村 #2（公共设施）',
    ])
  })
})

describe('wire log', () => {
  it('ignores a torn last line (a crash in the middle of a write is not a delivery)', () => {
    const file = path.join(tempDir(), 'wire.jsonl')
    fs.writeFileSync(file, JSON.stringify({ covers: [1, 2], room: 'x', to: null, text: 'a' }) + '\n{"covers":[3')
    expect([...new WireLog(file).delivered([1, 2, 3])].sort()).toEqual([1, 2])
  })
})
