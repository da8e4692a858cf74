// shuoshi.yaml: read, validate, and explain mistakes in Chinese with the file, the key and the
// allowed values, so a deployer fixes the file instead of reading a stack trace.
import fs from 'node:fs'
import path from 'node:path'
import YAML from 'yaml'
import { z } from 'zod'
import { isValidTimeZone, parseHHMM, WEEKDAYS } from './time.js'
import { T } from './templates.js'
import { CATEGORIES } from './domain/intent/index.js'

export const CADRE_ROLES = ['secretary', 'director', 'cadre', 'mediator', 'grid'] as const
export const ROOM_ROLES = ['public', 'grid', 'committee'] as const

const hhmm = z.string().refine(s => parseHHMM(s) !== null, { message: T.config.badHHMM() })

const Cadre = z.strictObject({
  name: z.string().trim().min(1),
  /** The 备注 the bot account gave this person, if it differs from their WeChat name. */
  alias: z.string().trim().min(1).optional(),
  roles: z.array(z.enum(CADRE_ROLES)).min(1),
})

const Room = z.strictObject({
  topic: z.string().trim().min(1),
  role: z.enum(ROOM_ROLES),
  /** The 网格 this room serves, for the per-grid tables of the weekly and monthly digests (default: the room's topic). */
  grid: z.string().trim().min(1).optional(),
})

/** A township (乡镇) groups villages; its own committee room gets one digest covering them all, ranked. */
const Township = z.strictObject({
  name: z.string().trim().min(1),
  villages: z.array(z.string().trim().min(1)).min(1),
  rooms: z.array(z.strictObject({ topic: z.string().trim().min(1) })).min(1),
  digest: hhmm.default('08:00'),
})

/** Time limits (时限). Accept: from the report (or transfer); resolve: from the report (or 不满意). */
const Sla = z.strictObject({
  acceptMinutes: z.number().int().min(1).max(7 * 24 * 60).default(30),
  urgentAcceptMinutes: z.number().int().min(1).max(7 * 24 * 60).default(10),
  resolveDays: z.number().min(0.1).max(365).default(5),
  urgentResolveHours: z.number().min(1).max(24 * 365).default(24),
  /** Disputes follow the mediation path and get their own limit. */
  mediationDays: z.number().min(1).max(365).default(30),
})

/** Night hours: non-urgent pings to cadres wait until `to`; `from` equal to `to` turns this off. */
const QuietHours = z.strictObject({
  from: hhmm.default('22:00'),
  to: hhmm.default('07:00'),
})

/** 包联单位: an outside unit that takes whistled (吹哨) tickets; its contact acts on those only. */
const Partner = z.strictObject({
  name: z.string().trim().min(1),
  /** The contact person's WeChat name; the bot's friend, like every cadre. */
  contact: z.string().trim().min(1),
  /** The 备注 the bot account gave the contact; when set, only the 备注 identifies them. */
  alias: z.string().trim().min(1).optional(),
  /** Categories this unit takes (suggested when a cadre writes 吹哨 without a unit). */
  categories: z.array(z.enum(CATEGORIES)).default([]),
})

const Duty = z.strictObject(Object.fromEntries(WEEKDAYS.map(d => [d, z.string().trim().min(1)])) as Record<typeof WEEKDAYS[number], z.ZodString>)

const Village = z.strictObject({
  name: z.string().trim().min(1),
  rooms: z.array(Room).min(1),
  cadres: z.array(Cadre).min(1),
  duty: Duty,
  digest: hhmm.default('08:00'),
  /** Days the reporter has to answer 满意/不满意 before the ticket closes as 默认满意. */
  feedbackDays: z.number().int().min(1).max(30).default(3),
  sla: Sla.default(Sla.parse({})),
  quietHours: QuietHours.default(QuietHours.parse({})),
  partners: z.array(Partner).default([]),
})

const Sending = z.strictObject({
  /** Minimum gap between two sends from this account; web WeChat bans fast senders. */
  intervalMs: z.number().int().min(0).max(60_000).default(1000),
  /** Random extra gap added to each send so the rhythm does not look machine-made. */
  jitterMs: z.number().int().min(0).max(60_000).default(500),
  /** Sends per local day before the bot holds non-urgent messages until tomorrow. */
  dailyCap: z.number().int().min(1).max(100_000).default(1500),
  maxAttempts: z.number().int().min(1).max(50).default(6),
  /**
   * Several processes serving one account share its outbox: each holds the rows it is about to
   * send this long. A process that dies leaves its rows to the others once this runs out.
   */
  claimSeconds: z.number().int().min(1).max(3600).default(120),
})

const Recovery = z.strictObject({
  /**
   * Offline (logged out, disconnected, not running) at least this long: when back, admins are told
   * privately and public rooms are asked to send their reports again. Shorter gaps are only logged.
   */
  announceAfterMinutes: z.number().int().min(0).max(525_600).default(5),
})

export const ConfigSchema = z.strictObject({
  timezone: z.string().refine(isValidTimeZone, { message: T.config.badTimezone() }).default('Asia/Shanghai'),
  bot: z.strictObject({
    name: z.string().trim().min(1),
    account: z.string().trim().min(1).default('default'),
  }),
  sending: Sending.default(Sending.parse({})),
  recovery: Recovery.default(Recovery.parse({})),
  villages: z.array(Village).min(1),
  townships: z.array(Township).default([]),
}).superRefine((cfg, ctx) => {
  const villageNames = new Set<string>()
  const topics = new Map<string, string>()
  cfg.villages.forEach((v, vi) => {
    if (villageNames.has(v.name)) ctx.addIssue({ code: 'custom', path: ['villages', vi, 'name'], message: T.config.duplicate(v.name) })
    villageNames.add(v.name)
    v.rooms.forEach((r, ri) => {
      if (topics.has(r.topic)) ctx.addIssue({ code: 'custom', path: ['villages', vi, 'rooms', ri, 'topic'], message: T.config.duplicate(r.topic) })
      topics.set(r.topic, v.name)
    })
    if (!v.rooms.some(r => r.role !== 'committee')) {
      ctx.addIssue({ code: 'custom', path: ['villages', vi, 'rooms'], message: T.config.needPublicRoom() })
    }
    const names = v.cadres.map(c => c.name)
    const seen = new Set<string>()
    v.cadres.forEach((c, ci) => {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: ['villages', vi, 'cadres', ci, 'name'], message: T.config.duplicate(c.name) })
      seen.add(c.name)
    })
    const units = new Set<string>()
    v.partners.forEach((p, pi) => {
      if (units.has(p.name)) ctx.addIssue({ code: 'custom', path: ['villages', vi, 'partners', pi, 'name'], message: T.config.duplicate(p.name) })
      units.add(p.name)
    })
    for (const day of WEEKDAYS) {
      const who = v.duty[day]
      if (!names.includes(who)) {
        ctx.addIssue({ code: 'custom', path: ['villages', vi, 'duty', day], message: T.config.notACadre(who, names) })
      }
    }
  })
  const townshipNames = new Set<string>()
  cfg.townships.forEach((t, ti) => {
    if (townshipNames.has(t.name)) ctx.addIssue({ code: 'custom', path: ['townships', ti, 'name'], message: T.config.duplicate(t.name) })
    townshipNames.add(t.name)
    t.villages.forEach((name, i) => {
      if (!villageNames.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['townships', ti, 'villages', i], message: T.config.notAVillage(name, [...villageNames]) })
      }
    })
    t.rooms.forEach((r, ri) => {
      if (topics.has(r.topic)) ctx.addIssue({ code: 'custom', path: ['townships', ti, 'rooms', ri, 'topic'], message: T.config.duplicate(r.topic) })
      topics.set(r.topic, t.name)
    })
  })
})

export type Config = z.output<typeof ConfigSchema>
export type VillageConfig = Config['villages'][number]
export type CadreConfig = VillageConfig['cadres'][number]
export type CadreRole = typeof CADRE_ROLES[number]
export type PartnerConfig = VillageConfig['partners'][number]
export type SlaConfig = VillageConfig['sla']
export type QuietHoursConfig = VillageConfig['quietHours']
export type RoomRole = typeof ROOM_ROLES[number]
export type TownshipConfig = Config['townships'][number]

export class ConfigError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(T.config.header(file) + '\n' + problems.map(p => `  · ${p}`).join('\n'))
    this.name = 'ConfigError'
  }
}

export function defaultConfigPath(): string {
  return process.env['SHUOSHI_CONFIG'] || './shuoshi.yaml'
}

export function loadConfig(file = defaultConfigPath()): Config {
  const abs = path.resolve(file)
  let text: string
  try {
    text = fs.readFileSync(abs, 'utf8')
  } catch {
    throw new ConfigError(file, [T.config.missingFile(abs)])
  }
  let raw: unknown
  try {
    raw = YAML.parse(text)
  } catch (e) {
    throw new ConfigError(file, [T.config.badYaml(e instanceof Error ? e.message : String(e))])
  }
  return parseConfig(raw, file)
}

export function parseConfig(raw: unknown, file = '(内联配置)'): Config {
  const result = ConfigSchema.safeParse(raw)
  if (result.success) return result.data
  throw new ConfigError(file, describeIssues(result.error, raw, ConfigSchema as unknown as z.ZodType))
}

type Issue = z.core.$ZodIssue

/** Chinese explanations of zod issues, with the path, the bad value and what is allowed. */
export function describeIssues(error: z.ZodError, raw: unknown, schema: z.ZodType): string[] {
  return error.issues.map(issue => describeIssue(issue, raw, schema))
}

function describeIssue(issue: Issue, raw: unknown, root: z.ZodType): string {
  const where = formatPath(issue.path, raw)
  const input = (issue as { input?: unknown }).input ?? valueAt(raw, issue.path)
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return T.config.missing(where)
      return T.config.wrongType(where, typeName(issue.expected), show(input))
    case 'invalid_value':
      return T.config.notAllowed(where, show(input), issue.values.map(String))
    case 'unrecognized_keys':
      return T.config.unknownKeys(where, issue.keys, allowedKeys(root, issue.path))
    case 'too_small':
      return issue.origin === 'array' ? T.config.tooFewItems(where, Number(issue.minimum))
        : issue.origin === 'string' ? T.config.empty(where)
          : T.config.tooSmall(where, Number(issue.minimum))
    case 'too_big':
      return T.config.tooBig(where, Number(issue.maximum))
    default:
      return T.config.other(where, issue.message)
  }
}

function valueAt(raw: unknown, p: PropertyKey[]): unknown {
  let node = raw
  for (const key of p) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined
  return node
}

function formatPath(p: PropertyKey[], raw: unknown): string {
  if (p.length === 0) return T.config.root()
  let out = ''
  let node: unknown = raw
  for (const key of p) {
    if (typeof key === 'number') {
      out += `[${key}]`
      node = Array.isArray(node) ? node[key] : undefined
      // Name the village or room so the deployer need not count list items.
      const label = node && typeof node === 'object'
        ? (node as Record<string, unknown>)['name'] ?? (node as Record<string, unknown>)['topic']
        : undefined
      if (typeof label === 'string') out += `（${label}）`
    } else {
      out += (out ? '.' : '') + String(key)
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined
    }
  }
  return out
}

/** Walks the schema along a path to list the keys an object there accepts. */
function allowedKeys(root: z.ZodType, p: PropertyKey[]): string[] {
  let schema: z.ZodType = root
  for (const key of p) {
    schema = unwrap(schema)
    if (typeof key === 'number' && schema instanceof z.ZodArray) schema = schema.element as z.ZodType
    else if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(key)] ?? schema
  }
  schema = unwrap(schema)
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType
    else break
  }
  return s
}

function typeName(t: string): string {
  return T.config.typeNames[t] ?? t
}

function show(v: unknown): string {
  if (v === undefined) return typeName('undefined')
  if (v === null) return 'null'
  if (typeof v === 'string') return v
  if (Array.isArray(v)) return typeName('array')
  if (typeof v === 'object') return typeName('object')
  return String(v)
}

// --- lookups the rest of the bot needs ---------------------------------------------------------

export function findVillage(cfg: Config, name: string): VillageConfig | undefined {
  return cfg.villages.find(v => v.name === name)
}

export function cadreByName(v: VillageConfig, name: string): CadreConfig | undefined {
  return v.cadres.find(c => c.name === name || c.alias === name)
}
