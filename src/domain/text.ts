// Normalisation shared by command parsing and intent: full-width digits, ＃ and spaces become
// ASCII so `接单 ＃１号` and `接单 #1` read the same.

export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200f\u2028-\u202f\ufeff]/g, '')
    .replace(/[\t\f\v\r]+/g, ' ')
}

/** Strips control characters so nothing odd is echoed back into a chat. */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim()
}

/** A short one-line summary of a report for lists and notices. */
export function summarize(text: string, max = 30): string {
  const one = clean(text).replace(/\s+/g, ' ')
  return one.length > max ? one.slice(0, max) + '…' : one
}
