// A villager's photo or video around a report: kept as a file and attached to the ticket (listed
// in 查询). One sent before the report waits five minutes for it, then is deleted.
import { keepMedia, wantsMedia } from '../src/intake.js'
import { defineListener } from '../src/router.js'

export default defineListener({
  name: 'attachment',
  async handle(ctx) {
    if (!wantsMedia(ctx.app.world, ctx.msg)) return false
    if (ctx.place) {
      await keepMedia(ctx, { village: ctx.place.village, roomId: ctx.place.room.id })
      return true
    }
    const village = ctx.person.village_id !== null ? ctx.app.world.villageById(ctx.person.village_id) : undefined
    if (!village || ctx.msg.room !== null) return false
    await keepMedia(ctx, { village, roomId: null })
    return true
  },
})
