// 公告 (三务公开): a secretary or director writes it, sees a preview, and only 确认公告 posts it to
// every villagers' room. The pending text lives in the database, so a restart between preview and
// confirmation neither loses nor repeats it; the sender spaces the posts.
import { defineCommand } from '../src/router.js'
import { answerPrivately } from '../src/visibility.js'
import { T } from '../src/templates.js'
import { decideAnnouncement, findPendingAnnouncement, savePendingAnnouncement } from '../db/announcements.js'
import { HOUR } from '../src/time.js'

/** A preview older than this is stale: the secretary may have forgotten what it said. */
const PREVIEW_TTL = 24 * HOUR

export const announce = defineCommand({
  name: 'announce',
  aliases: ['公告', '发公告'],
  level: 'admin',
  args: 'text',
  usage: '公告 内容，例如：公告 本月低保名单已张贴在村委会公示栏',
  description: '发公告到本村所有村民群（先预览，回复“确认公告”才发出）',
  async run(ctx, { text }) {
    const rooms = ctx.app.world.publicRooms(ctx.village)
    if (rooms.length === 0) {
      await answerPrivately(ctx, T.announce.noRooms())
      return
    }
    const replaced = await savePendingAnnouncement(ctx.db, ctx.village.id, ctx.actor.name, text, ctx.now)
    const preview = T.announce.preview(T.announce.post(ctx.village.name, text, ctx.actor.name), rooms.map(r => r.topic))
    await answerPrivately(ctx, replaced ? `${preview}\n${T.announce.replaced()}` : preview)
  },
})

export const confirm = defineCommand({
  name: 'confirm-announcement',
  aliases: ['确认公告', '确认发布'],
  level: 'admin',
  // `any`: a secretary of two villages writes `确认公告 南社村`.
  args: 'any',
  usage: '确认公告',
  description: '发出刚才预览的公告',
  async run(ctx) {
    const pending = await findPendingAnnouncement(ctx.db, ctx.village.id, ctx.actor.name)
    if (!pending) {
      await answerPrivately(ctx, T.announce.nothing())
      return
    }
    if (ctx.now - pending.created_at > PREVIEW_TTL) {
      await decideAnnouncement(ctx.db, pending.id, 'cancelled', ctx.now)
      await answerPrivately(ctx, T.announce.expired())
      return
    }
    // Marked posted in the same transaction as the outbox rows: posted once, or not at all.
    if (!(await decideAnnouncement(ctx.db, pending.id, 'posted', ctx.now))) {
      await answerPrivately(ctx, T.announce.nothing())
      return
    }
    const rooms = ctx.app.world.publicRooms(ctx.village)
    const post = T.announce.post(ctx.village.name, pending.text, pending.author)
    for (const room of rooms) await ctx.out.toRoom(room.id, post, { kind: 'announcement' })
    await answerPrivately(ctx, T.announce.posted(rooms.length))
  },
})

export const cancel = defineCommand({
  name: 'cancel-announcement',
  aliases: ['取消公告'],
  level: 'admin',
  args: 'any',
  usage: '取消公告',
  description: '不发刚才预览的公告',
  async run(ctx) {
    const pending = await findPendingAnnouncement(ctx.db, ctx.village.id, ctx.actor.name)
    if (!pending || !(await decideAnnouncement(ctx.db, pending.id, 'cancelled', ctx.now))) {
      await answerPrivately(ctx, T.announce.nothing())
      return
    }
    await answerPrivately(ctx, T.announce.cancelled())
  },
})
