import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * The root logger; modules take `log.child({ module })`. JSON lines for log collectors, or, when
 * stdout is a terminal (a person ran `npm start`), short readable lines.
 */
export function createLogger(level: string, opts: { pretty?: boolean } = {}): Logger {
  const options = { level, base: { service: 'loa' }, timestamp: pino.stdTimeFunctions.isoTime };
  if (!opts.pretty) return pino(options);
  return pino(options, pretty({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }));
}
