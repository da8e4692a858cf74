// Taking a report in, with the conversation around it (issue 3):
// - lines one person types within two minutes are one report ("书记" / "我们家那个路灯" / "又坏了");
// - a line right after their own report is added to it, not made into a second ticket;
// - a photo or video within five minutes of their report is kept as a file and attached;
// - a second villager reporting the same matter is linked to the open ticket and told its number.
import fs from 'node:fs'
import path from 'node:path'
import type { AttachmentRow, TicketRow } from '../db/schema.js'
import type { RecentLine } from '../db/fast.js'
import {
  deleteAttachment, findAttachmentByMessage, insertAttachment, listStaleAttachments, listWaitingAttachments, setAttachmentTicket,
} from '../db/attachments.js'
import { addReporter, listOpenReportsLike } from '../db/reporters.js'
import { findTicketById, updateTicket } from '../db/tickets.js'
import type { BaseCtx, Ctx } from './context.js'
import { continues, currentRun, MAX_PARTS, MEDIA_WINDOW_MS, SAME_MATTER_MS, sameMatter } from './domain/context.js'
import type { Classification } from './domain/intent/index.js'
import { classifyMemo } from './classify-memo.js'
import { isPrivateTicket } from './domain/privacy.js'
import { parseQuote } from './domain/refs.js'
import { isOpen } from './domain/status.js'
import { summarize } from './domain/text.js'
import { PRIORITY } from './outbound.js'
import { linkLines, readRecent } from './recent.js'
import { T } from './templates.js'
import { localDateKey } from './time.js'
import { brief, emergencyAdvice, MAX_TICKET_TEXT, openTicket, recordEvent } from './workflow.js'
import type { Inbound } from './transport.js'
import type { Village, World } from './world.js'

export interface Where {
  village: Village
  /** Our room id, or null for a private chat with the bot. */
  roomId: number | null
  roomTopic: string
}

/** A photo or video larger than this is not kept (a 2-minute phone video is about 50 MB). */
export const MAX_ATTACHMENT_BYTES = 60 * 1024 * 1024
/** A download that takes longer than this is given up (the inbound queue waits for it). */
const FETCH_TIMEOUT_MS = 30_000

/** This person's lines in this chat that run up to now (newest first), without the current one. */
async function recentRun(ctx: Ctx, roomId: number | null, windowMs: number): Promise<RecentLine[]> {
  const since = ctx.now - windowMs
  const rows = ctx.app.recent
    ? await ctx.app.recent.list(ctx.db, ctx.msg.sender.name, roomId, since)
    : await readRecent(ctx.db, ctx.msg.sender.name, roomId, since)
  return rows.filter(r => r.msg_id !== ctx.msg.id)
}

/** The person's own open ticket that the run of lines up to now belongs to, if any. */
async function ticketOfRun(ctx: Ctx, run: RecentLine[]): Promise<TicketRow | undefined> {
  const linked = run.find(r => r.ticket_id !== null)
  if (!linked) return undefined
  const t = await findTicketById(ctx.db, linked.ticket_id!)
  return t && t.reporter_id === ctx.person.id && isOpen(t.status) ? t : undefined
}

export type Taken =
  | { kind: 'opened'; ticket: TicketRow }
  | { kind: 'appended'; ticket: TicketRow }
  | { kind: 'linked'; ticket: TicketRow }
  | { kind: 'none' }

/**
 * Decides what one line from a villager does: adds to the report they just made, completes a
 * report told in pieces, joins an open ticket about the same matter, or opens a ticket.
 * `alwaysOpen` (private chat) opens a ticket for any line that is not chatter.
 */
export async function takeReport(ctx: Ctx, where: Where, c: Classification, o: { alwaysOpen?: boolean } = {}): Promise<Taken> {
  // Chatter neither continues a report nor completes one: no need to look back.
  if (c.intent === 'none' && c.noise) return { kind: 'none' }
  const run = currentRun(await recentRun(ctx, where.roomId, MEDIA_WINDOW_MS), ctx.now)

  const own = await ticketOfRun(ctx, run)
  if (own && continues(own, c)) {
    return { kind: 'appended', ticket: await appendToTicket(ctx, own, where, ctx.body.trim(), c) }
  }

  let report = c
  let text = c.body || ctx.text
  let parts: string[] = []
  // A line the rules did not take alone (the model may have) is tried with the lines before it:
  // "我们家那个路灯" … "又黑了" is one report about the lamp.
  if (c.intent === 'none' || c.ruled === 'none') {
    const pieces: RecentLine[] = []
    for (const row of run) {
      if (row.kind !== 'text') continue
      if (row.ticket_id !== null || pieces.length >= MAX_PARTS - 1) break
      const line = parseQuote(row.text).body
      if (classifyMemo(line).noise) break
      pieces.push(row)
    }
    const joined = [...pieces.reverse().map(p => parseQuote(p.text).body), c.body].join(' ')
    const whole = pieces.length > 0 ? classifyMemo(joined) : c
    if (whole.intent === 'none' && c.intent === 'none') {
      if (!o.alwaysOpen || c.reasons.includes('address')) return { kind: 'none' }
      report = { ...c, intent: 'report', explicit: true }
    } else if (whole.intent !== 'none') {
      report = whole
      text = joined
      parts = pieces.map(p => p.msg_id)
    }
  }

  if (where.roomId !== null && !isPrivateTicket(report.intent, report.category, text)) {
    const same = await findSameMatter(ctx, where.village, report)
    if (same) {
      await linkReporter(ctx, same, where, text)
      await linkLines(ctx.db, ctx.app.recent, [ctx.msg.id, ...parts], same.id)
      return { kind: 'linked', ticket: same }
    }
  }
  const ticket = await openTicket(ctx, {
    village: where.village,
    roomId: where.roomId,
    roomTopic: where.roomTopic,
    c: report,
    text,
    reporter: { id: ctx.person.id, name: ctx.person.name },
    msgId: ctx.msg.id,
  })
  await linkLines(ctx.db, ctx.app.recent, [ctx.msg.id, ...parts], ticket.id)
  await claimWaitingMedia(ctx, ticket, where.roomId)
  return { kind: 'opened', ticket }
}

/** Adds a line to a ticket: the text grows, a place or urgency it names is taken, the handler hears it. */
async function appendToTicket(ctx: Ctx, t: TicketRow, where: Where, part: string, c: Classification): Promise<TicketRow> {
  const joined = `${t.text} ${part}`
  const text = joined.length > MAX_TICKET_TEXT ? joined.slice(0, MAX_TICKET_TEXT) + '…' : joined
  const whole = classifyMemo(text)
  // The new line alone may say danger more plainly than the whole, where the old text dilutes it.
  const danger = c.urgent ? c : whole.urgent && whole.intent !== 'none' ? whole : null
  const nowUrgent = danger !== null && !t.urgent
  const patch = {
    text,
    summary: summarize(text, 40),
    location: t.location ?? whole.location,
    urgent: t.urgent || nowUrgent ? 1 : 0,
    updated_at: ctx.now,
  }
  await updateTicket(ctx.db, t.id, patch)
  const updated = { ...t, ...patch }
  await recordEvent(ctx, updated, { name: ctx.person.name, kind: 'villager' }, 'supplemented', part)
  await linkLines(ctx.db, ctx.app.recent, [ctx.msg.id], t.id)

  const b = brief(updated, where.village)
  const advice = nowUrgent ? emergencyAdvice(danger.emergency) : null
  const priority = updated.urgent ? PRIORITY.urgent : PRIORITY.normal
  if (nowUrgent && where.roomId !== null && !t.private) {
    await ctx.out.toRoom(where.roomId, T.intake.nowUrgent(t.no, advice), { kind: 'ack', priority, ticketId: t.id, mentions: [ctx.person.name] })
  }
  if (t.assignee) {
    const cadre = ctx.app.world.cadreByName(where.village, t.assignee)
    await ctx.out.toName(t.assignee, cadre?.alias, T.intake.supplement(b, ctx.person.name, part, advice), { kind: 'ping', priority, ticketId: t.id })
  }
  return updated
}

/** An open public report about the same thing at the same place within three days. */
async function findSameMatter(ctx: BaseCtx, village: Village, c: Classification): Promise<TicketRow | undefined> {
  if (c.intent !== 'report' || c.location === null) return undefined
  const candidates = await listOpenReportsLike(ctx.db, village.id, c.category, ctx.now - SAME_MATTER_MS)
  return candidates.find(t => sameMatter(t, c))
}

async function linkReporter(ctx: Ctx, t: TicketRow, where: Where, text: string): Promise<void> {
  const self = t.reporter_id === ctx.person.id
  if (!self) {
    await addReporter(ctx.db, { ticket_id: t.id, person_id: ctx.person.id, name: ctx.person.name, room_id: where.roomId, msg_id: ctx.msg.id, at: ctx.now })
  }
  await recordEvent(ctx, t, { name: ctx.person.name, kind: 'villager' }, 'linked', summarize(text, 60))
  const handler = t.assignee ?? ctx.app.world.duty(where.village, ctx.now)
  await ctx.reply(self ? T.intake.linkedSelf(t.no, T.statusName(t.status), handler) : T.intake.linked(t.no, T.statusName(t.status), handler))
}

// --- photos and videos -----------------------------------------------------------------------------

/**
 * Downloads the photos and videos of a batch before its database transaction opens: a slow
 * download inside it would hold the write lock (SQLite) or an open transaction (PostgreSQL) for
 * up to the fetch timeout. Each message's `file` then returns the downloaded bytes (or the error).
 * Only media that may be kept are fetched: from a served room or a private chat, not from cadres.
 */
export async function prefetchMedia(batch: Inbound[], world: World): Promise<void> {
  await Promise.all(batch.map(async msg => {
    if (!msg.file || !wantsMedia(world, msg)) return
    const fetched = withTimeout(msg.file(), FETCH_TIMEOUT_MS)
    await fetched.then(() => undefined, () => undefined) // a failure is logged when a handler reads it
    msg.file = () => fetched
  }))
}

/**
 * A photo or video worth keeping: a villager's, in a served room that is not the committee's, or
 * in a private chat. The attachment handler and the download ahead of the batch both ask this.
 */
export function wantsMedia(world: World, msg: Inbound): boolean {
  if (msg.kind !== 'image' && msg.kind !== 'video') return false
  if (world.isAnyCadre(msg.sender)) return false
  if (msg.room === null) return true
  const place = world.room(msg.room)
  return place !== undefined && place.room.role !== 'committee'
}

/**
 * A villager's photo or video: attached to their report of the last five minutes, or kept for
 * five minutes in case the report comes after it. Returns what was kept.
 */
export async function keepMedia(ctx: Ctx, where: { village: Village; roomId: number | null }): Promise<AttachmentRow | undefined> {
  const run = await recentRun(ctx, where.roomId, MEDIA_WINDOW_MS)
  const withTicket = run.find(r => r.ticket_id !== null)
  const t = withTicket ? await findTicketById(ctx.db, withTicket.ticket_id!) : undefined
  const ticket = t && isOpen(t.status) ? t : undefined
  const saved = await saveFile(ctx, where.roomId, ticket?.id ?? null)
  if (!saved) return undefined
  if (ticket) {
    await recordEvent(ctx, ticket, { name: ctx.person.name, kind: 'villager' }, 'attached', saved.name)
    await linkLines(ctx.db, ctx.app.recent, [ctx.msg.id], ticket.id)
  }
  return saved
}

async function saveFile(ctx: Ctx, roomId: number | null, ticketId: number | null): Promise<AttachmentRow | undefined> {
  if (!ctx.msg.file) return undefined
  let file: { name: string; data: Buffer }
  try {
    file = await withTimeout(ctx.msg.file(), FETCH_TIMEOUT_MS) // already downloaded when prefetched
  } catch (err) {
    ctx.app.log.warn(`could not fetch media ${ctx.msg.id}`, err)
    return undefined
  }
  if (file.data.length > MAX_ATTACHMENT_BYTES) {
    ctx.app.log.warn(`media ${ctx.msg.id} too large to keep: ${file.data.length} bytes`)
    return undefined
  }
  const name = safeName(file.name) || (ctx.msg.kind === 'video' ? 'video.mp4' : 'image.jpg')
  const rel = path.join('attachments', localDateKey(ctx.now, ctx.app.config.timezone).slice(0, 7), `${safeName(ctx.msg.id)}-${name}`)
  const abs = path.join(ctx.app.dataDir, rel)
  // Written before the row: a retried message writes the same file again, never a row without one.
  fs.mkdirSync(path.dirname(abs), { recursive: true })
  fs.writeFileSync(abs, file.data)
  return insertAttachment(ctx.db, {
    ticket_id: ticketId, msg_id: ctx.msg.id, person_id: ctx.person.id, room_id: roomId, kind: ctx.msg.kind,
    name, path: rel, bytes: file.data.length, created_at: ctx.now,
  })
}

/** Photos the reporter sent just before the report now belong to it. */
async function claimWaitingMedia(ctx: Ctx, t: TicketRow, roomId: number | null): Promise<void> {
  const waiting = await listWaitingAttachments(ctx.db, ctx.person.id, roomId, ctx.now - MEDIA_WINDOW_MS)
  await setAttachmentTicket(ctx.db, waiting.map(a => a.id), t.id)
  for (const a of waiting) await recordEvent(ctx, t, { name: ctx.person.name, kind: 'villager' }, 'attached', a.name)
  await linkLines(ctx.db, ctx.app.recent, waiting.map(a => a.msg_id), t.id)
}

/** The person took back a photo: the file goes too. Returns true when there was one. */
export async function dropMedia(ctx: Ctx, msgId: string): Promise<boolean> {
  const a = await findAttachmentByMessage(ctx.db, msgId)
  if (!a || a.person_id !== ctx.person.id) return false
  await deleteAttachment(ctx.db, a.id)
  removeFile(ctx, a.path)
  if (a.ticket_id !== null) {
    const t = await findTicketById(ctx.db, a.ticket_id)
    if (t) await recordEvent(ctx, t, { name: ctx.person.name, kind: 'villager' }, 'detached', a.name)
  }
  return true
}

/** Photos no report came for: deleted, they were kept only in case one did. */
export async function purgeWaitingMedia(ctx: BaseCtx): Promise<number> {
  const rooms = ctx.app.world.villages.flatMap(v => v.rooms.map(r => r.id))
  const stale = await listStaleAttachments(ctx.db, rooms, ctx.now - 2 * MEDIA_WINDOW_MS)
  for (const a of stale) {
    await deleteAttachment(ctx.db, a.id)
    removeFile(ctx, a.path)
  }
  return stale.length
}

function removeFile(ctx: BaseCtx, rel: string): void {
  try {
    fs.rmSync(path.join(ctx.app.dataDir, rel), { force: true })
  } catch {
    // Already gone: nothing to keep private any more.
  }
}

function safeName(s: string): string {
  return path.basename(s).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(-80)
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
    p.then(v => { clearTimeout(timer); resolve(v) }, e => { clearTimeout(timer); reject(e) })
  })
}
