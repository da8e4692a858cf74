// The README's command table is the cadres' manual: it must list every command and alias.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { commands } from '../handlers/index.js'

describe('README', () => {
  const readme = fs.readFileSync('README.md', 'utf8')
  const rows = readme.split('\n').filter(l => l.startsWith('| `'))

  it('has one table row per command with all its aliases', () => {
    for (const c of commands) {
      const [main, ...aliases] = c.aliases
      const row = rows.find(r => r.startsWith(`| \`${main}`))
      expect(row, `README row for ${main}`).toBeDefined()
      for (const a of aliases) expect(row, `${main} alias ${a}`).toContain(a)
    }
  })

  it('documents every environment variable in .env.example', () => {
    const env = fs.readFileSync('.env.example', 'utf8')
    for (const name of env.match(/^#?\s*([A-Z_]{4,})=/gm)!.map(l => l.replace(/^#?\s*/, '').replace('=', ''))) {
      expect(readme, name).toContain(`\`${name}\``)
    }
  })
})
