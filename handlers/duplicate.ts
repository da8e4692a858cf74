// 重复: #2 is the same matter as #1; it is closed into #1 and its reporter hears #1's result.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { markDuplicate } from '../src/domain/tickets.js'
import { applyOutcome } from '../src/workflow.js'

export default defineCommand({
  name: 'duplicate',
  aliases: ['重复', '合并'],
  level: 'cadre',
  args: 'ticket ticket',
  usage: '重复 重复的编号 原编号，例如：重复 2 1',
  description: '标记为同一件事，并入原工单',
  async run(ctx, { ticket, other }) {
    if (ticket.id === other.id) {
      await ctx.reply(T.cmd.sameTicket())
      return
    }
    const outcome = markDuplicate(ticket, other, ctx.now)
    if (!outcome.ok) {
      await ctx.reply(T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status), '合并'))
      return
    }
    await applyOutcome(ctx, ticket, outcome, ctx.actor)
    if (ticket.room_id !== null && !ticket.private) {
      await ctx.out.toRoom(ticket.room_id, T.room.duplicate(ticket.no, other.no), { kind: 'notice', ticketId: ticket.id, mentions: [ticket.reporter_name] })
    }
    await ctx.reply(T.cmd.duplicated(ticket.no, other.no))
  },
})
