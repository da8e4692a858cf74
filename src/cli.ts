// `npx shuoshi <command>`: the tools around the bot. Each command is one small function here.
import { parseArgs } from 'node:util'
import { ConfigError, defaultConfigPath, loadConfig } from './config.js'
import { exportLedger, ExportError } from './export.js'
import { ScenarioError, simulate } from './simulate.js'
import { classifyLines, evaluateFiles, findEvalFile } from './intent-tools.js'
import { T } from './templates.js'
import { loadEnvFile } from './env.js'
import { runDoctor } from './doctor.js'
import { BackupError, backupDatabase } from '../db/backup.js'
import { defaultDatabaseUrl, displayUrl } from '../db/connection.js'
import { copyDatabase, CopyError } from '../db/copy.js'

const exportOptions = {
  from: { type: 'string' }, to: { type: 'string' }, village: { type: 'string', multiple: true },
  out: { type: 'string', default: '台账.xlsx' }, csv: { type: 'string' }, db: { type: 'string' }, config: { type: 'string' },
} as const

interface CliCommand {
  /** One line for `shuoshi help`, in Chinese. */
  usage: string
  run(args: string[]): Promise<number>
}

export const cliCommands: Record<string, CliCommand> = {
  export: { usage: T.cli.exportUsage(), async run(args) {
    let parsed
    try {
      parsed = parseArgs({ args, options: exportOptions })
    } catch (e) {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${usage()}\n`)
      return 2
    }
    const { values } = parsed
    if (!values.from || !values.to) {
      process.stderr.write(usage() + '\n')
      return 2
    }
    const config = loadConfig(values.config ?? defaultConfigPath())
    const lines = await exportLedger({
      config, from: values.from, to: values.to, villages: values.village ?? [], out: values.out,
      ...(values.csv ? { csv: values.csv } : {}), ...(values.db ? { db: values.db } : {}),
    })
    for (const l of lines) process.stdout.write(l + '\n')
    return 0
  } },
  simulate: { usage: T.cli.simulateUsage(), async run(args) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { format: { type: 'string', default: 'json' }, db: { type: 'string' }, log: { type: 'string' } },
    })
    const file = positionals[0]
    if (!file) {
      process.stderr.write(usage() + '\n')
      return 2
    }
    const format = values.format === 'chat' ? 'chat' : 'json'
    await simulate(file, { format, ...(values.db ? { db: values.db } : {}), ...(values.log ? { logLevel: values.log as 'debug' } : {}) })
    return 0
  } },
  backup: { usage: T.cli.backupUsage(), async run(args) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true, options: { db: { type: 'string' }, force: { type: 'boolean', default: false } },
    })
    const file = positionals[0]
    if (!file) {
      process.stderr.write(usage() + '\n')
      return 2
    }
    try {
      const r = await backupDatabase(values.db ?? defaultDatabaseUrl(), file, { force: values.force, messages: T.backup })
      process.stdout.write(T.backup.done(r.file, Math.round(r.bytes / 1024), r.tickets) + '\n')
      return 0
    } catch (e) {
      if (!(e instanceof BackupError)) throw e
      process.stderr.write(e.message + '\n')
      return 1
    }
  } },
  'migrate-db': { usage: T.cli.migrateDbUsage(), async run(args) {
    const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } })
    if (!values.from || !values.to) {
      process.stderr.write(usage() + '\n')
      return 2
    }
    const M = T.migrateDb
    const to = displayUrl(values.to)
    process.stdout.write(M.start(values.from, to) + '\n')
    try {
      const copied = await copyDatabase(values.from, values.to, { ...M, notEmpty: (_: string, t: string[]) => M.notEmpty(to, t), notPostgres: () => M.notPostgres(to) },
        t => process.stdout.write(M.table(t.table, t.rows) + '\n'))
      process.stdout.write(M.done(copied.length, copied.reduce((n, t) => n + t.rows, 0)) + '\n')
      return 0
    } catch (e) {
      process.stderr.write((e instanceof CopyError ? e.message : M.failed(e instanceof Error ? e.message : String(e))) + '\n')
      return 1
    }
  } },
  doctor: { usage: T.cli.doctorUsage(), async run(args) {
    const { values } = parseArgs({ args, options: { config: { type: 'string' }, db: { type: 'string' } } })
    const report = await runDoctor({ configPath: values.config ?? defaultConfigPath(), dbUrl: values.db ?? defaultDatabaseUrl(), now: Date.now() })
    process.stdout.write(report.lines.join('\n') + '\n')
    return report.problems > 0 ? 1 : 0
  } },
  classify: { usage: T.cli.classifyUsage(), async run(args) {
    const { values } = parseArgs({ args, options: { explain: { type: 'boolean', default: false } } })
    await classifyLines(process.stdin, process.stdout, { explain: values.explain })
    return 0
  } },
  eval: { usage: T.cli.evalUsage(), async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { errors: { type: 'boolean', default: false } } })
    const files = positionals.length > 0 ? positionals : [findEvalFile()].filter((f): f is string => f !== undefined)
    if (files.length === 0) {
      process.stderr.write(T.cli.evalNotFound() + '\n')
      return 1
    }
    evaluateFiles(files, line => process.stdout.write(line + '\n'), { errors: values.errors })
    return 0
  } },
}

function usage(): string {
  return [T.cli.usageHeader(), ...Object.entries(cliCommands).map(([, c]) => `  ${c.usage}`)].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  loadEnvFile()
  const [name, ...args] = argv
  const cmd = name ? cliCommands[name] : undefined
  if (!cmd) {
    if (name && name !== 'help' && name !== '--help') process.stderr.write(T.cli.unknown(name) + '\n')
    process.stderr.write(usage() + '\n')
    return name && name !== 'help' && name !== '--help' ? 2 : 0
  }
  try {
    return await cmd.run(args)
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ScenarioError || e instanceof ExportError) {
      process.stderr.write(e.message + '\n')
      return 1
    }
    process.stderr.write(T.cli.failed(e instanceof Error ? (e.stack ?? e.message) : String(e)) + '\n')
    return 1
  }
}

const isEntry = process.argv[1] !== undefined && /src[\\/]cli\.ts$/.test(process.argv[1])
if (isEntry) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code }, err => {
    process.stderr.write(String(err) + '\n')
    process.exitCode = 1
  })
}
