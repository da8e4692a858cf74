// 吹哨: send a ticket to the partner unit (包联单位) responsible for it. The unit's contact is told
// privately and may then 接单 / 进展 / 办结 that ticket; the village keeps it and publishes the result.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { whistle } from '../src/domain/tickets.js'
import { applyOutcome, brief } from '../src/workflow.js'
import { ping } from '../src/notify.js'

export default defineCommand({
  name: 'whistle',
  aliases: ['吹哨', '报单位'],
  level: 'cadre',
  args: 'ticket text?',
  usage: '吹哨 编号 单位，例如：吹哨 1 县水务局',
  description: '把工单交给包联单位协同处理（村里仍负责公示）',
  async run(ctx, { ticket, text }) {
    const partners = ctx.village.cfg.partners
    if (partners.length === 0) {
      await ctx.reply(T.partner.none())
      return
    }
    const fit = partners.filter(p => (p.categories as string[]).includes(ticket.category))
    const name = text.split(/\s+/)[0] ?? ''
    // `吹哨 1` picks the one unit that takes this category; otherwise the cadre chooses.
    const unit = name ? ctx.app.world.partnerByName(ctx.village, name) : fit.length === 1 ? fit[0] : undefined
    if (!unit) {
      await ctx.reply(name
        ? T.partner.unknown(name, partners.map(p => p.name))
        : T.partner.choose(ticket.no, ticket.category, fit.map(p => p.name), partners.map(p => p.name)))
      return
    }
    const outcome = whistle(ticket, ctx.now, unit.name)
    if (!outcome.ok) {
      await ctx.reply(T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status, ticket.kind), '吹哨'))
      return
    }
    const updated = await applyOutcome(ctx, ticket, outcome, ctx.actor)
    await ping(ctx, ctx.village, unit.contact, T.partner.ping(brief(updated, ctx.village), ticket.text, ctx.actor.name, ticket.reporter_name), {
      ticketId: ticket.id, urgent: ticket.urgent === 1,
    })
    if (ticket.room_id !== null && !ticket.private) {
      await ctx.out.toRoom(ticket.room_id, T.partner.room(ticket.no, unit.name), { kind: 'notice', ticketId: ticket.id })
    }
    await ctx.reply(T.partner.done(ticket.no, unit.name, unit.contact))
  },
})
