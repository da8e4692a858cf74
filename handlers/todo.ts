// 待办 (查单): what is still open in the village, oldest first.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { countTicketsByStatus, listTicketsByStatus } from '../db/tickets.js'
import { PENDING_STATUSES } from '../src/domain/status.js'
import { canSeeDetails } from '../src/visibility.js'

const MAX_LINES = 15

export default defineCommand({
  name: 'todo',
  aliases: ['待办', '待办单', '未办结'],
  level: 'staff',
  args: 'none',
  usage: '待办',
  description: '查看本村未办结的工单',
  async run(ctx) {
    const total = await countTicketsByStatus(ctx.db, ctx.village.id, PENDING_STATUSES)
    if (total === 0) {
      await ctx.reply(T.cmd.todoEmpty(ctx.village.name))
      return
    }
    const open = await listTicketsByStatus(ctx.db, ctx.village.id, PENDING_STATUSES, MAX_LINES)
    const lines = [T.cmd.todoHeader(ctx.village.name, total)]
    for (const t of open) {
      const summary = canSeeDetails(ctx, t) ? t.summary : T.cmd.privateSummary()
      lines.push(T.cmd.todoLine(t.no, t.category, summary, T.statusName(t.status, t.kind), t.assignee ?? '', T.duration(ctx.now - t.created_at)))
    }
    if (total > open.length) lines.push(T.cmd.todoMore(total - open.length))
    await ctx.reply(lines.join('\n'))
  },
})
