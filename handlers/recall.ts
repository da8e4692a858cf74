// A villager takes back (撤回) a message. If it made a ticket (alone or as one of the pieces of a
// report told in pieces) and nobody acted yet, the ticket is cancelled; a photo taken back is deleted.
import { defineListener } from '../src/router.js'
import { T } from '../src/templates.js'
import { cancel } from '../src/domain/tickets.js'
import { dropMedia } from '../src/intake.js'
import { applyOutcome } from '../src/workflow.js'
import { findInbox } from '../db/inbox.js'
import { findTicketById, findTicketBySourceMessage } from '../db/tickets.js'
import { ping } from '../src/notify.js'

export default defineListener({
  name: 'recall',
  async handle(ctx) {
    if (ctx.msg.kind !== 'recall') return false
    if (!ctx.msg.recalledId) return true
    if (await dropMedia(ctx, ctx.msg.recalledId)) return true
    let ticket = await findTicketBySourceMessage(ctx.db, ctx.msg.recalledId)
    if (!ticket) {
      // One of the pieces the ticket was made of (said before it opened, not added afterwards).
      const row = await findInbox(ctx.db, ctx.msg.recalledId)
      const t = row?.ticket_id != null ? await findTicketById(ctx.db, row.ticket_id) : undefined
      if (t && row && row.received_at < t.created_at && row.sender === ctx.person.name) ticket = t
    }
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
