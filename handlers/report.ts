// 群众群里喊话 → 制单: a villager's report or quarrel in a public room becomes a ticket, with the
// conversation around it (pieces, a follow-up line, the same matter reported twice).
import { classifyMemo } from '../src/classify-memo.js'
import { takeReport } from '../src/intake.js'
import { defineListener } from '../src/router.js'
import { T } from '../src/templates.js'

export default defineListener({
  name: 'report',
  async handle(ctx) {
    if (!ctx.place || ctx.msg.kind !== 'text') return false
    const { room, village } = ctx.place
    const who = { name: ctx.msg.sender.name, alias: ctx.msg.sender.alias }
    const c = classifyMemo(ctx.body, { mentionsBot: ctx.msg.mentionsBot })
    // Cadres' own notices and committee chatter never open tickets unless asked to in words.
    if (!c.explicit && (ctx.app.world.isAnyCadre(who) || room.role === 'committee')) return false
    if (c.explicit && !c.body.trim()) {
      await ctx.reply(T.room.emptyReport())
      return true
    }
    const taken = await takeReport(ctx, { village, roomId: room.id, roomTopic: room.topic }, c)
    return taken.kind !== 'none'
  },
})
