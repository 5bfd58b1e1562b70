import type { Airing } from '../playout/airing.ts';
import type { AirtimeOutcome } from '../storage/airtime.ts';
import { describeRelay } from './relayDetail.ts';
import type { RelayFrames } from './relayFeed.ts';

/**
 * The airtime record of a relay airing (issue 11): an outcome that never says more than happened,
 * `playedMs` counting only the source's audio (the fallback is not the relay), and the detail
 * sentence of relayDetail.ts.
 */

/** The relay frames of an airing, or null for an item's. */
export function relayFramesOf(a: Airing): RelayFrames | null {
  const frames = a.frames as Partial<RelayFrames>;
  return frames.relayFeed ? (frames as RelayFrames) : null;
}

/** How a zone player closes an airing's rows. */
export interface AiringEnd {
  /** The airing as the log should count it (a relay's: `written` = the source's frames only). */
  airing: Airing;
  outcome: AirtimeOutcome;
  detail: string | null;
}

/**
 * The end of an airing's rows: an item's as the player says; a relay's from what aired of it. A relay
 * whose every frame in the row came from the source keeps the player's outcome ('completed' at its
 * end); one where the fallback or silence stood in for part of it is 'interrupted' (some source
 * aired) or 'failed' (none did), whatever ran to the end. Its played time counts the source's frames
 * only, and its detail says what aired when and why the source stopped.
 */
export function endOfAiring(a: Airing, outcome: AirtimeOutcome, detail: string | null): AiringEnd {
  const relay = relayFramesOf(a);
  if (!relay) return { airing: a, outcome, detail };
  // Frames go out in order from the airing's first; a clock step may have skipped some, counted here as aired.
  const sum = relay.relayFeed.summarize(a.next - a.written, a.next);
  const stoodIn = sum.fallback + sum.silence > 0;
  const verdict: AirtimeOutcome = outcome !== 'completed' || !stoodIn ? outcome : sum.source > 0 ? 'interrupted' : 'failed';
  const said = describeRelay(sum);
  return { airing: { ...a, written: sum.source }, outcome: verdict, detail: detail === null ? said : `${detail}; ${said}` };
}
