// Other villagers who reported the same matter: linked to the open ticket instead of opening a
// new one, and told its result (issue 3). Frozen once shipped.
import type { Kysely } from 'kysely'
import { withId } from './util.js'

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('ticket_reporters'))
    .addColumn('ticket_id', 'integer', c => c.notNull().references('tickets.id'))
    .addColumn('person_id', 'integer', c => c.notNull().references('people.id'))
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('room_id', 'integer')
    .addColumn('msg_id', 'text')
    .addColumn('at', 'bigint', c => c.notNull())
    .addUniqueConstraint('ticket_reporters_once', ['ticket_id', 'person_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_reporters').ifExists().execute()
}
