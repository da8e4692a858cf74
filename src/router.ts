// Commands are declared once (name, Chinese aliases, who may use them, usage) in handlers/;
// the router finds the command, checks the role, resolves the village and the tickets, and
// hands the handler validated arguments. Wrong input gets a one-line hint, never an exception.
import type { CadreConfig, CadreRole, PartnerConfig } from './config.js'
import type { Ctx, JobCtx } from './context.js'
import type { TicketRow } from '../db/schema.js'
import { findTicketByNo } from '../db/tickets.js'
import { takeTicketRef, ticketNumbersIn, type TicketRef } from './domain/refs.js'
import { fold } from './domain/text.js'
import type { Actor } from './domain/tickets.js'
import { T } from './templates.js'
import { atLeast, levelOf, type Level, type Village } from './world.js'

/** `village text?`: an optional village name, then optional text (`台账 南社村 11月`, `周报`). */
export type ArgKind = 'none' | 'ticket' | 'ticket text' | 'ticket text?' | 'ticket cadre' | 'ticket ticket' | 'text' | 'any' | 'village text?'

export interface Args {
  ticket: TicketRow
  /** Second ticket (`重复 2 1`: the one #2 duplicates). */
  other: TicketRow
  /** Named cadre (`转派 1 张主任`). */
  cadre: CadreConfig
  /** Free text after the references (a note, a reason). */
  text: string
}

type ArgsFor<K extends ArgKind> =
  K extends 'none' ? Record<string, never>
    : K extends 'ticket' ? Pick<Args, 'ticket'>
      : K extends 'ticket text' | 'ticket text?' ? Pick<Args, 'ticket' | 'text'>
        : K extends 'ticket cadre' ? Pick<Args, 'ticket' | 'cadre' | 'text'>
          : K extends 'ticket ticket' ? Pick<Args, 'ticket' | 'other'>
            : Pick<Args, 'text'>

export interface CommandCtx extends Ctx {
  village: Village
  cadre: CadreConfig | undefined
  level: Level
  actor: Actor
  /** Set when a partner unit's contact is acting (on a ticket whistled to their unit). */
  partner?: PartnerConfig
}

export interface Command<K extends ArgKind = ArgKind> {
  name: string
  aliases: string[]
  /** Least level allowed: staff (网格员 and up), cadre, admin (书记/主任); villager for anyone. */
  level: Level
  args: K
  usage: string
  description: string
  /** Besides the level, only people with one of these roles may use it (admins always may). */
  roles?: CadreRole[]
  /** A partner unit's contact may use it, on the tickets whistled to that unit only. */
  partner?: boolean
  /** A second form open to a higher level (`值班 周三 张主任` for admins), shown in 帮助 to them only. */
  more?: { level: Level; usage: string; description: string }
  /** Commands that need no village (帮助) run for anyone anywhere. */
  global?: boolean
  run(ctx: CommandCtx, args: ArgsFor<K>): Promise<void>
}

export function defineCommand<K extends ArgKind>(c: Command<K>): Command<K> {
  return c
}

/** Whether a person with this level (and cadre entry) may use the command. */
export function mayUse(c: Pick<Command, 'level' | 'roles'>, level: Level, cadre: CadreConfig | undefined): boolean {
  if (!atLeast(level, c.level)) return false
  if (c.roles && level !== 'admin' && !cadre?.roles.some(r => c.roles!.includes(r))) return false
  return true
}

/** Reacts to messages that are not commands (reports, feedback, recalls). Returns true when it handled the message. */
export interface Listener {
  name: string
  handle(ctx: Ctx): Promise<boolean>
}

export function defineListener(l: Listener): Listener {
  return l
}

/** Runs every minute inside its own transaction; decides for itself whether anything is due. */
export interface Job {
  name: string
  run(ctx: JobCtx): Promise<void>
}

export function defineJob(j: Job): Job {
  return j
}

// ------------------------------------------------------------------------------------------------

export class Router {
  private readonly byAlias: [string, Command][]
  /** The first character of every alias: most chat lines start with none of them. */
  private readonly firstChars: Set<string>

  constructor(readonly commands: Command[]) {
    // Longest alias first so 调解成功 wins over 调解.
    this.byAlias = commands.flatMap(c => c.aliases.map(a => [fold(a), c] as [string, Command]))
      .sort((a, b) => b[0].length - a[0].length)
    this.firstChars = new Set(this.byAlias.map(([a]) => a.charAt(0)))
  }

  /** The command a text starts with, and what follows it. Aliases must end at a boundary. */
  match(body: string): { command: Command; rest: string } | undefined {
    let original = body.trim()
    if (original.startsWith('@')) original = original.replace(/^@\S+[\s\u2005]+/, '')
    // fold() maps one character to one character, so the first folded character decides.
    if (!this.firstChars.has(fold(original.charAt(0)))) return undefined
    const text = fold(original)
    for (const [alias, command] of this.byAlias) {
      if (!text.startsWith(alias)) continue
      const rest = original.slice(alias.length)
      const restFolded = text.slice(alias.length)
      // `办结了吗` is chat, `办结 1` and `办结1` are commands; no-arg commands must stand alone.
      if (command.args === 'none') {
        if (/^[\s?!。.]*$/.test(restFolded)) return { command, rest: '' }
        continue
      }
      if (restFolded === '' || /^[\s#:：,，]/.test(restFolded) || /^\d/.test(restFolded) || this.startsWithVillage(restFolded)) {
        return { command, rest: rest.replace(/^[\s:：,，\u3000]+/, '') }
      }
    }
    return undefined
  }

  private villageNames: string[] = []
  setVillageNames(names: string[]): void {
    this.villageNames = [...names].sort((a, b) => b.length - a.length)
  }

  private startsWithVillage(rest: string): boolean {
    return this.villageNames.some(v => rest.startsWith(v))
  }

  /** Runs a matched command for the speaker in ctx. Always answers something. */
  async dispatch(ctx: Ctx, command: Command, rest: string): Promise<void> {
    const world = ctx.app.world
    const who = { name: ctx.msg.sender.name, alias: ctx.msg.sender.alias }

    // Which villages can this person act in from here?
    let candidates: Village[]
    if (ctx.place) {
      candidates = [ctx.place.village]
    } else {
      candidates = world.cadreVillages(who)
    }
    const levels = candidates.map(v => levelOf(world.cadre(v, who)))
    const best = levels.reduce<Level>((a, b) => (atLeast(a, b) ? a : b), 'villager')

    if (command.global) {
      const village = candidates[0] ?? world.partnerVillages(who)[0] ?? world.villages[0]
      if (!village) return
      await command.run(this.commandCtx(ctx, village, best), {} as never)
      return
    }
    // Drop villages where this person may not use the command.
    let partnerMode = false
    const allowed = candidates.filter(v => mayUse(command, levelOf(world.cadre(v, who)), world.cadre(v, who)))
    if (allowed.length > 0) {
      candidates = allowed
    } else {
      // A partner unit's contact acts on the tickets whistled to the unit, and nothing else.
      const partnerIn = command.partner ? (ctx.place ? [ctx.place.village] : world.villages).filter(v => world.partner(v, who)) : []
      if (partnerIn.length === 0) {
        if (atLeast(best, command.level) && command.roles) await ctx.reply(T.cmd.needRole(command.roles.map(r => T.cmd.roleNames[r] ?? r)))
        else await ctx.reply(best === 'villager' && ctx.place ? T.room.refuseCommand() : T.cmd.notCadre())
        return
      }
      candidates = partnerIn
      partnerMode = true
    }

    const parsed = this.parseArgs(ctx, command, rest)
    if ('hint' in parsed) {
      await ctx.reply(parsed.hint)
      return
    }

    // Settle the village: explicit name, the quoted notice, or the only one.
    let village: Village | undefined
    const named = parsed.ref?.village ?? parsed.village ?? this.villageInQuote(ctx, candidates)
    if (named) village = candidates.find(v => v.name === named)
    else if (candidates.length === 1) village = candidates[0]
    if (!village) {
      if (candidates.length === 0) await ctx.reply(T.cmd.noVillage())
      else if (named) await ctx.reply(T.cmd.notCadre())
      else if (command.args === 'village text?') await ctx.reply(T.cmd.whichVillageFor(candidates.map(v => v.name), command.aliases[0] ?? ''))
      else await ctx.reply(T.cmd.whichVillage(candidates.map(v => v.name)))
      return
    }
    const partner = partnerMode ? world.partner(village, who) : undefined
    const cctx = this.commandCtx(ctx, village, partner ? 'villager' : levelOf(world.cadre(village, who)), partner)

    const args: Partial<Args> = { text: parsed.text }
    for (const [key, ref] of [['ticket', parsed.ref], ['other', parsed.ref2]] as const) {
      if (!ref) continue
      const t = await findTicketByNo(ctx.db, village.id, ref.no)
      if (!t || (partner && t.unit !== partner.name)) {
        await ctx.reply(t && partner ? T.partner.notYours(ref.no, partner.name) : T.cmd.notFound(ref.raw))
        return
      }
      args[key] = t
    }
    if (partner && !args.ticket) {
      await ctx.reply(T.cmd.notCadre())
      return
    }
    if (command.args === 'ticket cadre') {
      const [name = '', ...restWords] = parsed.text.split(/\s+/)
      const cadre = world.cadreByName(village, name)
      if (!cadre) {
        await ctx.reply(name ? T.cmd.unknownCadre(name, village.cfg.cadres.map(c => c.name)) : T.cmd.hint(command.usage))
        return
      }
      args.cadre = cadre
      args.text = restWords.join(' ')
    }
    await command.run(cctx, args as never)
  }

  private commandCtx(ctx: Ctx, village: Village, level: Level, partner?: PartnerConfig): CommandCtx {
    const cadre = partner ? undefined : ctx.app.world.cadre(village, { name: ctx.msg.sender.name, alias: ctx.msg.sender.alias })
    const actor: Actor = partner
      ? { name: `${partner.name}·${partner.contact}`, kind: 'partner' }
      : { name: cadre?.name ?? ctx.msg.sender.name, kind: cadre ? 'cadre' : 'villager' }
    return Object.assign(Object.create(ctx) as Ctx, ctx, { village, cadre, level, actor, ...(partner ? { partner } : {}) })
  }

  private villageInQuote(ctx: Ctx, candidates: Village[]): string | undefined {
    if (!ctx.quote) return undefined
    return candidates.find(v => ctx.quote!.text.includes(v.name))?.name
  }

  private parseArgs(ctx: Ctx, command: Command, rest: string):
    { hint: string } | { ref?: TicketRef; ref2?: TicketRef; village?: string; text: string } {
    const hint = { hint: T.cmd.hint(command.usage) }
    const villages = ctx.app.world.villages.map(v => v.name)
    if (command.args === 'none') return { text: '' }
    if (command.args === 'village text?') {
      const trimmed = rest.trim()
      const village = [...villages].sort((a, b) => b.length - a.length).find(v => fold(trimmed).startsWith(v))
      return village ? { village, text: trimmed.slice(village.length).trim() } : { text: trimmed }
    }
    if (command.args === 'text' || command.args === 'any') {
      const text = rest.trim()
      // `公告 南社村 …` names the village; a room topic (`代报 南社村说事群 …`) names it too and stays in the text.
      const room = [...ctx.app.world.villages.flatMap(v => v.rooms.map(r => ({ topic: r.topic, village: v.name })))]
        .sort((a, b) => b.topic.length - a.topic.length).find(r => text.startsWith(r.topic))
      const village = room ? undefined : villages.find(v => text.startsWith(v) && /^(?:$|[\s:：,，])/.test(text.slice(v.length)))
      const body = village ? text.slice(village.length).replace(/^[\s:：,，]+/, '') : text
      if (command.args === 'text' && !body) return hint
      return { text: body, ...(room ? { village: room.village } : village ? { village } : {}) }
    }

    // A quote of a bot notice supplies the ticket; an explicit `#n` in the reply still wins.
    let ref: TicketRef | undefined
    let text = rest
    const quoted = ctx.quote ? ticketNumbersIn(ctx.quote.text) : []
    const typed = takeTicketRef(rest, villages)
    if (quoted.length > 0 && !(typed.ref && /^\s*(\S+村\s*)?#/.test(fold(rest)))) {
      if (quoted.length > 1 && command.args !== 'ticket ticket') return { hint: T.cmd.ambiguousQuote() }
      ref = { no: quoted[0]!, raw: String(quoted[0]) }
      // `办结 1号楼井盖已换` under a quote of #1 is a note, not a number.
      text = rest
    } else if (typed.ref) {
      ref = typed.ref
      text = typed.rest
    }
    if (!ref) return hint

    if (command.args === 'ticket ticket') {
      // `重复 2 1`, or quoting #2's notice and writing `重复 1`.
      const second = takeTicketRef(text, villages)
      if (second.ref) return { ref, ref2: second.ref, text: second.rest }
      if (quoted.length === 1 && typed.ref) return { ref: { no: quoted[0]!, raw: String(quoted[0]) }, ref2: typed.ref, text: typed.rest }
      return hint
    }
    text = text.trim()
    if ((command.args === 'ticket text' || command.args === 'ticket cadre') && !text) return hint
    return { ref, text }
  }
}
