// 接单 / 受理: the cadre takes the ticket; the room sees that someone is on it. A dispute enters
// mediation (调解中) and the room hears only that a mediator is in touch. A partner unit's contact
// takes a whistled ticket for the unit; the village cadre stays its handler.
import { defineCommand, type CommandCtx } from '../src/router.js'
import { T } from '../src/templates.js'
import { accept, acceptForUnit } from '../src/domain/tickets.js'
import { applyOutcome, brief } from '../src/workflow.js'
import { ping } from '../src/notify.js'
import type { TicketRow } from '../db/schema.js'

export default defineCommand({
  name: 'accept',
  aliases: ['接单', '受理', '领单'],
  level: 'cadre',
  partner: true,
  args: 'ticket',
  usage: '接单 编号，例如：接单 1',
  description: '接下这件事，由您负责办理（调解事项进入调解）',
  async run(ctx, { ticket }) {
    if (ctx.partner) return acceptForPartner(ctx, ticket, ctx.partner.name)
    const outcome = accept(ticket, ctx.actor, ctx.now)
    if (!outcome.ok) {
      await ctx.reply(outcome.reason === 'already_yours' ? T.cmd.alreadyYours(ticket.no) : T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status, ticket.kind), '接单'))
      return
    }
    await applyOutcome(ctx, ticket, outcome, ctx.actor)
    if (ticket.kind === 'dispute') {
      await ctx.reply(T.mediation.accepted(ticket.no))
      if (ticket.room_id !== null) await ctx.out.toRoom(ticket.room_id, T.mediation.roomContacted(ticket.no), { kind: 'notice', ticketId: ticket.id })
      return
    }
    await ctx.reply(T.cmd.accepted(ticket.no))
    if (ticket.room_id === null) return
    const notice = ticket.private ? T.mediation.roomContactedPrivate(ticket.no) : T.room.accepted(ticket.no, ctx.actor.name)
    await ctx.out.toRoom(ticket.room_id, notice, { kind: 'notice', ticketId: ticket.id })
  },
})

async function acceptForPartner(ctx: CommandCtx, ticket: TicketRow, unit: string): Promise<void> {
  const outcome = acceptForUnit(ticket, ctx.actor, ctx.now)
  if (!outcome.ok) {
    await ctx.reply(T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status, ticket.kind), '接单'))
    return
  }
  const updated = await applyOutcome(ctx, ticket, outcome, ctx.actor)
  await ctx.reply(T.partner.accepted(ticket.no))
  if (ticket.room_id !== null && !ticket.private) {
    await ctx.out.toRoom(ticket.room_id, T.room.accepted(ticket.no, ctx.actor.name), { kind: 'notice', ticketId: ticket.id })
  }
  if (updated.assignee) await ping(ctx, ctx.village, updated.assignee, T.partner.tookIt(brief(updated, ctx.village), unit), { ticketId: ticket.id, urgent: ticket.urgent === 1 })
}
