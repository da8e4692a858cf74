// Messages classified per second, on the project's own labelled corpus (short chat lines and
// long formal posts alike). The target is well under 1 ms a message.
import fs from 'node:fs'
import { classify } from '../src/domain/intent/index.js'
import { parseLabelled } from '../src/domain/intent/evaluate.js'
import type { BenchSuite } from './suites.js'

export const intentBench: BenchSuite = {
  name: 'intent',
  async run() {
    const texts = ['test/fixtures/intent/dev.tsv', 'test/fixtures/intent/holdout.tsv', 'test/fixtures/intent/holdout2.tsv']
      .flatMap(f => parseLabelled(fs.readFileSync(f, 'utf8')).map(r => r.text))
    for (const t of texts) classify(t) // warm up the regex engine
    const rounds = 20
    const started = performance.now()
    for (let i = 0; i < rounds; i++) for (const t of texts) classify(t)
    const ms = performance.now() - started
    const n = rounds * texts.length
    const perMsg = ms / n
    // Per message, the best of 10 runs (scheduler noise only ever adds time); then the slowest message.
    const slowest = Math.max(...texts.map(t => {
      let best = Infinity
      for (let i = 0; i < 10; i++) {
        const s = performance.now()
        classify(t)
        best = Math.min(best, performance.now() - s)
      }
      return best
    }))
    return [
      `intent: ${Math.round(n / (ms / 1000))} messages/s (${(perMsg * 1000).toFixed(0)} µs a message, slowest message ${(slowest * 1000).toFixed(0)} µs best of 10; ${texts.length} distinct messages × ${rounds})`,
    ]
  },
}
