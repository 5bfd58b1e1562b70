/**
 * The airtime journal's row of one play (playout/airtimeJournal.ts), and what is said of it when the
 * database refuses it: which errors are the row's own, and the shutdown line of a row never written.
 */
import type { AirtimeEnd, AirtimeStart } from '../storage/airtime.ts';

/** One zone's row of one play, as far as the database has it. */
export interface JournalRow {
  handle: number;
  zoneId: string;
  start: AirtimeStart;
  /** The database id once the start is written. */
  id: number | null;
  end: AirtimeEnd | null;
}

/**
 * Errors of one row's data, not of the database (a CHECK the row breaks): retrying them keeps that row
 * waiting but must not hold up the other rows. Any other error (busy, full, read-only, I/O) would fail
 * every write alike, so a retry pass stops at it instead of waiting on each write in turn.
 */
export const rowSpecific = (err: unknown) => /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(String((err as { code?: unknown }).code ?? ''));
export const describeError = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' ? `${code}: ${message}` : message;
};
export const iso = (ms: number) => new Date(ms).toISOString();

/** The shutdown line of a row the database never took: everything the row would have said. */
export function lostRow(row: JournalRow, lastError: string | null): [Record<string, unknown>, string] {
  const { entry, startedAt, outputs } = row.start;
  const end = row.end && { ...row.end, endedAt: iso(row.end.endedAt), playedMs: Math.round(row.end.playedMs) };
  const airtimeRow = {
    zone: row.zoneId, itemId: entry.itemId, title: entry.item.title, kind: entry.item.kind, topics: entry.item.topics,
    source: entry.source, window: entry.window, plannedStart: iso(entry.startMs), startedAt: iso(startedAt), outputs, end,
  };
  const msg = row.id === null
    ? 'airtime row lost: the database refused it until shutdown (its content is in this line)'
    : 'airtime row end lost: the row stays open and the next start closes it as interrupted (its end is in this line)';
  return [{ airtimeRow, startWritten: row.id !== null, rowId: row.id, error: lastError }, msg];
}
