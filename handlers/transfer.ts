// 转派: hand the ticket to another cadre of the village, who is told privately.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { transfer } from '../src/domain/tickets.js'
import { applyOutcome, brief } from '../src/workflow.js'
import { ping } from '../src/notify.js'

export default defineCommand({
  name: 'transfer',
  aliases: ['转派', '转交', '转给'],
  level: 'cadre',
  args: 'ticket cadre',
  usage: '转派 编号 干部姓名，例如：转派 1 张主任',
  description: '交给另一位干部办理',
  async run(ctx, { ticket, cadre }) {
    const outcome = transfer(ticket, ctx.actor, ctx.now, cadre.name)
    if (!outcome.ok) {
      await ctx.reply(T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status, ticket.kind), '转派'))
      return
    }
    const updated = await applyOutcome(ctx, ticket, outcome, ctx.actor)
    await ping(ctx, ctx.village, cadre.name, T.ping.transferred(brief(updated, ctx.village), ticket.text, ctx.actor.name), {
      ticketId: ticket.id, urgent: ticket.urgent === 1,
    })
    await ctx.reply(T.cmd.transferred(ticket.no, cadre.name))
  },
})
