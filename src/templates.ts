// Every word the bot says to a person lives here, in Chinese. Code elsewhere picks a template
// and fills it; it never builds user-facing text itself. Keep lines short: people read on phones.

export interface TicketBrief {
  village: string
  no: number
  category: string
  summary: string
  location?: string | null
  urgent?: boolean
}

const ref = (no: number): string => `#${no}`
const cut = (s: string, n = 40): string => (s.length > n ? s.slice(0, n) + '…' : s)

export const STATUS_NAMES: Record<string, string> = {
  open: '待接单',
  accepted: '处理中',
  resolved: '待评价',
  closed: '已销号',
  returned: '已退回',
  duplicate: '已合并',
  cancelled: '已撤回',
}

export const EVENT_NAMES: Record<string, string> = {
  created: '制单',
  accepted: '接单',
  progress: '进展',
  resolved: '办结',
  transferred: '转派',
  returned: '退回',
  duplicate: '合并',
  reopened: '不满意重办',
  closed: '销号',
  cancelled: '撤回',
  linked: '同事项反映',
  attached: '附件',
  supplemented: '补充',
  detached: '撤回附件',
}

const WEEKDAY_NAMES: Record<string, string> = {
  mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日',
}

export const T = {
  weekdayName: (d: string): string => WEEKDAY_NAMES[d] ?? d,
  statusName: (s: string): string => STATUS_NAMES[s] ?? s,
  eventName: (s: string): string => EVENT_NAMES[s] ?? s,

  duration(ms: number): string {
    const min = Math.max(0, Math.round(ms / 60_000))
    if (min < 1) return '不到1分钟'
    if (min < 60) return `${min}分钟`
    const h = Math.floor(min / 60)
    const m = min % 60
    if (h < 24) return m ? `${h}小时${m}分` : `${h}小时`
    const d = Math.floor(h / 24)
    const rh = h % 24
    return rh ? `${d}天${rh}小时` : `${d}天`
  },

  percent: (num: number, den: number): string => (den === 0 ? '—' : `${Math.round((num / den) * 1000) / 10}%`),

  // --- configuration (read by the deployer at start) ------------------------------------------
  config: {
    header: (file: string) => `配置文件有误：${file}`,
    missingFile: (abs: string) => `找不到配置文件 ${abs}。可复制 shuoshi.example.yaml 为 shuoshi.yaml 后修改，或用环境变量 SHUOSHI_CONFIG 指定路径。`,
    badYaml: (msg: string) => `YAML 格式错误：${msg}`,
    root: () => '（整个文件）',
    missing: (where: string) => `${where}：缺少必填项`,
    wrongType: (where: string, expected: string, got: string) => `${where}：应为${expected}，实际是「${got}」`,
    notAllowed: (where: string, got: string, allowed: string[]) => `${where}：取值「${got}」无效，可选值：${allowed.join('、')}`,
    unknownKeys: (where: string, keys: string[], allowed: string[]) =>
      `${where}：不认识的键 ${keys.join('、')}` + (allowed.length ? `（可用的键：${allowed.join('、')}）` : ''),
    tooFewItems: (where: string, min: number) => `${where}：至少需要 ${min} 项`,
    empty: (where: string) => `${where}：不能为空`,
    tooSmall: (where: string, min: number) => `${where}：不能小于 ${min}`,
    tooBig: (where: string, max: number) => `${where}：不能大于 ${max}`,
    other: (where: string, msg: string) => `${where}：${msg}`,
    badHHMM: () => '时间格式应为 HH:MM（24小时制），例如 08:00',
    badTimezone: () => '不是有效的时区名，例如 Asia/Shanghai',
    duplicate: (name: string) => `「${name}」重复出现，每个名称只能写一次`,
    notACadre: (who: string, names: string[]) => `「${who}」不在本村干部名单中，可选值：${names.join('、')}`,
    needPublicRoom: () => '至少需要一个 role 为 public 或 grid 的群（村民说事群或网格员群）',
    typeNames: {
      string: '文字', number: '数字', boolean: '是/否（true/false）', array: '列表', object: '键值表',
      undefined: '空', int: '整数',
    } as Record<string, string>,
  },

  // --- room replies (villagers read these) ----------------------------------------------------
  room: {
    ack(t: TicketBrief, duty: string): string {
      const loc = t.location ? `（${t.location}）` : ''
      const lines = [`已受理 ${ref(t.no)}【${t.category}】${cut(t.summary, 30)}${loc}`]
      if (t.urgent) lines.push('⚠️ 紧急情况，已第一时间通知值班干部。')
      lines.push(`今日值班：${duty}，会尽快处理。`)
      return lines.join('\n')
    },
    urgentAdvice: (advice: string) => advice,
    ackPrivate: (no: number, advice: string | null, dispute = true) =>
      `已收到您反映的情况（${ref(no)}），${dispute ? '调解员' : '值班干部'}会私下联系您，请留意电话和私信。` +
      (advice ? `\n${advice}` : ''),
    accepted: (no: number, by: string) => `${ref(no)} 已由${by}接单处理。`,
    progress: (no: number, note: string, by: string) => `${ref(no)} 进展：${cut(note, 60)}（${by}）`,
    resolved: (t: TicketBrief, note: string, by: string, took: string) =>
      [
        `【办结公示】${ref(t.no)} ${cut(t.summary, 30)}${t.location ? `（${t.location}）` : ''}`,
        `处理结果：${cut(note, 80)}`,
        `处理人：${by} · 用时${took}`,
        '请报事人回复“满意”或“不满意”。',
      ].join('\n'),
    returned: (no: number, reason: string) => `${ref(no)} 已退回：${cut(reason, 60)}。如有疑问请联系村委。`,
    duplicate: (no: number, of: number) => `${ref(no)} 与 ${ref(of)} 是同一件事，并入 ${ref(of)} 一起办理。`,
    thanksClosed: (no: number) => `谢谢您的评价，${ref(no)} 已销号。`,
    reopened: (no: number, handler: string) => `收到，${ref(no)} 已退回${handler}继续处理。`,
    refuseCommand: () => '这条命令只有村干部可以使用。有问题直接在群里说就行。',
    emptyReport: () => '请在“报事”后面写上具体情况，例如：报事 村北大街井盖坏了',
    cancelled: (no: number) => `${ref(no)} 报事人已撤回。`,
    mergedAck: (nos: number[]) => `已收到 ${nos.map(ref).join('、')}，共${nos.length}件，已通知值班干部。`,
  },

  // --- private messages to villagers --------------------------------------------------------------
  dm: {
    privateChat: () => '私聊',
    ackPrivate: (no: number, duty: string) => `已收到（${ref(no)}），已转给今天值班的${duty}，会私下联系您。`,
    resolvedToReporter: (no: number, note: string, by: string) =>
      `您反映的 ${ref(no)} 已办结：${note}（${by}）。满意请回复“满意 ${no}”，不满意请回复“不满意 ${no} 原因”。`,
  },

  // --- committee room (cadres read these together) -----------------------------------------------
  committee: {
    newTicket: (t: TicketBrief, reporter: string, duty: string) =>
      `${t.urgent ? '🔴【紧急报事】' : '【新报事】'}${t.village} ${ref(t.no)}【${t.category}】${cut(t.summary, 30)}${t.location ? `（${t.location}）` : ''}\n报事人：${reporter} · 值班：${duty}`,
    newPrivate: (t: TicketBrief, urgent: boolean) =>
      `${urgent ? '🔴【紧急调解】' : '【新调解事项】'}${t.village} ${ref(t.no)}，详情已私信值班干部和调解员。`,
  },

  // --- private pings to cadres -----------------------------------------------------------------
  ping: {
    newReport(t: TicketBrief, text: string, reporter: string, room: string, at: string): string {
      return [
        `${t.urgent ? '🔴【紧急报事】' : '【新报事】'}${t.village} ${ref(t.no)}（${t.category}）`,
        `内容：${text}`,
        ...(t.location ? [`地点：${t.location}`] : []),
        `报事人：${reporter} · ${room} · ${at}`,
        `回复“接单 ${t.no}”接单，或引用本消息回复“接单”。`,
      ].join('\n')
    },
    newDispute(t: TicketBrief, text: string, reporter: string, room: string, at: string): string {
      return [
        `${t.urgent ? '🔴【紧急调解】' : '【调解事项】'}${t.village} ${ref(t.no)}（${t.category}）`,
        `内容：${text}`,
        `当事人：${reporter} · ${room} · ${at}`,
        '请私下联系当事人，细节不要在群里讨论。',
        `回复“接单 ${t.no}”接单。`,
      ].join('\n')
    },
    transferred: (t: TicketBrief, text: string, from: string) =>
      [`【转派】${from}把${t.village} ${ref(t.no)}（${t.category}）转给您`, `内容：${text}`, `回复“接单 ${t.no}”接单。`].join('\n'),
    reopened: (t: TicketBrief, reporter: string, reason: string) =>
      `【不满意】${t.village} ${ref(t.no)} 报事人${reporter}不满意${reason ? `：${reason}` : ''}。已重新打开，请继续处理，办结后回复“办结 ${t.no} 处理结果”。`,
    cancelled: (village: string, no: number) => `${village} ${ref(no)} 报事人已撤回，无需再办。`,
  },

  // --- command replies (cadres read these) -------------------------------------------------------
  cmd: {
    accepted: (no: number) => `已接单 ${ref(no)}。办结后回复“办结 ${no} 处理结果”。`,
    alreadyYours: (no: number) => `${ref(no)} 已经是您在办理了。`,
    progressSaved: (no: number) => `已记录 ${ref(no)} 的进展。`,
    resolved: (no: number, publicNotice: boolean) =>
      `${ref(no)} 已办结，` + (publicNotice ? '已在群里公示，并请报事人评价。' : '已私下告知报事人（调解事项不在群里公示）。'),
    transferred: (no: number, to: string) => `${ref(no)} 已转派给${to}，已私信通知。`,
    returned: (no: number) => `${ref(no)} 已退回，已告知报事人。`,
    duplicated: (no: number, of: number) => `已把 ${ref(no)} 并入 ${ref(of)}。`,
    notFound: (no: string) => `没有找到 ${no.startsWith('#') ? no : '#' + no}，请核对编号。回复“待办”查看未办结的工单。`,
    wrongStatus: (no: number, status: string, action: string) => `${ref(no)} 当前是“${status}”，不能${action}。`,
    notCadre: () => '这条命令只有村干部可以使用。',
    noVillage: () => '您不在任何村的干部名单里，无法操作工单。',
    whichVillage: (villages: string[]) => `您同时负责${villages.join('、')}，请在编号前写村名，例如：接单 ${villages[0]} 1，或引用机器人的通知回复。`,
    unknownCadre: (name: string, names: string[]) => `「${name}」不是本村干部。可选：${names.join('、')}`,
    sameTicket: () => '两个编号相同，无需合并。',
    ambiguousQuote: () => '引用的消息里有多个编号，请在命令里写明编号，例如：接单 1。',
    hint: (usage: string) => `格式：${usage}`,
    unknown: () => '没看懂这条命令。回复“帮助”查看可用的命令。',
    error: () => '处理这条消息时出了点问题，已记录下来。请稍后再试，或联系管理员。',
    todoEmpty: (village: string) => `${village}目前没有未办结的工单。👍`,
    todoHeader: (village: string, n: number) => `${village}未办结工单 ${n} 件：`,
    todoLine: (no: number, category: string, summary: string, status: string, handler: string, age: string) =>
      `${ref(no)}【${category}】${summary} · ${status}${handler ? `(${handler})` : ''} · ${age}`,
    todoMore: (n: number) => `……还有 ${n} 件，回复“查询 编号”看详情。`,
    privateSummary: () => '调解事项，详情见私信',
    duty: (village: string, date: string, weekday: string, who: string) => `${village} ${date}（${weekday}）值班：${who}`,
    query: {
      header: (t: TicketBrief, status: string) => `${t.village} ${ref(t.no)}【${t.category}】${t.urgent ? '🔴紧急 ' : ''}${status}`,
      text: (s: string) => `内容：${s}`,
      location: (s: string) => `地点：${s}`,
      reporter: (s: string, room: string) => `报事人：${s}${room ? ` · ${room}` : ''}`,
      handler: (s: string) => `处理人：${s}`,
      history: () => '经过：',
      event: (at: string, name: string, actor: string, note: string) => `  ${at} ${name} ${actor}${note ? `：${note}` : ''}`,
      attachment: (kind: string, at: string, name: string) => `附件：${kind === 'video' ? '视频' : '照片'} ${at} ${name}`,
      hidden: () => '（调解事项，详情仅处理人、调解员和书记可见，请私信查询）',
    },
    helpHeader: (role: string) => `您是${role}，可以用这些命令（编号可写 1、#1 或 1号）：`,
    helpLine: (usage: string, desc: string) => `· ${usage} — ${desc}`,
    helpQuote: () => '也可以引用机器人的通知直接回复“接单”“办结 处理结果”，不用写编号。',
    helpVillager: () => '在村民说事群里直接说遇到的问题就行，机器人会登记并通知值班干部。办结后请回复“满意”或“不满意”。',
    roleNames: { admin: '书记/主任', cadre: '村干部', mediator: '调解员', villager: '村民' } as Record<string, string>,
    feedbackNotYours: () => '只有报事人本人的评价才算数哦。',
    privateThanks: (no: number, satisfied: boolean) => (satisfied ? `谢谢您的评价，${ref(no)} 已销号。` : `收到，${ref(no)} 会继续处理。`),
  },

  // --- conversation context: pieces, photos, the same matter reported twice (issue 3) -------------
  intake: {
    linked: (no: number, status: string, handler: string) =>
      `这件事已经有人反映过了，是 ${ref(no)}（${status}，${handler}负责）。已记下您也反映了，办好后一并告诉您。`,
    linkedSelf: (no: number, status: string, handler: string) => `您反映的 ${ref(no)} 正在办理（${status}，${handler}负责），请耐心等待。`,
    supplement: (t: TicketBrief, reporter: string, part: string, advice: string | null) =>
      [`${t.urgent ? '🔴【紧急补充】' : '【补充】'}${t.village} ${ref(t.no)}（${t.category}）`, `${reporter}补充：${part}`, ...(advice ? [advice] : [])].join('\n'),
    nowUrgent: (no: number, advice: string | null) => `⚠️ ${ref(no)} 情况紧急，已再次通知值班干部。` + (advice ? `\n${advice}` : ''),
    appendedPrivate: (no: number) => `已补充到 ${ref(no)}。`,
    linkedResolved: (no: number, note: string, by: string) => `您也反映过的 ${ref(no)} 已办结：${cut(note, 80)}（${by}）。`,
  },

  // --- simulator and command line (read by deployers) ------------------------------------------------
  sim: {
    unreadable: (file: string, msg: string) => `读不了剧本文件 ${file}：${msg}`,
    invalid: (file: string, problems: string[]) => `剧本文件有误：${file}\n` + problems.map(p => `  · ${p}`).join('\n'),
    badStart: (s: string) => `start 应为带时区的时间，例如 2026-11-23T08:30:00+08:00，实际是「${s}」`,
    badWait: (i: number, s: string) => `第 ${i} 步：wait 应写成 30m、2h、2d 这样的时长，实际是「${s}」`,
    badAt: (i: number, s: string) => `第 ${i} 步：at 应写成 HH:MM 或 YYYY-MM-DD HH:MM，实际是「${s}」`,
    backwards: (i: number, s: string, now: string) => `第 ${i} 步：时间 ${s} 早于当前虚拟时间 ${now}，时钟不能倒退`,
    quoteNotFound: (i: number, needle: string) => `第 ${i} 步：这个聊天里找不到含「${needle}」的消息可以引用`,
    badRecall: (i: number) => `第 ${i} 步：recall 需要 recalls: 步骤编号（要撤回的那条消息）`,
    dayHeader: (date: string, weekday: string) => `\n────────── ${date} ${weekday} ──────────`,
    privateTo: (name: string) => `私聊 ${name}`,
    recalled: () => '（撤回了一条消息）',
  },

  cli: {
    usageHeader: () => '用法：shuoshi <命令> [参数]',
    simulateUsage: () => 'simulate <剧本.yaml> [--format json|chat] [--db 文件]   用模拟微信跑一段剧本，打印机器人发出的每条消息',
    classifyUsage: () => 'classify [--explain]                      从标准输入逐行读消息，每行输出一个 JSON：text、intent、category、urgent、location',
    evalUsage: () => 'eval [文件.tsv …] [--errors]                给意图识别打分（默认 ../shared/data/eval-dev.tsv）：各类准确率、召回率、macro-F1、误报、漏报',
    evalNotFound: () => '找不到评测文件 shared/data/eval-dev.tsv（从当前目录向上查找）。请把文件路径写在 eval 后面。',
    evalSpeed: (n: number, ms: number) => `用时 ${ms.toFixed(0)} ms（${n} 条，平均每条 ${(ms * 1000 / Math.max(n, 1)).toFixed(0)} 微秒）`,
    evalNoErrors: () => '（这个文件只用来评测，不列出逐条结果，以免照着它调规则）',
    unknown: (cmd: string) => `不认识的命令「${cmd}」。`,
    failed: (msg: string) => `出错了：${msg}`,
    starting: (puppet: string) => `shuoshi 启动中，微信接入方式：${puppet}`,
    stopping: () => 'shuoshi 正在停止……',
  },

  // --- daily digest (committee room) ------------------------------------------------------------
  digest: {
    title: (village: string, date: string) => `【${village}日报】${date}`,
    yesterday: (n: { created: number; accepted: number; resolved: number; closed: number }) =>
      `昨日：新报 ${n.created} · 接单 ${n.accepted} · 办结 ${n.resolved} · 销号 ${n.closed}`,
    rates: (done: string, satisfied: string, days: number) => `近${days}天：办结率 ${done} · 满意率 ${satisfied}`,
    openHeader: (n: number) => (n ? `未办结 ${n} 件（最久的在前）：` : '未办结：0 件 👍'),
    openLine: (no: number, category: string, status: string, handler: string, age: string) =>
      `${ref(no)}【${category}】${status}${handler ? `·${handler}` : ''} · 已${age}`,
    more: (n: number) => `……另有 ${n} 件，私信“待办”查看全部。`,
    disputes: (n: number) => `调解事项 ${n} 件（详情不公开）`,
  },
}

export type Templates = typeof T
