import type { DB } from './connection.js'
import type { OutageReason, OutageRow, PresenceRow } from './schema.js'

export async function findPresence(db: DB, account: string): Promise<PresenceRow | undefined> {
  return db.selectFrom('presence').selectAll().where('account', '=', account).executeTakeFirst()
}

export async function savePresence(db: DB, row: PresenceRow): Promise<void> {
  const { account, ...rest } = row
  await db.insertInto('presence').values(row)
    .onConflict(oc => oc.column('account').doUpdateSet(rest))
    .execute()
}

export async function setPresence(db: DB, account: string, patch: Partial<Omit<PresenceRow, 'account'>>): Promise<void> {
  await db.updateTable('presence').set(patch).where('account', '=', account).execute()
}

export async function findOpenOutage(db: DB, account: string): Promise<OutageRow | undefined> {
  return db.selectFrom('outages').selectAll().where('account', '=', account).where('ended_at', 'is', null)
    .orderBy('id', 'desc').executeTakeFirst()
}

export async function openOutage(db: DB, account: string, startedAt: number, reason: OutageReason): Promise<void> {
  await db.insertInto('outages').values({ account, started_at: startedAt, ended_at: null, reason, announced: 0 }).execute()
}

export async function closeOutage(db: DB, id: number, endedAt: number, announced: boolean): Promise<void> {
  await db.updateTable('outages').set({ ended_at: endedAt, announced: announced ? 1 : 0 }).where('id', '=', id).execute()
}

export async function listOutages(db: DB, account: string, since: number): Promise<OutageRow[]> {
  return db.selectFrom('outages').selectAll().where('account', '=', account)
    .where(eb => eb.or([eb('ended_at', '>=', since), eb('ended_at', 'is', null)]))
    .orderBy('started_at').execute()
}
