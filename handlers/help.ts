// 帮助: each person sees only the commands they may use: villagers how to report, a partner unit's
// contact the three commands for whistled tickets, cadres what their level and roles allow.
import { defineCommand, mayUse, type Command } from '../src/router.js'
import { T } from '../src/templates.js'
import { atLeast } from '../src/world.js'

/** Filled in by handlers/index.ts to avoid an import cycle. */
export const registry: Command[] = []

export default defineCommand({
  name: 'help',
  aliases: ['帮助', '菜单', '命令', 'help', '?'],
  level: 'villager',
  args: 'none',
  global: true,
  usage: '帮助',
  description: '查看可用的命令',
  async run(ctx) {
    if (ctx.level === 'villager') {
      const who = { name: ctx.msg.sender.name, alias: ctx.msg.sender.alias }
      const unit = ctx.app.world.partner(ctx.village, who)
      await ctx.reply(unit ? T.partner.help(unit.name) : T.cmd.helpVillager())
      return
    }
    const roleKey = ctx.level === 'admin' ? 'admin'
      : ctx.level === 'staff' ? 'staff'
        : ctx.cadre?.roles.includes('mediator') ? 'mediator' : 'cadre'
    const lines = [T.cmd.helpHeader(T.cmd.roleNames[roleKey] ?? '')]
    for (const c of registry) {
      if (c.name === 'help' || !mayUse(c, ctx.level, ctx.cadre)) continue
      lines.push(T.cmd.helpLine(c.usage.split('，')[0] ?? c.usage, c.description))
      if (c.more && atLeast(ctx.level, c.more.level)) lines.push(T.cmd.helpLine(c.more.usage, c.more.description))
    }
    if (atLeast(ctx.level, 'cadre')) lines.push(T.cmd.helpQuote())
    await ctx.reply(lines.join('\n'))
  },
})
