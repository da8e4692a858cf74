// What the bot core exchanges with a chat transport. Only src/adapter/ knows about Wechaty.

export type InboundKind = 'text' | 'image' | 'video' | 'file' | 'recall' | 'other'

export interface Inbound {
  /** The transport's message id, used to recognise redeliveries. */
  id: string
  /** When the bot received it (injected clock). */
  at: number
  /** Room topic, or null for a private chat with the bot. */
  room: string | null
  sender: { name: string; alias: string | null }
  text: string
  kind: InboundKind
  mentionsBot: boolean
  /** For kind 'recall': the id of the message taken back. */
  recalledId?: string
  /** For media: fetches the file (only called when it is worth keeping). */
  file?: () => Promise<{ name: string; data: Buffer }>
}

export interface Outgoing {
  /** Outbox row id (lets a transport report what it delivered). */
  id: number
  /** Every outbox row this one message delivers: several when acks to a room were merged. */
  covers: number[]
  room: string | null
  to: { name: string; alias: string | null } | null
  text: string
  mentions: string[]
  filePath: string | null
}

export interface Transport {
  /** False while logged out; the sender then holds messages in the outbox. */
  ready(): boolean
  send(msg: Outgoing): Promise<void>
  /**
   * After a crash, which of these in-flight messages did the transport deliver? Transports that
   * cannot tell return undefined and the sender marks them uncertain instead of sending twice.
   */
  delivered?(ids: number[]): Promise<Set<number> | undefined>
  /**
   * After a login (ids are new): looks the configured rooms up by topic and people by 备注/name,
   * keeps the handles for sending, and returns what it cannot find.
   */
  check?(rooms: string[], people: { name: string; alias: string | null }[]): Promise<{ rooms: string[]; people: string[] }>
}
