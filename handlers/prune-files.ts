// Charts and ledgers the bot made are kept two weeks (long enough for a delayed send), then
// removed once a day. Their names end in the instant they were made, so the injected clock decides.
import fs from 'node:fs'
import path from 'node:path'
import { defineJob } from '../src/router.js'
import { DAY, localDateKey } from '../src/time.js'

const KEEP_MS = 14 * DAY
export const GENERATED_DIRS = ['charts', 'exports']

export default defineJob({
  name: 'prune-files',
  async run(ctx) {
    // Each account's processes keep their own files (a county runs them on several machines).
    const account = ctx.app.config.bot.account
    const key = account === 'default' ? 'prune-files' : `prune-files:${account}`
    if (!(await ctx.claim(`${key}:${localDateKey(ctx.now, ctx.app.config.timezone)}`))) return
    for (const sub of GENERATED_DIRS) {
      const dir = path.join(ctx.app.dataDir, sub)
      if (!fs.existsSync(dir)) continue
      for (const name of fs.readdirSync(dir)) {
        const made = /-(\d{13})\.[a-z]+$/.exec(name)
        if (made && Number(made[1]) < ctx.now - KEEP_MS) {
          try {
            fs.unlinkSync(path.join(dir, name))
          } catch (err) {
            ctx.app.log.warn(`could not remove ${name}`, err)
          }
        }
      }
    }
  },
})
