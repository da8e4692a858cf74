// 帮助: each person sees only the commands they may use.
import { defineCommand, type Command } from '../src/router.js'
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
      await ctx.reply(T.cmd.helpVillager())
      return
    }
    const roleKey = ctx.cadre?.roles.includes('mediator') && ctx.level === 'cadre' ? 'mediator' : ctx.level === 'admin' ? 'admin' : 'cadre'
    const lines = [T.cmd.helpHeader(T.cmd.roleNames[roleKey] ?? '')]
    for (const c of registry) {
      if (c.name === 'help' || !atLeast(ctx.level, c.level)) continue
      lines.push(T.cmd.helpLine(c.usage.split('，')[0] ?? c.usage, c.description))
    }
    lines.push(T.cmd.helpQuote())
    await ctx.reply(lines.join('\n'))
  },
})
