// The simulator is the demo and a tool for deployers: its output format is a contract.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ScenarioError, simulate } from '../src/simulate.js'
import { baseConfig } from './helpers.js'

function scenario(steps: unknown[], extra: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-scn-'))
  const file = path.join(dir, 'scn.json')
  // JSON is valid YAML: the loader reads both.
  fs.writeFileSync(file, JSON.stringify({ config: baseConfig({ sending: undefined }), start: '2026-11-23T08:30:00+08:00', steps, ...extra }))
  return file
}

describe('shuoshi simulate', () => {
  it('prints one JSON object a line for every message the bot sends, on the virtual clock', async () => {
    const lines: string[] = []
    await simulate(scenario([
      { at: '09:00', room: '北社村村民说事群', from: '李大爷', text: '村北大街的井盖坏了' },
      { at: '09:10', from: '王书记', text: '接单 1' },
      { at: '09:12', room: '北社村两委群', from: '王书记', text: '办结 已修好', quote: '#1' },
      { wait: '2d' },
    ]), { out: l => lines.push(l) })
    const msgs = lines.map(l => JSON.parse(l) as { at: string; room: string | null; to: string | null; text: string; mentions: string[] })
    expect(Object.keys(msgs[0]!)).toEqual(['at', 'room', 'to', 'text', 'mentions'])
    expect(msgs[0]).toMatchObject({ at: '2026-11-23T09:00:00+08:00', room: '北社村村民说事群', to: null, mentions: ['李大爷'] })
    expect(msgs[0]!.text).toMatch(/^已受理 #1/)
    // Real pacing: the second and third messages leave at least a second apart.
    expect(Date.parse(msgs[1]!.at) - Date.parse(msgs[0]!.at)).toBeGreaterThanOrEqual(1000)
    expect(msgs.find(m => m.to === '王书记' && m.text.startsWith('已接单'))!.at).toMatch(/^2026-11-23T09:10:0/)
    expect(msgs.find(m => m.text.startsWith('【办结公示】'))).toMatchObject({ room: '北社村村民说事群' })
    // Sorted in time.
    const times = msgs.map(m => Date.parse(m.at))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })

  it('refuses a step that would move the clock back, naming the step', async () => {
    await expect(simulate(scenario([
      { at: '10:00', room: '北社村村民说事群', from: '李大爷', text: '好的' },
      { at: '09:00', room: '北社村村民说事群', from: '李大爷', text: '好的' },
    ]), { out: () => {} })).rejects.toThrow(/第 2 步：时间 09:00 早于当前虚拟时间/)
  })

  it('explains a malformed scenario in Chinese', async () => {
    await expect(simulate(scenario([{ at: '09:00', form: '李大爷' }]), { out: () => {} })).rejects.toBeInstanceOf(ScenarioError)
  })

  it('plays the shipped demo as a readable chat log ending with the next morning’s digest', async () => {
    const lines: string[] = []
    await simulate('scenarios/demo.yaml', { format: 'chat', out: l => lines.push(l) })
    const log = lines.join('\n')
    expect(log).toContain('🤖村务助手：@李大爷 已受理 #1')
    expect(log).toContain('这条命令只有村干部可以使用')
    expect(log).toContain('【办结公示】#1')
    expect(log).toContain('谢谢您的评价，#1 已销号')
    expect(lines.at(-1)).toMatch(/08:00:00 \[北社村两委群\] 🤖村务助手：【北社村日报】2026-11-23/)
    // The dispute's details never reach a room, and the phone number is nowhere in the bot's room messages.
    for (const line of lines.filter(l => l.includes('🤖') && l.includes('群]'))) {
      expect(line).not.toContain('砸墙')
      expect(line).not.toContain('13912345678')
    }
  })
})
