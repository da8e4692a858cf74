// `shuoshi classify` and `shuoshi eval` (npm run eval): the intent parser on the command line.
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { classify } from './domain/intent/index.js'
import { formatScores, parseLabelled, score } from './domain/intent/evaluate.js'
import { T } from './templates.js'

/** One JSON object per input line, in order, with exactly these keys (plus emergency and reasons with `explain`). */
export async function classifyLines(input: Readable, output: Writable, o: { explain?: boolean } = {}): Promise<number> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity })
  let n = 0
  for await (const raw of rl) {
    const text = raw.replace(/\r$/, '')
    const c = classify(text)
    const row: Record<string, unknown> = { text, intent: c.intent, category: c.category, urgent: c.urgent, location: c.location }
    if (o.explain) Object.assign(row, { emergency: c.emergency, partial: c.partial, noise: c.noise, reasons: c.reasons })
    output.write(JSON.stringify(row) + '\n')
    n++
  }
  return n
}

const EVAL_FILE = path.join('shared', 'data', 'eval-dev.tsv')

/** ../shared/data/eval-dev.tsv from the project, found by walking up from `from`. */
export function findEvalFile(from = process.cwd()): string | undefined {
  let dir = path.resolve(from)
  for (;;) {
    const candidate = path.join(dir, EVAL_FILE)
    if (fs.existsSync(candidate)) return candidate
    const up = path.dirname(dir)
    if (up === dir) return undefined
    dir = up
  }
}

/** Files that measure and must not be tuned on: their rows are never printed. */
const MEASURE_ONLY = /(^|[\\/])(eval-dev|holdout)[^\\/]*$/

export interface EvalOptions {
  /** Print the rows the parser got wrong (only for one's own development corpus). */
  errors?: boolean
}

export function evaluateFiles(files: string[], out: (line: string) => void, o: EvalOptions = {}): void {
  for (const file of files) {
    const rows = parseLabelled(fs.readFileSync(file, 'utf8'))
    // The first pass compiles the rules' regexes and warms the JIT; time the second, the steady cost.
    score(rows)
    const started = performance.now()
    const s = score(rows)
    const ms = performance.now() - started
    out(formatScores(s, path.relative(process.cwd(), file) || file))
    out(T.cli.evalSpeed(rows.length, ms))
    if (!o.errors) {
      out('')
      continue
    }
    if (MEASURE_ONLY.test(file)) {
      out(T.cli.evalNoErrors())
      out('')
      continue
    }
    rows.forEach((r, i) => {
      const p = s.predictions[i]!
      if (p.intent !== r.intent) out(`  ${r.intent} → ${p.intent}  ${r.text}  [${p.reasons.join(' ')}]`)
    })
    out('')
  }
}
