// The classification memo must be invisible: for every labelled line we have, with and without
// an @ to the bot, the remembered answer is the direct answer, on a miss and on a hit.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ClassifyMemo } from '../src/classify-memo.js'
import { classify } from '../src/domain/intent/index.js'

const DIR = path.join(import.meta.dirname, 'fixtures', 'intent')

function lines(): string[] {
  const out: string[] = []
  for (const f of fs.readdirSync(DIR).filter(f => f.endsWith('.tsv'))) {
    for (const row of fs.readFileSync(path.join(DIR, f), 'utf8').split('\n').slice(1)) {
      const text = row.split('\t')[0]
      if (text) out.push(text)
    }
  }
  // Odd inputs too: empty, mentions, a line over the memo's key limit.
  return [...out, '', '  ', '@村务助手 报事 路灯坏了', '报事', '村北大街的路灯又坏了，'.repeat(25)]
}

describe('classification memo', () => {
  const all = lines()

  it('answers exactly as classify() on every fixture line, first time and remembered', () => {
    expect(all.length).toBeGreaterThan(1500)
    const memo = new ClassifyMemo(100_000)
    for (const mentionsBot of [false, true]) {
      for (const text of all) {
        const direct = classify(text, { mentionsBot })
        expect(memo.classify(text, { mentionsBot }), text).toEqual(direct)
        expect(memo.classify(text, { mentionsBot }), text).toEqual(direct)
      }
    }
    expect(memo.hits).toBeGreaterThan(all.length)
  })

  it('keeps the mention flag apart: the same words with and without an @ to the bot', () => {
    const memo = new ClassifyMemo()
    const text = '三组那边有点情况'
    expect(memo.classify(text, { mentionsBot: true })).toEqual(classify(text, { mentionsBot: true }))
    expect(memo.classify(text)).toEqual(classify(text))
    expect(classify(text, { mentionsBot: true }).explicit).not.toEqual(classify(text).explicit)
  })

  it('stays bounded, forgetting the least recently used, and answers correctly after forgetting', () => {
    const memo = new ClassifyMemo(50)
    for (const text of all.slice(0, 500)) memo.classify(text)
    expect(memo.size).toBe(50)
    const keep = all[499]!
    for (const text of all.slice(500, 540)) memo.classify(text)
    memo.classify(keep)
    for (const text of all.slice(540, 589)) memo.classify(text)
    const hits = memo.hits
    expect(memo.classify(keep)).toEqual(classify(keep))
    expect(memo.hits).toBe(hits + 1)
    expect(memo.classify(all[0]!)).toEqual(classify(all[0]!))
    expect(memo.hits).toBe(hits + 1)
  })

  it('shares answers read-only', () => {
    const c = new ClassifyMemo().classify('三组路灯又不亮了')
    expect(() => { (c.reasons as string[]).push('x') }).toThrow()
    expect(() => { (c as { intent: string }).intent = 'none' }).toThrow()
  })
})
