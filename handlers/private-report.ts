// A villager writing to the bot privately: a report there becomes a private ticket in the
// village they belong to; anything else gets a short explanation of how to use the bot.
import { classify } from '../src/domain/intent/index.js'
import { defineListener } from '../src/router.js'
import { T } from '../src/templates.js'
import { openTicket } from '../src/workflow.js'
import { linkInboxTicket } from '../db/inbox.js'

export default defineListener({
  name: 'private-report',
  async handle(ctx) {
    if (ctx.place || ctx.msg.room !== null || ctx.msg.kind !== 'text') return false
    const who = { name: ctx.msg.sender.name, alias: ctx.msg.sender.alias }
    // Cadres and partner units' contacts talk to the bot in commands; a stray line is not a report.
    if (ctx.app.world.isAnyCadre(who) || ctx.app.world.partnerVillages(who).length > 0) {
      await ctx.reply(T.cmd.unknown())
      return true
    }
    const village = ctx.person.village_id !== null ? ctx.app.world.villageById(ctx.person.village_id) : undefined
    const c = classify(ctx.body, { mentionsBot: true })
    if (!village || !c.body.trim()) {
      await ctx.reply(T.cmd.helpVillager())
      return true
    }
    const ticket = await openTicket(ctx, {
      village,
      roomId: null,
      roomTopic: T.dm.privateChat(),
      c,
      text: c.body,
      reporter: { id: ctx.person.id, name: ctx.person.name },
      msgId: ctx.msg.id,
    })
    await linkInboxTicket(ctx.db, ctx.msg.id, ticket.id)
    await ctx.reply(T.dm.ackPrivate(ticket.no, ctx.app.world.duty(village, ctx.now)))
    return true
  },
})
