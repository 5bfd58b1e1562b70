import pino from 'pino';
import type { Level, Logger } from 'pino';

/** One pino line as a test reads it back. */
export interface LogLine {
  level: number;
  msg: string;
}

/** A logger at `level` whose lines are kept, parsed, in `lines` (pino levels: 40 warn, 50 error). */
export function captureLog(level: Level): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  return { log, lines };
}
