// Night hours (default 22:00–07:00): non-urgent messages to cadres wait until the morning.
import { fromLocal, localParts, parseHHMM } from '../time.js'

export interface QuietHours {
  from: string
  to: string
}

/** `at` itself when it is outside the quiet hours, otherwise the instant they end. */
export function quietEnd(at: number, q: QuietHours, tz: string): number {
  const from = parseHHMM(q.from)
  const to = parseHHMM(q.to)
  if (from === null || to === null || from === to) return at
  const p = localParts(at, tz)
  const m = p.hour * 60 + p.minute
  const spansMidnight = from > to
  const quiet = spansMidnight ? m >= from || m < to : m >= from && m < to
  if (!quiet) return at
  // After `from` on a window that spans midnight, the end is tomorrow.
  const dayOffset = spansMidnight && m >= from ? 1 : 0
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + dayOffset))
  return fromLocal(tz, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(to / 60), to % 60)
}
