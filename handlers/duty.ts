// 值班: who is on duty today; a secretary or director changes the weekly roster with
// `值班 周三 张主任`. 换班 changes one day. 本周值班 shows the week. Changes are kept in the
// database (the config's roster stays the default) and World.duty uses them everywhere.
import { defineCommand, type CommandCtx } from '../src/router.js'
import { T } from '../src/templates.js'
import { nextWeekday, parseDay } from '../src/domain/roster.js'
import { setDutyRoster } from '../db/roster.js'
import { ping } from '../src/notify.js'
import { atLeast } from '../src/world.js'
import { localDateKey, localParts } from '../src/time.js'

const dateLabel = (ctx: CommandCtx, at: number): string => {
  const p = localParts(at, ctx.app.config.timezone)
  return `${p.month}月${p.day}日`
}

/** Reads `周三 张主任` / `明天 王书记`; answers with a hint and returns undefined when it cannot. */
async function readChange(ctx: CommandCtx, text: string, usage: string) {
  const parsed = parseDay(text, ctx.now, ctx.app.config.timezone)
  const name = parsed?.rest.split(/\s+/)[0] ?? ''
  if (!parsed || !name) {
    await ctx.reply(T.cmd.hint(usage))
    return undefined
  }
  const cadre = ctx.app.world.cadreByName(ctx.village, name)
  if (!cadre) {
    await ctx.reply(T.cmd.unknownCadre(name, ctx.village.cfg.cadres.map(c => c.name)))
    return undefined
  }
  return { day: parsed.day, cadre }
}

async function save(ctx: CommandCtx, day: string, cadre: string): Promise<void> {
  await setDutyRoster(ctx.db, { village_id: ctx.village.id, day, cadre, set_by: ctx.actor.name, set_at: ctx.now })
  const villageId = ctx.village.id
  ctx.afterCommit(() => ctx.app.world.setRoster(villageId, day, cadre))
}

export default defineCommand({
  name: 'duty',
  aliases: ['值班', '今天值班', '谁值班'],
  level: 'villager',
  args: 'any',
  usage: '值班',
  description: '查看今天谁值班',
  more: { level: 'admin', usage: T.roster.dutyMore(), description: T.roster.dutyMoreDesc() },
  async run(ctx, { text }) {
    const tz = ctx.app.config.timezone
    if (!text) {
      const p = localParts(ctx.now, tz)
      await ctx.reply(T.cmd.duty(ctx.village.name, `${p.month}月${p.day}日`, T.weekdayName(p.weekday), ctx.app.world.duty(ctx.village, ctx.now)))
      return
    }
    if (!atLeast(ctx.level, 'admin')) {
      await ctx.reply(ctx.level === 'villager' ? T.cmd.notCadre() : T.roster.onlyAdmin())
      return
    }
    const change = await readChange(ctx, text, T.roster.usage())
    if (!change) return
    if (change.day.kind === 'date') {
      // `值班 明天 王书记` is one day: the same as 换班.
      await swapDay(ctx, change.day.at, change.cadre.name)
      return
    }
    const weekday = T.weekdayName(change.day.weekday)
    await save(ctx, change.day.weekday, change.cadre.name)
    await ctx.reply(T.roster.weekly(weekday, change.cadre.name))
    if (change.cadre.name !== ctx.actor.name) {
      await ping(ctx, ctx.village, change.cadre.name, T.roster.weeklyPing(ctx.village.name, weekday, ctx.actor.name))
    }
  },
})

async function swapDay(ctx: CommandCtx, at: number, name: string): Promise<void> {
  const tz = ctx.app.config.timezone
  if (localDateKey(at, tz) < localDateKey(ctx.now, tz)) {
    await ctx.reply(T.roster.past())
    return
  }
  const before = ctx.app.world.dutyDay(ctx.village, at)
  const weekday = T.weekdayName(before.weekday)
  const date = dateLabel(ctx, at)
  await save(ctx, before.date, name)
  await ctx.reply(T.roster.swapped(date, weekday, name, before.name))
  if (name !== ctx.actor.name) await ping(ctx, ctx.village, name, T.roster.swapPing(ctx.village.name, date, weekday, ctx.actor.name))
  if (before.name !== name && before.name !== ctx.actor.name) {
    await ping(ctx, ctx.village, before.name, T.roster.swapOffPing(ctx.village.name, date, weekday, name))
  }
}

export const swap = defineCommand({
  name: 'swap-duty',
  aliases: ['换班', '调班'],
  level: 'cadre',
  args: 'text',
  usage: '换班 日期 干部姓名，例如：换班 明天 王书记',
  description: '临时换一天的值班人',
  async run(ctx, { text }) {
    const change = await readChange(ctx, text, T.roster.swapUsage())
    if (!change) return
    const at = change.day.kind === 'date' ? change.day.at : nextWeekday(ctx.now, change.day.weekday, ctx.app.config.timezone)
    await swapDay(ctx, at, change.cadre.name)
  },
})

export const week = defineCommand({
  name: 'week-duty',
  aliases: ['本周值班', '值班表'],
  level: 'villager',
  // `any`: a cadre of two villages writes `本周值班 南社村`.
  args: 'any',
  usage: '本周值班',
  description: '查看本周每天谁值班',
  async run(ctx) {
    const days = ctx.app.world.week(ctx.village, ctx.now)
    const today = localDateKey(ctx.now, ctx.app.config.timezone)
    const short = (d: string): string => d.slice(5)
    const lines = [T.roster.weekHeader(ctx.village.name, short(days[0]!.date), short(days[6]!.date))]
    for (const d of days) {
      const note = d.changed === 'date' ? T.roster.noteSwap(d.usual) : d.changed === 'weekday' ? T.roster.noteWeekly() : ''
      lines.push(T.roster.weekLine(T.weekdayName(d.weekday), short(d.date), d.name, note, d.date === today))
    }
    await ctx.reply(lines.join('\n'))
  },
})
