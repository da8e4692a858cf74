import type { DB } from './connection.js'
import type { PersonRow } from './schema.js'

export async function findPersonByName(db: DB, name: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll()
    .where(eb => eb.or([eb('name', '=', name), eb('alias', '=', name)]))
    .orderBy('id')
    .executeTakeFirst()
}

export async function findPersonById(db: DB, id: number): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * The person who just spoke: found by WeChat name (or 备注), created on first sight. `known` is
 * this person's row as last committed (the pipeline's cache), which saves the lookup.
 */
export async function touchPerson(
  db: DB, p: { name: string; alias?: string | null; villageId?: number | null }, now: number, known?: PersonRow,
): Promise<PersonRow> {
  const existing = known?.name === p.name ? known : await db.selectFrom('people').selectAll().where('name', '=', p.name).executeTakeFirst()
  if (existing) {
    const patch: { last_seen_at: number; alias?: string | null; village_id?: number | null } = { last_seen_at: now }
    if (p.alias && p.alias !== existing.alias) patch.alias = p.alias
    if (p.villageId && p.villageId !== existing.village_id) patch.village_id = p.villageId
    // Only write when something a person can see changed; last_seen alone is not worth a write per chat line.
    if (patch.alias !== undefined || patch.village_id !== undefined || now - existing.last_seen_at > 3_600_000) {
      await db.updateTable('people').set(patch).where('id', '=', existing.id).execute()
      return { ...existing, ...patch }
    }
    return existing
  }
  // Another process may add the same person at this moment (a county on PostgreSQL): on conflict
  // take its row; a unique violation would abort the whole transaction there.
  const inserted = await db.insertInto('people')
    .values({ name: p.name, alias: p.alias ?? null, village_id: p.villageId ?? null, created_at: now, last_seen_at: now })
    .onConflict(oc => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst()
  return inserted ?? await db.selectFrom('people').selectAll().where('name', '=', p.name).executeTakeFirstOrThrow()
}

/**
 * People who spoke recently, by name, as committed: most chat lines then cost no people query.
 * Rows are put only after their transaction commits, so a rollback never leaves a phantom id.
 */
export class PersonCache {
  private readonly rows = new Map<string, PersonRow>()

  constructor(private readonly max = 20_000) {}

  get(name: string): PersonRow | undefined {
    return this.rows.get(name)
  }

  put(row: PersonRow): void {
    if (this.rows.size >= this.max && !this.rows.has(row.name)) this.rows.clear()
    this.rows.set(row.name, row)
  }
}
