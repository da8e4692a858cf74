// A small leveled logger on stderr (stdout belongs to the simulator's transcript).
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent'
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export interface Logger {
  debug(msg: string, data?: unknown): void
  info(msg: string, data?: unknown): void
  warn(msg: string, data?: unknown): void
  error(msg: string, data?: unknown): void
}

export function createLogger(level: Level = (process.env['SHUOSHI_LOG_LEVEL'] as Level) || 'info'): Logger {
  const min = ORDER[level] ?? ORDER.info
  const write = (lvl: Level, msg: string, data?: unknown): void => {
    if (ORDER[lvl] < min) return
    const extra = data === undefined ? '' : ' ' + stringify(data)
    process.stderr.write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${msg}${extra}\n`)
  }
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  }
}

function stringify(data: unknown): string {
  if (data instanceof Error) return data.stack ?? data.message
  try {
    return JSON.stringify(data, (_k, v) => (v instanceof Error ? (v.stack ?? v.message) : v))
  } catch {
    return String(data)
  }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
