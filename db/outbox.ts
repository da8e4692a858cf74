import type { DB } from './connection.js'
import type { NewOutbox, OutboxRow } from './schema.js'

export async function insertOutbox(db: DB, row: NewOutbox): Promise<void> {
  await db.insertInto('outbox').values(row).execute()
}

/** Many rows in few statements, in order. 100 rows × 16 columns stays far below any parameter limit. */
export async function insertOutboxRows(db: DB, rows: NewOutbox[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('outbox').values(rows.slice(i, i + 100)).execute()
}

/** The next messages that may go out now, most urgent first, oldest first. */
export async function listDueOutbox(db: DB, account: string, now: number, limit: number): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll()
    .where('account', '=', account)
    .where('status', '=', 'pending')
    .where('not_before', '<=', now)
    .orderBy('priority')
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Every due row with this merge key (acks to one room), however far down the queue they are. */
export async function listDueByMergeKey(db: DB, account: string, key: string, now: number): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll()
    .where('account', '=', account)
    .where('status', '=', 'pending')
    .where('merge_key', '=', key)
    .where('not_before', '<=', now)
    .orderBy('id')
    .execute()
}

export async function nextOutboxDueAt(db: DB, account: string): Promise<number | undefined> {
  const row = await db.selectFrom('outbox').select(eb => eb.fn.min('not_before').as('at'))
    .where('account', '=', account).where('status', '=', 'pending').executeTakeFirst()
  return row?.at == null ? undefined : Number(row.at)
}

export async function setOutboxStatus(
  db: DB, ids: number[], patch: Partial<Pick<OutboxRow, 'status' | 'attempts' | 'not_before' | 'sent_at' | 'last_error'>>,
): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('outbox').set(patch).where('id', 'in', ids).execute()
}

export async function countSentSince(db: DB, account: string, since: number): Promise<number> {
  const row = await db.selectFrom('outbox').select(eb => eb.fn.countAll<number>().as('n'))
    .where('account', '=', account).where('status', '=', 'sent').where('sent_at', '>=', since)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function listOutboxByStatus(db: DB, account: string, status: OutboxRow['status']): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().where('account', '=', account).where('status', '=', status).orderBy('id').execute()
}
