// 值班: who is on duty today.
import { defineCommand } from '../src/router.js'
import { T } from '../src/templates.js'
import { localParts } from '../src/time.js'

export default defineCommand({
  name: 'duty',
  aliases: ['值班', '今天值班', '谁值班'],
  level: 'villager',
  args: 'none',
  usage: '值班',
  description: '查看今天谁值班',
  async run(ctx) {
    const p = localParts(ctx.now, ctx.app.config.timezone)
    await ctx.reply(T.cmd.duty(ctx.village.name, `${p.month}月${p.day}日`, T.weekdayName(p.weekday), ctx.app.world.duty(ctx.village, ctx.now)))
  },
})
