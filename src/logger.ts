import { pino, type Logger } from 'pino';

/** The root logger (JSON lines on stdout); modules take `log.child({ module })`. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'loa' }, timestamp: pino.stdTimeFunctions.isoTime });
}
