// Frozen once shipped. Issue 4: time limits (clock starts, pauses, extensions), the partner unit a
// ticket was whistled to, roster changes made in chat, and announcements waiting for confirmation.
import type { Kysely } from 'kysely'
import { withId } from './util.js'

export async function up(db: Kysely<any>): Promise<void> {
  const cols: [string, 'bigint' | 'text', boolean][] = [
    // When the accept clock started (null: created_at); a transfer restarts it.
    ['accept_clock_at', 'bigint', false],
    // When the resolve clock started (null: created_at); 不满意 restarts it.
    ['resolve_clock_at', 'bigint', false],
    // 挂起: paused since this instant; the total paused time is kept in suspended_ms.
    ['suspended_at', 'bigint', false],
    ['suspended_ms', 'bigint', true],
    // 延期 granted so far, and a request waiting for the secretary.
    ['extension_ms', 'bigint', true],
    ['extension_request_ms', 'bigint', false],
    ['extension_request_by', 'text', false],
    // 吹哨: the partner unit (包联单位) now working on it.
    ['unit', 'text', false],
  ]
  for (const [name, type, zero] of cols) {
    await db.schema.alterTable('tickets')
      .addColumn(name, type, c => (zero ? c.notNull().defaultTo(0) : c))
      .execute()
  }

  // Roster changes made in chat: a weekday (`wed`, the weekly roster) or one date (`2026-11-25`).
  await db.schema.createTable('duty_roster')
    .addColumn('village_id', 'integer', c => c.notNull().references('villages.id'))
    .addColumn('day', 'text', c => c.notNull())
    .addColumn('cadre', 'text', c => c.notNull())
    .addColumn('set_by', 'text', c => c.notNull())
    .addColumn('set_at', 'bigint', c => c.notNull())
    .addPrimaryKeyConstraint('duty_roster_pk', ['village_id', 'day'])
    .execute()

  // 公告 waits here between the preview and 确认公告, so a restart neither loses nor repeats it.
  await withId(db, db.schema.createTable('announcements'))
    .addColumn('village_id', 'integer', c => c.notNull().references('villages.id'))
    .addColumn('author', 'text', c => c.notNull())
    .addColumn('text', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('created_at', 'bigint', c => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute()
  await db.schema.createIndex('announcements_pending').on('announcements').columns(['village_id', 'author', 'status']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('announcements').ifExists().execute()
  await db.schema.dropTable('duty_roster').ifExists().execute()
  for (const c of ['unit', 'extension_request_by', 'extension_request_ms', 'extension_ms', 'suspended_ms', 'suspended_at', 'resolve_clock_at', 'accept_clock_at']) {
    await db.schema.alterTable('tickets').dropColumn(c).execute()
  }
}
