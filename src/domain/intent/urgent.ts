// Danger to life or property now, and which number to tell people to call. A hazard word after
// 容易/注意/防/别 … is advice, not an emergency; one after 没/不是 is denied.
import type { Category, Emergency } from './index.js'
import { HYPOTHETICAL } from './lexicon.js'

export type Danger = 'fire' | 'gas' | 'electric' | 'violence' | 'collapse' | 'trapped' | 'accident' | 'selfharm' | 'medical' | 'unseen' | 'missing' | 'security'

interface Rule {
  danger: Danger
  re: RegExp
  emergency: Emergency
  category: Category
}

const PERSON = '孩子|小孩|老人|大爷|奶奶|爷爷|老太太|老太|老头|我爸|我妈|他爸|她妈|儿子|女儿|闺女|婆婆|有人|个人'
const ELDER = '(?<![我俺咱])(?:一个人(?:在家|住|过(?![年节来去]))|独自(?:在家|住|生活))|老人|大爷|奶奶|爷爷|婆婆|老太太|老太|老头|老[\\u4e00-\\u9fa5]头|独居|孤寡|老两口|五保户|老[\\u4e00-\\u9fa5](?=[家]?[^\\u4e00-\\u9fa5]|几|好|三|两|没|都)|[\\u4e00-\\u9fa5](?:奶奶|爷爷|大爷|婆婆|大娘|大妈)'
const DAYS = '几天|好几天|两天|三天|多日|好久|一天一夜|[0-9一二三四五六七八九十两]+天'
const UNSEEN = '没出门|没开门|没见|没出来|没动静|没接电话|没人应|没应|未出门|没露面|没倒垃圾|没看到|没看见|联系不上|没开火|没生火|没冒烟'

/** In order: the first danger found decides the number. */
const RULES: Rule[] = [
  { danger: 'fire', emergency: '119', category: '安全隐患', re: /着火|起火|失火|火灾|山火|大火|火势|(草垛|柴垛|柴火|房子|屋|麦秸|秸秆|垛|车|电动车|厨房|锅|油锅|哪家|谁家|楼)(子)?着了|(屋里|屋子里|满屋|楼道里?|家里)(子)?(全|都)是烟|满屋(子)?烟|烧起来|烧着了|着了火|油锅着|火很大|火好大|火老大|火太大|明火|冒黑烟|冒烟|浓烟|火苗|火光|冒火(?!花)|烧焦(的)?(味|糊味)|焦糊味|(屋|房|家|楼).{0,6}(糊味|焦味)|火(往外|往上)?(窜|蹿)|火舌|烧(着|到)(了)?(房|屋|院|草|林|山|麦)/ },
  { danger: 'gas', emergency: '119', category: '安全隐患', re: /(煤气|燃气|天然气|液化气)(罐|瓶|管|管道|表|灶)?(味|泄漏|泄露|漏了|漏气|漏|管.{0,4}(断|破|漏))|漏气|冒气|闻(到|着|见)(像)?.{0,4}(煤气|燃气|天然气|液化气)|(煤气|燃气|天然气|液化气)(罐|瓶|管|管子|管道|表|灶|阀门|阀)?.{0,6}(呲呲|嘶嘶|滋滋|一屋子味|满屋子味|一股味|味儿|味道|有味)|煤气中毒|一氧化碳/ },
  { danger: 'electric', emergency: '119', category: '安全隐患', re: /漏电|冒火花|打火花|电火花|火花|火星|打火(?!机)|(电线|高压线|电缆|火线|电源线|路灯线|灯线|线路).{0,8}(断|掉|垂|耷拉|落地|冒|打火|拉下来|扯下来|拽下来)|电(死|到|着)(了)?(人|狗|牛|羊|猪|孩子)|触电|被电(?=[了到着伤死晕倒击]|一下)|(配电房|配电室|配电箱|变电箱|电表箱|变压器).{0,8}(进水|泡水|泡在水|淹了|被淹|冒烟|冒火|炸了|爆了)/ },
  { danger: 'violence', emergency: '110', category: '邻里纠纷', re: /(在|正在)打(人|老人|孩子|小孩|女人|她|他)|打起来|打架|动手(了)?|动刀|持刀|拿(着)?刀|动(起|了)?(刀|刀子|家伙)|抄(起)?(家伙|刀|棍|棍子|铁锹|斧头|锄头|板砖)|拿(着)?(棍|棍子|棒子|铁锹|斧子|斧头|锄头|镰刀|砍刀|菜刀|板砖).{0,4}(打|砍|追|要|冲|吓|堵|找|闹|上门|干)|干起来|打成一团|打得(满脸|满头|一脸|头上|鼻子).{0,3}血|满脸是血|满头是血|一脸的血|把(她|他|我|人|老婆|媳妇|孩子|老人|我妈|我爸).{0,2}打(得|伤|晕|昏|哭|跑|出血)|砍人|杀人|要杀|打人|打伤|打我(?!电话|手机|微信)|被打|挨打|打她|打他|打老婆|打媳妇|家暴|见血|头破|头都破|打得.{0,4}(流血|住院)|抢劫|持械|砸东西|打砸|砸门|砸玻璃|推搡|推推搡搡|撕扯|扭打|揪(着)?头发|掐脖子|砸(了)?家|把家(里)?(都)?砸/ },
  { danger: 'collapse', emergency: '119', category: '安全隐患', re: /(房子|房|屋|墙|桥|楼|房顶|屋顶|电线杆|山).{0,6}(塌了(?!一块|一角|个|一点|一小|一截)|倒塌|坍塌|垮了|快垮|要垮|快塌|要塌|倒了.{0,6}(压|砸)|快倒了|要倒了)|随时(要|会|可能)?(塌|倒|垮)|(倒|塌)(了)?.{0,8}(有人在(下面|里面)|人在(下面|里面)|压着人|埋了人|压住人)|(桥|桥面|桥墩|房梁)(都|全)?断了|压住人|砸到人|砸伤|砸(到|中|着|倒)(了)?(一个|个|两个|俩)?(人|过路|路过|行人)|(塔吊|吊臂|脚手架)[^把，。]{0,10}(摇晃|晃动|晃得|乱晃|晃来晃去|要倒|快倒|歪了|倒了|掉下来|要掉|快掉)|(广告牌|招牌|铁皮棚|彩钢棚)[^把，。]{0,8}(风|晃)[^，。]{0,8}(晃|要倒|快倒|要掉|快掉|掉下来|刮下来|吹下来)|滑坡|塌方|山洪|涨水|发大水|((?<![污脏臭雨积下])水|河水|洪水)(涨|漫|冲|淹).{0,8}(村|屋|房|家|院)|泥石流|决口|决堤|漫堤|溃坝|(大坝|坝|堤).{0,4}(渗水|漏水|裂)|洪水|大水冲|(水|大水).{0,4}(漫|灌|冲)(进|到)?(屋|房|家)|(房子|屋子|家里)(被)?淹|救命|山体.{0,6}(滑|塌|崩|垮|裂|往下)|(土|泥|石头|石块|山石).{0,6}(往下(滑|掉|滚|冲|出溜)|滑(到|进|下来)|冲(到|进|下来)|滚下来|砸下来)|(墙|房|屋|楼|棚|顶).{0,8}(歪|斜|裂|鼓|塌|晃|往外).{0,12}((里面|里头|屋里|底下|下面)(还)?(住着人|有人|住人|住着)|人还在(里面|屋里|底下))|(大坝|坝|堤|河堤|塘坝).{0,6}(裂|漏|渗|决|垮|塌)|(塌|倒|垮|砸)(了)?下来.{0,10}(还在|困在|压在|在)(里头|里面|底下|下面|屋里)|(塌|倒|垮|着火|烧|淹|进水).{0,12}(还在|困在|压在|关在)(里头|里面|底下|下面|屋里)/ },
  { danger: 'trapped', emergency: '119', category: '安全隐患', re: /被困|困在|困住|关在.{0,4}(里|电梯)|卡住(了)?.{0,6}(人|里面)|(里面|里头)有人|掉(进|到|在)?.{0,4}(井|河|水|塘|沟|坑|窖|冰窟窿|池|渠|水库|粪坑|缸)(里)?|落水|溺水|淹着了|(进|爬进|钻进|发现)(了)?(一)?(条)?(蛇|毒蛇)|有蛇|(车|人)掉下去|(小孩|孩子|娃|人|老人|学生|他|她|我妈|我爸|奶奶|爷爷|大爷|大娘|老太太|老头|媳妇|老婆).{0,10}(河|塘|井|池|沟|渠|水库|冰面|崖|桥).{0,6}(?<!(?:^|[\s，,。的])(?:手机|帽子|钥匙|鞋子?|东西|包|眼镜|水桶|桶|盆子?|球|篮子|鱼竿|耳机|围巾|伞|钱包|玩具|袋子)[了也都又就]?)掉下去|(人|车).{0,4}(困|陷|泡|冲)(在)?(水里|水中|河里|洪水里|水当中)|爬(到|上)(了)?(车顶|房顶|屋顶|树上)|(小孩|孩子|娃|人|老人).{0,6}(爬出去|爬到|挂在|悬在|站在).{0,6}(阳台|窗|楼顶|房顶|屋顶|外面|边上|栏杆)/ },
  { danger: 'accident', emergency: '120', category: '道路交通', re: /车祸|撞人|(人|孩子|小孩|老人|大爷|奶奶|我妈|我爸|他|她)(被)?(电动车|电瓶车|三轮车|三轮|摩托车|摩托|拖拉机|货车|小车|车)?撞(了|伤|倒|飞)|被(电动车|电瓶车|三轮车|三轮|摩托车|摩托|拖拉机|货车|小车|汽车)撞(了|伤|倒|飞)|撞倒(了)?人|翻车|把(一个|个|俩|两个)?.{0,4}(人|骑车的|骑电动车的|骑摩托的|孩子|老人|小孩|行人|学生|路人)(给)?撞(了|倒|飞|伤)|撞(了|倒|飞|伤)(了)?(一个|个|俩|两个)?.{0,3}(人|骑车的|孩子|老人|小孩|行人|学生)|(骑|开)(摩托|电动车|电瓶车|车|三轮)的?.{0,8}(摔|翻|撞)(了|倒|伤)?.{0,6}(不动|起不来|流血|昏)|(撞|顶|拱|踢)伤(了)?(人|孩子|小孩|老人)|翻(到|进)?沟里|压在(下面|底下)/ },
  { danger: 'selfharm', emergency: '110', category: '民生求助', re: /跳河|跳楼|跳井|寻死|要自杀|想不开|寻短见/ },
  { danger: 'medical', emergency: '120', category: '民生求助', re: /叫不(应|醒)|说不出话|嘴歪眼斜|口齿不清|半边(身子|身)?.{0,2}(动不了|不能动|麻)|脸(都)?(紫|青)了|嘴唇(发)?紫|(躺|趴)着不动|躺(在)?地上不动|咬(了|伤)(好几个|几个|一个|个|两个)(人|孩子|小孩)|喊不(应|醒)|怎么(叫|喊)都不(应|醒|动)|人事不省|(大爷|大娘|老人|奶奶|爷爷|婆婆|老太太|老太|老头|大叔|大婶|大妈|有人|一个人|个人|我爸|我妈|我爹|我娘).{0,2}(倒|晕|趴|躺|栽)在(了)?(地|地上|地里|路边|田里|院里|院子里|门口|屋里|厕所|沟里)|晕倒|晕过去|昏迷|不省人事|(倒|躺)在.{0,6}不动|倒地|栽倒|(从|自).{0,6}(摔|掉|跌)下来|毒蘑菇|食物中毒|上吐下泻|倒地不起|(摔|跌|倒)(倒|了|在).{0,8}(起不来|爬不起|流血|出血|骨折|不能动)|爬不起来|流血|出血|喘不上气|呼吸困难|抽搐|抽风|口吐白沫|中毒|喝(了)?农药|吃(了)?农药|上吊|割腕|轻生|自杀|烫伤|烧伤|高烧|心脏病|中风|脑梗|快不行了|叫(个)?120|打120|急救|蛰(了|伤)|咬(了|伤)(人|孩子|小孩)|被(狗|蛇)咬|(流了|出了)(好多|很多|一地)?血|(老人|大爷|奶奶|爷爷|婆婆|老太太|老太|老头|我爸|我妈).{0,6}(摔了|摔倒|跌倒|摔伤|跌了)/ },
  { danger: 'unseen', emergency: '120', category: '民生求助', re: new RegExp(`(${ELDER}).{0,14}(${DAYS}).{0,8}(${UNSEEN})|(${DAYS})(都)?(没|未)(出门|开门|露面)|敲门.{0,4}没人应`) },
  { danger: 'missing', emergency: '110', category: '民生求助', re: new RegExp(`(${PERSON}).{0,6}(走丢|走失|找不着|找不到|不见了|没回来|没见着人|联系不上)|(孩子|娃|小孩|闺女|儿子|孙子|孙女|老人|我爸|我妈).{0,10}(到现在|还)(还|都)?没(到家|回家|回来)|(孩子|娃|小孩|老人).{0,16}(打不通|联系不上|找不着|找不到)|(走丢|走失)(了)?(的)?(一(名|个|位))?(老人|孩子|小孩|儿童|老太太|老大爷)|(老人|孩子|小孩|老太太|老大爷).{0,16}(至今未归|一夜未归|一夜没回)|一下午没见着?人|到现在(都)?没回来`) },
  { danger: 'security', emergency: '110', category: '安全隐患', re: /偷.{0,4}(电缆|电线|变压器)|正在偷|有小偷|小偷(在|正在|进)|进了小偷|抓小偷|(在|正在)撬|撬(门|锁|窗|车)|翻墙进|陌生人.{0,10}(转悠|盯着|拉|跟着)|拐(卖|孩子)|(躺|倒)在路(中间|上)/ },
  { danger: 'trapped', emergency: '119', category: '安全隐患', re: /快来人|快来救|来人啊|快救人|快来帮忙/ },
]

const GLOBAL_RULES: Rule[] = RULES.map(r => ({ ...r, re: new RegExp(r.re.source, 'g') }))

const DENIED = /(没|不|不是|没有|并没|未|不会)$/
/** A warning a few words back still governs: "小心煤气中毒", "注意用电防火". */
const WARNING_NEAR = /(容易|小心|当心|注意|防止|以防|谨防|避免|预防|防范|严禁|禁止).{0,4}$/

/** "还有漏电的危险": a risk, not an event. */
const RISK_AFTER = /^(的)?(危险|隐患|风险|可能)/
/** Earlier in the same sentence: it happened before, it is not happening now. */
const PAST = /上周|上个月|上礼拜|去年|前年|前几天|前阵子|以前|之前|曾经|上次|上回|上一回|那次|那回|那年|当年|早些年|头几年|小时候|几年前|年前|昨天|昨晚|前天|多次|好几次|经常|总是|老是/
/** Right after the danger word: 塌过, 掉过, 着过火 — it has happened before, it is not happening now. */
const EXPERIENCED = /^(过|过一回|过一次|过两回|过好几回)(?![来去])/
/** …unless it is still going on. */
const STILL = /现在|还在|正在|又|快来|到现在/
/** Burning rubbish makes smoke; smoke alone is then not a fire. */
const BURNING = /焚烧|烧(垃圾|秸秆|麦秸|树叶|落叶|塑料|纸|荒|稻草)/
const SMOKE_ONLY = /^(浓烟|冒烟|冒黑烟|火光|火苗)$/
/** A fight told to a lawyer afterwards (医药费, 赔偿) is a case, not an emergency, unless it goes on. */
const AFTERMATH = /医药费|赔偿|赔了|起诉|法院|派出所|报警了|判/
const ONGOING = /正在|现在|快来|还在|又|天天|经常|好几次|总是|就打|家暴/
/** A missing person found again, said just after. */
const FOUND_AFTER = /^.{0,16}((已|已经)?找到|找回|回来了|到家了|在.{0,6}家)/
/** Not seen, and said why just after: the usual, or away. */
const AWAY_AFTER = /^.{0,12}(正常|没事|习惯了|惯了|出差|打工|回娘家|走亲戚|旅游|上学)/
/** The writer as the subject: 我 / 俺一个人在家 … */
const SELF_BEFORE = /(^|[，。,.！!？?\s])(我|俺|咱)(自己)?(一个人)?(在家)?(都|也|已经)?[，,\s]*$/
/** Things that only look like danger: chimney smoke, a cigarette lighter, a film. */
const HARMLESS = /烟囱|打火机|电视剧|电影|视频|新闻|记者|获悉|据悉|无人员伤亡|得到(有效)?控制|抖音|快手|网上说|网上看|演练|演习|游戏|知识|讲座|培训|学学|(中风|脑梗|烧伤|心脏病|骨折|肿瘤)[\u4e00-\u9fa5]{0,2}(医院|门诊|专科|科室|病房)|(热|急|气|馋)得.{0,2}(着火|冒烟)|上火/

export interface UrgentHit {
  danger: Danger
  emergency: Emergency
  category: Category
  at: number
}

/** The dangers in `t` (canonical text) that are real and present. */
export function findDangers(t: string): UrgentHit[] {
  if (HARMLESS.test(t)) return []
  const hits: UrgentHit[] = []
  for (const r of GLOBAL_RULES) {
    r.re.lastIndex = 0
    for (const m of t.matchAll(r.re)) {
      const before = t.slice(Math.max(0, m.index - 8), m.index)
      if (HYPOTHETICAL.test(before) || WARNING_NEAR.test(before) || DENIED.test(before)) continue
      if (RISK_AFTER.test(t.slice(m.index + m[0].length))) continue
      if (EXPERIENCED.test(t.slice(m.index + m[0].length)) || /^.过(?![去来])/.test(m[0])) continue
      const sentence = t.slice(Math.max(t.lastIndexOf('。', m.index) + 1, m.index - 14), m.index)
      const past = PAST.exec(sentence)
      // Domestic violence "经常/好几次" is ongoing, not history.
      if (past && !STILL.test(sentence.slice(past.index)) && !(r.danger === 'violence' && /经常|好几次|总是|老是/.test(past[0]))) continue
      if (r.danger === 'medical' && (/多次|经常|好几次|老是|总是/.test(m[0]) || (m[0] === '呼吸困难' && /烟|味|臭/.test(t)))) continue
      if (r.danger === 'fire' && SMOKE_ONLY.test(m[0]) && BURNING.test(t)) continue
      // "走失老人已找到", "一夜没回 刚打电话说在同学家": found, not missing.
      if (r.danger === 'missing' && FOUND_AFTER.test(t.slice(m.index + m[0].length))) continue
      // "我一个人在家 两天没出门了" is the writer's own news; "两天没见也正常", "出差去了" say why.
      if (r.danger === 'unseen' && (SELF_BEFORE.test(t.slice(0, m.index)) || AWAY_AFTER.test(t.slice(m.index + m[0].length)))) continue
      if (r.danger === 'violence' && AFTERMATH.test(t) && !ONGOING.test(t)) continue
      // "狗被邻居打伤了" is a quarrel about a dog, not a call for the police.
      if (r.danger === 'violence' && /(狗|猫|鸡|鸭|鹅|牛|羊|猪)被?.{0,4}$/.test(t.slice(Math.max(0, m.index - 6), m.index))) continue
      hits.push({ danger: r.danger, emergency: r.emergency, category: r.category, at: m.index })
      break
    }
  }
  return hits
}

/**
 * The number to call for danger the rules did not name (the model heard it): a quarrel is for the
 * police; otherwise the first sign of hurt, of a crime, or else the fire brigade, who also rescue.
 */
const RESCUE_CUE = /掉(进|到|下|在)?.{0,3}(河|水|井|塘|沟|坑|窖|池|库)|落水|溺|淹|沉下去|漂着|困|卡在/
const MEDICAL_CUE = /晕|昏|吐|中毒|喝药|农药|老鼠药|抽搐|咬|血|不省|摔|喘|没气|没见|不接|没开门|没动静|没出门|病/
const POLICE_CUE = /丢了|不见了|走失|找不到|找不着|没到家|没回家|偷|抢|绑|刀|砍|打人|打起来|打架|挨打|被打|打我|打她|打他|动手|砸|踹|威胁|弄死|放火|汽油/
export function emergencyFor(intent: 'report' | 'dispute' | 'none', t: string): Emergency {
  if (intent === 'dispute') return '110'
  // Someone in the water or trapped: the fire brigade rescues, whatever else the line says.
  if (RESCUE_CUE.test(t)) return '119'
  const medical = MEDICAL_CUE.exec(t)
  const police = POLICE_CUE.exec(t)
  if (medical && (!police || medical.index <= police.index)) return '120'
  if (police) return '110'
  return '119'
}
