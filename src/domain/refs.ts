// Reading ticket references and quote-replies out of what cadres type.
import { fold } from './text.js'

/** wechat4u renders a quote-reply as 「昵称：原文」, a dashed rule, then the reply. */
const QUOTE_RE = /^「([^：:]*)[：:]([\s\S]*)」\s*\n-(?: -){3,}\s*\n?([\s\S]*)$/

export interface Quote {
  name: string
  text: string
}

export function parseQuote(text: string): { quote?: Quote; body: string } {
  const m = QUOTE_RE.exec(text.trim())
  if (!m) return { body: text }
  return { quote: { name: (m[1] ?? '').trim(), text: m[2] ?? '' }, body: (m[3] ?? '').trim() }
}

/** Formats a quote-reply exactly as the wechat4u puppet does (used by the simulator). */
export function formatQuote(name: string, quoted: string, reply: string): string {
  return `「${name}：${quoted}」\n- - - - - - - - - - - - - - -\n${reply}`
}

/** Every `#12` in a text (bot notices always write numbers this way). */
export function ticketNumbersIn(text: string): number[] {
  const out: number[] = []
  for (const m of fold(text).matchAll(/#(\d{1,9})(?!\d)/g)) {
    const n = Number(m[1])
    if (!out.includes(n)) out.push(n)
  }
  return out
}

export interface TicketRef {
  no: number
  village?: string
  /** The digits as typed, for "not found" replies when the number is absurd. */
  raw: string
}

/**
 * Reads a ticket reference at the start of `s`: `1`, `#1`, `1号`, `＃１`, optionally after a
 * village name (`北社村 1`). Returns the reference and the rest of the text.
 */
export function takeTicketRef(s: string, villages: string[]): { ref?: TicketRef; rest: string } {
  const original = s.trim()
  const folded = fold(original)
  let at = 0
  let village: string | undefined
  for (const v of villages) {
    if (folded.startsWith(v)) {
      village = v
      at = v.length
      break
    }
  }
  // `1.5`, `12.5`, `1e10` are not ticket numbers: taking their first digits would act on the wrong ticket.
  const m = /^\s*#?\s*(\d+)(?!\d|[.．]\d|[eE][+-]?\d)\s*号?/.exec(folded.slice(at))
  if (!m) return { rest: original }
  const raw = m[1] ?? ''
  // Absurd numbers still parse, as a number no ticket has, so the reply is "not found".
  const no = raw.length > 9 ? Number.MAX_SAFE_INTEGER : Number(raw)
  return { ref: { no, village, raw }, rest: original.slice(at + m[0].length).trim() }
}
