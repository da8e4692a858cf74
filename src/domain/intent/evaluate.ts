// Scoring the parser against a labelled file: per-class precision and recall, macro-F1, false
// alarms on chatter and missed reports, and (when the file has them) urgent recall, category
// and location agreement. Pure: reading files and printing live in the CLI.
import { classify, type Classification, type Intent } from './index.js'
import { samePlace } from './location.js'

export interface LabelledRow {
  text: string
  intent: Intent
  category?: string
  urgent?: boolean
  emergency?: string
  location?: string
}

const LABELS: Record<string, Intent> = {
  report: 'report', dispute: 'dispute', none: 'none', noise: 'none',
}

/**
 * Reads a TSV with a header. Needs `text` and `label` (REPORT / DISPUTE / NOISE) or `intent`
 * (report / dispute / none); `category`, `urgent` (0/1), `emergency` and `location` are optional.
 */
export function parseLabelled(tsv: string): LabelledRow[] {
  const lines = tsv.split(/\r?\n/).filter(l => l.trim() !== '')
  const header = (lines.shift() ?? '').split('\t').map(h => h.trim().toLowerCase())
  const col = (name: string): number => header.indexOf(name)
  const textCol = col('text')
  const labelCol = col('label') >= 0 ? col('label') : col('intent')
  if (textCol < 0 || labelCol < 0) throw new Error('TSV needs a header with text and label (or intent) columns')
  const rows: LabelledRow[] = []
  for (const line of lines) {
    const f = line.split('\t')
    const intent = LABELS[(f[labelCol] ?? '').trim().toLowerCase()]
    if (!intent) throw new Error(`unknown label in line: ${line.slice(0, 80)}`)
    const row: LabelledRow = { text: f[textCol] ?? '', intent }
    const get = (name: string): string | undefined => {
      const i = col(name)
      const v = i >= 0 ? (f[i] ?? '').trim() : ''
      return v === '' ? undefined : v
    }
    const category = get('category')
    if (category) row.category = category
    if (col('urgent') >= 0) row.urgent = get('urgent') === '1'
    const emergency = get('emergency')
    if (emergency) row.emergency = emergency
    const location = get('location')
    if (location) row.location = location
    rows.push(row)
  }
  return rows
}

export interface ClassScore { precision: number; recall: number; f1: number; support: number }

export interface Scores {
  rows: number
  perClass: Record<Intent, ClassScore>
  macroF1: number
  /** Share of chatter that would have opened a ticket. */
  falseAlarms: number
  /** Share of reports and disputes that would have opened none. */
  missed: number
  /** Reports and disputes that got a ticket of the wrong kind (report vs dispute). */
  confused: number
  urgent?: { recall: number; precision: number; support: number; rightNumber: number }
  /** Among rows found as the right intent and labelled with a category. */
  category?: { accuracy: number; support: number }
  /** Among rows labelled with a place: the parser found the same place. */
  location?: { accuracy: number; support: number }
  /** Per row: what the parser said (in order). */
  predictions: Classification[]
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b)

export function score(rows: LabelledRow[], predict: (text: string) => Classification = t => classify(t)): Scores {
  const predictions = rows.map(r => predict(r.text))
  const intents: Intent[] = ['report', 'dispute', 'none']
  const perClass = {} as Record<Intent, ClassScore>
  for (const k of intents) {
    const tp = rows.filter((r, i) => r.intent === k && predictions[i]!.intent === k).length
    const predicted = predictions.filter(p => p.intent === k).length
    const support = rows.filter(r => r.intent === k).length
    const precision = ratio(tp, predicted)
    const recall = ratio(tp, support)
    perClass[k] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support }
  }
  const present = intents.filter(k => perClass[k].support > 0)
  const macroF1 = ratio(present.reduce((s, k) => s + perClass[k].f1, 0), present.length)
  const noiseIdx = rows.map((r, i) => (r.intent === 'none' ? i : -1)).filter(i => i >= 0)
  const realIdx = rows.map((r, i) => (r.intent !== 'none' ? i : -1)).filter(i => i >= 0)
  const out: Scores = {
    rows: rows.length,
    perClass,
    macroF1,
    falseAlarms: ratio(noiseIdx.filter(i => predictions[i]!.intent !== 'none').length, noiseIdx.length),
    missed: ratio(realIdx.filter(i => predictions[i]!.intent === 'none').length, realIdx.length),
    confused: ratio(realIdx.filter(i => predictions[i]!.intent !== 'none' && predictions[i]!.intent !== rows[i]!.intent).length, realIdx.length),
    predictions,
  }
  if (rows.some(r => r.urgent !== undefined)) {
    const urgentIdx = rows.map((r, i) => (r.urgent ? i : -1)).filter(i => i >= 0)
    const flagged = predictions.map((p, i) => (p.urgent ? i : -1)).filter(i => i >= 0)
    const hit = urgentIdx.filter(i => predictions[i]!.urgent)
    out.urgent = {
      recall: ratio(hit.length, urgentIdx.length),
      precision: ratio(flagged.filter(i => rows[i]!.urgent).length, flagged.length),
      support: urgentIdx.length,
      rightNumber: ratio(hit.filter(i => !rows[i]!.emergency || predictions[i]!.emergency === rows[i]!.emergency).length, hit.length),
    }
  }
  const catIdx = rows.map((r, i) => (r.category && predictions[i]!.intent === r.intent && r.intent !== 'none' ? i : -1)).filter(i => i >= 0)
  if (catIdx.length > 0) {
    out.category = { accuracy: ratio(catIdx.filter(i => predictions[i]!.category === rows[i]!.category).length, catIdx.length), support: catIdx.length }
  }
  const locIdx = rows.map((r, i) => (r.location ? i : -1)).filter(i => i >= 0)
  if (locIdx.length > 0) {
    const sameOrInside = (a: string | null, b: string): boolean => a !== null && (a === b || a.includes(b) || b.includes(a) || samePlace(a, b))
    out.location = { accuracy: ratio(locIdx.filter(i => sameOrInside(predictions[i]!.location, rows[i]!.location!)).length, locIdx.length), support: locIdx.length }
  }
  return out
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
const num = (x: number): string => x.toFixed(3)

/** The report `npm run eval` prints. Figures only: never the rows. */
export function formatScores(s: Scores, title: string): string {
  const names: Record<Intent, string> = { report: 'REPORT ', dispute: 'DISPUTE', none: 'NOISE  ' }
  const lines = [`${title}: ${s.rows} rows`, 'class     precision  recall   F1      support']
  for (const k of ['report', 'dispute', 'none'] as Intent[]) {
    const c = s.perClass[k]
    lines.push(`${names[k]}   ${num(c.precision)}      ${num(c.recall)}    ${num(c.f1)}   ${c.support}`)
  }
  lines.push(`macro-F1                  ${num(s.macroF1)}`)
  lines.push(`false alarms (NOISE given a ticket)        ${pct(s.falseAlarms)}`)
  lines.push(`missed (REPORT+DISPUTE given no ticket)    ${pct(s.missed)}`)
  lines.push(`report/dispute confused                    ${pct(s.confused)}`)
  if (s.urgent) lines.push(`urgent recall ${num(s.urgent.recall)} · precision ${num(s.urgent.precision)} · right number ${pct(s.urgent.rightNumber)} (${s.urgent.support} urgent rows)`)
  if (s.category) lines.push(`category agreement ${pct(s.category.accuracy)} (${s.category.support} rows found with the right intent)`)
  if (s.location) lines.push(`location found ${pct(s.location.accuracy)} (${s.location.support} rows with a place)`)
  return lines.join('\n')
}
