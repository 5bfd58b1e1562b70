import { FRAME_MS } from '../playout/airing.ts';
import type { RelaySummary } from './relayFeed.ts';
import { STOP_REASONS, type StopReason } from './sourceStop.ts';

/**
 * The sentence a relay airing's airtime row carries in its `detail` (issue 11): what aired of it,
 * when, and why the source stopped. Its shape is fixed, so the report reads the reason back
 * (relayStopOf); times are from the relay's start:
 *   "relay: relayed 7:31 of 15:00; source 0:00–7:31 stopped: ended (the source closed its stream);
 *    fallback 7:31–15:00 no source: ended (the source closed its stream); 2 retries"
 */

/** Segments written out in full; a flapping source's further ones are counted. */
const MAX_SEGMENTS = 6;

/** "m:ss" of a slot count. */
function clock(frames: number): string {
  const s = Math.round(frames * FRAME_MS / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The detail sentence of slots [sum.from, sum.to) of a relay (times from the relay's start; the retries within them). */
export function describeRelay(sum: RelaySummary): string {
  const parts = [`relay: relayed ${clock(sum.source)} of ${clock(sum.to - sum.from)}`];
  const shown = sum.segments.slice(0, MAX_SEGMENTS).map((s) => {
    const span = `${s.kind} ${clock(s.from)}–${clock(s.to)}`;
    if (!s.why) return span;
    const why = `${s.why.reason} (${s.why.message})`;
    return s.kind === 'source' ? `${span} stopped: ${why}` : `${span} no source: ${why}`;
  });
  if (sum.segments.length > MAX_SEGMENTS) shown.push(`${sum.segments.length - MAX_SEGMENTS} more segments`);
  parts.push(...shown);
  if (sum.underrun > 0) parts.push(`${clock(sum.underrun)} of silence while the source lagged`);
  if (sum.retries > 0) parts.push(`${sum.retries} ${sum.retries === 1 ? 'retry' : 'retries'}`);
  return parts.join('; ');
}

/** The first reason a relay row's detail gives for its source stopping (or never airing); null when none. */
export function relayStopOf(detail: string | null): StopReason | null {
  const m = /(?:stopped|no source): ([a-z-]+)/.exec(detail ?? '');
  const reason = m?.[1] as StopReason | undefined;
  return reason !== undefined && STOP_REASONS.includes(reason) ? reason : null;
}
