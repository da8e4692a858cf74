// The bot's picture of who is who: villages, their rooms (by our ids, followed through renames)
// and their cadres (by name or 备注). Built from the config and the rooms table; no puppet ids.
import type { CadreConfig, CadreRole, Config, TownshipConfig, VillageConfig } from './config.js'
import type { DB } from '../db/connection.js'
import { listRooms, listVillages, syncTownshipRooms, syncVillagesAndRooms, TOWNSHIP_ROOM_ROLE } from '../db/villages.js'
import type { RoomRow } from '../db/schema.js'
import { dutyFor } from './domain/roster.js'

export interface Village {
  id: number
  name: string
  cfg: VillageConfig
  rooms: RoomRow[]
}

/** A township (乡镇): its villages and its own committee rooms (which the bot only posts digests to). */
export interface Township {
  name: string
  cfg: TownshipConfig
  villages: Village[]
  rooms: RoomRow[]
}

/** Who may do what. Levels are ordered: a higher level may do everything a lower one may. */
export type Level = 'villager' | 'staff' | 'cadre' | 'admin'
const LEVEL_ORDER: Record<Level, number> = { villager: 0, staff: 1, cadre: 2, admin: 3 }

export function atLeast(have: Level, need: Level): boolean {
  return LEVEL_ORDER[have] >= LEVEL_ORDER[need]
}

export function levelOf(c: CadreConfig | undefined): Level {
  if (!c) return 'villager'
  if (c.roles.includes('secretary') || c.roles.includes('director')) return 'admin'
  if (c.roles.some(r => r === 'cadre' || r === 'mediator')) return 'cadre'
  return 'staff'
}

export class World {
  villages: Village[] = []
  townships: Township[] = []
  private byTopic = new Map<string, { room: RoomRow; village: Village }>()

  constructor(readonly config: Config) {}

  async load(db: DB, now: number): Promise<void> {
    await syncVillagesAndRooms(db, this.config.villages, now)
    await syncTownshipRooms(db, this.config.townships, now)
    await this.refresh(db)
  }

  async refresh(db: DB): Promise<void> {
    const rows = await listVillages(db)
    const rooms = await listRooms(db)
    this.villages = []
    this.byTopic.clear()
    for (const cfg of this.config.villages) {
      const row = rows.find(r => r.name === cfg.name)
      if (!row) continue
      const v: Village = { id: row.id, name: cfg.name, cfg, rooms: rooms.filter(r => r.village_id === row.id && r.role !== TOWNSHIP_ROOM_ROLE) }
      this.villages.push(v)
      for (const room of v.rooms) this.byTopic.set(room.topic, { room, village: v })
    }
    // Township rooms are not any village's place: the bot posts digests there and listens to nothing.
    this.townships = this.config.townships.map(cfg => ({
      name: cfg.name,
      cfg,
      villages: cfg.villages.map(n => this.villages.find(v => v.name === n)).filter((v): v is Village => v !== undefined),
      rooms: rooms.filter(r => r.role === TOWNSHIP_ROOM_ROLE && cfg.rooms.some(c => c.topic === r.config_topic)),
    }))
  }

  room(topic: string): { room: RoomRow; village: Village } | undefined {
    return this.byTopic.get(topic)
  }

  roomById(id: number): { room: RoomRow; village: Village } | undefined {
    for (const v of this.villages) {
      const room = v.rooms.find(r => r.id === id)
      if (room) return { room, village: v }
    }
    for (const t of this.townships) {
      const room = t.rooms.find(r => r.id === id)
      if (room && t.villages[0]) return { room, village: t.villages[0] }
    }
    return undefined
  }

  /** The 网格 a room serves: its configured `grid`, else its current topic. */
  gridOf(room: RoomRow): string {
    const v = this.villages.find(x => x.id === room.village_id)
    return v?.cfg.rooms.find(r => r.topic === room.config_topic)?.grid ?? room.topic
  }

  village(name: string): Village | undefined {
    return this.villages.find(v => v.name === name)
  }

  villageById(id: number): Village | undefined {
    return this.villages.find(v => v.id === id)
  }

  /**
   * The cadre entry for a speaker. When the config gives a 备注 (alias) the match is by alias
   * only: 备注 is set on the bot's side and cannot be spoofed by renaming oneself.
   */
  cadre(v: Village, who: { name: string; alias: string | null }): CadreConfig | undefined {
    return v.cfg.cadres.find(c => (c.alias ? c.alias === who.alias : c.name === who.name || (who.alias !== null && c.name === who.alias)))
  }

  cadreByName(v: Village, name: string): CadreConfig | undefined {
    return v.cfg.cadres.find(c => c.name === name || c.alias === name)
  }

  cadreVillages(who: { name: string; alias: string | null }): Village[] {
    return this.villages.filter(v => this.cadre(v, who))
  }

  isAnyCadre(who: { name: string; alias: string | null }): boolean {
    return this.villages.some(v => this.cadre(v, who))
  }

  duty(v: Village, at: number): string {
    return dutyFor(v.cfg, at, this.config.timezone)
  }

  withRole(v: Village, role: CadreRole): CadreConfig[] {
    return v.cfg.cadres.filter(c => c.roles.includes(role))
  }

  publicRooms(v: Village): RoomRow[] {
    return v.rooms.filter(r => r.role !== 'committee')
  }

  committeeRooms(v: Village): RoomRow[] {
    return v.rooms.filter(r => r.role === 'committee')
  }
}
