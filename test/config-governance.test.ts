// Issue 4's configuration: time limits, night hours and partner units, with Chinese errors.
import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../src/config.js'
import { baseConfig } from './helpers.js'

function problems(mutate: (v: Record<string, unknown>) => void): string[] {
  const raw = baseConfig() as { villages: Record<string, unknown>[] }
  mutate(raw.villages[0]!)
  try {
    parseConfig(raw, 'x.yaml')
  } catch (e) {
    if (e instanceof ConfigError) return e.problems
    throw e
  }
  return []
}

describe('governance config', () => {
  it('defaults to the issue’s limits, 22:00–07:00 night hours and no partner units', () => {
    const v = parseConfig(baseConfig()).villages[0]!
    expect(v.sla).toEqual({ acceptMinutes: 30, urgentAcceptMinutes: 10, resolveDays: 5, urgentResolveHours: 24, mediationDays: 30 })
    expect(v.quietHours).toEqual({ from: '22:00', to: '07:00' })
    expect(v.partners).toEqual([])
  })

  it('names a partner unit’s unknown category with the allowed ones', () => {
    const p = problems(v => { v['partners'] = [{ name: '县水务局', contact: '刘科长', categories: ['自来水'] }] })
    expect(p).toHaveLength(1)
    expect(p[0]).toMatch(/^villages\[0\]（北社村）\.partners\[0\]（县水务局）\.categories\[0\]：取值「自来水」无效，可选值：道路交通、水电气、/)
  })

  it('rejects a duplicate unit, a bad night-hour time, a zero limit and an unknown sla key', () => {
    const p = problems(v => {
      v['partners'] = [{ name: '县水务局', contact: '刘科长' }, { name: '县水务局', contact: '王科长' }]
      v['quietHours'] = { from: '22点', to: '07:00' }
      v['sla'] = { acceptMinutes: 0, resolveDay: 5 }
    })
    expect(p).toContain('villages[0]（北社村）.partners[1]（县水务局）.name：「县水务局」重复出现，每个名称只能写一次')
    expect(p).toContain('villages[0]（北社村）.quietHours.from：时间格式应为 HH:MM（24小时制），例如 08:00')
    expect(p).toContain('villages[0]（北社村）.sla.acceptMinutes：不能小于 1')
    expect(p.find(x => x.includes('resolveDay'))).toMatch(/不认识的键 resolveDay（可用的键：acceptMinutes、urgentAcceptMinutes、resolveDays、urgentResolveHours、mediationDays）/)
  })
})
