// No answer within the village's feedbackDays: the ticket closes as 默认满意 (销号).
import { defineJob } from '../src/router.js'
import { autoClose } from '../src/domain/tickets.js'
import { applyOutcome } from '../src/workflow.js'
import { listFeedbackOverdue } from '../db/tickets.js'

export default defineJob({
  name: 'feedback-timeout',
  async run(ctx) {
    // Only the villages this process serves: another account's village is another process's work.
    const served = ctx.app.world.villages.map(v => v.id)
    for (const t of await listFeedbackOverdue(ctx.db, served, ctx.now)) {
      const outcome = autoClose(t, ctx.now)
      if (outcome.ok) await applyOutcome(ctx, t, outcome, { name: '系统', kind: 'system' })
    }
  },
})
