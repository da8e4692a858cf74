// 日报/周报/月报: at each village's (and township's) digest time its committee rooms get yesterday's
// digest; on Mondays also last week's, with the chart as an image; on the 1st also last month's.
// Each edition is claimed once per scope and day, so restarts never send one twice.
import { defineJob } from '../src/router.js'
import { composeDigest, townshipScope, villageScope, writeWeekChart, type Edition, type Scope } from '../src/digest.js'
import { localDateKey, localParts, parseHHMM } from '../src/time.js'
import { claimJob } from '../db/jobs.js'
import { PRIORITY } from '../src/outbound.js'
import { T } from '../src/templates.js'
import type { JobCtx } from '../src/context.js'
import type { RoomRow } from '../db/schema.js'

/** A digest missed while the bot was down still goes out if the bot is back within this long. */
const CATCH_UP_MINUTES = 240

export default defineJob({
  name: 'digest',
  async run(ctx) {
    const world = ctx.app.world
    for (const village of world.villages) {
      await sendDue(ctx, villageScope(village), `${village.id}`, village.cfg.digest, world.committeeRooms(village))
    }
    for (const township of world.townships) {
      await sendDue(ctx, townshipScope(township), `t:${township.name}`, township.cfg.digest, township.rooms)
    }
  },
})

async function sendDue(ctx: JobCtx, scope: Scope, key: string, time: string, rooms: RoomRow[]): Promise<void> {
  const tz = ctx.app.config.timezone
  const p = localParts(ctx.now, tz)
  const at = parseHHMM(time) ?? 480
  const minute = p.hour * 60 + p.minute
  if (rooms.length === 0 || minute < at || minute >= at + CATCH_UP_MINUTES) return
  const date = localDateKey(ctx.now, tz)
  const editions: Edition[] = ['daily']
  if (p.weekday === 'mon') editions.push('weekly')
  if (p.day === 1) editions.push('monthly')
  for (const edition of editions) {
    // The daily key predates weekly/monthly digests; keep it so an upgrade does not resend today's.
    const claim = edition === 'daily' ? `digest:${key}:${date}` : `digest-${edition}:${key}:${date}`
    if (!(await claimJob(ctx.db, claim, ctx.now))) continue
    const text = await composeDigest(ctx, scope, edition)
    if (!text) continue
    const chart = edition === 'weekly' ? await writeWeekChart(ctx, scope) : null
    for (const room of rooms) {
      await ctx.out.toRoom(room.id, text, { kind: 'digest', priority: PRIORITY.bulk })
      if (chart) await ctx.out.toRoom(room.id, T.digest.chartCaption(scope.name), { kind: 'digest', priority: PRIORITY.bulk, filePath: chart })
    }
  }
}
