// Where shuoshi keeps files besides the database: attachments, exports, the login session.
import path from 'node:path'

/** SHUOSHI_DATA_DIR, else the directory of a file SHUOSHI_DB, else ./data. */
export function dataDir(): string {
  const explicit = process.env['SHUOSHI_DATA_DIR']
  if (explicit) return path.resolve(explicit)
  const db = process.env['SHUOSHI_DB']
  if (db && !/^[a-z]+:\/\//i.test(db) && db !== ':memory:') return path.dirname(path.resolve(db))
  return path.resolve('data')
}
