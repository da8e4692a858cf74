// Ticket operations shared by handlers and jobs: persist a domain outcome as ticket fields plus
// an append-only event (the 台账), and the standard notices around opening a ticket.
import type { TicketRow } from '../db/schema.js'
import { insertEvent, insertTicket, nextTicketNo, updateTicket } from '../db/tickets.js'
import type { BaseCtx } from './context.js'
import { isDisputeCategory, type Classification, type Emergency } from './domain/intent/index.js'
import { isPrivateTicket } from './domain/privacy.js'
import { summarize } from './domain/text.js'
import type { Actor, Outcome } from './domain/tickets.js'
import { acceptDeadline, resolveDeadline, type SlaRules } from './domain/sla.js'
import { isOpen, isUnaccepted } from './domain/status.js'
import { ping, toCommittee } from './notify.js'
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

/** The time-limit rules of a village (its limits and night hours, in the config's timezone). */
export function slaRules(ctx: BaseCtx, village: Village): SlaRules {
  return { sla: village.cfg.sla, quiet: village.cfg.quietHours, tz: ctx.app.config.timezone }
}

/** When the ticket must be resolved by, as cadres read it. */
export function resolveDue(ctx: BaseCtx, village: Village, t: TicketRow): string {
  return shortLocal(resolveDeadline(t, slaRules(ctx, village), ctx.now), ctx.app.config.timezone)
}

/** The deadlines of open work, for 查询: accept and resolve by, extensions, a pause, a pending request. */
export function timeLimitLines(ctx: BaseCtx, village: Village, t: TicketRow): string[] {
  if (!isOpen(t.status)) return []
  const tz = ctx.app.config.timezone
  const lines: string[] = []
  if (isUnaccepted(t.status)) lines.push(T.sla.acceptBy(shortLocal(acceptDeadline(t, slaRules(ctx, village)), tz)))
  lines.push(T.sla.resolveBy(resolveDue(ctx, village, t), t.kind === 'dispute', t.extension_ms > 0 ? T.duration(t.extension_ms) : null))
  if (t.suspended_at !== null) lines.push(T.sla.suspendedSince(shortLocal(t.suspended_at, tz)))
  if (t.extension_request_ms !== null) lines.push(T.sla.extensionPending(T.duration(t.extension_request_ms), t.extension_request_by ?? ''))
  return lines
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
  /** Who opened it when not the reporter (代报: a cadre logging a phone call). */
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
  // A quarrel in a family or over land is a dispute whatever words it came in (家暴 reads as an emergency report).
  const kind = c.intent === 'dispute' || isDisputeCategory(c.category) ? 'dispute' : 'report'
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
  const tellRoom = async (): Promise<void> => {
    if (input.roomId === null) return
    const proxy = input.openedBy ? `\n${T.proxy.ackLine(input.openedBy.name, input.reporter.name)}` : ''
    const ack = isPrivate ? T.room.ackPrivate(no, c.urgent ? advice : null, kind === 'dispute') : T.room.ack(b, duty) + proxy + (advice ? `\n${advice}` : '')
    await ctx.out.toRoom(input.roomId, ack, {
      // A person who phoned in is not in the room: nobody to @.
      kind: 'ack', priority, ticketId: ticket.id, mentions: input.openedBy ? [] : [input.reporter.name],
      // Urgent acks stay on their own; ordinary ones may merge during a flood.
      mergeKey: c.urgent || isPrivate || input.openedBy ? null : `ack:${input.roomId}`,
    })
  }

  // The committee room sees every new ticket, so cadres can pick it up by quoting the notice there.
  const tellCommittee = async (): Promise<void> => {
    const notice = isPrivate ? T.committee.newPrivate(b, c.urgent) : T.committee.newTicket(b, input.reporter.name, duty)
    await toCommittee(ctx, village, notice, { urgent: c.urgent, ticketId: ticket.id, except: input.roomId })
  }

  const pingCadres = async (): Promise<void> => {
    const pingText = kind === 'dispute'
      ? T.ping.newDispute(b, text, input.reporter.name, input.roomTopic, when)
      : T.ping.newReport(b, text, input.reporter.name, input.roomTopic, when)
    const recipients = new Set<string>([duty])
    if (kind === 'dispute') {
      for (const m of ctx.app.world.withRole(village, 'mediator')) recipients.add(m.name)
      if (c.urgent) for (const s of ctx.app.world.withRole(village, 'secretary')) recipients.add(s.name)
    }
    for (const name of recipients) {
      await ping(ctx, village, name, pingText + (advice && c.urgent ? `\n${advice}` : ''), { urgent: c.urgent, ticketId: ticket.id })
    }
  }

  // The outbox sends in order within a priority: in an emergency the cadre's ping leaves first.
  if (c.urgent) {
    await pingCadres()
    await tellRoom()
    await tellCommittee()
  } else {
    await tellRoom()
    await tellCommittee()
    await pingCadres()
  }
  return ticket
}
