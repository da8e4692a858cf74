// A villager takes back (撤回) the message that opened a ticket: cancel it if nobody acted yet.
import { defineListener } from '../src/router.js'
import { T } from '../src/templates.js'
import { cancel } from '../src/domain/tickets.js'
import { applyOutcome } from '../src/workflow.js'
import { findTicketBySourceMessage } from '../db/tickets.js'
import { ping } from '../src/notify.js'

export default defineListener({
  name: 'recall',
  async handle(ctx) {
    if (ctx.msg.kind !== 'recall') return false
    if (!ctx.msg.recalledId) return true
    const ticket = await findTicketBySourceMessage(ctx.db, ctx.msg.recalledId)
    if (!ticket || ticket.reporter_id !== ctx.person.id) return true
    const outcome = cancel(ticket, ctx.now)
    if (!outcome.ok) return true
    await applyOutcome(ctx, ticket, outcome, { name: ctx.person.name, kind: 'villager' })
    const village = ctx.app.world.villageById(ticket.village_id)
    if (ticket.room_id !== null) await ctx.out.toRoom(ticket.room_id, T.room.cancelled(ticket.no), { kind: 'notice', ticketId: ticket.id })
    if (village && ticket.assignee) await ping(ctx, village, ticket.assignee, T.ping.cancelled(village.name, ticket.no), { ticketId: ticket.id })
    return true
  },
})
