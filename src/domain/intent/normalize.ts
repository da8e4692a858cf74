// The text the intent rules read: one canonical spelling for the many ways villagers type the
// same thing (dialect, homophone typos, emoji, missing punctuation). Never shown or stored.

/** WeChat's own emoji codes and placeholders: [捂脸] [红包] [图片]. */
const BRACKET_TOKEN_RE = /\[[^[\]\n]{1,8}\]/g
const EMOJI_RE = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D\u20E3]/gu
const MENTION_RE = /@[^\s\u2005@]{1,20}[\s\u2005]?/g

/**
 * Regional and spoken forms → one written form, so each rule is written once. Order matters:
 * longer forms first. These are features of how people write, not of any data set.
 */
const SPELLING: [RegExp, string][] = [
  // negation: 木有 / 冇得 / 莫得 / 没得 / 么有 … → 没
  [/木有|冇有|冇得|冇|么有|莫得|没得|没有/g, '没'],
  // pronouns: 俺 / 额 / 偶 / 咱 → 我(们)
  [/俺们|额们|偶们|咱们/g, '我们'],
  [/咱(?=村|这|那|组|家)/g, '我们'],
  [/俺|偶(?=家|们)|额(?=家|们|村|这)/g, '我'],
  // question words: 咋 / 为啥 / 啷个 … → 怎么; 啥 / 撒子 / 啥子 / 么子 → 什么
  [/咋个|咋地|咋的|咋|啷个|为啥|为什么|怎麽|怎样|怎地|怎么着|怎(?!么)/g, '怎么'],
  [/啥子|撒子|啥|神马|什麽|么子/g, '什么'],
  [/多会儿|多咱|啥时|什么时(?!候)/g, '什么时候'],
  // sentence particles: 啦 喽 咯 嘞 哒 → 了
  [/啦|喽|咯|嘞|哒(?=[。，]|$)/g, '了'],
  [/(坏|停|断|塌|漏|堵|倒|爆)勒/g, '$1了'],
  // places: 那嘎达 / 那旮旯 → 那边
  [/那嘎达|那旮旯|那疙瘩|那噶达/g, '那边'],
  // lights that are "blind" or "not bright" (北方/河南话) → 不亮
  [/灯(又|也|都|就)?(瞎了|不明了|不明|不着了)/g, '灯$1不亮'],
  // homophone typos seen in pinyin input
  [/路等|路登|路凳|路噔/g, '路灯'],
  [/井改/g, '井盖'],
  [/挺(?=水|电)/g, '停'],
  [/跳匝/g, '跳闸'],
  // 跳了三回闸: the count splits the word
  [/跳了?([0-9一二两三四五六七八九十几好]+)?(回|次|下|趟)?闸/g, '跳闸'],
  [/拉级|垃级|拉圾|垃极/g, '垃圾'],
  [/着伙|著火/g, '着火'],
  [/自来谁/g, '自来水'],
  [/下水到/g, '下水道'],
  [/电线杆子|电杆|电灯杆/g, '电线杆'],
  [/水管子/g, '水管'],
  [/闹矛盾|起矛盾/g, '闹矛盾'],
  // Cantonese and Wu aspect and negation: 坏咗 / 坏脱了 → 坏了, 唔 / 勿 → 不
  [/咗/g, '了'],
  [/(坏|断|塌|烂|漏|堵|停)脱(了)?/g, '$1了'],
  [/唔(?=[系好得通亮够])|勿(?=[好灵亮通来])/g, '不'],
  // 东北、河南、西南 words for broken, dirty, many: 歇菜 / 趴窝 / 完犊子 / 拉胯 → 坏了, 埋汰 → 脏
  [/歇菜|趴窝|完犊子|拉胯|掉链子|罢工了|嗝屁|报废/g, '坏了'],
  [/埋汰|邋遢|腌臜/g, '脏'],
  [/老鼻子|老多|贼多|海了去/g, '很多'],
  [/稀碎|稀巴烂|稀烂/g, '烂了'],
  [/黑蚊蚊|黑麻麻|黑咕隆咚|黑黢黢|黑漆漆|黑灯瞎火/g, '黑灯瞎火'],
  [/不中了|不中用|不顶用|不得行/g, '不好使'],
  [/瞅瞅|瞧瞧|瞄瞄|睇睇|睇下/g, '看看'],
  [/恁(?=[快来去赶])/g, '你们'],
  // voice-to-text fillers carry nothing: 那个那个, 就是说
  [/(那个){2,}|(就是){2,}|嗯+(?=[，\s])/g, '，'],
  // homophone typos in problem words: 不量 (亮), 暴了 (爆), 漏谁 (水)
  [/不量/g, '不亮'],
  [/(管|管子|水管|管道)暴/g, '$1爆'],
]

/**
 * A place named after something alarming (中风路, 塌河村, 火烧营, 炸鸡店) says where, not what
 * happened: its name is masked before the danger and problem rules read the text.
 */
const DANGER_CHARS = '塌火风炸烧断漏倒垮淹溺崩陷裂爆死伤毒刀杀困冲洪涝'
const PLACE_SUFFIX = '村|庄|屯|营|寨|堡|镇|乡|集|铺|店|馆|站|街|路(?![灯面基边口])|巷|岭|湾|坡|沟|河|桥|湖|山|寺|庙|厂|医院|诊所|药店|学校|酒店|饭店|超市'
const TOPONYM_RE = new RegExp(
  `(?<=^|[，。在到去从往回住过是和跟经近]|路过|经过|我们|那个|这个)(?!臭水|污水|脏水|积水|死水|断头|断了|倒了|塌了|漏了|火灾|着火|起火|大火|冲了|排洪|泄洪|防洪|溢洪|山洪|洪水|防火|灭火|风口|挡风|避风|漏风|漏水|倒塌)(?:[\\u4e00-\\u9fa5][${DANGER_CHARS}]|[${DANGER_CHARS}][\\u4e00-\\u9fa5])(?:${PLACE_SUFFIX})(?![了着过塌断漏倒垮烧裂陷坏堵冒起被又也都全没不])`,
  'g',
)
/** Cheap test first: most lines have no alarming character right before a place word. */
const TOPONYM_HINT = new RegExp(`[${DANGER_CHARS}][\\u4e00-\\u9fa5]?(?:${PLACE_SUFFIX})`)

export function canon(text: string): string {
  let t = text.normalize('NFKC').toLowerCase()
  t = t.replace(MENTION_RE, '，').replace(BRACKET_TOKEN_RE, '，').replace(EMOJI_RE, '，')
  for (const [re, to] of SPELLING) t = t.replace(re, to)
  t = t
    .replace(/[。！？!?；;\n\r]+/g, '。')
    .replace(/[,，、~～…·\s\t"“”'‘’「」《》()（）<>〈〉*#＃\-—_=+/\\|]+/g, '，')
    .replace(/[，。]*。[，。]*/g, '。')
    .replace(/，+/g, '，')
    .replace(/^[，。]+|[，。]+$/g, '')
  return TOPONYM_HINT.test(t) ? t.replace(TOPONYM_RE, '某地') : t
}

/** Whether anything is left once emoji, WeChat codes and punctuation are gone. */
export function isEmptyOfWords(text: string): boolean {
  return canon(text).replace(/[，。:：]/g, '') === ''
}
