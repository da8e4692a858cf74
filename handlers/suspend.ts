// 挂起 / 恢复: pause the time limits while a ticket waits on something outside the handler's hands
// (weather, materials, a court). The secretaries hear of every pause; the room hears of a public one.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { resume, suspend } from '../src/domain/tickets.js'
import { applyOutcome, brief, resolveDue } from '../src/workflow.js'
import { ping } from '../src/notify.js'

export const suspendCmd = defineCommand({
  name: 'suspend',
  aliases: ['挂起'],
  level: 'cadre',
  args: 'ticket text',
  usage: '挂起 编号 原因，例如：挂起 1 等雨停了再施工',
  description: '暂停计算时限（等天气、等材料等）',
  async run(ctx, { ticket, text }) {
    const outcome = suspend(ticket, ctx.now, text)
    if (!outcome.ok) {
      await ctx.reply(outcome.reason === 'suspended' ? T.clock.alreadySuspended(ticket.no)
        : ticket.status === 'open' ? T.clock.suspendNeedsHolder(ticket.no)
          : T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status, ticket.kind), '挂起'))
      return
    }
    await applyOutcome(ctx, ticket, outcome, ctx.actor)
    await ctx.reply(T.clock.suspended(ticket.no))
    if (ticket.room_id !== null && !ticket.private) {
      await ctx.out.toRoom(ticket.room_id, T.clock.roomSuspended(ticket.no, text), { kind: 'notice', ticketId: ticket.id })
    }
    for (const c of ctx.app.world.escalationTargets(ctx.village, ctx.actor.name)) {
      if (c.name === ctx.actor.name) continue
      await ping(ctx, ctx.village, c.name, T.clock.suspendPing(brief(ticket, ctx.village), ctx.actor.name, text), { ticketId: ticket.id })
    }
  },
})

export const resumeCmd = defineCommand({
  name: 'resume',
  aliases: ['恢复', '恢复办理'],
  level: 'cadre',
  args: 'ticket',
  usage: '恢复 编号，例如：恢复 1',
  description: '结束挂起，时限继续计算',
  async run(ctx, { ticket }) {
    const outcome = resume(ticket, ctx.now)
    if (!outcome.ok) {
      await ctx.reply(T.clock.notSuspended(ticket.no))
      return
    }
    const t = await applyOutcome(ctx, ticket, outcome, ctx.actor)
    await ctx.reply(T.clock.resumed(ticket.no, resolveDue(ctx, ctx.village, t)))
    if (ticket.room_id !== null && !ticket.private) {
      await ctx.out.toRoom(ticket.room_id, T.clock.roomResumed(ticket.no), { kind: 'notice', ticketId: ticket.id })
    }
  },
})
