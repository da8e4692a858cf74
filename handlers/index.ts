// Every feature of the bot, in the order the router tries them.
import type { Command, Job, Listener } from '../src/router.js'
import accept from './accept.js'
import attachment from './attachment.js'
import attachmentPurge from './attachment-purge.js'
import digest from './digest.js'
import duplicate from './duplicate.js'
import duty from './duty.js'
import feedback from './feedback.js'
import feedbackTimeout from './feedback-timeout.js'
import help, { registry } from './help.js'
import privateReport from './private-report.js'
import progress from './progress.js'
import query from './query.js'
import recall from './recall.js'
import report from './report.js'
import resolve from './resolve.js'
import returnCmd from './return.js'
import todo from './todo.js'
import transfer from './transfer.js'

export const commands: Command[] = [
  accept, progress, resolve, transfer, returnCmd, duplicate, todo, query, duty, help,
] as Command[]
registry.push(...commands)

/** Tried in order for messages that are not commands. */
export const listeners: Listener[] = [recall, attachment, feedback, report, privateReport]

export const jobs: Job[] = [feedbackTimeout, digest, attachmentPurge]
