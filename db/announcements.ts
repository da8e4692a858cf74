import type { DB } from './connection.js'
import type { AnnouncementRow } from './schema.js'

export async function findPendingAnnouncement(db: DB, villageId: number, author: string): Promise<AnnouncementRow | undefined> {
  return db.selectFrom('announcements').selectAll()
    .where('village_id', '=', villageId).where('author', '=', author).where('status', '=', 'pending')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** Replaces any earlier pending announcement of this author: only the latest preview can be confirmed. */
export async function savePendingAnnouncement(db: DB, villageId: number, author: string, text: string, now: number): Promise<boolean> {
  const old = await db.updateTable('announcements').set({ status: 'cancelled', decided_at: now })
    .where('village_id', '=', villageId).where('author', '=', author).where('status', '=', 'pending')
    .executeTakeFirst()
  await db.insertInto('announcements').values({ village_id: villageId, author, text, status: 'pending', created_at: now, decided_at: null }).execute()
  return Number(old.numUpdatedRows) > 0
}

/** Moves a pending announcement on; false when it was no longer pending (confirmed twice). */
export async function decideAnnouncement(db: DB, id: number, status: 'posted' | 'cancelled', now: number): Promise<boolean> {
  const res = await db.updateTable('announcements').set({ status, decided_at: now })
    .where('id', '=', id).where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}
