// 有事好商量: the mediation path of a dispute. 受理 (the accept command) starts it; 约谈 sets a
// meeting and invites the parties privately; 调解成功 / 调解终止 end it and tell the party
// privately; 回访 archives it. Nothing of a dispute goes to a public room: the room only ever heard
// "已由调解员私下联系".
import { defineCommand, type CommandCtx } from '../src/router.js'
import { T } from '../src/templates.js'
import { agree, followUp, meeting, terminate, type Outcome } from '../src/domain/tickets.js'
import { applyOutcome, brief } from '../src/workflow.js'
import { ping } from '../src/notify.js'
import { answerPrivately } from '../src/visibility.js'
import type { TicketRow } from '../db/schema.js'
import { findPersonByName } from '../db/people.js'

/** Mediation is the 调委会's work: mediators, plus the secretary and director. */
const MEDIATORS = ['mediator' as const]

async function refused(ctx: CommandCtx, t: TicketRow, outcome: Extract<Outcome, { ok: false }>, action: string): Promise<void> {
  await answerPrivately(ctx, outcome.reason === 'not_dispute' ? T.mediation.notDispute(t.no) : T.cmd.wrongStatus(t.no, T.statusName(t.status, t.kind), action))
}

export const meet = defineCommand({
  name: 'meeting',
  aliases: ['约谈', '约见'],
  level: 'cadre',
  roles: MEDIATORS,
  args: 'ticket text',
  usage: '约谈 编号 时间 地点，例如：约谈 3 周六上午 村委会（可加 @对方姓名 一并通知）',
  description: '约当事人面谈，私信通知当事人',
  async run(ctx, { ticket, text }) {
    const outcome = meeting(ticket, ctx.actor, ctx.now, text)
    if (!outcome.ok) return refused(ctx, ticket, outcome, '约谈')
    await applyOutcome(ctx, ticket, outcome, ctx.actor)
    // The reporter, and anyone the mediator names with @, hear it privately.
    const named = [...text.matchAll(/[@＠]([^\s@＠]+)/g)].map(m => m[1]!)
    const when = text.replace(/[@＠][^\s@＠]+/g, '').trim()
    const invite = T.mediation.invite(ctx.village.name, ticket.no, ctx.actor.name, when)
    const invited: string[] = []
    if (ticket.reporter_id !== null) {
      await ctx.out.toPerson(ticket.reporter_id, invite, { kind: 'notice', ticketId: ticket.id })
      invited.push(ticket.reporter_name)
    }
    // Only people the bot has met can be messaged; the others need a phone call.
    const unknown: string[] = []
    for (const name of named) {
      if (invited.includes(name)) continue
      const person = await findPersonByName(ctx.db, name)
      if (!person) {
        unknown.push(name)
        continue
      }
      await ctx.out.toPerson(person.id, invite, { kind: 'notice', ticketId: ticket.id })
      invited.push(name)
    }
    await answerPrivately(ctx, T.mediation.meetingSet(ticket.no, invited) + (unknown.length ? T.mediation.callThem(unknown) : ''))
    if (ticket.status === 'open' && ticket.room_id !== null) {
      await ctx.out.toRoom(ticket.room_id, T.mediation.roomContacted(ticket.no), { kind: 'notice', ticketId: ticket.id })
    }
  },
})

/** 调解成功 and 调解终止 differ only in words: each ends the mediation and tells the party privately. */
function ending(o: {
  name: string
  aliases: string[]
  usage: string
  description: string
  action: string
  end: typeof agree
  toParty: (village: string, no: number, text: string, by: string) => string
  done: (no: number) => string
  /** How the village's handler hears it when a partner unit ended the mediation. */
  label: string
}) {
  return defineCommand({
    name: o.name,
    aliases: o.aliases,
    level: 'cadre',
    roles: MEDIATORS,
    // A dispute whistled to a unit (镇司法所) is mediated there; the unit records the outcome.
    partner: true,
    args: 'ticket text',
    usage: o.usage,
    description: o.description,
    async run(ctx, { ticket, text }) {
      const outcome = o.end(ticket, ctx.actor, ctx.now, text)
      if (!outcome.ok) return refused(ctx, ticket, outcome, o.action)
      await applyOutcome(ctx, ticket, outcome, ctx.actor)
      if (ticket.reporter_id !== null) {
        await ctx.out.toPerson(ticket.reporter_id, o.toParty(ctx.village.name, ticket.no, text, ctx.actor.name), { kind: 'notice', ticketId: ticket.id })
      }
      await answerPrivately(ctx, o.done(ticket.no))
      if (ctx.partner && ticket.assignee) {
        await ping(ctx, ctx.village, ticket.assignee, T.partner.mediated(brief(ticket, ctx.village), ctx.partner.name, o.label, text), { ticketId: ticket.id })
      }
    },
  })
}

export const agreed = ending({
  name: 'agreed',
  aliases: ['调解成功', '达成协议'],
  usage: '调解成功 编号 协议内容，例如：调解成功 3 双方同意赔偿800元',
  description: '记录调解协议，私信告知当事人',
  action: '记录调解成功',
  end: agree,
  toParty: T.mediation.agreedToParty,
  done: T.mediation.agreed,
  label: '调解成功',
})

export const ended = ending({
  name: 'terminated',
  aliases: ['调解终止', '调解不成'],
  usage: '调解终止 编号 原因，例如：调解终止 3 对方拒绝调解',
  description: '调解不成，私信告知当事人其他途径',
  action: '终止调解',
  end: terminate,
  toParty: T.mediation.terminatedToParty,
  done: T.mediation.terminated,
  label: '调解终止',
})

export const visited = defineCommand({
  name: 'follow-up',
  aliases: ['回访'],
  level: 'cadre',
  roles: MEDIATORS,
  args: 'ticket text',
  usage: '回访 编号 情况，例如：回访 3 已履行',
  description: '调解后回访，归档',
  async run(ctx, { ticket, text }) {
    const outcome = followUp(ticket, ctx.actor, ctx.now, text)
    if (!outcome.ok) return refused(ctx, ticket, outcome, '回访')
    await applyOutcome(ctx, ticket, outcome, ctx.actor)
    await answerPrivately(ctx, T.mediation.archived(ticket.no))
  },
})
