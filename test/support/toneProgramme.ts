import { createFrameLoader } from '../../src/playout/frameSource.ts';
import type { FrameLoader, FrameSource } from '../../src/playout/frameSource.ts';
import type { EntrySource, ProgrammeEntry, ProgrammeSource } from '../../src/playout/programme.ts';
import type { AirtimeRecorder } from '../../src/storage/airtime.ts';
import { makeTone } from './makeAudio.ts';

/**
 * Programmes of sine tones for end-to-end playout tests: canonical MP3 items (as ingest makes them)
 * and back-to-back entries over them, so what a listener hears can be checked tone by tone (tones.ts).
 */

/** A canonical MP3 item holding one sine tone, indexed into frames. */
export interface ToneSource extends FrameSource {
  freq: number;
}

/**
 * Encodes one `seconds`-long tone per frequency as canonical audio (MP3 CBR mono 44.1 kHz 96 kbps, no
 * Xing frame, no ID3) into `dir`, and indexes each with `load` (pass the player's loader to share its cache).
 */
export async function makeToneSources(dir: string, freqs: number[], seconds: number, load: FrameLoader = createFrameLoader()): Promise<ToneSource[]> {
  const mp3 = { bitrateKbps: 96, xing: false, id3: false };
  const files = await Promise.all(freqs.map((freq) => makeTone(dir, { freq, seconds, format: 'mp3', channels: 1, sampleRate: 44100, mp3 })));
  const sources = await Promise.all(files.map((f) => load(f)));
  return sources.map((s, i) => ({ ...s, freq: freqs[i] as number }));
}

/** What tone entries say besides their audio: key prefix, window label and source. */
export interface ToneEntryOptions {
  /** Entry `n` gets the key `${keyPrefix}:${n}` (default 'slot'). */
  keyPrefix?: string;
  /** Default '05:30-06:30'. */
  window?: string | null;
  /** Default 'plan'. */
  source?: EntrySource;
}

/** Entry number `n` of a tone programme, airing `tone` whole from `startMs`. */
export function toneEntry(tone: ToneSource, startMs: number, n: number, opts: ToneEntryOptions = {}): ProgrammeEntry {
  return {
    key: `${opts.keyPrefix ?? 'slot'}:${n}`,
    itemId: `tone-${tone.freq}`,
    startMs,
    endMs: startMs + tone.durationMs,
    window: opts.window === undefined ? '05:30-06:30' : opts.window,
    source: opts.source ?? 'plan',
    audioPath: tone.path,
    durationMs: tone.durationMs,
    item: { title: `Âm thử ${tone.freq} Hz`, kind: 'khac', topics: [], ceremonial: false, unit: null, priority: 'normal' },
  };
}

/** Back-to-back entries from `startMs`, each starting where the previous one's planned duration ends. */
export function backToBack(tones: ToneSource[], startMs: number, opts: ToneEntryOptions = {}): ProgrammeEntry[] {
  let at = startMs;
  return tones.map((t, i) => {
    const e = toneEntry(t, at, i, opts);
    at = e.endMs;
    return e;
  });
}

/** A ProgrammeSource serving the same entries to every player. */
export function fixedProgramme(entries: ProgrammeEntry[]): ProgrammeSource {
  return { entriesBetween: (_id, from, to) => entries.filter((e) => e.endMs > from && e.startMs < to) };
}

/** An AirtimeRecorder that remembers nothing: for tests about the stream, not the log. */
export function noAirtime(): AirtimeRecorder {
  let id = 0;
  return { recordStart: () => ++id, heartbeat: () => {}, recordEnd: () => {}, alreadyAired: () => false };
}
