import type { DB } from './connection.js'
import type { RoomRow, VillageRow } from './schema.js'

/** Makes sure every configured village and room has a row, keyed by name and config topic. */
export async function syncVillagesAndRooms(
  db: DB,
  villages: { name: string; rooms: { topic: string; role: string }[] }[],
  now: number,
): Promise<void> {
  // Processes of a county start side by side: inserts give way (on conflict) to a row another
  // process added meanwhile instead of failing.
  for (const v of villages) {
    let row = await db.selectFrom('villages').selectAll().where('name', '=', v.name).executeTakeFirst()
    if (!row) {
      await db.insertInto('villages').values({ name: v.name, created_at: now })
        .onConflict(oc => oc.column('name').doNothing()).execute()
      row = await db.selectFrom('villages').selectAll().where('name', '=', v.name).executeTakeFirstOrThrow()
    }
    await db.insertInto('counters').values({ village_id: row.id, last_no: 0 })
      .onConflict(oc => oc.column('village_id').doNothing()).execute()
    for (const r of v.rooms) {
      const existing = await db.selectFrom('rooms').selectAll().where('config_topic', '=', r.topic).executeTakeFirst()
      if (!existing) {
        await db.insertInto('rooms')
          .values({ village_id: row.id, config_topic: r.topic, topic: r.topic, role: r.role, updated_at: now })
          .onConflict(oc => oc.column('config_topic').doNothing())
          .execute()
      } else if (existing.role !== r.role || existing.village_id !== row.id) {
        await db.updateTable('rooms').set({ role: r.role, village_id: row.id, updated_at: now }).where('id', '=', existing.id).execute()
      }
    }
  }
}

export interface Adoption {
  village: string
  /** The account that served the village before, if another one. */
  from: string | null
  /** Unsent outbox rows that moved with it. */
  outbox: number
}

/**
 * This account serves these villages from now on. A village taken over from another account (its
 * WeChat account was banned, or the county rebalanced) brings its unsent messages: rows to its
 * rooms, about its tickets, or to people of the village (villagers and cadres). Its open tickets, roster and history are
 * the village's already (keyed by village id): the new account's jobs and commands find them.
 * Rows the old process is sending at this instant stay with it.
 */
export async function adoptVillages(
  db: DB, account: string, villages: { name: string; people: string[] }[],
): Promise<Adoption[]> {
  if (villages.length === 0) return []
  const rows = await db.selectFrom('villages').selectAll().where('name', 'in', villages.map(v => v.name)).orderBy('id').execute()
  const out: Adoption[] = []
  for (const v of rows) {
    if (v.account === account) continue
    // The village's people: villagers who spoke in its rooms, and its cadres and partner contacts
    // by config name or 备注 (they may only ever have written privately).
    const people = villages.find(c => c.name === v.name)?.people ?? []
    await db.updateTable('villages').set({ account }).where('id', '=', v.id).execute()
    let moved = 0
    if (v.account !== null) {
      const res = await db.updateTable('outbox')
        .set({ account, claimed_by: null, claim_until: null })
        .where('account', '=', v.account)
        .where('status', '=', 'pending')
        .where(eb => eb.or([
          eb('room_id', 'in', eb.selectFrom('rooms').select('id').where('village_id', '=', v.id)),
          eb('ticket_id', 'in', eb.selectFrom('tickets').select('id').where('village_id', '=', v.id)),
          eb.and([
            eb('room_id', 'is', null), eb('ticket_id', 'is', null),
            eb('person_id', 'in', eb.selectFrom('people').select('id').where(p => p.or([
              p('village_id', '=', v.id),
              ...(people.length ? [p('name', 'in', people), p('alias', 'in', people)] : []),
            ]))),
          ]),
        ]))
        .executeTakeFirst()
      moved = Number(res.numUpdatedRows)
    }
    out.push({ village: v.name, from: v.account, outbox: moved })
  }
  return out
}

export async function listVillages(db: DB): Promise<VillageRow[]> {
  return db.selectFrom('villages').selectAll().orderBy('id').execute()
}

export async function listRooms(db: DB): Promise<RoomRow[]> {
  return db.selectFrom('rooms').selectAll().orderBy('id').execute()
}

/** Follows a WeChat rename: the room keeps its identity (our id), only its topic changes. */
export async function renameRoom(db: DB, oldTopic: string, newTopic: string, now: number): Promise<RoomRow | undefined> {
  const room = await db.selectFrom('rooms').selectAll().where('topic', '=', oldTopic).executeTakeFirst()
  if (!room) return undefined
  await db.updateTable('rooms').set({ topic: newTopic, updated_at: now }).where('id', '=', room.id).execute()
  return { ...room, topic: newTopic, updated_at: now }
}

/** Role of a township committee room's row. The row hangs on the township's first village only
 * because rooms.village_id is required; the World files it under the township, not the village. */
export const TOWNSHIP_ROOM_ROLE = 'township'

/** Makes sure every township room has a row (keyed by config topic, like village rooms). */
export async function syncTownshipRooms(
  db: DB, townships: { villages: string[]; rooms: { topic: string }[] }[], now: number,
): Promise<void> {
  const villages = await listVillages(db)
  for (const t of townships) {
    const host = villages.find(v => v.name === t.villages[0])
    if (!host) continue
    for (const r of t.rooms) {
      const existing = await db.selectFrom('rooms').selectAll().where('config_topic', '=', r.topic).executeTakeFirst()
      if (!existing) {
        await db.insertInto('rooms')
          .values({ village_id: host.id, config_topic: r.topic, topic: r.topic, role: TOWNSHIP_ROOM_ROLE, updated_at: now })
          .execute()
      } else if (existing.role !== TOWNSHIP_ROOM_ROLE || existing.village_id !== host.id) {
        await db.updateTable('rooms').set({ role: TOWNSHIP_ROOM_ROLE, village_id: host.id, updated_at: now }).where('id', '=', existing.id).execute()
      }
    }
  }
}
