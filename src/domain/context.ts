// Conversation context as rules, no I/O: which of a person's recent lines belong together, and
// when a new report is the same matter as an open ticket.
import { samePlace } from './intent/location.js'
import type { Classification } from './intent/index.js'

/** Lines from one person at most this far apart are one message typed in pieces. */
export const FRAGMENT_GAP_MS = 2 * 60_000
/** A photo or video this close to a report (before or after) belongs to it. */
export const MEDIA_WINDOW_MS = 5 * 60_000
/** A second report of the same thing this soon is the same matter. */
export const SAME_MATTER_MS = 3 * 86_400_000
/** At most this many lines are joined into one report. */
export const MAX_PARTS = 6

/** The run of lines that ends now: newest first, each within FRAGMENT_GAP_MS of the next one. */
export function currentRun<T extends { received_at: number }>(newestFirst: T[], now: number): T[] {
  const out: T[] = []
  let next = now
  for (const row of newestFirst) {
    if (next - row.received_at > FRAGMENT_GAP_MS) break
    out.push(row)
    next = row.received_at
  }
  return out
}

/**
 * Does a line continue a ticket the same person opened a moment ago? A remark (not a report by
 * itself, by the rules) does; a full report does only if it is the same kind of thing at the same (or no) place:
 * "一组路灯坏了" then "二组路灯也坏了" are two matters.
 */
export function continues(t: { kind: string; category: string; location: string | null; urgent: number }, c: Classification): boolean {
  if (c.noise || c.explicit || c.reasons.includes('address')) return false
  if (c.intent === 'none') return true
  // A line only the model took for a report ("就在小学门口 晚上看不见") is more detail, unless it
  // is another kind of matter (a quarrel after a broken lamp) or a new danger, which never hides
  // in an ordinary ticket.
  if (c.ruled === 'none') return c.intent === t.kind && !(c.urgent && !t.urgent)
  if (c.intent !== t.kind || c.category !== t.category) return false
  return c.location === null || samePlace(c.location, t.location)
}

/**
 * Is a new report the same matter as an open ticket? Same category, both name a place and it is
 * the same place. An urgent report never hides behind an ordinary ticket.
 */
export function sameMatter(t: { category: string; location: string | null; urgent: number }, c: Classification): boolean {
  if (c.intent !== 'report' || c.category !== t.category) return false
  if (c.urgent && !t.urgent) return false
  return samePlace(t.location, c.location)
}
