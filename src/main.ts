// `npm start`: the real bot. Logs in to WeChat (QR code in the terminal on first start; the
// session is kept next to the database so a restart needs no new scan) and serves the villages.
import path from 'node:path'
import { connect, createWechaty, WechatyTransport } from './adapter/wechaty.js'
import { App, instanceName } from './app.js'
import { SystemClock } from './clock.js'
import { ConfigError, defaultConfigPath, loadConfig } from './config.js'
import { loadEnvFile } from './env.js'
import { backupSession, prepareSession } from './session.js'
import { createLogger } from './log.js'
import { dataDir } from './paths.js'
import { T } from './templates.js'
import { defaultDatabaseUrl, holdProcessLock, isPostgresUrl, openDatabase } from '../db/connection.js'

loadEnvFile()
const log = createLogger()

async function run(): Promise<void> {
  let config
  try {
    config = loadConfig(defaultConfigPath())
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(e.message + '\n')
      process.exit(1)
    }
    throw e
  }
  const dbUrl = defaultDatabaseUrl()
  const opened = await openDatabase(dbUrl)
  const clock = new SystemClock()
  // One login session per account: several accounts of a county may share a data directory.
  const account = config.bot.account
  const instance = instanceName()
  if (isPostgresUrl(dbUrl) && !(await holdProcessLock(dbUrl, `${account}/${instance}`))) {
    process.stderr.write(T.cli.instanceTaken(account, instance) + '\n')
    process.exit(1)
  }
  const sessionName = process.env['SHUOSHI_SESSION'] || path.join(dataDir(), account === 'default' ? 'shuoshi' : `shuoshi-${account}`)
  log.info(T.cli.starting(process.env['WECHATY_PUPPET'] || 'wechaty-puppet-wechat4u'))
  // A corrupt session file is set aside and the backup restored (or a QR login follows).
  prepareSession(sessionName, log)

  const bot = createWechaty({ sessionName })
  const transport = new WechatyTransport(bot, log)
  const app = new App({ config, db: opened.db, clock, transport, log })
  connect(bot, app, transport, { clock, log, printQr: true, session: sessionName })
  await app.start()
  await bot.start()

  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    log.info(T.cli.stopping())
    app.stop()
    await app.idle()
    await bot.stop().catch(() => undefined)
    backupSession(sessionName, log)
    await opened.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

// A bad message or a puppet hiccup must never take the bot down: log and carry on.
process.on('unhandledRejection', err => log.error('unhandled rejection', err))
process.on('uncaughtException', err => log.error('uncaught exception', err))

run().catch(err => {
  log.error('shuoshi failed to start', err)
  process.exit(1)
})
