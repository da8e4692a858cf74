// 催办 / 督办: every minute, find the time-limit steps that are due and take each exactly once.
// Due instants come from the ticket's fields (src/domain/sla.ts); each step claims a job key
// and appends a ticket event in the same transaction, so a restart or a second process never
// repeats it and a step missed while the bot was down is taken when it comes back.
import { defineJob } from '../src/router.js'
import { T } from '../src/templates.js'
import { listEvents } from '../db/tickets.js'
import { listClockedTickets, listClockEvents } from '../db/sla.js'
import { dueSteps, resolveDeadline, SLA_EVENTS, stepOfEvent, type ScheduledStep, type SlaRules } from '../src/domain/sla.js'
import { ping, toCommittee } from '../src/notify.js'
import { brief, recordEvent, slaRules } from '../src/workflow.js'
import { shortLocal } from '../src/time.js'
import type { JobCtx } from '../src/context.js'
import type { TicketRow } from '../db/schema.js'
import type { Village } from '../src/world.js'

const SYSTEM = { name: '系统', kind: 'system' } as const
/** A 红牌 carries the latest events of the ticket's history, not all of them. */
const RED_HISTORY = 12

export default defineJob({
  name: 'sla',
  async run(ctx) {
    // Most minutes nothing is due: look at recorded steps only for tickets with a step whose time has come.
    const candidates: { t: TicketRow; village: Village; rules: SlaRules }[] = []
    // The villages this process serves; other accounts' processes take theirs.
    for (const t of await listClockedTickets(ctx.db, ctx.app.world.villages.map(v => v.id))) {
      const village = ctx.app.world.villageById(t.village_id)
      if (!village) continue
      const rules = slaRules(ctx, village)
      if (dueSteps(t, rules, ctx.now, () => false).length > 0) candidates.push({ t, village, rules })
    }
    if (candidates.length === 0) return
    const recorded = new Map<number, { step: string; at: number }[]>()
    for (const e of await listClockEvents(ctx.db, candidates.map(c => c.t.id), Object.values(SLA_EVENTS))) {
      const step = stepOfEvent(e.type)
      if (!step) continue
      const list = recorded.get(e.ticket_id) ?? []
      list.push({ step, at: e.at })
      recorded.set(e.ticket_id, list)
    }
    for (const { t, village, rules } of candidates) {
      const mine = recorded.get(t.id) ?? []
      const done = (s: ScheduledStep): boolean => mine.some(e => e.step === s.step && e.at >= s.round)
      for (const s of dueSteps(t, rules, ctx.now, done)) {
        // The claim makes the step once-only even if two processes look at the same minute.
        if (!(await ctx.claim(`sla:${t.id}:${s.step}:${s.round}`))) continue
        await takeStep(ctx, village, t, s)
      }
    }
  },
})

async function takeStep(ctx: JobCtx, village: Village, t: TicketRow, s: ScheduledStep): Promise<void> {
  const tz = ctx.app.config.timezone
  const b = brief(t, village)
  const urgent = t.urgent === 1
  const holder = t.assignee ?? ctx.app.world.duty(village, ctx.now)
  const label = T.sla.label(b, t.private === 1)
  const o = { urgent, ticketId: t.id }
  const waited = T.duration(ctx.now - t.created_at)
  const over = T.duration(ctx.now - resolveDeadline(t, slaRules(ctx, village), ctx.now))
  const unitContact = t.unit ? village.cfg.partners.find(p => p.name === t.unit)?.contact : undefined

  switch (s.step) {
    case 'accept_remind':
      await ping(ctx, village, holder, T.sla.acceptRemind(b, waited), o)
      await recordEvent(ctx, t, SYSTEM, SLA_EVENTS.accept_remind, T.sla.noteRemind(holder))
      return
    case 'accept_escalate': {
      const bosses = ctx.app.world.escalationTargets(village, holder)
      // A director may be told that a private matter is late, not what it is about.
      const shown = t.private ? { ...b, summary: T.cmd.privateSummary() } : b
      for (const c of bosses) await ping(ctx, village, c.name, T.sla.acceptEscalate(shown, holder, waited), o)
      await toCommittee(ctx, village, T.sla.acceptYellow(label, holder, waited), o)
      await recordEvent(ctx, t, SYSTEM, SLA_EVENTS.accept_escalate, T.sla.noteEscalate(bosses.map(c => c.name)))
      return
    }
    case 'resolve_remind': {
      const due = shortLocal(s.at, tz)
      await ping(ctx, village, holder, T.sla.resolveRemind(b, due, t.kind === 'dispute'), o)
      if (unitContact) await ping(ctx, village, unitContact, T.sla.resolveRemind(b, due, false), o)
      await recordEvent(ctx, t, SYSTEM, SLA_EVENTS.resolve_remind, T.sla.noteRemind([holder, ...(unitContact ? [unitContact] : [])].join('、')))
      return
    }
    case 'yellow': {
      const text = T.sla.yellow(label, holder, over)
      // Without a committee room the card goes to the secretaries.
      if (await toCommittee(ctx, village, text, o) === 0) {
        for (const c of ctx.app.world.escalationTargets(village, holder)) await ping(ctx, village, c.name, text, o)
      }
      await recordEvent(ctx, t, SYSTEM, SLA_EVENTS.yellow, T.sla.noteOver(over))
      return
    }
    case 'red': {
      const history = await historyLines(ctx, t)
      const card = T.sla.red(label, holder, over)
      const full = [card, T.sla.history(), ...history].join('\n')
      // A private matter's history goes to the secretaries only (src/visibility.ts); the committee room sees the card.
      const posted = await toCommittee(ctx, village, t.private ? `${card}\n${T.sla.redPrivateNote()}` : full, o)
      const readers = t.private ? ctx.app.world.withRole(village, 'secretary') : posted === 0 ? ctx.app.world.escalationTargets(village, holder) : []
      for (const c of readers) await ping(ctx, village, c.name, full, o)
      await recordEvent(ctx, t, SYSTEM, SLA_EVENTS.red, T.sla.noteOver(over))
    }
  }
}

async function historyLines(ctx: JobCtx, t: TicketRow): Promise<string[]> {
  const tz = ctx.app.config.timezone
  const events = await listEvents(ctx.db, t.id)
  const shown = events.slice(-RED_HISTORY)
  const lines = shown.map(e => T.sla.event(shortLocal(e.at, tz), T.eventName(e.type), e.actor, e.type === 'created' ? '' : e.note ?? ''))
  if (events.length > shown.length) lines.unshift(T.sla.moreEvents(events.length - shown.length))
  return lines
}
