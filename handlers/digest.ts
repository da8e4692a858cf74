// 日报: each village's committee room gets yesterday's numbers at the village's digest time.
import { defineJob } from '../src/router.js'
import { T } from '../src/templates.js'
import { dailyDigest } from '../src/domain/digest.js'
import { addLocalDays, DAY, localDateKey, localParts, parseHHMM, startOfLocalDay } from '../src/time.js'
import { claimJob } from '../db/jobs.js'
import { listTicketsByStatus, listTicketsInRange, listVillageEventsInRange } from '../db/tickets.js'
import { PRIORITY } from '../src/outbound.js'
import { OPEN_STATUSES } from '../src/domain/status.js'
import type { JobCtx } from '../src/context.js'
import type { Village } from '../src/world.js'

const WINDOW_DAYS = 30
/** A digest missed while the bot was down still goes out if the bot is back within this long. */
const CATCH_UP_MINUTES = 240
const MAX_OPEN_LINES = 8

export default defineJob({
  name: 'digest',
  async run(ctx) {
    const tz = ctx.app.config.timezone
    const p = localParts(ctx.now, tz)
    const minuteOfDay = p.hour * 60 + p.minute
    for (const village of ctx.app.world.villages) {
      const at = parseHHMM(village.cfg.digest) ?? 480
      if (minuteOfDay < at || minuteOfDay >= at + CATCH_UP_MINUTES) continue
      const rooms = ctx.app.world.committeeRooms(village)
      if (rooms.length === 0) continue
      if (!(await claimJob(ctx.db, `digest:${village.id}:${localDateKey(ctx.now, tz)}`, ctx.now))) continue
      const text = await composeDaily(ctx, village)
      if (!text) continue
      for (const room of rooms) await ctx.out.toRoom(room.id, text, { kind: 'digest', priority: PRIORITY.bulk })
    }
  },
})

/** The daily digest text for a village, or null before the village has any ticket at all. */
export async function composeDaily(ctx: JobCtx, village: Village): Promise<string | null> {
  const tz = ctx.app.config.timezone
  const today = startOfLocalDay(ctx.now, tz)
  const yesterday = addLocalDays(today, -1, tz)
  const windowStart = ctx.now - WINDOW_DAYS * DAY
  const recent = await listTicketsInRange(ctx.db, village.id, windowStart, ctx.now + 1)
  const active = await listTicketsByStatus(ctx.db, village.id, OPEN_STATUSES)
  const byId = new Map([...recent, ...active].map(t => [t.id, t]))
  if (byId.size === 0) return null
  const yEvents = await listVillageEventsInRange(ctx.db, village.id, yesterday, today)
  const wEvents = await listVillageEventsInRange(ctx.db, village.id, windowStart, ctx.now + 1)
  const d = dailyDigest([...byId.values()], yEvents, wEvents, windowStart)

  const lines = [
    T.digest.title(village.name, localDateKey(yesterday, tz)),
    T.digest.yesterday(d.yesterday),
    T.digest.rates(T.percent(d.done.num, d.done.den), T.percent(d.satisfaction.num, d.satisfaction.den), WINDOW_DAYS),
    T.digest.openHeader(d.open.length + d.privateOpen),
  ]
  for (const t of d.open.slice(0, MAX_OPEN_LINES)) {
    lines.push(T.digest.openLine(t.no, t.category, T.statusName(t.status), t.assignee ?? '', T.duration(ctx.now - t.created_at)))
  }
  if (d.open.length > MAX_OPEN_LINES) lines.push(T.digest.more(d.open.length - MAX_OPEN_LINES))
  if (d.privateOpen > 0) lines.push(T.digest.disputes(d.privateOpen))
  return lines.join('\n')
}
