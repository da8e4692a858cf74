// How long the minute job that chases deadlines takes with many open tickets. It runs every
// minute in one transaction, so it must stay far below a minute even for a whole township.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { App } from '../src/app.js'
import { VirtualClock } from '../src/clock.js'
import { parseConfig } from '../src/config.js'
import { silentLogger } from '../src/log.js'
import { openDatabase } from '../db/connection.js'
import { insertTicket } from '../db/tickets.js'
import { DAY, MINUTE } from '../src/time.js'
import type { BenchSuite } from './suites.js'

const VILLAGES = 20
const PER_VILLAGE = 250
/** Budget for one minute's run of every job with all those tickets open. */
const TARGET_MS = 250

function config(): Record<string, unknown> {
  const duty = { mon: '王书记', tue: '王书记', wed: '王书记', thu: '王书记', fri: '王书记', sat: '王书记', sun: '王书记' }
  return {
    bot: { name: '村务助手' },
    villages: Array.from({ length: VILLAGES }, (_, i) => ({
      name: `第${i + 1}村`,
      rooms: [{ topic: `第${i + 1}村说事群`, role: 'public' }, { topic: `第${i + 1}村两委群`, role: 'committee' }],
      cadres: [{ name: '王书记', roles: ['secretary'] }, { name: '张主任', roles: ['director'] }],
      duty,
    })),
  }
}

export const slaSuite: BenchSuite = {
  name: 'sla',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuoshi-bench-sla-'))
    const opened = await openDatabase(path.join(dir, 'bench.db'))
    const start = Date.parse('2026-11-23T10:00:00+08:00')
    const clock = new VirtualClock(start)
    // No transport: the sender holds everything in the outbox; only the jobs are measured.
    const app = new App({ config: parseConfig(config()), db: opened.db, clock, log: silentLogger, transport: { ready: () => false, send: async () => {} } })
    await app.world.load(opened.db, start)
    await opened.db.transaction().execute(async trx => {
      for (const v of app.world.villages) {
        for (let n = 1; n <= PER_VILLAGE; n++) {
          // Spread over the last ten days, a third of them accepted: every escalation step occurs.
          const created = start - Math.floor((n / PER_VILLAGE) * 10 * DAY) - MINUTE
          await insertTicket(trx, {
            village_id: v.id, no: n, room_id: v.rooms[0]!.id, kind: 'report', category: '道路交通', urgent: n % 10 === 0 ? 1 : 0,
            private: 0, location: null, text: '路灯不亮', summary: '路灯不亮', reporter_id: null, reporter_name: '李大爷',
            status: n % 3 === 0 ? 'accepted' : 'open', assignee: '王书记', created_at: created, accepted_at: n % 3 === 0 ? created : null,
            resolved_at: null, closed_at: null, feedback: null, feedback_due_at: null, resolution: null, duplicate_of: null,
            source_msg_id: null, updated_at: created,
          })
        }
      }
    })
    const open = VILLAGES * PER_VILLAGE
    let t = performance.now()
    await app.scheduler.tick()
    const first = performance.now() - t
    const steps = await opened.db.selectFrom('ticket_events').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const runs: number[] = []
    for (let i = 0; i < 20; i++) {
      await clock.advanceBy(MINUTE)
      t = performance.now()
      await app.scheduler.tick()
      runs.push(performance.now() - t)
    }
    runs.sort((a, b) => a - b)
    const median = runs[Math.floor(runs.length / 2)]!
    app.stop()
    await opened.close()
    fs.rmSync(dir, { recursive: true, force: true })
    return [
      `sla: ${open} open tickets in ${VILLAGES} villages: first minute ${first.toFixed(0)} ms (${Number(steps.n)} escalation steps taken), ` +
      `then ${median.toFixed(1)} ms a minute (median of 20; target < ${TARGET_MS} ms) ${median < TARGET_MS ? 'OK' : 'SLOW'}`,
    ]
  },
}
