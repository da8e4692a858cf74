// Where it is: 村北大街, 3号楼2单元, 五组的桥, 村委会门口, 东头, 小学门口, 老王家门口. Read from the
// text as typed (folded to ASCII digits), so what is shown is what the villager wrote.
import { fold } from '../text.js'

const NUM = '[0-9一二三四五六七八九十两]+'
const SURNAMES = '张王李赵刘陈杨黄周吴孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤牛'

const LANDMARKS = [
  '村口', '村头', '村尾', '村委会', '村委', '村部', '大队部', '党群服务中心', '小学', '中学', '学校', '幼儿园', '卫生室', '卫生院',
  '诊所', '小卖部', '超市', '商店', '市场', '菜市场', '集市', '广场', '文化广场', '戏台', '祠堂', '庙', '公厕', '垃圾站', '水塔',
  '水库', '池塘', '水塘', '河边', '河道', '河沿', '桥头', '桥上', '桥下', '桥底下', '大桥', '小桥', '桥', '涵洞', '十字路口', '路口',
  '丁字路口', '公交站', '车站', '老槐树', '大槐树', '老柳树', '养猪场', '养鸡场', '抽水站', '泵站', '变电站', '后山', '前山', '山上',
  '山坡', '楼道', '小区', '安置小区', '水渠', '大渠', '河堤', '大坝', '场院', '打谷场', '麦场', '操场', '篮球场', '养老院', '敬老院',
  '加油站', '停车场', '果园', '砖厂', '加工厂', '厂子', '坟地', '老宅', '大院', '公路边', '路边', '胡同口', '巷子口', '巷口',
  '卫生所', '粮站', '供销社', '快递站', '大棚', '晒场', '渡口', '码头', '活动中心', '老年活动中心',
  '活动室', '磨坊', '油坊', '村小(?![组卖队])', '健身广场', '(?<!充)电站', '桥洞',
]
const LANDMARK_ALT = [...LANDMARKS].sort((a, b) => b.length - a.length).join('|')
const BEFORE = `(?:村|小|大|老|新|文化|[东西南北中前后]{1,2}|${NUM}(?:组|队|社)的?)?`
const AFTER = '(?:门口|门前|前面|后面|后边|后头|旁边|边上|附近|对面|东侧|西侧|南侧|北侧|东边|西边|南边|北边|底下|下面|拐角|里面|那边|这边|跟前|里)?'

const PATTERNS: RegExp[] = [
  // 3号楼2单元, 六号楼三单元, 三单元, 5栋
  new RegExp(`${NUM}(?:号楼|栋|幢|号院)(?:${NUM}单元)?(?:${NUM}(?:楼|层|室|号))?|${NUM}单元`),
  // 五组的桥, 三组路口, 二组, 村三组, 七队
  new RegExp(`村?${NUM}(?:组|队|社)(?!织|长|员|合|成|件|装|团|的人)(?:(?:的|那边的|这边的)?(?:${LANDMARK_ALT}))?${AFTER}`),
  // 村北大街, 后街, 北街, 南街, 新村路 (directional or numbered street names)
  new RegExp(`(?:村?[东西南北中前后新老上下]{1,2}|${NUM}|十字|丁字|沿[河江湖渠山]|环村)(?:大街|街|路口|胡同|巷子?|路)${AFTER}`),
  // 东坡, 西沟, 北渠, 后洼: a direction and a piece of land is a place's name
  new RegExp(`(?:(?<![\\u4e00-\\u9fa5])|(?<=[村在的到去从]))[东西南北前后](?:沟|坡|洼|岭|岗|渠|坝|湾|塘)村?(?![东西南北子通位肉])${AFTER}`),
  // 村口, 村委会门口, 小学门口, 文化广场, 老槐树底下
  new RegExp(`${BEFORE}(?:${LANDMARK_ALT})${AFTER}`),
  // 村东头, 东头, 西边, 村南头, 村西
  new RegExp(`村[东西南北](?:头|边|面|侧)?(?:小桥|大桥|桥)?|[东西南北](?:头|边)(?:小桥|大桥|桥)?`),
  // 老王家门口, 李家门口, 我家门口
  new RegExp(`(?:[老小]?[${SURNAMES}]家|我家|我们家|俺家)(?:门口|门前|后面|旁边|院里|院子|厨房)`),
  new RegExp(`[老小][${SURNAMES}]家`),
]

/** A place named in the text, or null. */
export function findLocation(text: string): string | null {
  const t = fold(text)
  let best: { at: number; s: string } | undefined
  for (const re of PATTERNS) {
    const m = re.exec(t)
    if (!m || !m[0]) continue
    if (!best || m.index < best.at || (m.index === best.at && m[0].length > best.s.length)) best = { at: m.index, s: m[0] }
  }
  if (!best) return null
  // Keep the text as typed: fold is length-preserving, so the span maps back one to one.
  return text.slice(best.at, best.at + best.s.length).replace(/^[的在]|[的在]$/g, '') || null
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

function chineseNumber(s: string): string {
  return s.replace(/[一二两三四五六七八九]?十[一二三四五六七八九]?|[零一二两三四五六七八九]/g, m => {
    if (!m.includes('十')) return String(CN_DIGITS[m] ?? m)
    const [tens, ones] = m.split('十')
    return String((tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0))
  })
}

/** The comparable core of a place: digits for numerals, no filler words or position suffixes. */
export function placeKey(place: string): string {
  return chineseNumber(fold(place))
    .replace(/^村(?=[东西南北\d])/, '')
    .replace(/(门口|门前|前面|后面|后边|后头|旁边|边上|附近|对面|那边|那块|那段|拐角|里面|底下|下面|的|这边|那个|这个)/g, '')
}

/** Two places name the same spot when one contains the other (村北大街 / 北大街东头). Private homes never match. */
export function samePlace(a: string | null, b: string | null): boolean {
  if (!a || !b) return false
  if (/^(我|俺|我们|咱)家/.test(a) || /^(我|俺|我们|咱)家/.test(b)) return false
  const ka = placeKey(a)
  const kb = placeKey(b)
  if (ka.length < 2 || kb.length < 2) return ka === kb && ka.length > 0
  return within(kb, ka) || within(ka, kb)
}

/** `inner` occurs in `outer` without cutting a number: 1组 is not in 11组, 3号楼 not in 13号楼. */
function within(inner: string, outer: string): boolean {
  for (let at = outer.indexOf(inner); at >= 0; at = outer.indexOf(inner, at + 1)) {
    const before = outer[at - 1]
    const after = outer[at + inner.length]
    const cutsBefore = before !== undefined && /\d/.test(before) && /^\d/.test(inner)
    const cutsAfter = after !== undefined && /\d/.test(after) && /\d$/.test(inner)
    if (!cutsBefore && !cutsAfter) return true
  }
  return false
}
