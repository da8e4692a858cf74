// 日报 / 周报 / 月报: a cadre gets the current edition of the village's digest privately (the weekly
// one with its chart), wherever they asked; in a room the bot only says it was sent.
import { defineCommand, type Command } from '../src/router.js'
import { T } from '../src/templates.js'
import { composeDigest, villageScope, writeWeekChart, type Edition } from '../src/digest.js'

function digestCommand(edition: Edition, alias: string, description: string): Command<'village text?'> {
  return defineCommand({
    name: `digest-${edition}`,
    aliases: [alias],
    level: 'cadre',
    args: 'village text?',
    usage: alias,
    description,
    async run(ctx) {
      const scope = villageScope(ctx.village)
      const text = await composeDigest(ctx, scope, edition)
      if (!text) {
        await ctx.reply(T.report.empty(ctx.village.name))
        return
      }
      await ctx.out.toPerson(ctx.person.id, text, { kind: 'report' })
      const chart = edition === 'weekly' ? await writeWeekChart(ctx, scope) : null
      if (chart) await ctx.out.toPerson(ctx.person.id, T.digest.chartCaption(scope.name), { kind: 'report', filePath: chart })
      if (ctx.place) await ctx.reply(T.report.sentPrivately())
    },
  })
}

export default [
  digestCommand('daily', '日报', '私信给您本村昨天的日报（未办结、超时、近30天办结率和满意率）'),
  digestCommand('weekly', '周报', '私信给您本村上周的周报和图表（与前一周比较，网格和干部红黑榜）'),
  digestCommand('monthly', '月报', '私信给您本村上个月的月报（与前一个月比较）'),
]
