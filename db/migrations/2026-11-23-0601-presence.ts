// Frozen: never edit a migration that has shipped; add a new one instead.
// Is the bot online, since when, and the gaps during which WeChat messages were lost to it.
import type { Kysely } from 'kysely'
import { withId } from './util.js'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('presence')
    .addColumn('account', 'text', c => c.primaryKey())
    .addColumn('online', 'integer', c => c.notNull())
    .addColumn('changed_at', 'bigint', c => c.notNull())
    .addColumn('last_alive_at', 'bigint', c => c.notNull())
    .addColumn('checked_at', 'bigint')
    .addColumn('unseen', 'text')
    .execute()

  await withId(db, db.schema.createTable('outages'))
    .addColumn('account', 'text', c => c.notNull())
    .addColumn('started_at', 'bigint', c => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('reason', 'text', c => c.notNull())
    .addColumn('announced', 'integer', c => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('outages_open').on('outages').columns(['account', 'ended_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outages').ifExists().execute()
  await db.schema.dropTable('presence').ifExists().execute()
}
