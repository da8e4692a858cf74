// Ticket operations shared by handlers and jobs: persist a domain outcome as ticket fields plus
// an append-only event (the 台账), and the standard notices around opening a ticket.
import type { TicketRow } from '../db/schema.js'
import { insertEvent, insertTicket, nextTicketNo, updateTicket } from '../db/tickets.js'
import type { BaseCtx } from './context.js'
import type { Classification, Emergency } from './domain/intent/index.js'
import { isPrivateTicket } from './domain/privacy.js'
import { summarize } from './domain/text.js'
import type { Actor, Outcome } from './domain/tickets.js'
import { PRIORITY } from './outbound.js'
import { T, type TicketBrief } from './templates.js'
import { shortLocal } from './time.js'
import type { Village } from './world.js'

/** Longest text kept on a ticket; the rest of a 100 KB paste is noise. */
export const MAX_TICKET_TEXT = 2000

export function brief(t: TicketRow, village: Village): TicketBrief {
  return { village: village.name, no: t.no, category: t.category, summary: t.summary, location: t.location, urgent: t.urgent === 1 }
}

/** Writes an allowed outcome; returns the ticket as it is now. */
export async function applyOutcome(
  ctx: BaseCtx, t: TicketRow, outcome: Extract<Outcome, { ok: true }>, actor: Actor,
): Promise<TicketRow> {
  await updateTicket(ctx.db, t.id, outcome.patch)
  await insertEvent(ctx.db, {
    ticket_id: t.id,
    at: ctx.now,
    actor: actor.name,
    actor_kind: actor.kind,
    type: outcome.event.type,
    from_status: outcome.event.from,
    to_status: outcome.event.to,
    note: outcome.event.note,
  })
  return { ...t, ...outcome.patch } as TicketRow
}

export async function recordEvent(ctx: BaseCtx, t: TicketRow, actor: Actor, type: string, note: string | null): Promise<void> {
  await insertEvent(ctx.db, {
    ticket_id: t.id, at: ctx.now, actor: actor.name, actor_kind: actor.kind, type, from_status: t.status, to_status: t.status, note,
  })
}

export interface NewTicketInput {
  village: Village
  roomId: number | null
  roomTopic: string
  c: Classification
  text: string
  reporter: { id: number | null; name: string }
  msgId: string | null
  /** Who opened it when not the reporter (代报). */
  openedBy?: Actor
}

export function emergencyAdvice(e: Emergency): string | null {
  if (e === '119') return '如有明火、燃气泄漏或人员被困，请立即拨打119，并远离危险区域。'
  if (e === '110') return '如有人身危险，请立即拨打110。'
  if (e === '120') return '如有人受伤或昏迷，请立即拨打120。'
  return null
}

/**
 * 制单 and 派单 in one step: numbers the ticket, records it, answers in the room, and pings the
 * duty cadre (and, for disputes, the mediators) privately: an @ over web WeChat does not notify.
 */
export async function openTicket(ctx: BaseCtx, input: NewTicketInput): Promise<TicketRow> {
  const { village, c } = input
  const text = input.text.length > MAX_TICKET_TEXT ? input.text.slice(0, MAX_TICKET_TEXT) + '…' : input.text
  const kind = c.intent === 'dispute' ? 'dispute' : 'report'
  const isPrivate = isPrivateTicket(kind, c.category, text)
  const duty = ctx.app.world.duty(village, ctx.now)
  const no = await nextTicketNo(ctx.db, village.id)
  const ticket = await insertTicket(ctx.db, {
    village_id: village.id,
    no,
    room_id: input.roomId,
    kind,
    category: c.category,
    urgent: c.urgent ? 1 : 0,
    private: isPrivate ? 1 : 0,
    location: c.location,
    text,
    summary: summarize(c.body || text, 40),
    reporter_id: input.reporter.id,
    reporter_name: input.reporter.name,
    status: 'open',
    assignee: duty,
    created_at: ctx.now,
    accepted_at: null,
    resolved_at: null,
    closed_at: null,
    feedback: null,
    feedback_due_at: null,
    resolution: null,
    duplicate_of: null,
    source_msg_id: input.msgId,
    updated_at: ctx.now,
  })
  const opener = input.openedBy ?? { name: input.reporter.name, kind: 'villager' as const }
  await insertEvent(ctx.db, {
    ticket_id: ticket.id, at: ctx.now, actor: opener.name, actor_kind: opener.kind, type: 'created',
    from_status: null, to_status: 'open', note: duty,
  })

  const b = brief(ticket, village)
  const priority = c.urgent ? PRIORITY.urgent : PRIORITY.normal
  const advice = emergencyAdvice(c.emergency)
  const when = shortLocal(ctx.now, ctx.app.config.timezone)

  // The room hears that it was received; a private matter's details never go there.
  if (input.roomId !== null) {
    const ack = isPrivate ? T.room.ackPrivate(no, c.urgent ? advice : null, kind === 'dispute') : T.room.ack(b, duty) + (advice ? `\n${advice}` : '')
    await ctx.out.toRoom(input.roomId, ack, {
      kind: 'ack', priority, ticketId: ticket.id, mentions: [input.reporter.name],
      // Urgent acks stay on their own; ordinary ones may merge during a flood.
      mergeKey: c.urgent || isPrivate ? null : `ack:${input.roomId}`,
    })
  }

  // The committee room sees every new ticket, so cadres can pick it up by quoting the notice there.
  for (const room of ctx.app.world.committeeRooms(village)) {
    if (room.id === input.roomId) continue
    const notice = isPrivate ? T.committee.newPrivate(b, c.urgent) : T.committee.newTicket(b, input.reporter.name, duty)
    await ctx.out.toRoom(room.id, notice, { kind: 'notice', priority, ticketId: ticket.id })
  }

  const ping = kind === 'dispute'
    ? T.ping.newDispute(b, text, input.reporter.name, input.roomTopic, when)
    : T.ping.newReport(b, text, input.reporter.name, input.roomTopic, when)
  const recipients = new Set<string>([duty])
  if (kind === 'dispute') {
    for (const m of ctx.app.world.withRole(village, 'mediator')) recipients.add(m.name)
    if (c.urgent) for (const s of ctx.app.world.withRole(village, 'secretary')) recipients.add(s.name)
  }
  for (const name of recipients) {
    const cadre = ctx.app.world.cadreByName(village, name)
    await ctx.out.toName(name, cadre?.alias, ping + (advice && c.urgent ? `\n${advice}` : ''), { kind: 'ping', priority, ticketId: ticket.id })
  }
  return ticket
}
