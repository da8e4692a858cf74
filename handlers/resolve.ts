// 办结 (销单): publish the result (公示) where the report came from and ask the reporter to rate it.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { resolve } from '../src/domain/tickets.js'
import { applyOutcome, brief } from '../src/workflow.js'
import { listDuplicatesOf } from '../db/tickets.js'
import { listReporters } from '../db/reporters.js'
import { ping } from '../src/notify.js'

export default defineCommand({
  name: 'resolve',
  aliases: ['办结', '销单', '已办结', '完成'],
  level: 'cadre',
  partner: true,
  args: 'ticket text',
  usage: '办结 编号 处理结果，例如：办结 1 井盖已更换',
  description: '办完了，在群里公示结果并请报事人评价',
  async run(ctx, { ticket, text }) {
    const outcome = resolve(ticket, ctx.actor, ctx.now, text, ctx.village.cfg.feedbackDays)
    if (!outcome.ok) {
      await ctx.reply(outcome.reason === 'dispute' ? T.mediation.useMediation(ticket.no) : T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status, ticket.kind), '办结'))
      return
    }
    const updated = await applyOutcome(ctx, ticket, outcome, ctx.actor)
    const took = T.duration(ctx.now - ticket.created_at)
    const publicNotice = ticket.room_id !== null && !ticket.private
    if (publicNotice) {
      // Everyone who reported the same thing hears the result: in the room, or privately if they said it elsewhere.
      const dups = await listDuplicatesOf(ctx.db, ticket.id)
      const others = await listReporters(ctx.db, ticket.id)
      const here = others.filter(r => r.room_id === ticket.room_id)
      const mentions = [...new Set([ticket.reporter_name, ...dups.map(d => d.reporter_name), ...here.map(r => r.name)])]
      await ctx.out.toRoom(ticket.room_id!, T.room.resolved(brief(updated, ctx.village), text, ctx.actor.name, took), {
        kind: 'notice', ticketId: ticket.id, mentions,
      })
      for (const r of others.filter(r => r.room_id !== ticket.room_id)) {
        await ctx.out.toPerson(r.person_id, T.intake.linkedResolved(ticket.no, text, ctx.actor.name), { kind: 'notice', ticketId: ticket.id })
      }
    } else if (ticket.reporter_id !== null) {
      await ctx.out.toPerson(ticket.reporter_id, T.dm.resolvedToReporter(ticket.no, text, ctx.actor.name), { kind: 'notice', ticketId: ticket.id })
    }
    await ctx.reply(T.cmd.resolved(ticket.no, publicNotice))
    // A partner unit finished a whistled ticket: the village's handler hears it (the village answers for it).
    if (ctx.partner && updated.assignee) {
      await ping(ctx, ctx.village, updated.assignee, T.partner.resolved(brief(updated, ctx.village), ctx.partner.name, text), { ticketId: ticket.id })
    }
  },
})
