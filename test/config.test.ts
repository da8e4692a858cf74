import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, parseConfig } from '../src/config.js'
import { baseConfig } from './helpers.js'

function write(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-cfg-')), 'shuoshi.yaml')
  fs.writeFileSync(file, text)
  return file
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ConfigError) return e
    throw e
  }
  throw new Error('expected a ConfigError')
}

describe('config', () => {
  it('accepts the documented shape and fills defaults', () => {
    const cfg = parseConfig(baseConfig({ sending: undefined }))
    expect(cfg.villages[0]!.digest).toBe('08:00')
    expect(cfg.sending.intervalMs).toBe(1000)
    expect(cfg.bot.account).toBe('default')
  })

  it('accepts the shipped example file', () => {
    expect(loadConfig('shuoshi.example.yaml').villages.length).toBeGreaterThan(0)
  })

  it('names the file, the key and the allowed values for a wrong room role', () => {
    const raw = baseConfig() as { villages: { rooms: { role: string }[] }[] }
    raw.villages[0]!.rooms[1]!.role = 'comittee'
    const file = write(JSON.stringify(raw))
    const err = errorOf(() => loadConfig(file))
    expect(err.message).toContain(`配置文件有误：${file}`)
    expect(err.message).toContain('villages[0]（北社村）.rooms[1]（北社村两委群）.role：取值「comittee」无效，可选值：public、grid、committee')
  })

  it('rejects a duty name that is not a cadre, listing the cadres', () => {
    const raw = baseConfig() as { villages: { duty: Record<string, string> }[] }
    raw.villages[0]!.duty['wed'] = '赵六'
    const err = errorOf(() => parseConfig(raw, 'x.yaml'))
    expect(err.problems).toEqual(['villages[0]（北社村）.duty.wed：「赵六」不在本村干部名单中，可选值：王书记、张主任、李调解'])
  })

  it('reports unknown keys with the keys that are allowed, a bad time, and a missing key', () => {
    const raw = baseConfig() as { villages: Record<string, unknown>[]; bot: Record<string, unknown> }
    raw.villages[0]!['digst'] = '08:00'
    raw.villages[0]!['digest'] = '8点'
    delete raw.bot['name']
    const err = errorOf(() => parseConfig(raw, 'x.yaml'))
    expect(err.problems).toContain('bot.name：缺少必填项')
    expect(err.problems.find(p => p.includes('digst'))).toMatch(/不认识的键 digst（可用的键：name、rooms、cadres、duty、digest、feedbackDays、sla、quietHours、partners）/)
    expect(err.problems).toContain('villages[0]（北社村）.digest：时间格式应为 HH:MM（24小时制），例如 08:00')
  })

  it('explains a missing file and broken YAML in Chinese', () => {
    expect(errorOf(() => loadConfig('/nonexistent/shuoshi.yaml')).message).toMatch(/找不到配置文件/)
    expect(errorOf(() => loadConfig(write('villages: [unclosed'))).message).toMatch(/YAML 格式错误/)
  })
})
