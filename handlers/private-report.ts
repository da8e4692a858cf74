// A villager writing to the bot privately: what they say becomes a private ticket in the village
// they belong to (lines a moment apart are one ticket); greetings get a short explanation of how to
// use the bot, and a plain "好的/谢谢" gets no answer at all.
import { classifyMemo } from '../src/classify-memo.js'
import { takeReport } from '../src/intake.js'
import { defineListener } from '../src/router.js'
import { T } from '../src/templates.js'

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
    const c = classifyMemo(ctx.body)
    if (c.reasons.includes('ack') && !c.explicit) return true
    if (!village || (c.explicit && !c.body.trim())) {
      await ctx.reply(T.cmd.helpVillager())
      return true
    }
    const taken = await takeReport(ctx, { village, roomId: null, roomTopic: T.dm.privateChat() }, c, { alwaysOpen: true })
    if (taken.kind === 'opened') await ctx.reply(T.dm.ackPrivate(taken.ticket.no, ctx.app.world.duty(village, ctx.now)))
    else if (taken.kind === 'appended') await ctx.reply(T.intake.appendedPrivate(taken.ticket.no))
    else await ctx.reply(T.cmd.helpVillager())
    return true
  },
})
