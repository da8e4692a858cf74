// Wall-clock arithmetic in a named IANA timezone, independent of the host's TZ.
// Instants are epoch milliseconds everywhere in shuoshi; local parts only at the edges.

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

export interface LocalParts {
  year: number
  month: number // 1-12
  day: number
  hour: number
  minute: number
  second: number
  weekday: Weekday
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    })
    formatters.set(tz, f)
  }
  return f
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz)
    return true
  } catch {
    return false
  }
}

const WEEKDAY_BY_SHORT: Record<string, Weekday> = {
  Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun',
}

/** Intl's formatToParts is slow (~10 µs) and the bot asks about the same second many times. */
const lastParts = new Map<string, { second: number; parts: LocalParts }>()

export function localParts(ms: number, tz: string): LocalParts {
  const second = Math.floor(ms / 1000)
  const hit = lastParts.get(tz)
  if (hit && hit.second === second) return { ...hit.parts }
  const parts = computeLocalParts(ms, tz)
  lastParts.set(tz, { second, parts })
  return { ...parts }
}

function computeLocalParts(ms: number, tz: string): LocalParts {
  const out: Record<string, string> = {}
  for (const p of formatter(tz).formatToParts(new Date(ms))) out[p.type] = p.value
  return {
    year: Number(out['year']),
    month: Number(out['month']),
    day: Number(out['day']),
    hour: Number(out['hour']),
    minute: Number(out['minute']),
    second: Number(out['second']),
    weekday: WEEKDAY_BY_SHORT[out['weekday'] ?? 'Mon'] ?? 'mon',
  }
}

/** Offset of `tz` from UTC at instant `ms`, in ms (Asia/Shanghai: +8h). */
export function tzOffset(ms: number, tz: string): number {
  const p = localParts(ms, tz)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return asUtc - Math.floor(ms / 1000) * 1000
}

/** The instant at which the wall clock in `tz` shows the given local time. */
export function fromLocal(
  tz: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second)
  // Two passes settle DST transitions; fixed-offset zones settle in one.
  let ms = guess - tzOffset(guess, tz)
  ms = guess - tzOffset(ms, tz)
  return ms
}

export function startOfLocalDay(ms: number, tz: string): number {
  const p = localParts(ms, tz)
  return fromLocal(tz, p.year, p.month, p.day)
}

/** Adds whole local days (keeps wall time across DST). */
export function addLocalDays(ms: number, days: number, tz: string): number {
  const p = localParts(ms, tz)
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days))
  return fromLocal(tz, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), p.hour, p.minute, p.second)
}

export function localDateKey(ms: number, tz: string): string {
  const p = localParts(ms, tz)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** `2026-11-23T09:00:02+08:00` */
export function isoLocal(ms: number, tz: string): string {
  const p = localParts(ms, tz)
  const off = Math.round(tzOffset(ms, tz) / MINUTE)
  const sign = off >= 0 ? '+' : '-'
  const abs = Math.abs(off)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** `11-23 09:05` for people reading on a phone. */
export function shortLocal(ms: number, tz: string): string {
  const p = localParts(ms, tz)
  return `${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`
}

export function hhmm(ms: number, tz: string): string {
  const p = localParts(ms, tz)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** Parses `HH:MM` into minutes after midnight, or null. */
export function parseHHMM(s: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(s.trim())
  if (!m) return null
  return Number(m[1]) * 60 + Number(m[2])
}

/** Parses an ISO instant with offset, e.g. `2026-11-23T08:30:00+08:00`. */
export function parseInstant(s: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null
  const ms = Date.parse(s)
  return Number.isFinite(ms) ? ms : null
}

/** Parses `2d`, `3h`, `90m`, `30s`, `1d12h` into ms. */
export function parseDuration(s: string): number | null {
  const re = /(\d+(?:\.\d+)?)\s*(d|h|m|s|天|小时|分钟|分|秒)/g
  let total = 0
  let matched = ''
  for (const m of s.trim().matchAll(re)) {
    const n = Number(m[1])
    const unit = m[2]
    const mult = unit === 'd' || unit === '天' ? DAY
      : unit === 'h' || unit === '小时' ? HOUR
        : unit === 'm' || unit === '分钟' || unit === '分' ? MINUTE
          : 1000
    total += n * mult
    matched += m[0]
  }
  if (!matched || matched.replace(/\s/g, '') !== s.replace(/\s/g, '')) return null
  return total
}
