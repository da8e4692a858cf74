// Text helpers shared by command parsing and intent.
//
// `fold` maps full-width ASCII (＃１２ａ) and the ideographic space to ASCII one character for one
// character, so an index found in the folded text is valid in the original: we parse the folded
// text but keep what people actually typed (their ，and ：) in notes and tickets.

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g

export function fold(text: string): string {
  // One pass; most lines have few full-width characters (，！？), so little is copied. Every
  // replacement is one UTF-16 unit for one, which keeps indexes valid in the original.
  return text.replace(FULL_WIDTH, ch => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
}

/** Full Unicode normalisation, for matching only (never for text that is shown or stored). */
export function normalize(text: string): string {
  return text.normalize('NFKC')
}

/** Removes control and zero-width characters so nothing odd is stored or echoed into a chat. */
export function clean(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, '')
    .trim()
}

/** A short one-line summary of a report for lists and notices. */
export function summarize(text: string, max = 30): string {
  const one = clean(text).replace(/\s+/g, ' ')
  return [...one].length > max ? [...one].slice(0, max).join('') + '…' : one
}
