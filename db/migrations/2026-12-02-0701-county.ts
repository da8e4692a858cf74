// Frozen: never edit a migration that has shipped; add a new one instead.
// Issue 7, county scale: several bot accounts (one process each, or more) share one database.
// A village is served by one account; outbox rows are claimed by one process at a time, and a
// claim runs out so a killed process's rows are taken over by another process of that account.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Null until a process serving the village adopts it at start.
  await db.schema.alterTable('villages').addColumn('account', 'text').execute()
  await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute()
  await db.schema.alterTable('outbox').addColumn('claim_until', 'bigint').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('claim_until').execute()
  await db.schema.alterTable('outbox').dropColumn('claimed_by').execute()
  await db.schema.alterTable('villages').dropColumn('account').execute()
}
