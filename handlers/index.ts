// Every feature of the bot, in the order the router tries them.
import type { Command, Job, Listener } from '../src/router.js'
import accept from './accept.js'
import { announce, cancel as cancelAnnouncement, confirm as confirmAnnouncement } from './announce.js'
import attachment from './attachment.js'
import attachmentPurge from './attachment-purge.js'
import digest from './digest.js'
import digestCommands from './digest-commands.js'
import duplicate from './duplicate.js'
import duty, { swap as swapDuty, week as weekDuty } from './duty.js'
import { approveExtension, denyExtensionCmd, extend } from './extension.js'
import feedback from './feedback.js'
import feedbackTimeout from './feedback-timeout.js'
import help, { registry } from './help.js'
import ledger from './ledger.js'
import { agreed, ended, meet, visited } from './mediation.js'
import privateReport from './private-report.js'
import pruneFiles from './prune-files.js'
import progress from './progress.js'
import proxyReport from './proxy-report.js'
import query from './query.js'
import recall from './recall.js'
import report from './report.js'
import resolve from './resolve.js'
import returnCmd from './return.js'
import sla from './sla.js'
import { resumeCmd, suspendCmd } from './suspend.js'
import todo from './todo.js'
import transfer from './transfer.js'
import whistle from './whistle.js'

export const commands: Command[] = [
  accept, progress, resolve, transfer, returnCmd, duplicate,
  meet, agreed, ended, visited,
  whistle, extend, approveExtension, denyExtensionCmd, suspendCmd, resumeCmd,
  proxyReport, announce, confirmAnnouncement, cancelAnnouncement,
  todo, query, duty, swapDuty, weekDuty, ...digestCommands, ledger, help,
] as Command[]
registry.push(...commands)

/** Tried in order for messages that are not commands. */
export const listeners: Listener[] = [recall, attachment, feedback, report, privateReport]

export const jobs: Job[] = [feedbackTimeout, sla, digest, pruneFiles, attachmentPurge]
