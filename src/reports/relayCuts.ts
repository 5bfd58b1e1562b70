/**
 * The relay airings of the month that were cut short (issue 11): one line per airing, outcome and
 * reason, with the zones it reached and the minutes actually relayed. Relay rows count only the
 * source's audio as played (src/relay/relayRecord.ts), and their detail names why the source
 * stopped (src/relay/relayDetail.ts), which is read back here.
 */
import { formatInstant } from '../domain/time.ts';
import { relayStopOf } from '../relay/relayDetail.ts';
import type { Db } from '../storage/db.ts';
import { listRelayCuts } from '../storage/reportRelays.ts';
import type { RelayCut } from './model.ts';
import { toMinutes } from './model.ts';

/** The reason a cut row gives: a bulletin or "play now" that took the air, the source's stop, or other. */
function reasonOf(outcome: string, detail: string | null): RelayCut['reason'] {
  if (outcome === 'preempted') return 'preempted';
  const stop = relayStopOf(detail);
  if (stop === 'connecting') return 'unreachable';
  return stop ?? 'other';
}

/** The cut-short relay airings started in [fromMs, toMs) (one zone's when given), in start order. */
export function relayCutsSection(db: Db, scope: { fromMs: number; toMs: number; zone: string | null; tz: string }): RelayCut[] {
  const lines = new Map<string, RelayCut & { zoneIds: Set<string>; relayedMs: number }>();
  for (const row of listRelayCuts(db, scope)) {
    if (row.outcome === 'skipped') continue;
    const reason = reasonOf(row.outcome, row.detail);
    const planned = row.plannedStart ?? row.startedAt;
    const key = `${row.itemId}\u001f${planned}\u001f${row.outcome}\u001f${reason}`;
    const line = lines.get(key) ?? {
      itemId: row.itemId, title: row.itemTitle, plannedStart: formatInstant(planned, scope.tz), zones: 0, relayedMinutes: 0,
      outcome: row.outcome, reason, detail: row.detail, zoneIds: new Set<string>(), relayedMs: 0,
    };
    line.zoneIds.add(row.zoneId);
    // The zones share one feed: what was relayed is the most any of them aired.
    line.relayedMs = Math.max(line.relayedMs, row.playedMs);
    lines.set(key, line);
  }
  return [...lines.values()].map(({ zoneIds, relayedMs, ...line }) => ({ ...line, zones: zoneIds.size, relayedMinutes: toMinutes(relayedMs) }));
}
