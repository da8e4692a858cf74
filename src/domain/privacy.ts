// What may be shown where. Disputes, family, health and welfare stay out of public rooms, and
// phone and ID numbers are masked in anything posted to a room.

const PRIVATE_CATEGORIES = new Set(['邻里纠纷', '婚姻家庭', '土地纠纷', '经济纠纷', '民生求助'])

/** Health and welfare words: a report that carries them is handled privately even if it is not a dispute. */
const SENSITIVE_RE = /低保|五保|特困|救助|残疾|残障|精神病|抑郁|生病|病重|住院|癌|透析|怀孕|流产|家暴|离婚|出轨|赡养|抚养|遗产|分家|欠钱|借钱|欠款|艾滋|吸毒|坐牢|自杀|轻生/

export function isPrivateTicket(kind: string, category: string, text: string): boolean {
  return kind === 'dispute' || PRIVATE_CATEGORIES.has(category) || SENSITIVE_RE.test(text)
}

const MOBILE_RE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g
const ID_RE = /(?<![\dA-Za-z])(\d{6})(?:\d{8}|\d{6})(\d{3}[\dXx]|\d{3})(?![\dA-Za-z])/g
const LANDLINE_RE = /(?<!\d)(0\d{2,3})[- ]?\d{3,4}(\d{4})(?!\d)/g

export function maskIdentifiers(text: string): string {
  return text
    .replace(ID_RE, (_m, a: string, b: string) => `${a}${'*'.repeat(8)}${b}`)
    .replace(MOBILE_RE, '$1****$2')
    .replace(LANDLINE_RE, '$1-****$2')
}

/** For private messages: cadres may need to call back, but never need a full ID number. */
export function maskIdNumbers(text: string): string {
  return text.replace(ID_RE, (_m, a: string, b: string) => `${a}${'*'.repeat(8)}${b}`)
}

/** Masks the middle of a name for the ledger: 李大爷 → 李*爷, 王五 → 王*. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/**
 * Removes phone numbers (and the words introducing them) from a text, for what a 代报 puts in a
 * room: the person phoned the cadre, not the group, and their number stays with the cadres.
 */
export function stripPhones(text: string): string {
  const phone = `(?:${MOBILE_RE.source}|${LANDLINE_RE.source})`
  return text
    .replace(new RegExp(`(?:(?:[她他我您]的?)?(?:联系)?(?:电话|手机号?|号码)[:：是]?\\s*)?${phone}`, 'g'), '')
    .replace(/[，,、;；\s]+$/, '')
    .replace(/[，,]\s*[，,]/g, '，')
    .trim()
}
