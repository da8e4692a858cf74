// Who may read a private ticket's details: only in a private chat, and only its handler, the
// village's mediators and its secretary. Everyone else sees the number and category.
import type { TicketRow } from '../db/schema.js'
import type { CommandCtx } from './router.js'

export function canSeeDetails(ctx: CommandCtx, t: TicketRow): boolean {
  if (!t.private) return true
  if (ctx.place) return false
  const c = ctx.cadre
  if (!c) return false
  return t.assignee === c.name || c.roles.includes('mediator') || c.roles.includes('secretary')
}
