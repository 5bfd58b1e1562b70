// What the relay-chain bench measures, apart from the servers it runs: which received frame starts
// each item, when a plain client got it, and when a device that plays what it receives would have
// played it. Pure, so a unit test can check it on made-up arrivals.
import { FRAME_MS } from '../src/playout/airing.ts';

/** One received frame: its bytes as hex and the wall-clock ms it arrived. */
export interface ReceivedFrame {
  hex: string;
  at: number;
}

/** An item's frames (see framesOf): the item whose set holds a frame is the item that frame belongs to. */
export interface ItemFrames {
  name: string;
  frames: Set<string>;
}

/** Where each aired item begins in what a client received: the index of its first frame, in order. */
export function itemStarts(received: readonly ReceivedFrame[], items: readonly ItemFrames[]): { name: string; index: number }[] {
  const starts: { name: string; index: number }[] = [];
  let current: string | null = null;
  for (let i = 0; i < received.length; i++) {
    const owner = items.find((it) => it.frames.has(received[i]!.hex))?.name ?? null;
    // A frame no item owns (silence, a frame two items share) neither starts nor ends an item.
    if (owner === null || owner === current) continue;
    starts.push({ name: owner, index: i });
    current = owner;
  }
  return starts;
}

/**
 * When a device that starts playing at its first frame and then plays frame after frame, waiting
 * when the next has not arrived (no jitter buffer of its own), plays each received frame. A burst of
 * past audio at connection makes everything after it play late by the burst's length.
 */
export function playTimes(received: readonly ReceivedFrame[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < received.length; i++) {
    const at = received[i]!.at;
    out.push(i === 0 ? at : Math.max(at, out[i - 1]! + FRAME_MS));
  }
  return out;
}

/** The start-time errors (ms, + late / − early) of the items that began at `plannedStarts`, in order. */
export interface StartErrors {
  /** First frame's arrival at a plain client minus the planned start. */
  arrival: number[];
  /** When a playing device would have played it minus the planned start. */
  played: number[];
}

/**
 * Matches the k-th item start found in the stream with the k-th planned start (the programme airs
 * its items in order, alternating so that consecutive items differ). Starts not found are missing
 * from the result (the caller compares lengths).
 */
export function startErrors(received: readonly ReceivedFrame[], items: readonly ItemFrames[], plannedStarts: readonly number[]): StartErrors {
  const starts = itemStarts(received, items).slice(0, plannedStarts.length);
  const played = playTimes(received);
  return {
    arrival: starts.map((s, k) => received[s.index]!.at - plannedStarts[k]!),
    played: starts.map((s, k) => played[s.index]! - plannedStarts[k]!),
  };
}

/** Median, 95th percentile and largest of the absolute values (ms). */
export function absSummary(values: readonly number[]): { median: number; p95: number; max: number } {
  const sorted = values.map(Math.abs).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}
