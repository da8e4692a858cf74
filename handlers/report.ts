// 群众群里喊话 → 制单: a villager's report or quarrel in a public room becomes a ticket.
import { classify } from '../src/domain/intent/index.js'
import { defineListener } from '../src/router.js'
import { T } from '../src/templates.js'
import { openTicket } from '../src/workflow.js'
import { linkInboxTicket } from '../db/inbox.js'

export default defineListener({
  name: 'report',
  async handle(ctx) {
    if (!ctx.place || ctx.msg.kind !== 'text') return false
    const { room, village } = ctx.place
    const who = { name: ctx.msg.sender.name, alias: ctx.msg.sender.alias }
    const c = classify(ctx.body, { mentionsBot: ctx.msg.mentionsBot })
    if (c.intent === 'none') return false
    // Cadres' own notices and committee chatter never open tickets unless asked to in words.
    if (!c.explicit && (ctx.app.world.isAnyCadre(who) || room.role === 'committee')) return false
    if (c.explicit && !c.body.trim()) {
      await ctx.reply(T.room.emptyReport())
      return true
    }
    const ticket = await openTicket(ctx, {
      village,
      roomId: room.id,
      roomTopic: room.topic,
      c,
      text: c.body || ctx.text,
      reporter: { id: ctx.person.id, name: ctx.person.name },
      msgId: ctx.msg.id,
    })
    await linkInboxTicket(ctx.db, ctx.msg.id, ticket.id)
    return true
  },
})
