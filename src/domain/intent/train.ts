// Training the intent model: multinomial logistic regression by AdaGrad, with classes weighted
// to count equally, a seeded shuffle and a fixed number of passes, so the same corpus always gives
// the same weights (a test checks the shipped ones). Pure: the corpus comes in, weights go out.
import { classify } from './index.js'
import { canon } from './normalize.js'
import { CLASSES, featuresOf, softmax, type ModelClass, type RuleFindings, type Weights } from './model.js'
import type { LabelledRow } from './evaluate.js'
import { seeded } from '../../random.js'

export interface TrainOptions {
  epochs?: number
  rate?: number
  l2?: number
  /** Character n-grams seen fewer times than this are left out (rule features always stay). */
  minCount?: number
  seed?: number
}

interface Example { feats: [string, number][]; y: number }

/** The rules' findings for a text, as training sees them (the same path classify takes). */
export function findingsOf(text: string): { t: string; f: RuleFindings } | null {
  const c = classify(text, { rulesOnly: true })
  // Explicit triggers never reach the model; acks, greetings and addresses carry no findings.
  if (c.explicit || !c.findings) return null
  return { t: canon(c.body), f: c.findings }
}

/** The intent model: report / dispute / none, each class counted equally. */
export function train(rows: LabelledRow[], o: TrainOptions = {}): Weights {
  const examples: { text: string; y: number }[] = rows.map(r => ({ text: r.text, y: CLASSES.indexOf(r.intent as ModelClass) }))
  return fit(examples, 3, o)
}

/** The urgency model: of the rows that are tickets and say whether they are urgent, urgent or not. */
export function trainUrgent(rows: LabelledRow[], o: TrainOptions = {}): Weights {
  const examples = rows.filter(r => r.intent !== 'none' && r.urgent !== undefined).map(r => ({ text: r.text, y: r.urgent ? 0 : 1 }))
  return fit(examples, 2, o)
}

/** Multinomial logistic regression over `k` classes by AdaGrad, classes weighted to count equally. */
function fit(labelled: { text: string; y: number }[], k: number, o: TrainOptions): Weights {
  const epochs = o.epochs ?? 12
  const rate = o.rate ?? 0.2
  const l2 = o.l2 ?? 1e-5
  const minCount = o.minCount ?? 2
  const examples: Example[] = []
  const counts = new Map<string, number>()
  for (const row of labelled) {
    const x = findingsOf(row.text)
    if (!x) continue
    const feats = [...featuresOf(x.t, x.f)]
    for (const [key] of feats) counts.set(key, (counts.get(key) ?? 0) + 1)
    examples.push({ feats, y: row.y })
  }
  for (const e of examples) e.feats = e.feats.filter(([key]) => key.startsWith('#') || counts.get(key)! >= minCount)
  const perClass = new Array<number>(k).fill(0)
  for (const e of examples) perClass[e.y]!++
  const classWeight = perClass.map(c => (c === 0 ? 0 : examples.length / (k * c)))

  const w: Weights = new Map()
  const g2 = new Map<string, Float64Array>()
  const row = (key: string): [Float64Array, Float64Array] => {
    let a = w.get(key)
    let b = g2.get(key)
    if (!a || !b) {
      a = new Float64Array(k)
      b = new Float64Array(k).fill(1e-8)
      w.set(key, a)
      g2.set(key, b)
    }
    return [a, b]
  }
  const random = seeded(o.seed ?? 20261202)
  const order = examples.map((_, i) => i)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    for (const i of order) {
      const e = examples[i]!
      const z = new Array<number>(k).fill(0)
      for (const [key, v] of e.feats) {
        const [a] = row(key)
        for (let c = 0; c < k; c++) z[c]! += a[c]! * v
      }
      const p = softmax(z)
      const cw = classWeight[e.y]!
      for (const [key, v] of e.feats) {
        const [a, b] = row(key)
        for (let c = 0; c < k; c++) {
          const grad = cw * (p[c]! - (c === e.y ? 1 : 0)) * v + l2 * a[c]!
          b[c]! += grad * grad
          a[c]! -= (rate * grad) / Math.sqrt(b[c]!)
        }
      }
    }
  }
  // Weights too small to change an answer are not worth shipping.
  for (const [key, a] of w) if (Math.max(...[...a].map(Math.abs)) < 0.005) w.delete(key)
  return w
}
