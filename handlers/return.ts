// 退回: not the village's business (or not actionable); the reporter is told why.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { returnTicket } from '../src/domain/tickets.js'
import { applyOutcome } from '../src/workflow.js'

export default defineCommand({
  name: 'return',
  aliases: ['退回', '退单'],
  level: 'cadre',
  args: 'ticket text',
  usage: '退回 编号 原因，例如：退回 1 不属于本村事务',
  description: '退回并告知报事人原因',
  async run(ctx, { ticket, text }) {
    const outcome = returnTicket(ticket, ctx.actor, ctx.now, text)
    if (!outcome.ok) {
      await ctx.reply(T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status), '退回'))
      return
    }
    await applyOutcome(ctx, ticket, outcome, ctx.actor)
    if (ticket.room_id !== null && !ticket.private) {
      await ctx.out.toRoom(ticket.room_id, T.room.returned(ticket.no, text), { kind: 'notice', ticketId: ticket.id, mentions: [ticket.reporter_name] })
    } else if (ticket.reporter_id !== null) {
      await ctx.out.toPerson(ticket.reporter_id, T.room.returned(ticket.no, text), { kind: 'notice', ticketId: ticket.id })
    }
    await ctx.reply(T.cmd.returned(ticket.no))
  },
})
