// 查询 (查单): one ticket with its whole history.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { listEvents } from '../db/tickets.js'
import { listAttachments } from '../db/attachments.js'
import { shortLocal } from '../src/time.js'
import { brief, timeLimitLines } from '../src/workflow.js'
import { canSeeDetails } from '../src/visibility.js'

const MAX_EVENTS = 20

export default defineCommand({
  name: 'query',
  aliases: ['查询', '查单', '查看', '详情'],
  level: 'staff',
  args: 'ticket',
  usage: '查询 编号，例如：查询 1',
  description: '查看一件工单的内容和办理经过',
  async run(ctx, { ticket }) {
    const tz = ctx.app.config.timezone
    const b = brief(ticket, ctx.village)
    const lines = [T.cmd.query.header(b, T.statusName(ticket.status, ticket.kind))]
    if (!canSeeDetails(ctx, ticket)) {
      lines.push(T.cmd.query.hidden())
      await ctx.reply(lines.join('\n'))
      return
    }
    const room = ticket.room_id !== null ? ctx.app.world.roomById(ticket.room_id)?.room.topic ?? '' : ''
    lines.push(T.cmd.query.text(ticket.text))
    if (ticket.location) lines.push(T.cmd.query.location(ticket.location))
    lines.push(T.cmd.query.reporter(ticket.reporter_name, room))
    if (ticket.assignee) lines.push(T.cmd.query.handler(ticket.assignee))
    if (ticket.unit) lines.push(T.cmd.query.unit(ticket.unit))
    lines.push(...timeLimitLines(ctx, ctx.village, ticket))
    lines.push(T.cmd.query.history())
    // A long history is cut to its latest steps: a chat message must stay readable on a phone.
    const events = await listEvents(ctx.db, ticket.id)
    if (events.length > MAX_EVENTS) lines.push(T.cmd.query.earlier(events.length - MAX_EVENTS))
    for (const e of events.slice(-MAX_EVENTS)) {
      const note = e.type === 'created' ? '' : (e.note ?? '')
      lines.push(T.cmd.query.event(shortLocal(e.at, tz), T.eventName(e.type), e.actor, note))
    }
    for (const a of await listAttachments(ctx.db, ticket.id)) lines.push(T.cmd.query.attachment(a.kind, shortLocal(a.created_at, tz), a.path))
    await ctx.reply(lines.join('\n'))
  },
})
