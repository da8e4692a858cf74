// 接单: the cadre takes the ticket; the room sees that someone is on it.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { accept } from '../src/domain/tickets.js'
import { applyOutcome } from '../src/workflow.js'

export default defineCommand({
  name: 'accept',
  aliases: ['接单', '受理', '领单'],
  level: 'cadre',
  args: 'ticket',
  usage: '接单 编号，例如：接单 1',
  description: '接下这件事，由您负责办理',
  async run(ctx, { ticket }) {
    const outcome = accept(ticket, ctx.actor, ctx.now)
    if (!outcome.ok) {
      await ctx.reply(outcome.reason === 'already_yours' ? T.cmd.alreadyYours(ticket.no) : T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status), '接单'))
      return
    }
    await applyOutcome(ctx, ticket, outcome, ctx.actor)
    await ctx.reply(T.cmd.accepted(ticket.no))
    if (ticket.room_id !== null && !ticket.private) {
      await ctx.out.toRoom(ticket.room_id, T.room.accepted(ticket.no, ctx.actor.name), { kind: 'notice', ticketId: ticket.id })
    }
  },
})
