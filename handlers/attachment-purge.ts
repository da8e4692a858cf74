// Photos that no report claimed within the window are deleted: they were kept only in case one came.
import { purgeWaitingMedia } from '../src/intake.js'
import { defineJob } from '../src/router.js'

export default defineJob({
  name: 'attachment-purge',
  async run(ctx) {
    await purgeWaitingMedia(ctx)
  },
})
