// 进展: a progress note on the ticket's record; the room sees it too unless the matter is private.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { progress } from '../src/domain/tickets.js'
import { applyOutcome, brief } from '../src/workflow.js'
import { ping } from '../src/notify.js'

export default defineCommand({
  name: 'progress',
  aliases: ['进展', '进度', '跟进'],
  level: 'cadre',
  partner: true,
  args: 'ticket text',
  usage: '进展 编号 情况，例如：进展 1 已联系施工队',
  description: '记录办理进展',
  async run(ctx, { ticket, text }) {
    const outcome = progress(ticket, ctx.actor, ctx.now, text)
    if (!outcome.ok) {
      await ctx.reply(T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status, ticket.kind), '记录进展'))
      return
    }
    await applyOutcome(ctx, ticket, outcome, ctx.actor)
    await ctx.reply(T.cmd.progressSaved(ticket.no))
    if (ticket.room_id !== null && !ticket.private) {
      await ctx.out.toRoom(ticket.room_id, T.room.progress(ticket.no, text, ctx.actor.name), { kind: 'notice', ticketId: ticket.id })
    }
    // The village stays responsible for a whistled ticket: its handler hears what the unit reports.
    if (ctx.partner && ticket.assignee) {
      await ping(ctx, ctx.village, ticket.assignee, T.partner.progressed(brief(ticket, ctx.village), ctx.partner.name, text), { ticketId: ticket.id })
    }
  },
})
