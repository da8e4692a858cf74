// Row types for kysely. Instants are epoch milliseconds (bigint columns); booleans are 0/1 so
// the same queries run on SQLite and PostgreSQL.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface VillageTable {
  id: Generated<number>
  name: string
  created_at: number
  /** The bot account (config `bot.account`) serving this village; null until one adopts it. */
  account: ColumnType<string | null, string | null | undefined, string | null>
}

export interface RoomTable {
  id: Generated<number>
  village_id: number
  /** The topic in shuoshi.yaml: our stable key for the room. */
  config_topic: string
  /** The topic the room has now (followed through renames). */
  topic: string
  role: string
  updated_at: number
}

export interface PersonTable {
  id: Generated<number>
  /** WeChat display name; with `alias` (备注) the only identity we keep: contact ids change at login. */
  name: string
  alias: string | null
  /** The village whose rooms this person last spoke in (for private reports and hints). */
  village_id: number | null
  created_at: number
  last_seen_at: number
}

export type TicketKind = 'report' | 'dispute'
export type TicketStatus =
  | 'open' | 'accepted' | 'resolved' | 'closed' | 'returned' | 'duplicate' | 'cancelled'
  // The mediation path of a dispute: 调解中 → 达成协议 / 调解终止 → (回访) 已归档.
  | 'mediating' | 'agreed' | 'terminated' | 'archived'
export type Feedback = 'satisfied' | 'unsatisfied' | 'default'

export interface TicketTable {
  id: Generated<number>
  village_id: number
  /** Per-village number shown as #no. */
  no: number
  room_id: number | null
  kind: TicketKind
  category: string
  urgent: number
  /** 1 when details must never reach a public room (disputes, family, health, welfare). */
  private: number
  location: string | null
  text: string
  summary: string
  reporter_id: number | null
  reporter_name: string
  status: TicketStatus
  /** Cadre (by config name) who holds the ticket: the duty cadre at first. */
  assignee: string | null
  created_at: number
  accepted_at: number | null
  resolved_at: number | null
  closed_at: number | null
  feedback: Feedback | null
  feedback_due_at: number | null
  resolution: string | null
  duplicate_of: number | null
  source_msg_id: string | null
  updated_at: number
  /** Start of the accept clock; null means created_at. A transfer restarts it. */
  accept_clock_at: number | null
  /** Start of the resolve clock; null means created_at. 不满意 restarts it. */
  resolve_clock_at: number | null
  /** 挂起 since this instant (the clock is paused), or null. */
  suspended_at: number | null
  /** Time spent suspended before the current suspension. */
  suspended_ms: ColumnType<number, number | undefined, number>
  /** 延期 granted by the secretary, in total. */
  extension_ms: ColumnType<number, number | undefined, number>
  /** A 延期 request waiting for the secretary, and who asked. */
  extension_request_ms: number | null
  extension_request_by: string | null
  /** 吹哨: the partner unit (包联单位, by config name) now working on it. */
  unit: string | null
}

export interface TicketEventTable {
  id: Generated<number>
  ticket_id: number
  at: number
  actor: string
  actor_kind: 'villager' | 'cadre' | 'partner' | 'system'
  type: string
  from_status: string | null
  to_status: string | null
  note: string | null
}

export interface CounterTable {
  village_id: number
  last_no: number
}

export interface InboxTable {
  msg_id: string
  received_at: number
  room_id: number | null
  sender: string
  text: string
  kind: string
  status: 'done' | 'error'
  error: string | null
  ticket_id: number | null
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'merged'

export interface OutboxTable {
  id: Generated<number>
  created_at: number
  account: string
  /** 0 urgent, 1 normal, 2 bulk (digests). Lower goes first. */
  priority: number
  kind: string
  room_id: number | null
  person_id: number | null
  text: string
  /** JSON array of display names to @ in a room message. */
  mentions: string | null
  /** Path of a file to send instead of text (digest chart, ledger). */
  file_path: string | null
  ticket_id: number | null
  /** Acks to one room with the same key may be merged into one message during a flood. */
  merge_key: string | null
  status: OutboxStatus
  attempts: number
  not_before: number
  sent_at: number | null
  last_error: string | null
  /** The process (of this row's account) that holds the row until claim_until; see db/outbox.ts. */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>
  claim_until: ColumnType<number | null, number | null | undefined, number | null>
}

export interface JobRunTable {
  key: string
  at: number
}

/** A photo or video a villager sent with a report; ticket_id is null while it waits for one. */
export interface AttachmentTable {
  id: Generated<number>
  ticket_id: number | null
  msg_id: string
  person_id: number
  room_id: number | null
  kind: string
  name: string
  /** Relative to the data directory. */
  path: string
  bytes: number
  created_at: number
}

/** Another villager who reported the same matter; hears its result. */
export interface TicketReporterTable {
  id: Generated<number>
  ticket_id: number
  person_id: number
  name: string
  room_id: number | null
  msg_id: string | null
  at: number
}

export interface DutyRosterTable {
  village_id: number
  /** A weekday (`wed`: the weekly roster from now on) or a local date (`2026-11-25`: that day only). */
  day: string
  cadre: string
  set_by: string
  set_at: number
}

export type AnnouncementStatus = 'pending' | 'posted' | 'cancelled'

export interface AnnouncementTable {
  id: Generated<number>
  village_id: number
  author: string
  text: string
  status: AnnouncementStatus
  created_at: number
  decided_at: number | null
}

export type OutageReason = 'logout' | 'disconnect' | 'down'

export interface PresenceTable {
  account: string
  /** 1 while logged in and sending works. */
  online: number
  changed_at: number
  /** Heartbeat: the process was running at this instant (written every minute). */
  last_alive_at: number
  /** Last check after login of which configured rooms and people the account can see. */
  checked_at: number | null
  /** JSON { rooms: string[], people: string[] } that could not be found at that check. */
  unseen: string | null
}

/** A stretch of time in which the bot could not receive (WeChat never replays those messages). */
export interface OutageTable {
  id: Generated<number>
  account: string
  started_at: number
  /** Null while it lasts. */
  ended_at: number | null
  reason: OutageReason
  /** 1 once admins and rooms were told (or the gap was too short to tell). */
  announced: number
}

export interface Database {
  villages: VillageTable
  rooms: RoomTable
  people: PersonTable
  tickets: TicketTable
  ticket_events: TicketEventTable
  counters: CounterTable
  inbox: InboxTable
  outbox: OutboxTable
  job_runs: JobRunTable
  attachments: AttachmentTable
  ticket_reporters: TicketReporterTable
  duty_roster: DutyRosterTable
  announcements: AnnouncementTable
  presence: PresenceTable
  outages: OutageTable
}

export type VillageRow = Selectable<VillageTable>
export type RoomRow = Selectable<RoomTable>
export type PersonRow = Selectable<PersonTable>
export type TicketRow = Selectable<TicketTable>
export type NewTicket = Insertable<TicketTable>
export type TicketUpdate = Updateable<TicketTable>
export type TicketEventRow = Selectable<TicketEventTable>
export type NewTicketEvent = Insertable<TicketEventTable>
export type OutboxRow = Selectable<OutboxTable>
export type NewOutbox = Insertable<OutboxTable>
export type InboxRow = Selectable<InboxTable>
export type AttachmentRow = Selectable<AttachmentTable>
export type TicketReporterRow = Selectable<TicketReporterTable>
export type DutyRosterRow = Selectable<DutyRosterTable>
export type AnnouncementRow = Selectable<AnnouncementTable>
export type PresenceRow = Selectable<PresenceTable>
export type OutageRow = Selectable<OutageTable>
