// Who may read a private ticket's details: only in a private chat, and only its handler, the
// village's mediators and its secretary. Everyone else sees the number and category. Some answers
// go privately wherever the command was typed.
import type { TicketRow } from '../db/schema.js'
import type { CommandCtx } from './router.js'

export function canSeeDetails(ctx: CommandCtx, t: TicketRow): boolean {
  if (!t.private) return true
  if (ctx.place) return false
  const c = ctx.cadre
  if (!c) return false
  return t.assignee === c.name || c.roles.includes('mediator') || c.roles.includes('secretary')
}

/**
 * Answers the person who gave a command; typed in a villagers' room, the answer still goes
 * privately (a mediation's progress, an announcement's preview are not for the room).
 */
export async function answerPrivately(ctx: CommandCtx, text: string): Promise<void> {
  if (ctx.place && ctx.place.room.role !== 'committee') await ctx.out.toPerson(ctx.person.id, text, { kind: 'reply' })
  else await ctx.reply(text)
}
