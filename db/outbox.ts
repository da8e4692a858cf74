import type { ExpressionBuilder } from 'kysely'
import type { DB } from './connection.js'
import { isPostgres } from './migrations/util.js'
import type { Database, NewOutbox, OutboxRow } from './schema.js'

export async function insertOutbox(db: DB, row: NewOutbox): Promise<void> {
  await db.insertInto('outbox').values(row).execute()
}

/** Many rows in few statements, in order. 100 rows × 16 columns stays far below any parameter limit. */
export async function insertOutboxRows(db: DB, rows: NewOutbox[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('outbox').values(rows.slice(i, i + 100)).execute()
}

/**
 * A row another process may not take: pending rows are claimed in small batches by the process
 * that will send them (claimed_by, claim_until); a claim runs out, so a killed process's rows go
 * to another process of the same account (or itself, restarted: `owner` is stable per instance).
 */
const claimable = (owner: string, now: number) => (eb: ExpressionBuilder<Database, 'outbox'>) =>
  eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', owner), eb('claim_until', '<', now)])

/**
 * Claims the next due rows of this account for `owner` (most urgent first, oldest first) and
 * renews its claims on them; returns them. On PostgreSQL rows another process is claiming right
 * now are skipped (FOR UPDATE SKIP LOCKED), so two processes never claim the same row; SQLite has
 * one writer at a time anyway.
 */
export async function claimDueOutbox(
  db: DB, account: string, owner: string, now: number, claimMs: number, limit: number, mergeKey?: string,
): Promise<OutboxRow[]> {
  return db.transaction().execute(async trx => {
    let q = trx.selectFrom('outbox').select('id')
      .where('account', '=', account)
      .where('status', '=', 'pending')
      .where('not_before', '<=', now)
      .where(claimable(owner, now))
    if (mergeKey !== undefined) q = q.where('merge_key', '=', mergeKey)
    q = q.orderBy('priority').orderBy('id').limit(limit)
    if (isPostgres(trx)) q = q.forUpdate().skipLocked()
    const ids = (await q.execute()).map(r => r.id)
    if (ids.length === 0) return []
    return trx.updateTable('outbox').set({ claimed_by: owner, claim_until: now + claimMs })
      .where('id', 'in', ids)
      .returningAll()
      .execute()
      .then(rows => rows.sort((a, b) => a.priority - b.priority || a.id - b.id))
  })
}

/**
 * Marks claimed rows `sending` just before the transport call, only while `owner` still holds
 * them (a claim that ran out may have gone to another process); returns the ids it marked.
 */
export async function markSending(db: DB, ids: number[], owner: string, attempts: number, until: number): Promise<Set<number>> {
  if (ids.length === 0) return new Set()
  const rows = await db.updateTable('outbox').set({ status: 'sending', attempts, claim_until: until })
    .where('id', 'in', ids).where('status', '=', 'pending').where('claimed_by', '=', owner)
    .returning('id').execute()
  return new Set(rows.map(r => r.id))
}

/**
 * Rows left `sending` by a process that stopped mid-send: its own (a restart of the same
 * instance), unclaimed ones (written before claims existed), or any whose claim ran out.
 */
export async function listStaleSending(db: DB, account: string, owner: string, now: number): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll()
    .where('account', '=', account).where('status', '=', 'sending')
    .where(claimable(owner, now))
    .orderBy('id').execute()
}

/** A row's claim is let go (sent, failed, or back to wait for its retry time). */
export const RELEASE = { claimed_by: null, claim_until: null } as const

/**
 * When something of this account may next be sendable by `owner`: the earliest due time among
 * rows it may claim, or the moment another process's claim runs out.
 */
export async function nextOutboxDueAt(db: DB, account: string, owner: string, now: number): Promise<number | undefined> {
  const free = await db.selectFrom('outbox').select(eb => eb.fn.min('not_before').as('at'))
    .where('account', '=', account).where('status', '=', 'pending').where(claimable(owner, now)).executeTakeFirst()
  const held = await db.selectFrom('outbox').select(eb => eb.fn.min('claim_until').as('at'))
    .where('account', '=', account).where('status', 'in', ['pending', 'sending'])
    .where('claimed_by', '!=', owner).where('claim_until', '>=', now).executeTakeFirst()
  const times = [free?.at, held?.at].filter(t => t != null).map(Number)
  return times.length ? Math.min(...times) : undefined
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
