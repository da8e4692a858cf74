// Photos and videos villagers send with a report (issue 3). Frozen once shipped.
import type { Kysely } from 'kysely'
import { withId } from './util.js'

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('attachments'))
    // Null while a photo waits (up to five minutes) for the report it belongs to.
    .addColumn('ticket_id', 'integer', c => c.references('tickets.id'))
    .addColumn('msg_id', 'text', c => c.notNull().unique())
    .addColumn('person_id', 'integer', c => c.notNull().references('people.id'))
    .addColumn('room_id', 'integer')
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('name', 'text', c => c.notNull())
    // Relative to the data directory, so the directory can move.
    .addColumn('path', 'text', c => c.notNull())
    .addColumn('bytes', 'integer', c => c.notNull())
    .addColumn('created_at', 'bigint', c => c.notNull())
    .execute()
  await db.schema.createIndex('attachments_ticket').on('attachments').column('ticket_id').execute()
  await db.schema.createIndex('attachments_person').on('attachments').columns(['person_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachments').ifExists().execute()
}
