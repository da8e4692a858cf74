// Text helpers shared by command parsing and intent.
//
// `fold` maps full-width ASCII (＃１２ａ) and the ideographic space to ASCII one character for one
// character, so an index found in the folded text is valid in the original: we parse the folded
// text but keep what people actually typed (their ，and ：) in notes and tickets.

export function fold(text: string): string {
  let out = ''
  for (const ch of text) {
    const c = ch.charCodeAt(0)
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0)
    else if (c === 0x3000) out += ' '
    else out += ch
  }
  return out
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
