// The puppet's login session (Wechaty's memory card, `<name>.memory-card.json` next to the
// database). A good copy is kept as `.bak`; a corrupt file (a crash while it was written, a full
// disk) is moved aside and the backup restored, or the bot falls back to a QR login. Never a crash.
import fs from 'node:fs'
import type { Logger } from './log.js'

export type SessionState = 'ok' | 'restored' | 'reset' | 'none'

export function sessionFile(name: string): string {
  return `${name}.memory-card.json`
}

function readable(file: string): boolean {
  try {
    const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
    return data !== null && typeof data === 'object' && !Array.isArray(data)
  } catch {
    return false
  }
}

/** Copies via a temporary file and a rename, so a crash never leaves half a copy. */
function copyAtomic(from: string, to: string): void {
  const tmp = `${to}.tmp-${process.pid}`
  fs.copyFileSync(from, tmp)
  fs.renameSync(tmp, to)
}

/**
 * Before Wechaty reads the session: keep a copy of a good one, or replace a bad one with the
 * last good copy. `name` is the session name given to Wechaty (without `.memory-card.json`).
 */
export function prepareSession(name: string, log: Logger, now = Date.now()): SessionState {
  const file = sessionFile(name)
  const bak = `${file}.bak`
  try {
    if (!fs.existsSync(file)) {
      if (!readable(bak)) return 'none'
      copyAtomic(bak, file)
      log.warn(`login session missing; restored the backup ${bak}`)
      return 'restored'
    }
    if (readable(file)) {
      copyAtomic(file, bak)
      return 'ok'
    }
    const aside = `${file}.corrupt-${now}`
    fs.renameSync(file, aside)
    if (readable(bak)) {
      copyAtomic(bak, file)
      log.warn(`login session was unreadable (kept as ${aside}); restored the backup`)
      return 'restored'
    }
    log.warn(`login session was unreadable (kept as ${aside}) and there is no good backup; scan the QR code to log in again`)
    return 'reset'
  } catch (err) {
    // Permissions, a directory in the way: Wechaty will show the QR code; the bot still runs.
    log.warn(`could not check the login session ${file}`, err)
    return 'reset'
  }
}

/** After a login has settled: the session file now holds the new login; keep a copy. */
export function backupSession(name: string, log: Logger): void {
  const file = sessionFile(name)
  try {
    if (readable(file)) copyAtomic(file, `${file}.bak`)
  } catch (err) {
    log.warn(`could not back up the login session ${file}`, err)
  }
}
