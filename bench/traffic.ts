// Realistic mixed traffic for the benchmark, the flood and the crash test: several villages, each
// with a public room and a committee room; mostly chit-chat, some reports (a few urgent),
// disputes, cadre commands and 满意 answers. Seeded, so every run replays the same day.
import { seeded } from '../src/random.js'

export type Expect = 'chat' | 'report' | 'urgent' | 'dispute' | 'command' | 'feedback'

export interface TrafficMessage {
  room: string | null
  from: string
  text: string
  expect: Expect
  village: string
}

export interface TrafficVillage {
  name: string
  publicRoom: string
  committeeRoom: string
  secretary: string
  director: string
  mediator: string
  villagers: string[]
}

const VILLAGE_NAMES = ['北社村', '南社村', '东沟村', '西岭村', '前营村', '后营村', '张庄村', '李庄村', '河湾村', '石桥村']
const VILLAGER_NAMES = ['李大爷', '赵大妈', '孙老汉', '钱婶', '周大哥', '吴奶奶', '郑师傅', '王阿姨', '冯叔', '陈嫂', '褚大伯', '卫姐']

export function villageName(i: number): string {
  return VILLAGE_NAMES[i] ?? `第${i + 1}村`
}

export function trafficVillages(n: number): TrafficVillage[] {
  return Array.from({ length: n }, (_, i) => {
    const name = villageName(i)
    const short = name.replace(/村$/, '')
    return {
      name,
      publicRoom: `${name}村民说事群`,
      committeeRoom: `${name}两委群`,
      secretary: `${short}王书记`,
      director: `${short}张主任`,
      mediator: `${short}李调解`,
      villagers: VILLAGER_NAMES.map(v => `${short}${v}`),
    }
  })
}

/** A shuoshi.yaml (as an object) for these villages. */
export function trafficConfig(villages: TrafficVillage[], sending: Record<string, number> = { intervalMs: 0, jitterMs: 0 }): Record<string, unknown> {
  return {
    timezone: 'Asia/Shanghai',
    bot: { name: '村务助手' },
    sending,
    villages: villages.map(v => ({
      name: v.name,
      rooms: [{ topic: v.publicRoom, role: 'public' }, { topic: v.committeeRoom, role: 'committee' }],
      cadres: [
        { name: v.secretary, roles: ['secretary'] },
        { name: v.director, roles: ['director'] },
        { name: v.mediator, roles: ['mediator'] },
      ],
      duty: { mon: v.secretary, tue: v.director, wed: v.secretary, thu: v.director, fri: v.secretary, sat: v.director, sun: v.secretary },
    })),
  }
}

const CHAT = [
  '收到', '好的', '谢谢', '辛苦了', '[红包]', '[图片]', '大家早上好！', '今天赶集吗？', '哈哈哈', '👍👍',
  '吃了吗', '晚上广场跳舞的别忘了', '明天下雨，晒的东西记得收', '谁家孩子的作业本落我这了', '恭喜恭喜',
  '通知：明天上午九点村委会开会', '我在县城，晚点回', '好的好的，知道了', '这个视频挺有意思', '有人一起去镇上吗',
  '今年的收成还不错', '下午三点发放慰问品', '@所有人 记得交医保', '天冷了多穿点', '哪家的狗跑出来了',
]
/**
 * Chit-chat that is never the same twice (numbers, dates): real groups repeat their acks but not
 * their conversation, so a memo of classifications must not get every line for free.
 */
const ONE_OFF_CHAT = [
  (n: number, m: number) => `今天赶集花了${n}块钱，买了${m}斤苹果`,
  (n: number, m: number) => `明天${m % 12 + 1}点${n % 60}分的车去镇上，有人一起吗`,
  (n: number, m: number) => `我家孙子考了${n % 100}分，比上回多${m % 30}分`,
  (n: number, m: number) => `${m % 12 + 1}月${n % 28 + 1}号我家办喜事，大家来喝喜酒`,
  (n: number, m: number) => `今天走了${n * 10}步，比昨天多${m}步`,
  (n: number, m: number) => `今天卖了${n}个鸡蛋，挣了${m}块钱`,
  (n: number, m: number) => `昨天打牌赢了${n}块，今天又输了${m}块`,
  (n: number, m: number) => `广场舞今晚${m % 3 + 7}点半开始，${n % 20 + 5}个人报名了`,
]
const LOCATIONS = ['一组', '二组', '三组', '五组', '七组', '村北大街', '东头路口', '学校门口', '村委会', '老槐树巷', '西大街', '南渠']
const REPORTS = [
  (l: string) => `${l}的井盖坏了，晚上看不见`,
  (l: string) => `${l}路灯又不亮了，黑灯瞎火的`,
  (l: string) => `${l}停水了，都一上午了`,
  (l: string) => `${l}垃圾堆了好几天没人管，臭得很`,
  (l: string) => `${l}路面有个大坑，车都过不去`,
  (l: string) => `${l}水管爆了，到处是水`,
  (l: string) => `${l}的下水道堵了，污水往外冒`,
]
const URGENT = [
  (l: string) => `${l}有人家着火了，冒烟了！`,
  (l: string) => `${l}闻到很大的煤气味`,
  (l: string) => `${l}电线掉下来了还冒火花`,
]
const DISPUTES = [
  '邻居把垃圾倒我家门口，说他还骂人',
  '隔壁装修天天砸墙，跟他说了还凶',
  '楼上漏水到我家，邻居不讲理',
]

/**
 * Sixty street names, none inside another (so no two reports are taken for the same matter) and
 * none read as an emergency (中风 is a stroke).
 */
export const STREETS = [...'东西南北前后新老上下'].flatMap(a => [...'风河林塘园湾'].map(b => `${a}${b}路`))

/** `n` reports about different places (a flood of distinct matters). */
export function distinctReports(n: number, seed = 1): string[] {
  const rnd = seeded(seed)
  const what = ['的路灯不亮了', '的井盖坏了', '的下水道堵了，污水往外冒', '路面有个大坑，车都过不去', '垃圾堆了好几天没人管，臭得很']
  return Array.from({ length: n }, (_, i) => `${STREETS[i % STREETS.length]}${what[Math.floor(rnd() * what.length)]}`)
}

export interface MixOptions {
  count: number
  seed?: number
  /** Shares of each kind; chit-chat takes the rest. */
  reports?: number
  urgent?: number
  disputes?: number
  commands?: number
  feedback?: number
  /** Share of chit-chat lines that are one-off sentences rather than the usual repeated phrases. */
  oneOffChat?: number
}

/**
 * `count` messages across the villages. Report texts carry a serial so each is unique (the crash
 * test maps tickets back to messages by text). Commands refer to tickets the village has had.
 */
export function mixedTraffic(villages: TrafficVillage[], o: MixOptions): TrafficMessage[] {
  const rnd = seeded(o.seed ?? 1)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const share = { reports: o.reports ?? 0.1, urgent: o.urgent ?? 0.005, disputes: o.disputes ?? 0.03, commands: o.commands ?? 0.06, feedback: o.feedback ?? 0.01 }
  const reported = new Map<string, number>()
  const out: TrafficMessage[] = []
  let serial = 0
  for (let i = 0; i < o.count; i++) {
    const v = pick(villages)
    const r = rnd()
    const who = pick(v.villagers)
    let edge = share.reports
    if (r < edge) {
      out.push({ village: v.name, room: v.publicRoom, from: who, text: `${pick(REPORTS)(pick(LOCATIONS))}（${++serial}）`, expect: 'report' })
      reported.set(v.name, (reported.get(v.name) ?? 0) + 1)
      continue
    }
    if (r < (edge += share.urgent)) {
      out.push({ village: v.name, room: v.publicRoom, from: who, text: `${pick(URGENT)(pick(LOCATIONS))}（${++serial}）`, expect: 'urgent' })
      reported.set(v.name, (reported.get(v.name) ?? 0) + 1)
      continue
    }
    if (r < (edge += share.disputes)) {
      out.push({ village: v.name, room: v.publicRoom, from: who, text: `${pick(DISPUTES)}（${++serial}）`, expect: 'dispute' })
      reported.set(v.name, (reported.get(v.name) ?? 0) + 1)
      continue
    }
    if (r < (edge += share.commands)) {
      const n = reported.get(v.name) ?? 0
      const no = 1 + Math.floor(rnd() * Math.max(1, n))
      const cadre = rnd() < 0.5 ? v.secretary : v.director
      const cmd = n === 0 ? '待办' : pick([`接单 ${no}`, `进展 ${no} 已联系施工队`, `办结 ${no} 已处理好`, `查询 ${no}`, '待办', '值班'])
      out.push({ village: v.name, room: rnd() < 0.5 ? v.committeeRoom : null, from: cadre, text: cmd, expect: 'command' })
      continue
    }
    if (r < (edge += share.feedback)) {
      out.push({ village: v.name, room: v.publicRoom, from: who, text: '满意', expect: 'feedback' })
      continue
    }
    // Drawn only when asked for, so other users of a seed (the crash test) see the same traffic.
    const text = o.oneOffChat && rnd() < o.oneOffChat
      ? pick(ONE_OFF_CHAT)(Math.floor(rnd() * 997) + 3, Math.floor(rnd() * 89) + 1)
      : pick(CHAT)
    out.push({ village: v.name, room: v.publicRoom, from: who, text, expect: 'chat' })
  }
  return out
}

/** The people a mock world must create up front, with the rooms they are in. */
export function trafficPeople(villages: TrafficVillage[]): { name: string; rooms: string[] }[] {
  return villages.flatMap(v => v.villagers.map(name => ({ name, rooms: [v.publicRoom] })))
}
