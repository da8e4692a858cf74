// Who is on duty: the weekly roster from the config, changed in chat by 值班 (a weekday, from now
// on) and 换班 (one date). Read in the village's timezone.
import type { VillageConfig } from '../config.js'
import { addLocalDays, fromLocal, localDateKey, localParts, WEEKDAYS, type Weekday } from '../time.js'
import { fold } from './text.js'

/** Changes made in chat: a weekday (`wed`) or a local date (`2026-11-25`) → cadre name. */
export type RosterChanges = ReadonlyMap<string, string>

export interface DutyDay {
  date: string
  weekday: Weekday
  name: string
  /** What changed this day: a one-day swap (换班), the weekly roster (值班), or nothing. */
  changed: 'date' | 'weekday' | null
  /** The name the day would have without the change. */
  usual: string
}

export function dutyFor(village: Pick<VillageConfig, 'duty' | 'cadres'>, at: number, tz: string, changes?: RosterChanges): string {
  return dutyDay(village, at, tz, changes).name
}

export function dutyDay(village: Pick<VillageConfig, 'duty' | 'cadres'>, at: number, tz: string, changes?: RosterChanges): DutyDay {
  const p = localParts(at, tz)
  const date = localDateKey(at, tz)
  const isCadre = (n: string | undefined): n is string => n !== undefined && village.cadres.some(c => c.name === n)
  const base = village.duty[p.weekday]
  // A change naming someone no longer in the config is ignored: the config wins.
  const weekly = changes?.get(p.weekday)
  const usualName = isCadre(weekly) ? weekly : base
  const once = changes?.get(date)
  if (isCadre(once) && once !== usualName) return { date, weekday: p.weekday, name: once, changed: 'date', usual: usualName }
  if (usualName !== base) return { date, weekday: p.weekday, name: usualName, changed: 'weekday', usual: base }
  return { date, weekday: p.weekday, name: base, changed: null, usual: base }
}

/** Monday to Sunday of the week containing `at`. */
export function weekRoster(village: Pick<VillageConfig, 'duty' | 'cadres'>, at: number, tz: string, changes?: RosterChanges): DutyDay[] {
  const offset = WEEKDAYS.indexOf(localParts(at, tz).weekday)
  const p = localParts(at, tz)
  const noon = fromLocal(tz, p.year, p.month, p.day, 12)
  return WEEKDAYS.map((_, i) => dutyDay(village, addLocalDays(noon, i - offset, tz), tz, changes))
}

const WEEKDAY_WORDS: Record<string, Weekday> = { 一: 'mon', 二: 'tue', 三: 'wed', 四: 'thu', 五: 'fri', 六: 'sat', 日: 'sun', 天: 'sun', 七: 'sun' }

export type DayRef = { kind: 'weekday'; weekday: Weekday } | { kind: 'date'; date: string; at: number }

/**
 * Reads a day as cadres write it: 周三 / 星期三 / 礼拜三 (a weekday), 今天 / 明天 / 后天,
 * 11月25日, 11-25, 2026-11-25 (a date). Returns the day and the rest of the text.
 */
export function parseDay(text: string, now: number, tz: string): { day: DayRef; rest: string } | undefined {
  const s = fold(text.trim())
  let m = /^(?:周|星期|礼拜)([一二三四五六日天七])/.exec(s)
  if (m) return { day: { kind: 'weekday', weekday: WEEKDAY_WORDS[m[1]!]! }, rest: text.trim().slice(m[0].length).trim() }
  const rel: Record<string, number> = { 今天: 0, 明天: 1, 后天: 2 }
  m = /^(今天|明天|后天)/.exec(s)
  if (m) return dateRef(addLocalDays(now, rel[m[1]!]!, tz), tz, text.trim().slice(m[0].length))
  const p = localParts(now, tz)
  m = /^(?:(\d{4})[-/年])?(\d{1,2})(?:[-/月])(\d{1,2})[日号]?/.exec(s)
  if (m) {
    const year = m[1] ? Number(m[1]) : p.year
    const month = Number(m[2])
    const day = Number(m[3])
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
    let at = fromLocal(tz, year, month, day, 12)
    // 1月3日 written in late December means next year.
    if (!m[1] && at < now - 180 * 86_400_000) at = fromLocal(tz, year + 1, month, day, 12)
    const back = localParts(at, tz)
    if (back.month !== month || back.day !== day) return undefined
    return dateRef(at, tz, text.trim().slice(m[0].length))
  }
  return undefined
}

function dateRef(at: number, tz: string, rest: string): { day: DayRef; rest: string } {
  return { day: { kind: 'date', date: localDateKey(at, tz), at }, rest: rest.trim() }
}

/** The next date (today included) that falls on `weekday`. */
export function nextWeekday(now: number, weekday: Weekday, tz: string): number {
  const today = WEEKDAYS.indexOf(localParts(now, tz).weekday)
  const target = WEEKDAYS.indexOf(weekday)
  return addLocalDays(now, (target - today + 7) % 7, tz)
}
