// Reads .env (if present) without overriding variables already set by the environment.
import fs from 'node:fs'

export function loadEnvFile(file = '.env'): void {
  if (!fs.existsSync(file)) return
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (!m || line.trimStart().startsWith('#')) continue
    const key = m[1]!
    let value = m[2] ?? ''
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1)
    if (process.env[key] === undefined) process.env[key] = value
  }
}
