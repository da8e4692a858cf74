// Intent v0: explicit triggers plus keyword cues. Its interface is what the bot depends on;
// the rules behind it are replaced by the measured parser (issue 3).
import { fold, normalize } from '../text.js'

export const CATEGORIES = [
  '道路交通', '水电气', '公共设施', '环境卫生', '安全隐患', '住房', '农业生产', '民生求助',
  '邻里纠纷', '婚姻家庭', '土地纠纷', '经济纠纷', '其他',
] as const
export type Category = typeof CATEGORIES[number]
export type Intent = 'report' | 'dispute' | 'none'
/** Which emergency number to tell people to call, if any. */
export type Emergency = '119' | '110' | '120' | null

export interface Classification {
  intent: Intent
  category: Category
  urgent: boolean
  emergency: Emergency
  location: string | null
  /** True when the person asked for a ticket in so many words (报事/报修/求助/调解/@bot). */
  explicit: boolean
  /** The text without the trigger word. */
  body: string
}

export interface ClassifyOptions {
  mentionsBot?: boolean
}

const TRIGGERS: [RegExp, Intent][] = [
  [/^(报事|报修|求助|反映|举报)[\s:：,，]*/, 'report'],
  [/^(调解|纠纷)[\s:：,，]*/, 'dispute'],
]

const CATEGORY_CUES: [Category, RegExp][] = [
  ['婚姻家庭', /家暴|离婚|打老婆|打媳妇|婆婆|儿媳|赡养|不养老人|分家|遗产/],
  ['土地纠纷', /宅基地|地界|地边|占(了)?我家(的)?地|耕地.*占|承包地/],
  ['经济纠纷', /欠(钱|款|账)|借钱不还|工钱|不还钱|赖账/],
  ['邻里纠纷', /邻居|隔壁|楼上|楼下|对门|吵架|骂人|打起来|打架|堵(了)?路|除草剂/],
  ['安全隐患', /着火|起火|冒烟|煤气|燃气味|漏电|电线.*(掉|断|垂)|火花|塌|危房|裂缝|被困|溺水|掉进/],
  ['水电气', /停水|停电|没水|没电|来电|水压|自来水|水管|漏水|爆管|电压|跳闸|燃气|天然气|暖气/],
  ['道路交通', /路面|坑|井盖|桥|路灯不|红绿灯|道路|马路|大街|路口|车辆|堵车|塌方/],
  ['公共设施', /路灯|广场|健身器材|公厕|厕所|垃圾桶|监控|喇叭|电梯/],
  ['环境卫生', /垃圾|臭|污水|脏|焚烧|粪|苍蝇|蚊子|死猫|死狗|杂草|排污/],
  ['住房', /房顶|漏雨|房子|墙(体)?倒|屋顶/],
  ['农业生产', /庄稼|玉米|小麦|麦子|大棚|灌溉|水渠|化肥|农药|虫害|猪|羊|牛|鸡/],
  ['民生求助', /低保|救助|困难|生病|老人.*(没人|多日|几天)|没饭|独居/],
]

const PROBLEM_RE = /坏了|坏掉|不亮|不通|停了|停水|停电|没水|没电|漏|堵|塌|断了|倒了|着火|起火|冒烟|煤气味|燃气味|漏电|火花|被困|积水|臭|乱倒|乱扔|乱堆|没人管|没人修|危险|隐患|坑|裂|爆|淹|脏|不出水|坏|破了|掉了|垮|咋又|怎么又|又不|啥时候来(电|水)/
const DISPUTE_RE = /邻居|隔壁|楼上|楼下|对门|吵架|骂人|打人|打架|打起来|欺负|霸占|占我|不讲理|凶|砸墙|纠纷|矛盾|不还|家暴|赔偿|赔我|打死了我家/
const NOISE_RE = /^(收到|好的?|ok|谢谢|感谢|辛苦了|👍|\[.+\])[!！。.~～]*$|修好了|已修好|已经修好|通知[:：]|温馨提示|公告|谁会|有没有人会|转发|早上好|晚上好|生日快乐/

const URGENT: [RegExp, Emergency][] = [
  [/着火|起火|失火|火灾|冒烟|烧起来/, '119'],
  [/煤气味|燃气味|煤气泄漏|燃气泄漏/, '119'],
  [/漏电|冒火花|电线.*(掉|断|垂|冒)/, '119'],
  [/被困|困在|掉进|溺水|塌了|倒塌|坍塌/, '119'],
  [/打起来|动刀|拿刀|砍人|家暴|打人了|打伤/, '110'],
  [/晕倒|昏迷|不省人事|出血|多日未出门|几天没出门|好几天没见/, '120'],
]

const LOCATION_RE = /(\d+号楼(?:\d+单元)?|\d+栋(?:\d+单元)?|[一二三四五六七八九十\d]+组(?:的桥|的路)?|[\u4e00-\u9fa5]{1,4}(?:大街|街道|街|路口|路|巷|桥|广场|小区|社区|村委会|学校|水库|渠))/

export function classify(input: string, opts: ClassifyOptions = {}): Classification {
  let original = input.trim()
  let explicit: Intent | null = null
  for (const [re, intent] of TRIGGERS) {
    const m = re.exec(fold(original))
    if (m) {
      explicit = intent
      original = original.slice(m[0].length).trim()
      break
    }
  }
  const text = normalize(original)
  if (!explicit && opts.mentionsBot) explicit = 'report'
  const category = categorize(text)
  const urgentHit = URGENT.find(([re]) => re.test(text))
  const base = {
    category,
    urgent: !!urgentHit,
    emergency: urgentHit ? urgentHit[1] : null,
    location: findLocation(original),
    body: original,
  }
  if (explicit) {
    const intent: Intent = explicit === 'report' && isDisputeCategory(category) ? 'dispute' : explicit
    return { ...base, intent, explicit: true, category: explicit === 'dispute' && !isDisputeCategory(category) ? '邻里纠纷' : category }
  }
  if (!text || NOISE_RE.test(text) && !urgentHit) return { ...base, intent: 'none', explicit: false }
  if (DISPUTE_RE.test(text) && (PROBLEM_RE.test(text) || /吵|骂|打|凶|占|不还|赔/.test(text))) {
    return { ...base, intent: 'dispute', explicit: false, category: isDisputeCategory(category) ? category : '邻里纠纷' }
  }
  if (urgentHit || (PROBLEM_RE.test(text) && category !== '其他')) return { ...base, intent: 'report', explicit: false }
  return { ...base, intent: 'none', explicit: false }
}

export function isDisputeCategory(c: Category): boolean {
  return c === '邻里纠纷' || c === '婚姻家庭' || c === '土地纠纷' || c === '经济纠纷'
}

function categorize(text: string): Category {
  for (const [cat, re] of CATEGORY_CUES) if (re.test(text)) return cat
  return '其他'
}

function findLocation(text: string): string | null {
  const m = LOCATION_RE.exec(text)
  return m ? (m[1] ?? null) : null
}
