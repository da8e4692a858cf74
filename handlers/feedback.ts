// 核单: the reporter answers 满意 / 不满意 to a resolution notice. Only the reporter counts.
import { defineListener } from '../src/router.js'
import { T } from '../src/templates.js'
import { feedback as feedbackOutcome } from '../src/domain/tickets.js'
import { ticketNumbersIn, takeTicketRef } from '../src/domain/refs.js'
import { fold } from '../src/domain/text.js'
import { applyOutcome, brief } from '../src/workflow.js'
import { findTicketByNo, listAwaitingFeedback } from '../db/tickets.js'
import type { TicketRow } from '../db/schema.js'
import { ping } from '../src/notify.js'

const ANSWER_RE = /^(非常|很|挺|比较)?(不满意|满意)[!！。.~～\s,，:：]*/

export default defineListener({
  name: 'feedback',
  async handle(ctx) {
    if (ctx.msg.kind !== 'text') return false
    const body = ctx.body.trim()
    const m = ANSWER_RE.exec(fold(body))
    if (!m) return false
    const satisfied = m[2] === '满意'
    const after = body.slice(m[0].length)
    const world = ctx.app.world
    const villages = world.villages.map(v => v.name)

    // Which ticket: a quoted notice, a typed number, or the reporter's latest awaiting answer.
    const quoted = ctx.quote ? ticketNumbersIn(ctx.quote.text) : []
    const typed = takeTicketRef(after, villages)
    const no = quoted[0] ?? typed.ref?.no
    const reason = (typed.ref && quoted.length === 0 ? typed.rest : after).trim()
    const mine = await listAwaitingFeedback(ctx.db, ctx.person.id)
    const inScope = (t: TicketRow): boolean => !ctx.place || t.village_id === ctx.place.village.id
    let ticket: TicketRow | undefined
    if (no !== undefined) {
      ticket = mine.find(t => t.no === no && inScope(t))
      if (!ticket) {
        // Someone else's ticket: say so only when they clearly meant one (quoted or numbered).
        const village = ctx.place?.village ?? (ctx.person.village_id !== null ? world.villageById(ctx.person.village_id) : undefined)
        const other = village ? await findTicketByNo(ctx.db, village.id, no) : undefined
        if (other?.status === 'resolved' && other.reporter_id !== ctx.person.id) {
          await ctx.reply(T.cmd.feedbackNotYours())
          return true
        }
        return false
      }
    } else {
      ticket = mine.find(inScope)
    }
    if (!ticket) return false
    const village = world.villageById(ticket.village_id)
    if (!village) return false

    const outcome = feedbackOutcome(ticket, ctx.now, satisfied, reason || null)
    if (!outcome.ok) return false
    const updated = await applyOutcome(ctx, ticket, outcome, { name: ctx.person.name, kind: 'villager' })
    const inRoom = ctx.place !== undefined
    if (satisfied) {
      await ctx.reply(inRoom ? T.room.thanksClosed(ticket.no) : T.cmd.privateThanks(ticket.no, true))
    } else {
      const handler = updated.assignee ?? world.duty(village, ctx.now)
      await ctx.reply(inRoom ? T.room.reopened(ticket.no, handler) : T.cmd.privateThanks(ticket.no, false))
      await ping(ctx, village, handler, T.ping.reopened(brief(updated, village), ctx.person.name, reason), { ticketId: ticket.id })
    }
    return true
  },
})
