// The intent parser: is a group message a report (报事), a quarrel (纠纷), or chatter? A scored,
// explainable rule system, deterministic and well under a millisecond a message:
//   report  = a public thing × a problem in the same breath (路灯 × 不亮), a problem that names
//             its own thing (停水), a question that is really a complaint (啥时候来电), a danger;
//   dispute = a household or relative × a conflict (隔壁 × 砸墙, 婆婆 × 骂), or a quarrel word;
//   minus   = chatter signals: acks, thanks for a fix, notices, planned cuts, buying and selling,
//             asking for a handyman, chain messages, policy questions, greetings.
// Each rule that fires leaves a reason, so a wrong call can be explained and fixed in the lexicon.
import { fold } from '../text.js'
import { canon } from './normalize.js'
import {
  ACK_ADDRESSEES, ACK_WORDS, COUNTERPARTY, ADDRESS, HELLO_WORDS, AMPLIFIERS, CHAIN, COMMERCE, CONFLICT, DISPUTE_CATEGORY_HINT, DISPUTE_STRONG, DOUBT, FAMILY, GREETING,
  CUT_NOW, HANDOVER, HYPOTHETICAL, LEGAL_QUESTION, PLANNED_CUT, STILL_GOING, NEGLECT, NEIGHBOURS, NO_NOTICE, NOT_OBJECTS, NOT_PROBLEMS, NOT_YET, NOTICE, NUISANCE, OBJECTS, OFFICIAL_PARTY,
  OTHER_PLACE, PAID, JOKE, PAST_REFERENCE, PLANNED, POLICY, PROCEDURE, PRIVATE_THINGS, PROBLEM_CATEGORY, PROBLEM_PATTERNS, PROBLEMS, REFUSAL, RESOLVED, SEEK,
  SERVICE_QUESTION, STANDALONE, STANDALONE_PATTERNS, THANKS, VICTIM, WEAK_OBJECTS, alt,
} from './lexicon.js'
import { findLocation } from './location.js'
import { emergencyFor, findDangers, type UrgentHit } from './urgent.js'
import { decide, isUrgent, model, type RuleFindings } from './model.js'

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
  /**
   * Not a report by itself, but part of one: a thing, a problem, a place, a party ("我们家那个路灯",
   * "又坏了"). The same person's next lines may complete it.
   */
  partial: boolean
  /** Chatter that never belongs to a report: acks, thanks, notices, ads, greetings. */
  noise: boolean
  /** The rules that fired, for `shuoshi classify --explain`. */
  reasons: string[]
  /**
   * The verdict without the model: the rules', with an explicit trigger applied ('none' for a line
   * only the model took for a ticket).
   */
  ruled: Intent
  /** What the rules found, as the model weighs it (absent for acks, greetings and addresses). */
  findings?: RuleFindings
}

export interface ClassifyOptions {
  mentionsBot?: boolean
  /** The rules alone, without the model (for training the model and for explaining it). */
  rulesOnly?: boolean
}

const TRIGGERS: [RegExp, Intent][] = [
  [/^(我要|我想|我)?[【[]?(报事|报修|求助|反映|举报|投诉)[】\]]?(一下|个事|一件事|个情况|个问题)?[\s:：,，。]*/, 'report'],
  [/^[【[]?(调解|纠纷)[】\]]?[\s:：,，。]*/, 'dispute'],
]

const OBJECT_CATEGORY = new Map<string, Category>()
for (const [cat, terms] of Object.entries(OBJECTS)) for (const t of terms) if (!OBJECT_CATEGORY.has(t)) OBJECT_CATEGORY.set(t, cat as Category)
// Blockers take part in the match (the longest term wins) and are then dropped: 电视 is not 电.
const OBJECT_RE = new RegExp(alt([...OBJECT_CATEGORY.keys(), ...NOT_OBJECTS]), 'g')
const PROBLEM_RE = new RegExp(`${alt([...PROBLEMS, ...NOT_PROBLEMS])}|${PROBLEM_PATTERNS.join('|')}`, 'g')
const NOT_PROBLEM = new Set(NOT_PROBLEMS)
const STANDALONE_CATEGORY = new Map(STANDALONE)
const STANDALONE_RE = new RegExp(alt(STANDALONE.map(([t]) => t)), 'g')
const LEADING_MENTIONS = /^(@[^\s\u2005@]{1,20}[\s\u2005]*)+/
// "Only ack words, at least one a real ack" as one regex, `^(A|B)*A(A|B)*$`, backtracks
// exponentially over overlapping words: '好的'×20 + 'x' took 51 s. A word-break pass is linear.
const ACK = wordsOnly(ACK_WORDS, ACK_ADDRESSEES)
const HELLO = wordsOnly(HELLO_WORDS, ACK_WORDS)
const NEGATED = /(没|不|(?<!是)不是|并没|没有|未|无)$/
const CHILD_PARTY = /孩子|小孩|孙子|孙女|外孙|娃/
/** Quarrel words that need someone to quarrel with ("孩子跟我吵架" is family life). */
const NEEDS_PARTY = /吵架|吵了|拌嘴|骂人|吵翻|骂起来/
const QUESTION_AFTER = /^(了)?(没|吗|么|嘛|不|没有|啊没|呢)/
const RESOLVED_ALL = new RegExp(RESOLVED.source, 'g')
const THIRD_PERSON = /他|她|有人|人家|谁家|那家|对方/
const OWN_KIN = /(我|我家|我们家|俺家)的?(闺女|女儿|儿子|孩子|小孩|妈|爸|老伴|老婆|媳妇|男人|老公|孙子|孙女|老娘|老爹)/g
const OWN_CHILD_NOISE = /(孩子|小孩|娃|宝宝).{0,4}(哭|闹)/

interface Span { at: number; end: number; term: string }

function spans(t: string, re: RegExp): Span[] {
  re.lastIndex = 0
  const out: Span[] = []
  for (const m of t.matchAll(re)) out.push({ at: m.index, end: m.index + m[0].length, term: m[0] })
  return out
}

/** A hazard or problem word preceded by 没/不 (denied) or 容易/注意/防 (hypothetical) does not count. */
function live(t: string, s: Span, term: string): boolean {
  const before = t.slice(Math.max(0, s.at - 4), s.at)
  if (HYPOTHETICAL.test(before)) return false
  // "停电的时候记得拔插头": when it happens, not that it happened.
  if (/^(的时候|时候|期间|的话|时要|时记得)/.test(t.slice(s.end))) return false
  // "掉过河里", "塌过一回": it happened once, it is not the trouble now.
  // "一次都没亮过" is the opposite: it never worked.
  if (/^过(一回|一次|两回|好几回)?(?![来去不得])/.test(t.slice(s.end)) && !/没|不/.test(term) && !/没$/.test(before)) return false
  if (!/^(不|没|未|缺|无)/.test(term) && NEGATED.test(before)) return false
  return true
}

function sentenceOf(t: string, at: number): number {
  let n = 0
  for (let i = t.indexOf('。'); i !== -1 && i < at; i = t.indexOf('。', i + 1)) n++
  return n
}

export function classify(input: string, opts: ClassifyOptions = {}): Classification {
  // "@村务助手 报事 …": whom it is addressed to is not part of the report.
  let body = input.trim().replace(LEADING_MENTIONS, '')
  let explicit: Intent | null = null
  for (const [re, intent] of TRIGGERS) {
    const m = re.exec(fold(body))
    if (m) {
      explicit = intent
      body = body.slice(m[0].length).trim()
      break
    }
  }
  if (!explicit && opts.mentionsBot) explicit = 'report'
  const t = canon(body)
  const reasons: string[] = []
  const location = findLocation(body)

  const words = t.replace(/[，。:：]/g, '')
  if (words && HELLO(words)) {
    reasons.push('hello')
    return finish({ intent: 'none', category: '其他', body, location, explicit, reasons, noise: true, partial: false }, explicit, null, 0, 0)
  }
  if (!words || ACK(words)) {
    reasons.push('ack')
    return finish({ intent: 'none', category: '其他', body, location, explicit, reasons, noise: true, partial: false }, explicit, null, 0, 0)
  }
  if (ADDRESS.test(words)) {
    reasons.push('address')
    return finish({ intent: 'none', category: '其他', body, location, explicit, reasons, noise: false, partial: false }, explicit, null, 0, 0)
  }

  const dangers = findDangers(t)
  const rep = reportEvidence(t, location, dangers, reasons)
  const dis = disputeEvidence(t, rep.violent !== undefined, reasons)
  const n = chatter(t, rep, dis, reasons)
  const { r, hazard, violent } = rep
  const { d, party, family } = dis

  // --- decision ----------------------------------------------------------------------------------
  const rNet = r - n
  const dNet = d - n
  let ruled: Intent = 'none'
  // A fire or a person in danger is a report whoever is involved; otherwise a party makes it a quarrel.
  const emergencyFirst = hazard !== undefined && hazard.danger !== 'collapse'
  if (dNet >= 3 && (d >= r || (party && !emergencyFirst))) ruled = 'dispute'
  else if (rNet >= 3) ruled = 'report'
  else if (dNet >= 3) ruled = 'dispute'
  const findings = ruleFindings(t, ruled, r, d, n, reasons, rep, dis, location)
  // The rules' verdict is one feature among the words; the model has the last word.
  const scored = opts.rulesOnly ? null : model().score(t, findings)
  const intent: Intent = scored ? decide(findings, scored.p, isPiece(t, rep, dis, location)) : ruled
  if (intent !== ruled) reasons.push(`model:${ruled}→${intent}`)

  let category: Category = '其他'
  if (intent === 'dispute' || explicit === 'dispute') {
    category = dis.category ?? (family ? '婚姻家庭' : DISPUTE_CATEGORY_HINT.find(([re]) => re.test(t))?.[1] ?? '邻里纠纷')
  } else {
    category = (hazard ? hazard.category : null) ?? rep.category ?? firstObjectCategory(rep.objects) ?? '其他'
    // Bitten by a stray dog, stung by wasps: the hurt is medical, the matter is a hazard.
    if (hazard && (hazard.danger === 'medical' || hazard.danger === 'accident') && rep.category === '安全隐患') category = '安全隐患'
  }
  const partial = n < 3 && (rep.objects.length > 0 || rep.problems.length > 0 || location !== null || party || dis.conflict || dis.refusal || rep.neglect || r > 0 || d > 0)
  const danger = intent === 'dispute' ? (violent ?? hazard) : (hazard ?? violent)
  // Urgency too is the model's call, the danger rules one of its features: it hears danger the
  // rules have no word for ("电梯困人", "拿砖头砸我家门") and old harm the rules take for new.
  const pUrgent = scored ? scored.urgent : null
  const urgentByModel = pUrgent === null ? null : isUrgent(findings, pUrgent)
  if (urgentByModel !== null && urgentByModel !== (danger !== undefined)) reasons.push(`model:urgent ${pUrgent!.toFixed(2)}`)
  const draft = { intent, category, body, location, explicit, reasons, noise: n >= 3 && intent === 'none', partial: intent === 'none' && partial, ruled, findings }
  return finish(draft, explicit, danger ?? null, r, d, urgentByModel === null ? undefined : { urgent: urgentByModel, t })
}

interface ReportEvidence {
  r: number
  category: Category | null
  objects: Span[]
  problems: Span[]
  standalone: Span[]
  neglect: boolean
  hazard: UrgentHit | undefined
  violent: UrgentHit | undefined
}

/** A public thing with a problem, a problem that names its thing, a complaint in question form, a danger. */
function reportEvidence(t: string, location: string | null, dangers: UrgentHit[], reasons: string[]): ReportEvidence {
  let r = 0
  let category: Category | null = null
  const problems = spans(t, PROBLEM_RE).filter(s => !NOT_PROBLEM.has(s.term) && live(t, s, s.term))
  const objects = spans(t, OBJECT_RE).filter(o => OBJECT_CATEGORY.has(o.term) && !problems.some(p => p.at <= o.at && o.end <= p.end))
  // "手机没电了" is the owner's business, not the village's.
  const standalone = spans(t, STANDALONE_RE).filter(x => live(t, x, x.term) && !PRIVATE_THINGS.test(t.slice(Math.max(0, x.at - 6), x.at)))
  // Each thing with its nearest problem; the first specific thing names the category (the subject comes first).
  const pairs: { o: Span; p: Span }[] = []
  for (const o of objects) {
    const so = sentenceOf(t, o.at)
    let best: { p: Span; d: number } | undefined
    for (const p of problems) {
      if (p.at < o.end && o.at < p.end) continue
      const d = p.at >= o.end ? p.at - o.end : o.at - p.end
      if (d > 30 || Math.abs(sentenceOf(t, p.at) - so) > 1) continue
      if (!best || d < best.d) best = { p, d }
    }
    if (best) pairs.push({ o, p: best.p })
  }
  if (pairs.length > 0) {
    // "巷子的路灯": a thing right before another thing only says where; the second is what broke.
    // A loop, not recursion: a line of 50,000 things in a row must not overflow the stack.
    const head = (i: number): { o: Span; p: Span } => {
      for (let next = pairs[i + 1]; next && next.o.at - pairs[i]!.o.end <= 3 && !WEAK_OBJECTS.has(next.o.term); next = pairs[i + 1]) i++
      return pairs[i]!
    }
    // A thing inside the place's name (东坡, 沿河路, 北渠) says where, not what broke, when another thing follows.
    // With one pair there is nothing to choose between: no second pass for the place.
    const place = pairs.length > 1 ? findLocation(t) : null
    const placeAt = place === null ? -1 : t.indexOf(place)
    // …unless its problem follows the place at once ("后坡塌了一块").
    const inPlace = (x: { o: Span; p: Span }): boolean =>
      placeAt >= 0 && x.o.at >= placeAt && x.o.end <= placeAt + place!.length && x.p.at > placeAt + place!.length + 1
    const specific = (x: { o: Span }): boolean => !WEAK_OBJECTS.has(x.o.term)
    const outside = pairs.findIndex(x => specific(x) && !inPlace(x))
    const first = outside >= 0 ? outside : pairs.findIndex(specific)
    const chosen = first >= 0 ? head(first) : pairs[0]!
    let cat = OBJECT_CATEGORY.get(chosen.o.term)!
    const named = standalone.find(x => x.at < chosen.p.end && chosen.p.at < x.end)
    const byProblem = PROBLEM_CATEGORY.find(([re]) => re.test(chosen.p.term))?.[1]
    if (named) cat = STANDALONE_CATEGORY.get(named.term) ?? cat
    else if (byProblem === '环境卫生' && cat !== '水电气') cat = byProblem
    else if (byProblem === '安全隐患' && (cat === '农业生产' || cat === '公共设施' || cat === '环境卫生')) cat = byProblem
    r += 3
    category = cat
    reasons.push(`report:${chosen.o.term}×${chosen.p.term}`)
  }
  const own = standalone[0]
  if (own) {
    r += 3
    category ??= STANDALONE_CATEGORY.get(own.term) ?? null
    reasons.push(`report:${own.term}`)
  }
  // "别带孩子去河边玩" is a warning, not a child in the river.
  const pattern = STANDALONE_PATTERNS.find(([re]) => {
    const m = re.exec(t)
    return m !== null && !/(别|不要|不准|严禁|禁止|注意|防止|千万|切勿|不许|当心|小心)[\u4e00-\u9fa5]{0,2}$/.test(t.slice(Math.max(0, m.index - 6), m.index))
  })
  if (pattern && r < 3) {
    r += 3
    category ??= pattern[1]
    reasons.push('report:pattern')
  }
  if (r === 0 && location !== null && problems.length > 0) {
    r += 2
    reasons.push('report:place×problem')
  }
  if (SERVICE_QUESTION.some(re => re.test(t))) {
    r += 3
    category ??= '水电气'
    reasons.push('report:service-question')
  }
  const neglect = NEGLECT.some(re => re.test(t))
  if (neglect) {
    r += objects.length > 0 ? 3 : r > 0 ? 2 : 1
    reasons.push('report:neglect')
  }
  if (r >= 2 && AMPLIFIERS.test(t)) {
    r += 1
    reasons.push('report:amplified')
  }
  const violent = dangers.find(x => x.danger === 'violence')
  const hazard = dangers.find(x => x.danger !== 'violence')
  if (hazard) {
    r += 4
    reasons.push(`urgent:${hazard.danger}`)
  }
  return { r, category, objects, problems, standalone, neglect, hazard, violent }
}

interface DisputeEvidence {
  d: number
  category: Category | null
  party: boolean
  family: boolean
  conflict: boolean
  refusal: boolean
  /** A debt is named: prices and payments in it are not an advert. */
  owed: boolean
}

/** A household or relative in conflict, a quarrel in so many words, noise from next door. */
function disputeEvidence(t: string, violent: boolean, reasons: string[]): DisputeEvidence {
  let d = 0
  let category: Category | null = null
  // "他家的狗把我闺女吓哭了": my own child is the one harmed, the quarrel is with the neighbours.
  const family = FAMILY.test(NEIGHBOURS.test(t) ? t.replace(OWN_KIN, '') : t)
  const party = family || NEIGHBOURS.test(t) || COUNTERPARTY.test(t)
  const child = CHILD_PARTY.test(t)
  let owed = false
  for (const [re, cat] of DISPUTE_STRONG) {
    const m = re.exec(t)
    if (!m) continue
    if (cat === null && NEEDS_PARTY.test(m[0]) && !party) {
      d = Math.max(d, child ? 1 : 3)
    } else {
      // A named kind of quarrel (a debt, a boundary, support for parents) outweighs the thing it is about.
      d = Math.max(d, cat === null ? 3 : 4)
      category ??= cat
      owed ||= cat === '经济纠纷'
    }
    reasons.push(`dispute:${m[0]}`)
  }
  const conflict = CONFLICT.test(t)
  const refusal = REFUSAL.test(t)
  if (party && (conflict || refusal || LEGAL_QUESTION.test(t))) {
    d = Math.max(d, 3)
    reasons.push('dispute:party×conflict')
  } else if (VICTIM.test(t) && conflict && THIRD_PERSON.test(t)) {
    d = Math.max(d, 3)
    reasons.push('dispute:victim')
  } else if (refusal) {
    d = Math.max(d, 1)
  }
  // "这孩子哭了一晚上" is one's own child, not the people next door.
  if (d < 3 && NUISANCE.test(t) && !OWN_CHILD_NOISE.test(t)) {
    d = 3
    reasons.push('dispute:nuisance')
  }
  if (violent) {
    d += 3
    reasons.push('urgent:violence')
  }
  // …but a brother keeping the compensation from his sisters is still a family quarrel.
  // A company that owes wages or a seller who will not refund is a counterpart, not the village.
  if (d > 0 && OFFICIAL_PARTY.test(t) && !(family && (conflict || refusal)) && !owed && !(LEGAL_QUESTION.test(t) && VICTIM.test(t) && d >= 3)) {
    // Land taken for a road, compensation: a matter for the village, not a quarrel to mediate.
    d = 0
    reasons.push('not-dispute:official')
  }
  return { d, category, party, family, conflict, refusal, owed }
}

/** How strongly the message reads as chatter (0 = not at all, 4 = certainly). */
function chatter(t: string, rep: ReportEvidence, dis: DisputeEvidence, reasons: string[]): number {
  let n = 0
  const noise = (w: number, why: string): void => {
    n = Math.max(n, w)
    reasons.push(`noise:${why}`)
  }
  if (NOTICE.test(t.replace(NO_NOTICE, ''))) noise(4, 'notice')
  if (PLANNED.test(t) && PLANNED_CUT.test(t) && !CUT_NOW.test(t)) noise(4, 'planned')
  const resolved = lastResolution(t)
  if (resolved) {
    const after = Math.max(
      ...rep.problems.map(p => p.at), ...rep.standalone.map(x => x.at),
      ...(CONFLICT.test(t.slice(resolved.end)) ? [resolved.end] : []), -1,
    )
    if (after < resolved.at) noise(4, 'resolved')
  }
  if (!dis.owed && COMMERCE.test(t)) noise(4, 'commerce')
  // "谁家的牛跑我家地里了" asks whose cow it is in order to complain.
  if (!dis.owed && SEEK.test(t) && !(dis.d >= 3 && VICTIM.test(t))) {
    // "有偿", "我出钱": a job for hire outweighs however broken the thing is (unless it is a danger).
    if (PAID.test(t) && !rep.hazard) {
      n = Math.max(n, 9)
      reasons.push('noise:hire')
    } else noise(4, 'seek')
  }
  if (JOKE.test(t) && rep.r < 6 && !rep.hazard && !rep.violent) noise(2, 'joke')
  if (CHAIN.test(t)) noise(3, 'chain')
  if (POLICY.test(t) && rep.r < 3 && !(dis.party && dis.d >= 3)) noise(3, 'policy')
  // "离婚协议怎么写" asks about paperwork; with a spouse or a neighbour named it is a quarrel.
  if (!dis.party && PROCEDURE.test(t)) noise(4, 'procedure')
  if (HANDOVER.test(t)) noise(3, 'handover')
  if (DOUBT.test(t)) noise(2, 'doubt')
  const past = PAST_REFERENCE.exec(t)
  if (past && !AMPLIFIERS.test(t.slice(past.index)) && !STILL_GOING.test(t)) noise(3, 'past')
  if (OTHER_PLACE.test(t)) noise(2, 'elsewhere')
  if (GREETING.test(t) && rep.r < 3 && dis.d < 3) noise(3, 'greeting')
  if (THANKS.test(t) && rep.r < 3 && dis.d < 3) noise(2, 'thanks')
  // A person down or a fire is not made chatter by a shop name or a thank-you in the same line.
  if (rep.hazard && !reasons.some(x => /noise:(notice|resolved|past|chain|planned)/.test(x))) n = Math.min(n, 2)
  return n
}

/**
 * A piece of a report, not a whole one: a short line that names no thing, place or person
 * ("又坏了"), or a line that is only a noun phrase, ending on "那个/这个/…的" + a thing, with
 * nothing said of it yet ("卫生室门口那个井盖"; "门口全是水" says something).
 */
function isPiece(t: string, rep: ReportEvidence, dis: DisputeEvidence, location: string | null): boolean {
  const subject = rep.objects.length > 0 || location !== null || dis.party || dis.family
  if (t.length < 8 && !subject) return true
  const last = rep.objects[rep.objects.length - 1]
  return rep.problems.length === 0 && last !== undefined && last.end === t.length && NOUN_PHRASE_END.test(t.slice(0, last.at))
}
const NOUN_PHRASE_END = /(?:[那这哪][个条座根块口盏片段处]?|的)$/

/** What the rules found, in kinds the model can weigh (rule names, not the words they matched). */
function ruleFindings(t: string, intent: Intent, r: number, d: number, n: number, reasons: string[], rep: ReportEvidence, dis: DisputeEvidence, location: string | null): RuleFindings {
  const kinds = new Set<string>()
  for (const why of reasons) kinds.add(reasonKind(why))
  if (dis.party) kinds.add('party')
  if (dis.family) kinds.add('family')
  if (dis.conflict) kinds.add('conflict')
  if (dis.refusal) kinds.add('refusal')
  if (rep.objects.length > 0) kinds.add('object')
  if (rep.problems.length > 0) kinds.add('problem')
  if (location !== null) kinds.add('place')
  // "孩子跟我吵架": a quarrel with one's own child is family life, not a case.
  if (CHILD_PARTY.test(t)) kinds.add('child')
  if (NEEDS_PARTY.test(t) && !dis.party) kinds.add('quarrel-alone')
  return { intent, r, d, n, kinds: [...kinds] }
}

const FIXED_REASONS = new Set([
  'report:pattern', 'report:place×problem', 'report:service-question', 'report:neglect', 'report:amplified',
  'dispute:party×conflict', 'dispute:victim', 'dispute:nuisance', 'not-dispute:official',
])

function reasonKind(why: string): string {
  if (FIXED_REASONS.has(why) || why.startsWith('noise:') || why.startsWith('urgent:')) return why
  if (why.startsWith('report:')) return why.includes('×') ? 'report:pair' : 'report:own'
  if (why.startsWith('dispute:')) return 'dispute:strong'
  return why
}

function firstObjectCategory(objects: Span[]): Category | null {
  for (const o of objects) {
    const c = OBJECT_CATEGORY.get(o.term)
    if (c) return c
  }
  return null
}

/** The last "fixed / came back / fine" that is not a question or a "not yet". */
function lastResolution(t: string): { at: number; end: number } | undefined {
  let last: { at: number; end: number } | undefined
  RESOLVED_ALL.lastIndex = 0
  for (const m of t.matchAll(RESOLVED_ALL)) {
    const before = t.slice(Math.max(0, m.index - 3), m.index)
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 3)
    if (NOT_YET.test(before) || QUESTION_AFTER.test(after)) continue
    last = { at: m.index, end: m.index + m[0].length }
  }
  return last
}

interface Draft {
  intent: Intent
  category: Category
  body: string
  location: string | null
  explicit: Intent | null
  reasons: string[]
  noise: boolean
  partial: boolean
  /** The rules' verdict, when the rules ran (not for acks, greetings, addresses). */
  ruled?: Intent
  findings?: RuleFindings
}

function finish(x: Draft, explicit: Intent | null, danger: UrgentHit | null, r: number, d: number, byModel?: { urgent: boolean; t: string }): Classification {
  let { intent, category } = x
  if (explicit) {
    // Asked for in words: always a ticket. 报事 about a quarrel is still a quarrel.
    if (explicit === 'dispute') {
      intent = 'dispute'
      if (!isDisputeCategory(category)) category = '邻里纠纷'
    } else {
      intent = isDisputeCategory(category) || (d >= 3 && d >= r) ? 'dispute' : 'report'
      if (intent === 'dispute' && !isDisputeCategory(category)) category = '邻里纠纷'
    }
  }
  const urgent = intent !== 'none' && (byModel ? byModel.urgent : danger !== null)
  if (intent === 'none') category = '其他'
  return {
    intent,
    category,
    urgent,
    emergency: !urgent ? null : danger ? danger.emergency : emergencyFor(intent, byModel!.t),
    location: x.location,
    explicit: explicit !== null,
    body: x.body,
    partial: x.partial,
    noise: x.noise,
    reasons: x.reasons,
    // An explicit trigger settles it without the model; so does an early answer (ack, greeting).
    ruled: explicit || x.ruled === undefined ? intent : x.ruled,
    ...(x.findings ? { findings: x.findings } : {}),
  }
}

export function isDisputeCategory(c: Category): boolean {
  return c === '邻里纠纷' || c === '婚姻家庭' || c === '土地纠纷' || c === '经济纠纷'
}

/**
 * A test for "the text is a run of `required` and `extra` words with at least one `required`",
 * by dynamic programming over positions (each word is at most `MAX_WORD` characters), so its cost
 * grows with the length of the text, never exponentially.
 */
function wordsOnly(required: string, extra: string): (s: string) => boolean {
  const req = new RegExp(`^(?:${required})$`)
  const any = new RegExp(`^(?:${required}|${extra})$`)
  const MAX_WORD = 8
  return s => {
    // reach[i]: bit 1, position i is reachable by words; bit 2, by words including a required one.
    const reach = new Uint8Array(s.length + 1)
    reach[0] = 1
    for (let i = 0; i < s.length; i++) {
      const here = reach[i]!
      if (!here) continue
      for (let end = i + 1; end <= Math.min(s.length, i + MAX_WORD); end++) {
        const piece = s.slice(i, end)
        if (req.test(piece)) reach[end]! |= 2
        else if (any.test(piece)) reach[end]! |= here
      }
    }
    return (reach[s.length]! & 2) !== 0
  }
}
