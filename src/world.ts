// The bot's picture of who is who: villages, their rooms (by our ids, followed through renames)
// and their cadres (by name or 备注). Built from the config and the rooms table; no puppet ids.
import type { CadreConfig, CadreRole, Config, PartnerConfig, TownshipConfig, VillageConfig } from './config.js'
import type { DB } from '../db/connection.js'
import { adoptVillages, listRooms, listVillages, syncTownshipRooms, syncVillagesAndRooms, TOWNSHIP_ROOM_ROLE, type Adoption } from '../db/villages.js'
import { listDutyRoster } from '../db/roster.js'
import type { RoomRow } from '../db/schema.js'
import { dutyDay, dutyFor, weekRoster, type DutyDay } from './domain/roster.js'

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

type Who = { name: string; alias: string | null }

/** Matches a configured person: by 备注 only when the config gives one (a 备注 cannot be spoofed). */
function matches(p: { name: string; alias?: string | undefined }, who: Who): boolean {
  return p.alias ? p.alias === who.alias : p.name === who.name || (who.alias !== null && p.name === who.alias)
}

export class World {
  villages: Village[] = []
  townships: Township[] = []
  private byTopic = new Map<string, { room: RoomRow; village: Village }>()
  /** Roster changes made in chat (值班/换班), by village id: day → cadre. Mirrors duty_roster. */
  private roster = new Map<number, Map<string, string>>()

  constructor(readonly config: Config) {}

  /**
   * Rows for the configured villages and rooms, and this account adopts the villages (one
   * transaction: a village moved here from another account arrives whole, with its unsent messages).
   */
  async load(db: DB, now: number): Promise<Adoption[]> {
    const adopted = await db.transaction().execute(async trx => {
      await syncVillagesAndRooms(trx, this.config.villages, now)
      await syncTownshipRooms(trx, this.config.townships, now)
      return adoptVillages(trx, this.config.bot.account, this.config.villages.map(v => ({
        name: v.name,
        people: [...v.cadres.flatMap(c => [c.name, ...(c.alias ? [c.alias] : [])]), ...v.partners.flatMap(p => [p.contact, ...(p.alias ? [p.alias] : [])])],
      })))
    })
    await this.refresh(db)
    return adopted
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
    this.roster.clear()
    for (const r of await listDutyRoster(db)) this.setRoster(r.village_id, r.day, r.cadre)
  }

  /** Mirrors a committed roster change (call after the transaction that wrote it commits). */
  setRoster(villageId: number, day: string, cadre: string): void {
    let m = this.roster.get(villageId)
    if (!m) this.roster.set(villageId, m = new Map())
    m.set(day, cadre)
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
  cadre(v: Village, who: Who): CadreConfig | undefined {
    return v.cfg.cadres.find(c => matches(c, who))
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

  /** Who is on duty at `at`: the config's weekly roster with the changes made in chat. */
  duty(v: Village, at: number): string {
    return dutyFor(v.cfg, at, this.config.timezone, this.roster.get(v.id))
  }

  dutyDay(v: Village, at: number): DutyDay {
    return dutyDay(v.cfg, at, this.config.timezone, this.roster.get(v.id))
  }

  week(v: Village, at: number): DutyDay[] {
    return weekRoster(v.cfg, at, this.config.timezone, this.roster.get(v.id))
  }

  /** The partner unit (包联单位) whose contact is speaking, in this village. */
  partner(v: Village, who: Who): PartnerConfig | undefined {
    return v.cfg.partners.find(p => matches({ name: p.contact, alias: p.alias }, who))
  }

  partnerVillages(who: Who): Village[] {
    return this.villages.filter(v => this.partner(v, who))
  }

  /** A unit by its name as a cadre types it: exact, or the only unit whose name contains it. */
  partnerByName(v: Village, name: string): PartnerConfig | undefined {
    const exact = v.cfg.partners.find(p => p.name === name)
    if (exact) return exact
    const near = v.cfg.partners.filter(p => p.name.includes(name) || name.includes(p.name))
    return near.length === 1 ? near[0] : undefined
  }

  /** Whom to escalate to: the secretaries, else the directors (never only the person being chased). */
  escalationTargets(v: Village, except: string | null): CadreConfig[] {
    for (const role of ['secretary', 'director'] as const) {
      const list = this.withRole(v, role).filter(c => c.name !== except)
      if (list.length > 0) return list
    }
    return this.withRole(v, 'secretary')
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
