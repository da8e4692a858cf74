import { afterEach, describe, expect, it } from 'vitest'
import { COMMITTEE, PUBLIC, startBot, type TestBot } from './helpers.js'

let bot: TestBot
afterEach(async () => { await bot?.close() })

describe('a report from a villager to a closed ticket', () => {
  it('acknowledges a report in the room and pings the duty cadre privately', async () => {
    bot = await startBot()
    const sent = await bot.say('李大爷', '村北大街的井盖坏了，晚上看不见容易掉下去')
    const ack = sent.find(s => s.room === PUBLIC)
    expect(ack?.text).toMatch(/已受理 #1【道路交通】/)
    expect(ack?.text).toMatch(/今日值班：王书记/)
    expect(ack?.mentions).toEqual(['李大爷'])
    const ping = sent.find(s => s.to === '王书记')
    expect(ping?.text).toMatch(/【新报事】北社村 #1/)
    expect(ping?.text).toContain('村北大街的井盖坏了')
    expect(ping?.text).toContain('李大爷')
    expect(ping?.text).toContain(PUBLIC)
    expect(sent).toHaveLength(2)
  })
})
