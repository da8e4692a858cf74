// Messages to cadres and partner units: private pings and committee-room notices. Non-urgent ones
// respect the village's night hours (the outbox row waits until morning); urgent ones go at once.
import type { BaseCtx } from './context.js'
import { quietEnd } from './domain/quiet.js'
import { PRIORITY, type SendOptions } from './outbound.js'
import type { Village } from './world.js'

export interface NotifyOptions {
  urgent?: boolean
  ticketId?: number | null
  kind?: string
}

function options(ctx: BaseCtx, village: Village, o: NotifyOptions): SendOptions {
  const urgent = o.urgent === true
  return {
    kind: o.kind ?? 'ping',
    priority: urgent ? PRIORITY.urgent : PRIORITY.normal,
    ticketId: o.ticketId ?? null,
    notBefore: urgent ? ctx.now : quietEnd(ctx.now, village.cfg.quietHours, ctx.app.config.timezone),
  }
}

/** A private message to a cadre or a partner unit's contact, by config name. */
export async function ping(ctx: BaseCtx, village: Village, name: string, text: string, o: NotifyOptions = {}): Promise<void> {
  const alias = ctx.app.world.cadreByName(village, name)?.alias
    ?? village.cfg.partners.find(p => p.contact === name)?.alias
  await ctx.out.toName(name, alias, text, options(ctx, village, o))
}

/** A notice to the village's committee rooms; returns how many rooms there are. */
export async function toCommittee(ctx: BaseCtx, village: Village, text: string, o: NotifyOptions & { except?: number | null } = {}): Promise<number> {
  const rooms = ctx.app.world.committeeRooms(village).filter(r => r.id !== o.except)
  for (const room of rooms) await ctx.out.toRoom(room.id, text, options(ctx, village, { kind: 'notice', ...o }))
  return rooms.length
}
