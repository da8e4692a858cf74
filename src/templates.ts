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
  mediating: '调解中',
  agreed: '达成协议（待回访）',
  terminated: '调解终止（待回访）',
  archived: '已归档',
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
  meeting: '约谈',
  agreed: '调解成功',
  terminated: '调解终止',
  followed_up: '回访归档',
  whistled: '吹哨',
  unit_accepted: '单位接单',
  suspended: '挂起',
  resumed: '恢复',
  extension_requested: '申请延期',
  extension_granted: '同意延期',
  extension_denied: '驳回延期',
  sla_accept_remind: '催办',
  sla_accept_escalate: '督办',
  sla_resolve_remind: '到期提醒',
  sla_yellow: '黄牌',
  sla_red: '红牌',
}

const WEEKDAY_NAMES: Record<string, string> = {
  mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日',
}

export const T = {
  weekdayName: (d: string): string => WEEKDAY_NAMES[d] ?? d,
  /** A dispute nobody took yet is 待受理 (the mediation path's first step); everything else by status. */
  statusName: (s: string, kind?: string): string => (kind === 'dispute' && s === 'open' ? '待受理' : STATUS_NAMES[s] ?? s),
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
  /** A rate already divided (null when there was nothing to count). */
  ratio: (r: number | null): string => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`),

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
    notAVillage: (name: string, names: string[]) => `「${name}」不是配置里的村，可选值：${names.join('、')}`,
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
        `回复“受理 ${t.no}”受理，约谈回复“约谈 ${t.no} 时间 地点”。`,
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
    notFound: (no: string) => `没有找到 ${cut(no.startsWith('#') ? no : '#' + no, 24)}，请核对编号。回复“待办”查看未办结的工单。`,
    wrongStatus: (no: number, status: string, action: string) => `${ref(no)} 当前是“${status}”，不能${action}。`,
    notCadre: () => '这条命令只有村干部可以使用。',
    needRole: (roles: string[]) => `这条命令只有${roles.join('、')}和书记、主任可以使用。`,
    noVillage: () => '您不在任何村的干部名单里，无法操作工单。',
    whichVillage: (villages: string[]) => `您同时负责${villages.join('、')}，请在编号前写村名，例如：接单 ${villages[0]} 1，或引用机器人的通知回复。`,
    whichVillageFor: (villages: string[], command: string) => `您同时负责${villages.join('、')}，请写上村名，例如：${command} ${villages[0]}`,
    unknownCadre: (name: string, names: string[]) => `「${cut(name, 20)}」不是本村干部。可选：${names.join('、')}`,
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
      event: (at: string, name: string, actor: string, note: string) => `  ${at} ${name} ${actor}${note ? `：${cut(note, 80)}` : ''}`,
      earlier: (n: number) => `  ……之前还有 ${n} 条记录`,
      attachment: (kind: string, at: string, name: string) => `附件：${kind === 'video' ? '视频' : '照片'} ${at} ${name}`,
      hidden: () => '（调解事项，详情仅处理人、调解员和书记可见，请私信查询）',
      unit: (name: string) => `吹哨单位：${name}`,
    },
    helpHeader: (role: string) => `您是${role}，可以用这些命令（编号可写 1、#1 或 1号）：`,
    helpLine: (usage: string, desc: string) => `· ${usage} — ${desc}`,
    helpQuote: () => '也可以引用机器人的通知直接回复“接单”“办结 处理结果”，不用写编号。',
    helpVillager: () => '在村民说事群里直接说遇到的问题就行，机器人会登记并通知值班干部。办结后请回复“满意”或“不满意”。',
    roleNames: {
      admin: '书记/主任', cadre: '村干部', mediator: '调解员', villager: '村民', staff: '网格员', grid: '网格员',
      secretary: '书记', director: '主任',
    } as Record<string, string>,
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

  // --- time limits and escalation (催办 / 督办) --------------------------------------------------
  sla: {
    /** Private ticket details never go to the committee room: a label stands in for them. */
    label: (t: TicketBrief, isPrivate: boolean) =>
      isPrivate ? `${t.village} ${ref(t.no)} 调解/私密事项` : `${t.village} ${ref(t.no)}【${t.category}】${cut(t.summary, 30)}`,
    acceptRemind: (t: TicketBrief, waited: string) =>
      [`⏰【催办】${t.village} ${ref(t.no)}（${t.category}）${cut(t.summary, 30)}`, `报来已${waited}，还没有接单。请回复“接单 ${t.no}”。`].join('\n'),
    acceptEscalate: (t: TicketBrief, holder: string, waited: string) =>
      [
        `🟨【督办】${t.village} ${ref(t.no)}（${t.category}）${cut(t.summary, 30)}`,
        `报来已${waited}，${holder}仍未接单。`,
        `可回复“转派 ${t.no} 干部姓名”改派，或“接单 ${t.no}”自己接。`,
      ].join('\n'),
    acceptYellow: (label: string, holder: string, waited: string) => `🟨【黄牌·超时未接单】${label}\n报来已${waited}，${holder}未接单，已报书记督办。`,
    resolveRemind: (t: TicketBrief, due: string, dispute: boolean) =>
      [
        `⏰【到期提醒】${t.village} ${ref(t.no)}（${t.category}）${cut(t.summary, 30)}`,
        `${dispute ? '调解' : '办理'}时限已到（${due}）。`,
        dispute
          ? `调解有结果请回复“调解成功 ${t.no} 协议内容”或“调解终止 ${t.no} 原因”；需要更多时间回复“延期 ${t.no} 10天 原因”。`
          : `办完请回复“办结 ${t.no} 处理结果”；需要更多时间回复“延期 ${t.no} 3天 原因”。`,
      ].join('\n'),
    yellow: (label: string, holder: string, over: string) => `🟨【黄牌·超期未办结】${label}\n已超期${over} · 处理人：${holder}`,
    red: (label: string, holder: string, over: string) => `🟥【红牌·严重超期】${label}\n已超期${over} · 处理人：${holder}`,
    redPrivateNote: () => '（私密事项，办理经过已私信书记）',
    history: () => '经过：',
    event: (at: string, name: string, actor: string, note: string) => `  ${at} ${name} ${actor}${note ? `：${cut(note, 40)}` : ''}`,
    moreEvents: (n: number) => `  ……前面还有 ${n} 条`,
    noteRemind: (who: string) => `提醒${who}`,
    noteEscalate: (names: string[]) => `报${names.join('、')}督办`,
    noteOver: (over: string) => `超期${over}`,
    acceptBy: (at: string) => `接单时限：${at}`,
    resolveBy: (at: string, dispute: boolean, extended: string | null) => `${dispute ? '调解' : '办结'}时限：${at}${extended ? `（已延期${extended}）` : ''}`,
    suspendedSince: (at: string) => `已挂起（${at}起），时限暂停计算`,
    extensionPending: (d: string, by: string) => `延期申请待批：${d}（${by}）`,
  },

  // --- 延期 / 挂起 / 恢复 ------------------------------------------------------------------------------
  clock: {
    extendUsage: () => '延期 编号 时长 原因，例如：延期 1 3天 等材料',
    badDuration: (s: string) => `看不懂时长「${s}」。请写成 3天、12小时 这样，例如：延期 1 3天 等材料`,
    tooLong: () => '一次最多延期 90 天。',
    requested: (no: number, d: string, approvers: string[]) => `已申请 ${ref(no)} 延期${d}，等${approvers.join('、')}审批。`,
    requestPing: (t: TicketBrief, by: string, d: string, reason: string) =>
      [`【延期申请】${t.village} ${ref(t.no)}（${t.category}）`, `${by}申请延期${d}：${reason}`, `同意回复“同意延期 ${t.no}”，不同意回复“驳回延期 ${t.no} 理由”。`].join('\n'),
    granted: (no: number, d: string, due: string) => `已同意 ${ref(no)} 延期${d}，新的时限：${due}。`,
    grantedPing: (village: string, no: number, d: string, due: string, by: string) => `${village} ${ref(no)} 的延期申请${by}已同意：延期${d}，新的时限：${due}。`,
    selfGranted: (no: number, d: string, due: string) => `${ref(no)} 已延期${d}，新的时限：${due}。`,
    denied: (no: number) => `已驳回 ${ref(no)} 的延期申请，已告知申请人。`,
    deniedPing: (village: string, no: number, by: string, reason: string) => `${village} ${ref(no)} 的延期申请被${by}驳回${reason ? `：${reason}` : ''}。请按原时限办理。`,
    noRequest: (no: number) => `${ref(no)} 没有待审批的延期申请。`,
    suspended: (no: number) => `${ref(no)} 已挂起，时限暂停计算。恢复时回复“恢复 ${no}”。`,
    alreadySuspended: (no: number) => `${ref(no)} 已经是挂起状态。恢复请回复“恢复 ${no}”。`,
    notSuspended: (no: number) => `${ref(no)} 没有挂起。`,
    suspendNeedsHolder: (no: number) => `${ref(no)} 还没有人接单，不能挂起。请先“接单 ${no}”。`,
    resumed: (no: number, due: string) => `${ref(no)} 已恢复办理，时限：${due}。`,
    suspendPing: (t: TicketBrief, by: string, reason: string) => `【挂起】${t.village} ${ref(t.no)}（${t.category}）${by}已挂起：${reason}。如有异议可回复“恢复 ${t.no}”。`,
    roomSuspended: (no: number, reason: string) => `${ref(no)} 暂缓办理：${cut(reason, 60)}。恢复后继续办理。`,
    roomResumed: (no: number) => `${ref(no)} 已恢复办理。`,
  },

  // --- 吹哨 and partner units (包联单位) --------------------------------------------------------------
  partner: {
    none: () => '本村还没有配置包联单位（配置文件里村的 partners）。',
    unknown: (name: string, names: string[]) => `没有「${name}」这个包联单位。可选：${names.join('、')}`,
    choose: (no: number, category: string, fit: string[], all: string[]) =>
      (fit.length ? `${ref(no)}（${category}）可以吹哨给：${fit.join('、')}。` : `没有专管“${category}”的包联单位。可选：${all.join('、')}。`) +
      `\n回复“吹哨 ${no} 单位名”。`,
    done: (no: number, unit: string, contact: string) => `已吹哨：${ref(no)} 已私信${unit}的${contact}。对方可以回复“接单/进展/办结 ${no}”办理，结果仍在村里的群公示。`,
    ping: (t: TicketBrief, text: string, by: string, reporter: string) =>
      [
        `📣【吹哨】${t.village} ${ref(t.no)}（${t.category}）请贵单位协同处理`,
        `内容：${text}`,
        ...(t.location ? [`地点：${t.location}`] : []),
        `报事人：${reporter} · 吹哨人：${by}`,
        `接单回复“接单 ${t.no}”，进展回复“进展 ${t.no} 情况”，办完回复“办结 ${t.no} 处理结果”。`,
      ].join('\n'),
    room: (no: number, unit: string) => `${ref(no)} 已吹哨报${unit}协同处理。`,
    notYours: (no: number, unit: string) => `${ref(no)} 没有吹哨给${unit}，不能办理。`,
    accepted: (no: number) => `已接单 ${ref(no)}。办完请回复“办结 ${no} 处理结果”。`,
    tookIt: (t: TicketBrief, unit: string) => `${unit}已接单 ${t.village} ${ref(t.no)}（${t.category}）。`,
    progressed: (t: TicketBrief, unit: string, note: string) => `${unit}报 ${t.village} ${ref(t.no)} 进展：${cut(note, 60)}`,
    resolved: (t: TicketBrief, unit: string, note: string) => `${unit}已办结 ${t.village} ${ref(t.no)}：${cut(note, 60)}。结果已在群里公示。`,
    mediated: (t: TicketBrief, unit: string, outcome: string, note: string) => `${unit}对 ${t.village} ${ref(t.no)} ${outcome}：${cut(note, 60)}。请安排回访，回复“回访 ${t.no} 情况”归档。`,
    help: (unit: string) =>
      [
        `您是${unit}的联络人，可以办理吹哨给贵单位的工单：`,
        '· 接单 编号 — 接下这件事',
        '· 进展 编号 情况 — 记录办理进展',
        '· 办结 编号 处理结果 — 办完了，结果在村里的群公示',
        '· 调解成功 / 调解终止 编号 … — 纠纷的调解结果（私信告知当事人，不公示）',
        '也可以引用机器人的吹哨通知直接回复，不用写编号。',
      ].join('\n'),
  },

  // --- mediation (有事好商量 / 调委会) ------------------------------------------------------------------
  mediation: {
    accepted: (no: number) => `已受理 ${ref(no)}，进入调解。约谈回复“约谈 ${no} 时间 地点”，有结果回复“调解成功 ${no} 协议内容”或“调解终止 ${no} 原因”。`,
    roomContacted: (no: number) => `${ref(no)} 已由调解员私下联系。`,
    roomContactedPrivate: (no: number) => `${ref(no)} 已由村干部私下联系。`,
    useMediation: (no: number) => `${ref(no)} 是调解事项，请用“调解成功 ${no} 协议内容”或“调解终止 ${no} 原因”。`,
    notDispute: (no: number) => `${ref(no)} 不是调解事项，请用“办结 ${no} 处理结果”。`,
    meetingSet: (no: number, invited: string[]) => `已安排 ${ref(no)} 约谈${invited.length ? `，已私信通知${invited.join('、')}` : ''}。`,
    callThem: (names: string[]) => `\n${names.join('、')}没有在群里说过话，机器人联系不上，请电话通知。`,
    invite: (village: string, no: number, mediator: string, when: string) =>
      `您好，关于您反映的事（${village} ${ref(no)}），调解员${mediator}约您面谈：${when}。如时间不方便，请直接回复或联系村委会。`,
    agreed: (no: number) => `已记录 ${ref(no)} 调解成功，已私下告知当事人。请过一段时间回访，回复“回访 ${no} 履行情况”后归档。`,
    agreedToParty: (village: string, no: number, text: string, by: string) =>
      `您反映的事（${village} ${ref(no)}）已调解成功：${text}（调解员：${by}）。如对方没有履行，请私信告诉机器人或联系村委会。`,
    terminated: (no: number) => `已记录 ${ref(no)} 调解终止，已私下告知当事人。请回访后回复“回访 ${no} 情况”归档。`,
    terminatedToParty: (village: string, no: number, reason: string) =>
      `您反映的事（${village} ${ref(no)}）调解未能达成一致：${reason}。您可以到镇司法所申请人民调解，或依法向人民法院起诉；需要帮助请联系村委会。`,
    archived: (no: number) => `${ref(no)} 已回访，归档。`,
  },

  // --- 代报: a cadre logs a phone call -------------------------------------------------------------
  proxy: {
    usage: () => '代报 报事人 情况，例如：代报 张大娘 3号楼电视信号坏了',
    ackLine: (by: string, reporter: string) => `（${by}代${reporter}登记）`,
    via: (by: string) => `电话（${by}代报）`,
    notPublicRoom: (topic: string) => `「${topic}」不是本村的村民群，不能代报到那里。`,
    done: (no: number, reporter: string, room: string) => `已代${reporter}登记 ${ref(no)}，已在「${room}」公示（不含电话）。办结后请电话告知${reporter}。`,
    donePrivate: (no: number, reporter: string) => `已代${reporter}登记 ${ref(no)}。这是私密事项，不在群里公示，已私信值班干部。办结后请电话告知${reporter}。`,
    noRoom: () => '本村没有村民群，无法代报。',
  },

  // --- 公告 (三务公开) --------------------------------------------------------------------------------
  announce: {
    post: (village: string, text: string, by: string) => `📢【${village}公告】\n${text}\n——${by}`,
    preview: (post: string, rooms: string[]) =>
      [`公告预览，将发到：${rooms.join('、')}`, '━━━━━━━━', post, '━━━━━━━━', '确认发送请回复“确认公告”，不发了回复“取消公告”。'].join('\n'),
    replaced: () => '（之前未确认的公告已作废）',
    posted: (n: number) => `公告已确认，正在发到 ${n} 个村民群（按发送间隔逐个发出）。`,
    nothing: () => '没有待确认的公告。先发“公告 内容”，看过预览再确认。',
    expired: () => '这条公告预览已超过 24 小时，已作废。请重新发“公告 内容”。',
    cancelled: () => '已取消，这条公告不会发出。',
    noRooms: () => '本村没有村民群，公告无处可发。',
  },

  // --- roster changes (值班 / 换班 / 本周值班) -------------------------------------------------------
  roster: {
    usage: () => '值班 周几 干部姓名，例如：值班 周三 张主任',
    swapUsage: () => '换班 日期 干部姓名，例如：换班 明天 王书记',
    onlyAdmin: () => '改每周值班表只有书记、主任可以。临时换一天请用“换班 明天 干部姓名”。',
    weekly: (weekday: string, name: string) => `已改值班表：以后每${weekday}由${name}值班。`,
    weeklyPing: (village: string, weekday: string, by: string) => `【值班安排】${by}把您排进${village}值班表：以后每${weekday}由您值班。`,
    swapped: (date: string, weekday: string, name: string, usual: string) => `已换班：${date}（${weekday}）由${name}值班${usual !== name ? `（原${usual}）` : ''}。`,
    swapPing: (village: string, date: string, weekday: string, by: string) => `【值班安排】${village} ${date}（${weekday}）由您值班（${by}安排）。`,
    swapOffPing: (village: string, date: string, weekday: string, name: string) => `【值班安排】${village} ${date}（${weekday}）改由${name}值班，您当天不用值班。`,
    past: () => '日期已经过去了，请写今天或以后的日期。',
    weekHeader: (village: string, from: string, to: string) => `${village}本周值班（${from}—${to}）：`,
    weekLine: (weekday: string, date: string, name: string, note: string, today: boolean) => `${today ? '👉' : '· '}${weekday} ${date} ${name}${note}`,
    noteSwap: (usual: string) => `（换班，原${usual}）`,
    noteWeekly: () => '（已改）',
    dutyMore: () => '值班 周几 干部姓名',
    dutyMoreDesc: () => '改每周值班表（书记、主任）',
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
    exportUsage: () => 'export --from 2026-11-01 --to 2026-11-30 [--village 北社村] [--out 台账.xlsx|台账.csv] [--csv 台账.csv] [--db 文件] [--config 文件]   导出台账（Excel 或 CSV）',
    simulateUsage: () => 'simulate <剧本.yaml> [--format json|chat] [--db 文件]   用模拟微信跑一段剧本，打印机器人发出的每条消息',
    classifyUsage: () => 'classify [--explain]                      从标准输入逐行读消息，每行输出一个 JSON：text、intent、category、urgent、location',
    evalUsage: () => 'eval [文件.tsv …] [--errors]                给意图识别打分（默认 ../shared/data/eval-dev.tsv）：各类准确率、召回率、macro-F1、误报、漏报',
    evalNotFound: () => '找不到评测文件 shared/data/eval-dev.tsv（从当前目录向上查找）。请把文件路径写在 eval 后面。',
    evalSpeed: (n: number, ms: number) => `用时 ${ms.toFixed(0)} ms（${n} 条，平均每条 ${(ms * 1000 / Math.max(n, 1)).toFixed(0)} 微秒）`,
    evalNoErrors: () => '（这个文件只用来评测，不列出逐条结果，以免照着它调规则）',
    unknown: (cmd: string) => `不认识的命令「${cmd}」。`,
    failed: (msg: string) => `出错了：${msg}`,
    starting: (puppet: string) => `shuoshi 启动中，微信接入方式：${puppet}`,
    instanceTaken: (account: string, instance: string) =>
      `另一个进程已经以账号 ${account}、进程名 ${instance} 连着这个数据库。同一个号开两个进程时，请给每个进程设不同的 SHUOSHI_INSTANCE（见 .env.example），否则消息会发两遍。`,
    backupUsage: () => 'backup <文件> [--db 数据库] [--force]      机器人运行时也能做的一致性数据库备份',
    doctorUsage: () => 'doctor [--config 配置] [--db 数据库]        检查配置、数据库、账号、群、今日值班和发件箱，说明哪里有问题',
    migrateDbUsage: () => 'migrate-db --from 文件 --to postgres://…   把单村的 SQLite 数据库整体搬进 PostgreSQL（目标须为空，逐表核对条数）',
    stopping: () => 'shuoshi 正在停止……',
  },

  // --- login loss and recovery (issue 6) ------------------------------------------------------
  presence: {
    reason: (r: string) => ({ logout: '微信退出登录', disconnect: '网络断开，消息发不出去', down: '机器人程序没有运行' } as Record<string, string>)[r] ?? r,
    adminAlert(gap: { from: string; to: string; took: string }, reason: string, pending: number, uncertain: number): string {
      return [
        `【机器人掉线提醒】${gap.from} 至 ${gap.to} 离线，共${gap.took}（${reason}）。`,
        '这段时间群里的消息机器人收不到（微信不会补发），已在村民群提醒大家重新发送报事。',
        ...(pending > 0 ? [`离线期间待发的 ${pending} 条消息正在按顺序补发。`] : []),
        ...(uncertain > 0 ? [`另有 ${uncertain} 条消息在机器人停止时正在发送，不确定是否发出，可运行 npx shuoshi doctor 查看。`] : []),
      ].join('\n')
    },
    movedAlert: (village: string, from: string, to: string, gap: { from: string; to: string; took: string }) =>
      `【机器人换号提醒】${village}原来的机器人号（${from}）从 ${gap.from} 起不在线，共${gap.took}；现在由 ${to} 号接管，未发出的消息由新号补发。这段时间群里的消息机器人收不到，已在村民群提醒大家重新发送报事。请确认新号已在本村的群里。`,
    roomBack: (gap: { from: string; to: string }) => `机器人已恢复，期间的报事请重新发送（${gap.from} 至 ${gap.to} 群里的消息机器人没有收到）。`,
    unseen: (rooms: string[], people: string[]) =>
      [
        '【机器人提醒】重新登录后找不到：',
        ...(rooms.length ? [`群：${rooms.join('、')}（群名改过的请同步修改配置）`] : []),
        ...(people.length ? [`干部：${people.join('、')}（需要是机器人微信号的好友，备注与配置一致）`] : []),
      ].join('\n'),
  },

  // --- npx shuoshi doctor and backup (read by deployers; issue 6) ------------------------------------
  doctor: {
    section: (name: string) => `\n【${name}】`,
    config: (file: string, villages: number, rooms: number, cadres: number) => `配置文件 ${file}：${villages} 个村，${rooms} 个群，${cadres} 位干部`,
    configBad: (file: string) => `配置文件 ${file} 有误，机器人启动不了：`,
    noDatabase: (url: string) => `找不到数据库 ${url}（机器人还没运行过，或 SHUOSHI_DB 指错了）`,
    corrupt: (detail: string) => `数据库完整性检查没有通过：${detail.slice(0, 200)}。请停止机器人，用最近的备份恢复`,
    migrations: (n: number) => `数据库结构比程序旧 ${n} 步，启动机器人时会自动升级；升级后再运行 doctor`,
    database: (url: string, tickets: number, intact: boolean) => `数据库 ${url}：${tickets} 张工单${intact ? '，完整性检查通过' : ''}`,
    neverRan: () => '这个数据库里没有机器人运行过的记录',
    account: (account: string, villages: string[]) =>
      `机器人账号「${account}」${villages.length ? `服务 ${villages.length} 个村：${villages.join('、')}` : '还没有服务任何村（启动一次机器人就会接过配置里的村）'}`,
    villageNotAdopted: (village: string, account: string) => `${village}：还没有账号服务，账号「${account}」的机器人启动时会接过来`,
    villageElsewhere: (village: string, other: string, account: string) =>
      `${village}：现在由账号「${other}」服务。要换到「${account}」，请从「${other}」的配置里删掉这个村，两边的机器人都重启`,
    otherAccounts: (accounts: string[]) => `同一数据库里的其他账号：${accounts.join('、')}`,
    claimedBy: (holders: string[]) => `正在发送的机器人进程：${holders.join('、')}`,
    notRunning: (at: string, ago: string) => `机器人没有在运行：最后一次心跳在 ${at}（${ago}前）。这段时间群里的消息都收不到`,
    loggedOut: (since: string, reason: string) => `机器人在运行，但从 ${since} 起掉线（${reason}）。请看机器人的日志，需要时重新扫码登录`,
    online: (since: string) => `机器人在线（${since} 登录）`,
    outages: (n: number) => `近 7 天掉线 ${n} 次：`,
    roleName: (role: string) => ({ public: '村民群', grid: '网格员群', committee: '两委群' } as Record<string, string>)[role] ?? role,
    room: (topic: string, role: string) => `${topic}（${role}）`,
    renamed: (configTopic: string) => `，配置里写的是「${configTopic}」，群改过名，请同步修改配置`,
    roomUnchecked: (topic: string, role: string) => `${topic}（${role}）：机器人还没有登录检查过`,
    roomMissing: (topic: string, at: string) => `${topic}：${at} 登录时找不到这个群（群名改了，或机器人被移出了群）`,
    duty: (village: string, who: string, alias: string | null) => `${village}：${who}${alias ? `（备注 ${alias}）` : ''}`,
    dutyMissing: (village: string, who: string) => `${village}：今天值班的${who}登录时找不到（需要是机器人微信号的好友，备注与配置一致），私信通知发不出去`,
    nothingPending: () => '没有待发的消息',
    pending: (n: number, oldest: string) => `待发 ${n} 条${oldest ? `，最早的已等 ${oldest}` : ''}（机器人按间隔慢慢发）`,
    stuck: (n: number, oldest: string) => `待发 ${n} 条，最早的已等 ${oldest}，机器人在线却发不出去：请看日志`,
    sentToday: (n: number, cap: number) => `今天已发 ${n} 条（每日上限 ${cap}）`,
    capReached: () => '今天已到发送上限，普通消息明天再发（紧急消息和对命令的答复不受限）。可调 sending.dailyCap',
    failed: (n: number) => `近 7 天有 ${n} 条消息重试多次仍发不出去：`,
    uncertain: (n: number) => `有 ${n} 条消息在机器人停止时正在发送，不确定对方是否收到（为避免重复没有重发，请人工确认）：`,
    toPerson: (id: number | null) => `私信（联系人 ${id ?? '?'}）`,
    noInboxErrors: () => '近 24 小时没有处理失败的消息',
    inboxErrors: (n: number) => `近 24 小时有 ${n} 条消息处理失败（已回复对方“出了点问题”）：`,
    summaryOk: () => '一切正常。',
    summaryWarn: (w: number) => `没有严重问题，有 ${w} 处需要留意。`,
    summaryBad: (p: number, w: number) => `发现 ${p} 个问题${w ? `、${w} 处需要留意` : ''}，见上面标 ✗ 的行。`,
  },
  migrateDb: {
    start: (from: string, to: string) => `把 ${from} 搬到 ${to}：`,
    table: (table: string, rows: number) => `  ${table}：${rows} 行，条数一致`,
    done: (tables: number, rows: number) => `完成：${tables} 张表共 ${rows} 行，条数逐表核对一致。把 SHUOSHI_DB 改成这个 PostgreSQL 地址再启动机器人`,
    notSqlite: (from: string) => `--from ${from} 不是 SQLite 数据库文件`,
    noSource: (from: string) => `找不到数据库文件 ${from}`,
    notPostgres: (to: string) => `--to ${to} 不是 PostgreSQL 地址（应以 postgres:// 开头）`,
    notEmpty: (to: string, tables: string[]) => `${to} 里已经有数据（${tables.join('、')}），为免覆盖或混在一起，只往空数据库里搬`,
    mismatch: (table: string, from: number, to: number) => `${table} 条数对不上：原库 ${from} 行，新库 ${to} 行，已全部撤销`,
    failed: (reason: string) => `搬迁失败，目标数据库没有改动：${reason}`,
  },
  backup: {
    done: (file: string, kb: number, tickets: number) => `已备份到 ${file}（${kb} KB，${tickets} 张工单，完整性检查通过）`,
    notSqlite: (url: string) => `${url} 不是 SQLite 数据库文件；PostgreSQL 请用 pg_dump 备份`,
    noSource: (file: string) => `找不到数据库文件 ${file}（用环境变量 SHUOSHI_DB 或 --db 指定）`,
    exists: (file: string) => `${file} 已经存在。换个文件名，或加 --force 覆盖`,
    corrupt: (detail: string) => `备份出来的文件没有通过完整性检查：${detail.slice(0, 200)}`,
  },

  // --- digests (committee and township rooms; 日报/周报/月报 on demand) ---------------------------
  digest: {
    title: (scope: string, date: string) => `【${scope}日报】${date}`,
    weeklyTitle: (scope: string, from: string, to: string) => `【${scope}周报】${from}—${to}`,
    monthlyTitle: (scope: string, year: number, month: number) => `【${scope}月报】${year}年${month}月`,
    day: (month: number, day: number) => `${month}月${day}日`,
    yesterday: (n: { created: number; accepted: number; resolved: number; closed: number }) =>
      `昨日：新报 ${n.created} · 接单 ${n.accepted} · 办结 ${n.resolved} · 销号 ${n.closed}`,
    categories: (cats: [string, number][], privateN: number) =>
      `新报分类：${[...cats.map(([c, n]) => `${c} ${n}`), ...(privateN ? [`调解事项 ${privateN}`] : [])].join(' · ')}`,
    rates: (done: string, satisfied: string, days: number) => `近${days}天：办结率 ${done} · 满意率 ${satisfied}`,
    overdue: (n: number, items: string[], privateN: number) =>
      `⏰超时 ${n} 件：${items.join('；')}${n - privateN > items.length ? ' 等' : ''}${privateN ? `（含调解事项 ${privateN} 件）` : ''}`,
    overdueItem: (no: number, handler: string, late: string) => `#${no} ${handler} 超${late}`,
    openHeader: (n: number) => (n ? `未办结 ${n} 件（最久的在前）：` : '未办结：0 件 👍'),
    openLine: (no: number, category: string, status: string, handler: string, age: string) =>
      `${ref(no)}【${category}】${status}${handler ? `·${handler}` : ''} · 已${age}`,
    more: (n: number) => `……另有 ${n} 件，私信“待办”查看全部。`,
    disputes: (n: number) => `调解事项 ${n} 件（详情不公开）`,
    // weekly and monthly: each figure with the previous period's
    prevWeek: () => '上周',
    prevMonth: () => '上月',
    prevDays: (days: number) => `前${days}天`,
    count: (label: string, cur: number, prev: number, prevName: string) =>
      `${label} ${cur} 件（${prevName} ${prev}，${cur > prev ? `↑${cur - prev}` : cur < prev ? `↓${prev - cur}` : '持平'}）`,
    rate(label: string, cur: number | null, prev: number | null, prevName: string): string {
      const pts = cur !== null && prev !== null ? Math.round((cur - prev) * 1000) / 10 : null
      const move = pts === null ? '' : pts > 0 ? `，↑${pts}个百分点` : pts < 0 ? `，↓${-pts}个百分点` : '，持平'
      return `${label} ${T.ratio(cur)}（${prevName} ${T.ratio(prev)}${move}）`
    },
    time: (label: string, cur: number | null, prev: number | null, prevName: string) =>
      `${label} ${cur === null ? '—' : T.duration(cur)}（${prevName} ${prev === null ? '—' : T.duration(prev)}）`,
    privateCount: (n: number) => `其中调解事项 ${n} 件（详情不公开）`,
    overdueNow: (n: number) => `当前超时未办结 ${n} 件`,
    gridHeader: () => '各网格：',
    groupLine: (name: string, created: number, done: string, overdue: number) => `· ${name} 新报${created} · 办结率 ${done} · 超时${overdue}`,
    boardHeader: () => '干部红黑榜：',
    cadreLine: (name: string, accepted: number, avg: string, resolved: number, overdue: number) =>
      `· ${name} 接单${accepted}${accepted ? `（平均${avg}）` : ''} · 办结${resolved} · 超时${overdue}`,
    red: (fastest: string | null, most: string | null) =>
      `🔴红榜：${[fastest && `接单最快 ${fastest}`, most && `办结最多 ${most}`].filter(Boolean).join('；') || '—'}`,
    black: (worst: string | null) => `⚫黑榜：${worst ? `超时最多 ${worst}` : '无人超时 👍'}`,
    fastest: (names: string[], avg: string) => `${names.join('、')}（平均${avg}）`,
    mostN: (names: string[], n: number) => `${names.join('、')}（${n}件）`,
    // township: one digest for all its villages, ranked
    townshipRates: (done: string, satisfied: string, overdue: number, days: number) =>
      `近${days}天：办结率 ${done} · 满意率 ${satisfied} · 超时 ${overdue} 件`,
    rankHeader: (span: string) => `各村排名（${span}办结率）：`,
    rankLine: (i: number, name: string, done: string, satisfied: string, created: number, overdue: number) =>
      `${i}. ${name} 办结率 ${done} · 满意率 ${satisfied} · 新报${created} · 超时${overdue}`,
    spanDays: (days: number) => `近${days}天`,
    spanWeek: () => '本周',
    spanMonth: () => '本月',
    chartCaption: (scope: string) => `${scope}周报图表`,
  },

  // --- the weekly chart (PNG) --------------------------------------------------------------------
  chart: {
    title: (scope: string) => `${scope} 一周工单`,
    subtitle: (from: string, to: string, created: number, done: string) => `${from}—${to} · 新报 ${created} 件 · 办结率 ${done}`,
    dayPanel: () => '每天新报（按现在的状态）',
    categoryPanel: () => '按类别',
    open: () => '未办结',
    done: () => '已办结',
    other: () => '合并/撤回/退回',
    privateCategory: () => '调解事项',
    empty: () => '本周没有新报事',
  },

  // --- 日报 / 周报 / 月报 / 台账 commands -------------------------------------------------------------
  report: {
    empty: (scope: string) => `${scope}还没有工单，暂无报表。`,
    sentPrivately: () => '已私信发给您。',
    ledgerCaption: (scope: string, span: string, tickets: number, events: number) =>
      `${scope} ${span}台账：工单 ${tickets} 件，办理记录 ${events} 条，见下方文件（报事人已打码）。`,
    ledgerSpan: (year: number, month: number) => `${year}年${month}月`,
    badMonth: () => '格式：台账 11月，也可以写 台账 本月、台账 上月、台账 2026-11',
  },

  // --- the ledger workbook and CSV (read in Excel) -----------------------------------------------
  ledger: {
    ticketsSheet: () => '工单',
    eventsSheet: () => '办理记录',
    summarySheet: () => '汇总',
    ticketHeaders: () => [
      '编号', '村', '群', '类别', '紧急', '地点', '内容', '报事人', '报事时间', '接单时间', '办结时间', '销号时间',
      '处理人', '状态', '满意度', '用时（小时）', '超时', '备注',
    ],
    eventHeaders: () => ['村', '编号', '时间', '事项', '操作人', '原状态', '新状态', '备注'],
    summaryHeaders: () => [
      '村', '新报', '计入考核', '已办结', '办结率', '满意率', '按时办结率', '平均接单（小时）', '平均办结（小时）',
      '当前超时未办结', '调解事项',
    ],
    total: () => '合计',
    yes: () => '是',
    no: () => '否',
    privateText: () => '（调解事项，详情不入台账）',
    privateChat: () => '私信',
    feedback: { satisfied: '满意', unsatisfied: '不满意', default: '默认满意' } as Record<string, string>,
    period: (from: string, to: string, tz: string, at: string) => `统计区间：${from} 至 ${to}（${tz}）· 生成于 ${at} · 口径见 README`,
    noVillage: (name: string, names: string[]) => `没有叫「${name}」的村，可选：${names.join('、')}`,
    badDate: (s: string) => `日期应写成 YYYY-MM-DD，例如 2026-11-01，实际是「${s}」`,
    backwards: () => '--to 不能早于 --from',
    written: (file: string, tickets: number, events: number) => `已写入 ${file}：工单 ${tickets} 件，办理记录 ${events} 条`,
  },
}

export type Templates = typeof T
