// Nothing anyone types can crash the bot: random text, 100 KB pastes, emoji, control characters,
// SQL-looking text, unknown rooms, strangers, every command with missing or absurd arguments, and
// bad config values. No stack trace reaches a chat, a person who typed a command gets a short
// Chinese hint, and the tickets are untouched where they should be.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seeded } from '../src/random.js'
import { commands } from '../handlers/index.js'
import { ConfigError, parseConfig } from '../src/config.js'
import type { Logger } from '../src/log.js'
import type { SentRecord } from '../src/adapter/mock.js'
import { baseConfig, budget, COMMITTEE, PUBLIC, startBot, type TestBot } from './helpers.js'

let bot: TestBot
let errors: string[]

/** A logger that remembers errors: a handler that threw is a failure even if the bot carried on. */
function capture(): Logger {
  return {
    debug() {}, info() {}, warn() {},
    error(msg) { errors.push(msg) },
  }
}

beforeEach(async () => {
  errors = []
  // Thousands of replies in one virtual day: lift the daily cap, which would rightly hold them.
  bot = await startBot({ config: baseConfig({ sending: { intervalMs: 0, jitterMs: 0, dailyCap: 100_000 } }) })
  ;(bot.world.app as unknown as { log: Logger }).log = capture()
  // The pipeline and the router log through the services they were given.
  const services = (bot.world.app.pipeline as unknown as { d: { log: Logger; services: { log: Logger } } }).d
  services.log = capture()
  services.services.log = capture()
  await bot.say('李大爷', '村北大街的井盖坏了')
  await bot.say('赵大妈', '三组路灯又不亮了')
  await bot.say('王书记', '接单 2', null)
})
afterEach(async () => { await bot?.close() })

const LEAK = /\bat \S+ \(|Error:|TypeError|ReferenceError|\.ts:\d+|node_modules|\bundefined\b|\bNaN\b|\[object |SQLITE|stack/i
const CJK = /[\u4e00-\u9fa5]/

function rand(rnd: () => number, n: number): string {
  const pools = [
    () => String.fromCharCode(0x4e00 + Math.floor(rnd() * 0x5000)),
    () => String.fromCharCode(32 + Math.floor(rnd() * 95)),
    () => String.fromCharCode(Math.floor(rnd() * 32)),
    () => ['😀', '👍', '🔥', '🙏', '\u200b', '\u202e', '\ufeff', '\ud800', '＃', '１', '\u3000', '「', '」', '\n', '- - -'][Math.floor(rnd() * 15)]!,
  ]
  let s = ''
  for (let i = 0; i < n; i++) s += pools[Math.floor(rnd() * pools.length)]!()
  return s
}

const NASTY = [
  '', ' ', '\n\n\n', '\u0000\u0001\u0002', '😀😀😀🔥🔥', '👍', '\u202e反转\u202c', '\ud800\udc00\ud800',
  "'; DROP TABLE tickets; --", '1 OR 1=1', '" OR ""="', 'Robert\'); DELETE FROM outbox;--', '%s%s%n', '${process.exit()}',
  '<script>alert(1)</script>', '@村务助手', '@村务助手 ', '「」\n- - - - - - - - - - - - - - -\n', '「王书记：#1」\n- - - - - - - - - - - - - - -\n',
  'a'.repeat(100_000), '报事 ' + '井盖坏了'.repeat(25_000), '电线'.repeat(50_000), '老人'.repeat(50_000) + '没', '#'.repeat(10_000),
  '9'.repeat(5_000), '１２３４５６７８９０'.repeat(100), '满意 99999999999999999999', '不满意' + '。'.repeat(10_000),
]

const ABSURD_ARGS = [
  '', ' ', '99999999999999999999', '-1', '0', '#', '#abc', '1.5', '1e10', 'NaN', '１２３', '＃１', '1号号号', '0x10',
  "1'; DROP TABLE tickets;--", '1 张三', '1 99999999999999999999', '99999999999999999999 1', '南社村 1', '北社村', '北社村 99999999999999999999',
  '1 ' + 'x'.repeat(100_000), '😀', '\u0000', '1 😀😀', '2 2', '1 王书记', '1 ' + '\u202e'.repeat(10),
]

async function snapshot(b: TestBot): Promise<string> {
  const t = await b.db.db.selectFrom('tickets').selectAll().orderBy('id').execute()
  const e = await b.db.db.selectFrom('ticket_events').selectAll().orderBy('id').execute()
  return JSON.stringify([t, e])
}

/** No stack trace or internals in anything sent; words the person typed may be echoed back. */
function noLeaks(sent: SentRecord[], context: string, typed = ''): void {
  const words = typed.split(/\s+/).filter(w => w.length >= 2 && w.length < 200)
  for (const s of sent) {
    let text = s.text
    for (const w of words) text = text.split(w).join('')
    expect(text, context).not.toMatch(LEAK)
    expect(s.text.length, context).toBeLessThan(5_000)
  }
}

async function stillWorks(): Promise<void> {
  const sent = await bot.say('孙老汉', '五组停水了，都一上午了')
  expect(sent.find(s => s.room === PUBLIC)!.text).toMatch(/^已受理 #\d+/)
  expect(errors).toEqual([])
}

describe('bad input', () => {
  it('random and nasty text in every kind of chat: no crash, no leak, no reply to noise from strangers or unknown rooms', async () => {
    const rnd = seeded(20261123)
    const inputs = [...NASTY, ...Array.from({ length: 60 }, (_, i) => rand(rnd, 1 + Math.floor(rnd() * (i % 10 === 0 ? 3000 : 40))))]
    for (const text of inputs) {
      const label = JSON.stringify(text.slice(0, 40))
      for (const [from, room] of [['李大爷', PUBLIC], ['王书记', COMMITTEE], ['王书记', null], ['路人甲', null], ['李大爷', '别的村的群']] as const) {
        const before = await snapshot(bot)
        const sent = await bot.say(from, text, room)
        noLeaks(sent, label, text)
        if (room === '别的村的群') {
          expect(sent, label).toEqual([])
          expect(await snapshot(bot), label).toBe(before)
        }
        for (const s of sent) expect(s.text, label).toMatch(CJK)
      }
    }
    // Media and recalls with nonsense in them.
    await bot.world.post({ from: '李大爷', room: PUBLIC, type: 'recall', text: "'; DROP TABLE tickets;--" })
    await bot.world.post({ from: '李大爷', room: PUBLIC, type: 'recall', text: '' })
    await bot.world.post({ from: '李大爷', room: PUBLIC, type: 'image' })
    noLeaks(bot.world.take(), 'media')
    await stillWorks()
  }, budget(120_000))

  it('every command, every alias, with missing or absurd arguments: a short Chinese hint, tickets untouched', async () => {
    let checked = 0
    for (const command of commands) {
      for (const alias of command.aliases) {
        for (const arg of ABSURD_ARGS) {
          const text = arg ? `${alias} ${arg}` : alias
          const what = `${command.name}: ${JSON.stringify(text.slice(0, 50))}`
          for (const [from, room] of [['王书记', null], ['王书记', COMMITTEE], ['李大爷', PUBLIC], ['路人甲', null]] as const) {
            const before = await snapshot(bot)
            const sent = await bot.say(from, text, room)
            const label = `${from}@${room ?? '私聊'} ${what}`
            noLeaks(sent, label, text)
            const answers = sent.filter(s => (room ? s.room === room : s.to === from))
            // Whoever typed something that reads as a command hears back, in Chinese.
            if (bot.world.app.router.match(text)) {
              expect(answers.length, label).toBeGreaterThanOrEqual(1)
              for (const a of answers) expect(a.text, label).toMatch(CJK)
            }
            // An absurd ticket number or unknown village where a ticket is expected, a stranger or a villager using a cadre's command changes nothing.
            const absurdTicket = command.args.startsWith('ticket') && /^(9{20}|NaN|#abc|南社村|北社村 9)/.test(arg)
            if (absurdTicket || from === '路人甲' || (from === '李大爷' && command.level !== 'villager')) {
              expect(await snapshot(bot), label).toBe(before)
              for (const a of answers) expect(a.text.length, label).toBeLessThan(200)
            }
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000)
    await stillWorks()
  }, budget(300_000))
})

describe('a handler that throws', () => {
  it('answers the person with a short apology, records the message as failed, and spares the rest of its batch', async () => {
    const accept = commands.find(c => c.name === 'accept')!
    const run = accept.run
    accept.run = async () => { throw new Error('boom at handlers/accept.ts:12') }
    try {
      const before = await snapshot(bot)
      bot.world.inject({ from: '孙老汉', room: PUBLIC, text: '五组停水了，都一上午了' })
      const bad = bot.world.inject({ from: '王书记', room: COMMITTEE, text: '接单 1' })
      bot.world.inject({ from: '钱婶', room: PUBLIC, text: '七组的井盖坏了' })
      await bot.clock.advanceBy(0)
      const sent = bot.world.take()
      noLeaks(sent, 'throwing handler')
      expect(sent.find(s => s.room === COMMITTEE && s.text.startsWith('处理这条消息时出了点问题'))).toBeDefined()
      // The two reports in the same batch were still handled (their acks may be merged into one).
      const acked = sent.filter(s => s.room === PUBLIC && /^已(受理|收到) #/.test(s.text)).flatMap(s => [...s.text.matchAll(/#(\d+)/g)].map(m => m[1]))
      expect(acked.sort()).toEqual(['3', '4'])
      const row = await bot.db.db.selectFrom('inbox').selectAll().where('msg_id', '=', bad).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ status: 'error', error: 'boom at handlers/accept.ts:12' })
      const after = JSON.parse(await snapshot(bot)) as [{ no: number; status: string }[], unknown[]]
      expect(after[0].find(t => t.no === 1)!.status).toBe(JSON.parse(before)[0][0].status)
      expect(errors.length).toBeGreaterThan(0)
      errors = []
    } finally {
      accept.run = run
    }
  })
})

describe('bad config values', () => {
  it('is always a ConfigError in Chinese naming the key, never a crash', () => {
    const rnd = seeded(7)
    const values: unknown[] = [null, -1, 0, 1e12, 'x', '', '😀', [], {}, true, '25:99', 'Mars/Olympus', [null], { a: 1 }, 'comittee', NaN, Infinity]
    const paths: (string | number)[][] = [
      ['timezone'], ['bot'], ['bot', 'name'], ['bot', 'account'], ['sending'], ['sending', 'intervalMs'], ['sending', 'dailyCap'],
      ['recovery', 'announceAfterMinutes'], ['villages'], ['villages', 0], ['villages', 0, 'name'], ['villages', 0, 'rooms'],
      ['villages', 0, 'rooms', 0, 'role'], ['villages', 0, 'rooms', 0, 'topic'], ['villages', 0, 'cadres', 0, 'roles'],
      ['villages', 0, 'cadres', 0, 'roles', 0], ['villages', 0, 'duty', 'mon'], ['villages', 0, 'duty'], ['villages', 0, 'digest'],
      ['villages', 0, 'feedbackDays'], ['unknownKey'], ['villages', 0, 'cadres', 5],
    ]
    let rejected = 0
    for (let i = 0; i < 400; i++) {
      const raw = baseConfig() as Record<string, unknown>
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
        const p = paths[Math.floor(rnd() * paths.length)]!
        let node = raw as Record<string | number, unknown>
        for (const key of p.slice(0, -1)) {
          if (node[key] === null || typeof node[key] !== 'object') node[key] = {}
          node = node[key] as Record<string | number, unknown>
        }
        node[p.at(-1)!] = structuredClone(values[Math.floor(rnd() * values.length)])
      }
      try {
        parseConfig(raw, 'fuzz.yaml')
      } catch (e) {
        expect(e, JSON.stringify(raw).slice(0, 300)).toBeInstanceOf(ConfigError)
        const err = e as ConfigError
        expect(err.message).toContain('配置文件有误：fuzz.yaml')
        for (const p of err.problems) expect(p).toMatch(CJK)
        rejected++
      }
    }
    expect(rejected).toBeGreaterThan(300)
  })
})
