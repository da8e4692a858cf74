import type { DB } from './connection.js'
import type { DutyRosterRow } from './schema.js'

export async function listDutyRoster(db: DB): Promise<DutyRosterRow[]> {
  return db.selectFrom('duty_roster').selectAll().orderBy('set_at').execute()
}

/** One row per village and day: the latest change wins. */
export async function setDutyRoster(db: DB, row: DutyRosterRow): Promise<void> {
  await db.insertInto('duty_roster').values(row)
    .onConflict(oc => oc.columns(['village_id', 'day']).doUpdateSet({ cadre: row.cadre, set_by: row.set_by, set_at: row.set_at }))
    .execute()
}
