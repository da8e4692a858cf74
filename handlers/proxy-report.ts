// 代报: a cadre logs a report phoned in by someone without a smartphone. The ticket is announced in
// the village's room (or the room named first) without the caller's phone number; the duty cadre's
// ping keeps it so someone can call back. Private matters are not announced at all.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { classify } from '../src/domain/intent/index.js'
import { isPrivateTicket, stripPhones } from '../src/domain/privacy.js'
import { openTicket } from '../src/workflow.js'

export default defineCommand({
  name: 'proxy-report',
  aliases: ['代报', '代登记'],
  level: 'staff',
  args: 'text',
  usage: '代报 报事人 情况，例如：代报 张大娘 3号楼电视信号坏了（可在前面写群名）',
  description: '替打电话来的群众登记报事',
  async run(ctx, { text }) {
    const world = ctx.app.world
    const rooms = world.publicRooms(ctx.village)
    const named = [...ctx.village.rooms].sort((a, b) => b.topic.length - a.topic.length).find(r => text.startsWith(r.topic))
    if (named && named.role === 'committee') {
      await ctx.reply(T.proxy.notPublicRoom(named.topic))
      return
    }
    const room = named ?? rooms[0]
    if (!room) {
      await ctx.reply(T.proxy.noRoom())
      return
    }
    const rest = named ? text.slice(named.topic.length).trim() : text
    const [reporter = '', ...words] = rest.split(/\s+/)
    const body = words.join(' ').trim()
    if (!reporter || !body) {
      await ctx.reply(T.cmd.hint(T.proxy.usage()))
      return
    }
    const c = classify(body, { mentionsBot: true })
    const isPrivate = isPrivateTicket(c.intent === 'dispute' ? 'dispute' : 'report', c.category, body)
    const ticket = await openTicket(ctx, {
      village: ctx.village,
      // A private matter is not announced: there is nobody in the room to reassure.
      roomId: isPrivate ? null : room.id,
      roomTopic: T.proxy.via(ctx.actor.name),
      c: { ...c, body: stripPhones(c.body) },
      text: body,
      reporter: { id: null, name: reporter },
      msgId: null,
      openedBy: ctx.actor,
    })
    await ctx.reply(isPrivate ? T.proxy.donePrivate(ticket.no, reporter) : T.proxy.done(ticket.no, reporter, room.topic))
  },
})
