// Village chat repeats itself ("收到", "好的", "[红包]", the same notice forwarded): classification
// is pure (same text and flags, same answer), so recent answers are remembered by exact text.
// The parser itself lives in domain/intent; this is only a bounded memo in front of it.
import { classify, type Classification, type ClassifyOptions } from './domain/intent/index.js'

/** Longer lines rarely repeat word for word; they are classified every time. */
const MAX_KEY_CHARS = 200

export class ClassifyMemo {
  private readonly entries = new Map<string, Classification>()
  hits = 0
  misses = 0

  constructor(private readonly max = 4096) {}

  classify(text: string, opts: ClassifyOptions = {}): Classification {
    if (text.length > MAX_KEY_CHARS) return classify(text, opts)
    // Every option that can change the answer is part of the key.
    const key = (opts.mentionsBot ? '1' : '0') + (opts.rulesOnly ? '1' : '0') + text
    const known = this.entries.get(key)
    if (known) {
      this.hits++
      // Most recently used goes last, so the oldest is first to go.
      this.entries.delete(key)
      this.entries.set(key, known)
      return known
    }
    this.misses++
    const c = classify(text, opts)
    // Shared between callers: frozen, so no caller can change another's answer.
    Object.freeze(c.reasons)
    if (c.findings) Object.freeze(Object.freeze(c.findings).kinds)
    Object.freeze(c)
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(key, c)
    return c
  }

  get size(): number {
    return this.entries.size
  }
}

/** The process-wide memo (its counters are printed by the benchmark). */
export const sharedMemo = new ClassifyMemo()

/** classify() through the process-wide memo: the same result, usually without the work. */
export function classifyMemo(text: string, opts?: ClassifyOptions): Classification {
  return sharedMemo.classify(text, opts)
}
