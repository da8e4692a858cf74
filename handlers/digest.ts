// 日报/周报/月报: at each village's (and township's) digest time its committee rooms get yesterday's
// digest; on Mondays also last week's, with the chart as an image; on the 1st also last month's.
// Each edition is claimed once per scope and day, so restarts never send one twice.
import { defineJob } from '../src/router.js'
import { composeDigest, townshipScope, villageScope, writeWeekChart, type Edition, type Scope } from '../src/digest.js'
import { localDateKey, localParts, parseHHMM } from '../src/time.js'
import { PRIORITY } from '../src/outbound.js'
import { T } from '../src/templates.js'
import type { JobCtx } from '../src/context.js'
import type { RoomRow } from '../db/schema.js'

/** A digest missed while the bot was down still goes out if the bot is back within this long. */
const CATCH_UP_MINUTES = 240
/**
 * Scopes composed in one minute's run. The job runs in one transaction on the bot's only thread;
 * a county's Monday (100 villages, charts) is spread over a few minutes instead of blocking for
 * many seconds. Sending 1 message a second takes longer than that anyway.
 */
export const MAX_SCOPES_PER_TICK = 10

export default defineJob({
  name: 'digest',
  async run(ctx) {
    const world = ctx.app.world
    const due = [
      ...world.villages.map(v => [villageScope(v), `${v.id}`, v.cfg.digest, world.committeeRooms(v)] as const),
      ...world.townships.map(t => [townshipScope(t), `t:${t.name}`, t.cfg.digest, t.rooms] as const),
    ]
    let budget = MAX_SCOPES_PER_TICK
    for (const [scope, key, time, rooms] of due) {
      if (budget <= 0) break
      if (await sendDue(ctx, scope, key, time, rooms)) budget--
    }
  },
})

/** Sends what is due for one scope; true when it claimed (and so composed) anything. */
async function sendDue(ctx: JobCtx, scope: Scope, key: string, time: string, rooms: RoomRow[]): Promise<boolean> {
  const tz = ctx.app.config.timezone
  const p = localParts(ctx.now, tz)
  const at = parseHHMM(time) ?? 480
  const minute = p.hour * 60 + p.minute
  if (rooms.length === 0 || minute < at || minute >= at + CATCH_UP_MINUTES) return false
  let worked = false
  const date = localDateKey(ctx.now, tz)
  const editions: Edition[] = ['daily']
  if (p.weekday === 'mon') editions.push('weekly')
  if (p.day === 1) editions.push('monthly')
  for (const edition of editions) {
    // The daily key predates weekly/monthly digests; keep it so an upgrade does not resend today's.
    const claim = edition === 'daily' ? `digest:${key}:${date}` : `digest-${edition}:${key}:${date}`
    if (!(await ctx.claim(claim))) continue
    worked = true
    const text = await composeDigest(ctx, scope, edition)
    if (!text) continue
    const chart = edition === 'weekly' ? await writeWeekChart(ctx, scope) : null
    for (const room of rooms) {
      await ctx.out.toRoom(room.id, text, { kind: 'digest', priority: PRIORITY.bulk })
      if (chart) await ctx.out.toRoom(room.id, T.digest.chartCaption(scope.name), { kind: 'digest', priority: PRIORITY.bulk, filePath: chart })
    }
  }
  return worked
}
