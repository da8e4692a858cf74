// 延期: the handler asks for more time with a reason; a secretary or director decides with
// 同意延期 / 驳回延期. An admin's own request is granted at once. The deadline moves by what is granted.
import { defineCommand, type CommandCtx } from '../src/router.js'
import { T } from '../src/templates.js'
import { denyExtension, grantExtension, requestExtension } from '../src/domain/tickets.js'
import { applyOutcome, brief, resolveDue } from '../src/workflow.js'
import { ping } from '../src/notify.js'
import { DAY, parseDuration } from '../src/time.js'
import type { TicketRow } from '../db/schema.js'

const MAX_EXTENSION = 90 * DAY

export const extend = defineCommand({
  name: 'extend',
  aliases: ['延期', '申请延期'],
  level: 'cadre',
  args: 'ticket text',
  usage: '延期 编号 时长 原因，例如：延期 1 3天 等材料',
  description: '申请延长办理时限，书记、主任审批',
  async run(ctx, { ticket, text }) {
    const [first = '', ...rest] = text.split(/\s+/)
    const ms = parseDuration(first)
    const reason = rest.join(' ').trim()
    if (ms === null || ms <= 0) {
      await ctx.reply(T.clock.badDuration(first))
      return
    }
    if (!reason) {
      await ctx.reply(T.cmd.hint(T.clock.extendUsage()))
      return
    }
    if (ms > MAX_EXTENSION) {
      await ctx.reply(T.clock.tooLong())
      return
    }
    const d = T.duration(ms)
    const asked = requestExtension(ticket, ctx.actor, ctx.now, ms, `${d}：${reason}`)
    if (!asked.ok) {
      await ctx.reply(T.cmd.wrongStatus(ticket.no, T.statusName(ticket.status, ticket.kind), '延期'))
      return
    }
    let t = await applyOutcome(ctx, ticket, asked, ctx.actor)
    if (ctx.level === 'admin') {
      const granted = grantExtension(t, ctx.now, null)
      if (granted.ok) t = await applyOutcome(ctx, t, granted, ctx.actor)
      await ctx.reply(T.clock.selfGranted(ticket.no, d, resolveDue(ctx, ctx.village, t)))
      return
    }
    const approvers = ctx.app.world.escalationTargets(ctx.village, ctx.actor.name)
    for (const c of approvers) {
      await ping(ctx, ctx.village, c.name, T.clock.requestPing(brief(t, ctx.village), ctx.actor.name, d, reason), { ticketId: t.id, urgent: t.urgent === 1 })
    }
    await ctx.reply(T.clock.requested(ticket.no, d, approvers.map(c => c.name)))
  },
})

/** 同意延期 / 驳回延期: the decision, the answer to the secretary, the word to whoever asked. */
function decision(o: {
  name: string
  aliases: string[]
  usage: string
  description: string
  decide: typeof grantExtension
  /** The answer to the secretary and the ping to the requester. */
  words: (ctx: CommandCtx, t: TicketRow, asked: string, note: string) => { reply: string; ping: string }
}) {
  return defineCommand({
    name: o.name,
    aliases: o.aliases,
    level: 'admin',
    args: 'ticket text?',
    usage: o.usage,
    description: o.description,
    async run(ctx, { ticket, text }) {
      const requester = ticket.extension_request_by
      const asked = T.duration(ticket.extension_request_ms ?? 0)
      const outcome = o.decide(ticket, ctx.now, text || null)
      if (!outcome.ok) {
        await ctx.reply(T.clock.noRequest(ticket.no))
        return
      }
      const t = await applyOutcome(ctx, ticket, outcome, ctx.actor)
      const words = o.words(ctx, t, asked, text)
      await ctx.reply(words.reply)
      if (requester && requester !== ctx.actor.name) await ping(ctx, ctx.village, requester, words.ping, { ticketId: t.id })
    },
  })
}

export const approveExtension = decision({
  name: 'approve-extension',
  aliases: ['同意延期', '批准延期'],
  usage: '同意延期 编号，例如：同意延期 1',
  description: '批准延期申请',
  decide: grantExtension,
  words(ctx, t, asked) {
    const due = resolveDue(ctx, ctx.village, t)
    return { reply: T.clock.granted(t.no, asked, due), ping: T.clock.grantedPing(ctx.village.name, t.no, asked, due, ctx.actor.name) }
  },
})

export const denyExtensionCmd = decision({
  name: 'deny-extension',
  aliases: ['驳回延期', '不同意延期'],
  usage: '驳回延期 编号 理由，例如：驳回延期 1 这点活两天够了',
  description: '驳回延期申请，按原时限办理',
  decide: denyExtension,
  words: (ctx, t, _asked, note) => ({ reply: T.clock.denied(t.no), ping: T.clock.deniedPing(ctx.village.name, t.no, ctx.actor.name, note) }),
})
