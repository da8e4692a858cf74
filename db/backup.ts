// `npx shuoshi backup <file>`: a consistent copy of the SQLite database while the bot runs.
// SQLite's online backup API copies page by page and starts over if the bot writes meanwhile, so
// the copy is one committed state. It is written next to the target and renamed into place only
// after an integrity check, so a half-written backup never looks like a good one.
import fs from 'node:fs'
import SQLite from 'better-sqlite3'

export class BackupError extends Error {}

export interface BackupResult {
  file: string
  bytes: number
  tickets: number
  pages: number
}

export function isFileDatabase(url: string): boolean {
  return url !== ':memory:' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)
}

export async function backupDatabase(source: string, target: string, o: { force?: boolean; messages: BackupMessages }): Promise<BackupResult> {
  if (!isFileDatabase(source)) throw new BackupError(o.messages.notSqlite(source))
  if (!fs.existsSync(source)) throw new BackupError(o.messages.noSource(source))
  if (fs.existsSync(target) && !o.force) throw new BackupError(o.messages.exists(target))
  const partial = `${target}.partial`
  fs.rmSync(partial, { force: true })
  const db = new SQLite(source, { readonly: true, fileMustExist: true })
  let pages = 0
  try {
    await db.backup(partial, { progress: p => { pages = p.totalPages; return 200 } })
  } finally {
    db.close()
  }
  const copy = new SQLite(partial, { readonly: true })
  let tickets = 0
  try {
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new BackupError(o.messages.corrupt(String(check)))
    tickets = (copy.prepare('select count(*) as n from tickets').get() as { n: number }).n
  } finally {
    copy.close()
  }
  fs.renameSync(partial, target)
  return { file: target, bytes: fs.statSync(target).size, tickets, pages }
}

export interface BackupMessages {
  notSqlite(url: string): string
  noSource(file: string): string
  exists(file: string): string
  corrupt(detail: string): string
}
