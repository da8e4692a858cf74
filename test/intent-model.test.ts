// The model behind the intent rules: shipped weights are what the corpus trains, the fast scorer
// is the training path's arithmetic, and the model's calls on wording the rules lack.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { classify } from '../src/domain/intent/index.js'
import { parseLabelled } from '../src/domain/intent/evaluate.js'
import { decide, featuresOf, isUrgent, SILENCE_DANGER, SURE, packWeights, Scorer, scores, URGENT_AT, URGENT_WITHOUT_RULES, type RuleFindings } from '../src/domain/intent/model.js'
import { findingsOf, train, trainUrgent } from '../src/domain/intent/train.js'
import { shippedWeightsSource, trainingFiles, unlistedTrainingFiles } from '../scripts/train-intent.js'
import { ON_POSTGRES } from './helpers.js'

const FIXTURES = 'test/fixtures/intent'

describe('the shipped weights', () => {
  // Training takes ~15 s; it says nothing about the database, so it runs on the SQLite pass only.
  it.skipIf(ON_POSTGRES)('are what `npm run train-intent` makes of the corpus (no hand edits, no stale file)', () => {
    const read = (src: string): Map<string, number[]> => {
      const keys = JSON.parse(/export const KEYS = (".*")\n/.exec(src)![1]!) as string
      const values = Buffer.from(JSON.parse(/export const VALUES = (".*")\n/.exec(src)![1]!) as string, 'base64')
      const ints = new Int16Array(values.buffer, values.byteOffset, values.byteLength / 2)
      return new Map(keys.split('\n').map((k, i) => [k, [...ints.slice(i * 5, i * 5 + 5)]]))
    }
    const shipped = read(fs.readFileSync('src/domain/intent/weights.ts', 'utf8'))
    const fresh = read(shippedWeightsSource())
    expect(shipped.size).toBeGreaterThan(10_000)
    // Equal to the thousandth, give or take one where a weight sits on a rounding edge.
    let off = 0
    for (const k of new Set([...shipped.keys(), ...fresh.keys()])) {
      const a = shipped.get(k) ?? [0, 0, 0, 0, 0]
      const b = fresh.get(k) ?? [0, 0, 0, 0, 0]
      if (a.some((x, i) => Math.abs(x - b[i]!) > 6)) off++
    }
    expect(off).toBe(0)
  }, 120_000)

  it('are trained on dev.tsv and train-*.tsv only: holdouts and ../shared stay unseen', () => {
    const names = trainingFiles().map(f => path.basename(f))
    expect(names).toContain('dev.tsv')
    expect(names.filter(n => n.startsWith('train-')).length).toBeGreaterThanOrEqual(10)
    expect(names.some(n => n.includes('holdout'))).toBe(false)
    expect(trainingFiles().every(f => path.resolve(f).startsWith(path.resolve(FIXTURES)))).toBe(true)
    // Every batch in the folder is named in the list, so none is silently left out of the model.
    expect(unlistedTrainingFiles()).toEqual([])
  })
})

describe('the fast scorer', () => {
  it('gives the same probabilities as the training path on every fixture line', () => {
    const rows = parseLabelled(fs.readFileSync(path.join(FIXTURES, 'holdout3.tsv'), 'utf8'))
    // A small model trained here, so the check does not depend on the shipped one.
    const sample = parseLabelled(fs.readFileSync(path.join(FIXTURES, 'holdout.tsv'), 'utf8'))
    const intent = train(sample, { epochs: 3, minCount: 1 })
    const urgent = trainUrgent(sample, { epochs: 3, minCount: 1 })
    const fast = Scorer.of(intent, urgent)
    let compared = 0
    for (const r of rows) {
      const x = findingsOf(r.text)
      if (!x) continue
      const slow = scores(intent, featuresOf(x.t, x.f))
      const quick = fast.score(x.t, x.f)
      quick.p.forEach((p, i) => expect(p).toBeCloseTo(slow[i]!, 12))
      expect(quick.urgent).toBeCloseTo(scores(urgent, featuresOf(x.t, x.f), 2)[0]!, 12)
      compared++
    }
    expect(compared).toBeGreaterThan(150)
  })

  it('reads the packed table (int16 thousandths, base64) as the weights it was packed from', () => {
    const sample = parseLabelled(fs.readFileSync(path.join(FIXTURES, 'holdout.tsv'), 'utf8'))
    const intent = train(sample, { epochs: 3, minCount: 1 })
    const urgent = trainUrgent(sample, { epochs: 3, minCount: 1 })
    const { keys, values } = packWeights(intent, urgent)
    const packed = Scorer.packed(keys, values)
    for (const r of sample.slice(0, 80)) {
      const x = findingsOf(r.text)
      if (!x) continue
      const slow = scores(intent, featuresOf(x.t, x.f))
      packed.score(x.t, x.f).p.forEach((p, i) => expect(Math.abs(p - slow[i]!)).toBeLessThan(0.01))
    }
    expect(Scorer.packed('', '').score('路灯坏了', { intent: 'report', r: 3, d: 0, n: 0, kinds: [] }).p).toEqual([1 / 3, 1 / 3, 1 / 3])
  })

  it('counts a gram once: a line pasted thirty times weighs each of its pieces as much as a line said once', () => {
    const f: RuleFindings = { intent: 'none', r: 0, d: 0, n: 0, kinds: [] }
    const once = featuresOf('谢谢书记', f)
    const many = featuresOf('谢谢书记'.repeat(30), f)
    // Thirty copies bring a few new pieces (记谢, 记谢谢), not thirty times the weight of the old ones.
    expect(many.get('谢谢')).toBeCloseTo(many.get('书记')!, 12)
    expect(many.get('谢谢')!).toBeLessThanOrEqual(once.get('谢谢')!)
    expect(classify('谢谢书记'.repeat(30) + '三组路灯坏了').intent).toBe('report')
  })
})

describe('deciding between the rules and the model', () => {
  const f = (intent: RuleFindings['intent'], kinds: string[] = [], n = 0): RuleFindings => ({ intent, r: 0, d: 0, n, kinds })

  it('opens a ticket the rules did not see only when the model is sure', () => {
    expect(decide(f('none'), [SURE - 0.01, 0, 1 - SURE + 0.01], false)).toBe('none')
    expect(decide(f('none'), [SURE + 0.01, 0, 1 - SURE - 0.01], false)).toBe('report')
    expect(decide(f('none'), [0.1, 0.8, 0.1], false)).toBe('dispute')
    // A piece of a report is not a ticket by the model alone, however sure it is.
    expect(decide(f('none', ['problem']), [0.9, 0.05, 0.05], true)).toBe('none')
    expect(decide(f('none', ['problem', 'object']), [0.9, 0.05, 0.05], false)).toBe('report')
    // …but the model may still take a rules ticket for the other kind.
    expect(decide(f('report'), [0.1, 0.85, 0.05], true)).toBe('dispute')
  })

  it('calls a rules ticket chatter only when sure, takes it for the other kind, and silences a danger the rules found only when all but certain', () => {
    expect(decide(f('report'), [0.2, 0.1, SURE + 0.01], false)).toBe('none')
    // Unsure chatter does not drop a report: a lost report costs more than a ticket closed.
    expect(decide(f('dispute'), [0.1, 0.3, SURE - 0.01], false)).toBe('dispute')
    expect(decide(f('report'), [0.3, 0.6, 0.1], false)).toBe('dispute')
    expect(decide(f('report', ['urgent:medical']), [0.05, 0.05, 0.9], false)).toBe('report')
    expect(decide(f('report', ['urgent:gas']), [0.02, 0.02, SILENCE_DANGER - 0.01], false)).toBe('report')
    expect(decide(f('report', ['urgent:gas']), [0.02, 0.02, SILENCE_DANGER + 0.01], false)).toBe('none')
    // …unless the rules themselves heard chatter around it (another village's fire, old news).
    expect(decide(f('report', ['urgent:fire', 'noise:elsewhere'], 2), [0.05, 0.05, 0.9], false)).toBe('none')
  })
})

describe('what the model adds to the rules', () => {
  const both = (t: string) => ({ rules: classify(t, { rulesOnly: true }), model: classify(t) })

  it('hears reports and quarrels in words the lexicon lacks', () => {
    for (const [t, want] of [
      ['后街那排房子的下水反上来了 满院子都是', 'report'],
      ['大姐借了我八千块 说好年底还 现在微信都拉黑我了', 'dispute'],
      ['我家玉米叶子全黄了 隔壁打的药飘过来了', 'dispute'],
    ] as const) {
      const { rules, model } = both(t)
      expect(model.intent, t).toBe(want)
      expect(rules.intent, `${t}: the rules alone get this wrong`).not.toBe(want)
      expect(model.reasons.some(r => r.startsWith('model:'))).toBe(true)
    }
  })

  it('takes back a ticket the rules opened on chatter', () => {
    for (const t of ['我在城里上班 公司停电了 提前下班', '宿舍又停电了 早点睡吧 明天还要早起']) {
      const { rules, model } = both(t)
      expect([rules.intent, model.intent], t).toEqual(['report', 'none'])
    }
  })

  it('hears danger the danger rules have no word for, and picks the number to call', () => {
    const trapped = classify('电梯困人了 里面有个老人在拍门')
    expect(trapped).toMatchObject({ intent: 'report', urgent: true, emergency: '119' })
    const threat = classify('他拿砖头砸我家门 说要弄死我')
    expect(threat).toMatchObject({ intent: 'dispute', urgent: true, emergency: '110' })
    expect(URGENT_AT).toBeLessThan(0.5)
    // Without a danger rule the words must be surer.
    expect(isUrgent({ intent: 'report', r: 3, d: 0, n: 0, kinds: ['urgent:fire'] }, URGENT_AT)).toBe(true)
    expect(isUrgent({ intent: 'report', r: 3, d: 0, n: 0, kinds: [] }, URGENT_AT)).toBe(false)
    expect(isUrgent({ intent: 'report', r: 3, d: 0, n: 0, kinds: [] }, URGENT_WITHOUT_RULES)).toBe(true)
  })

  it('keeps a fall the rules found urgent, whatever the words around it', () => {
    expect(classify('我妈在家摔了一跤 起不来了 我在外地 谁能去看看')).toMatchObject({ intent: 'report', urgent: true, emergency: '120' })
  })

  it('does not make an ordinary fault urgent', () => {
    for (const t of ['三组路灯坏了好几天了', '垃圾箱满了没人拉', '楼上装修天天吵', '3号楼电视信号坏了，联系电话13812345678']) {
      expect(classify(t).urgent, t).toBe(false)
    }
  })
})
