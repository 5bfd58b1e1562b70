/**
 * Speech from text: the station's engine (a command template, src/speech/engineCommand.ts) reads a
 * normalised Vietnamese text into a WAV, which is checked, then either previewed or handed to the
 * same ingest as an upload (loudness, `pending`, review before it can air).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { seesOnlyOwnItems } from '../access/roles.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Role } from '../domain/user.ts';
import { ApiError, badRequest, validationError } from '../errors.ts';
import type { ItemService } from '../library/itemService.ts';
import type { Db } from '../storage/db.ts';
import { insertItemSpeech } from '../storage/itemSpeech.ts';
import { EngineRunError, fillTemplate, runEngineCommand, splitTemplate } from './engineCommand.ts';
import { checkSpeechAudio, encodePreview } from './speechAudio.ts';
import { engineFailure, outputFailure, speechUnavailable } from './speechErrors.ts';
import { SPEECH_LIMITS, SpeechItemBody, SpeechOptions, wordsPerMinute, type SpeechInfo, type SpeechItemInput } from './speechInput.ts';
import { hasSpeakableText, normaliseForSpeech } from './speechText.ts';

export interface SpeechDeps {
  config: Pick<Config, 'ttsCommand' | 'ttsVoices' | 'ttsTimeoutSeconds' | 'loudnessTargetLufs'>;
  db: Db;
  clock: Clock;
  log: Logger;
  items: ItemService;
  ffmpegPath: string;
  /** Where the engine's text and audio files live while it works (swept of leftovers at start). */
  tmpDir: string;
  /** Where uploads wait for ingest: a finished speech file moves there. */
  incomingDir: string;
  /** The engine's environment (PATH finds the program); the daemon's own by default. */
  env?: NodeJS.ProcessEnv;
}

/** Who asks for a speech item: a signed-in user (a submitting unit's items carry its unit). */
export interface SpeechUser {
  id: string;
  role: string;
  unit?: string | null;
}

/** A rendered text: the WAV (the caller owns it and removes it) and what was said, how. */
export interface RenderedSpeech {
  wavPath: string;
  spoken: string;
  voice: string;
  rate: number;
  durationMs: number;
}

/** The longest note an item takes (ItemFields); the text goes into it so the review screen shows it. */
const NOTE_MAX = 4000;
const TEXT_LABEL = 'Văn bản đọc';

/** The item's note: the user's note, then the text that was spoken (cut to fit, the whole text is in item_speech). */
export function noteWithText(userNote: string | null | undefined, text: string): string {
  const head = userNote?.trim() ? `${userNote.trim()}\n\n` : '';
  const full = `${head}${TEXT_LABEL}: ${text}`;
  return full.length <= NOTE_MAX ? full : `${full.slice(0, NOTE_MAX - 1)}…`;
}

/** Removes engine files a crash left behind (they are only ever in use during one request). */
function sweepLeftovers(tmpDir: string, log: Logger): void {
  let names: string[];
  try {
    names = readdirSync(tmpDir);
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.startsWith('speech-'))) {
    void rm(join(tmpDir, name), { force: true, recursive: true });
    log.info({ file: name }, 'removed a leftover speech file');
  }
}

/**
 * The station's speech service. `available()` is false when `LOA_TTS_COMMAND` is empty; then every
 * other call rejects with 422 `speech-unavailable`. Engine failures reject with the ApiErrors of
 * speechErrors.ts (502/503/504, the engine's stderr as the cause); bad input with a 400 naming the field.
 */
export function createSpeech(deps: SpeechDeps) {
  const { config, log } = deps;
  const template = config.ttsCommand ? splitTemplate(config.ttsCommand) : null;
  const program = template?.[0] ?? '';
  const voices = config.ttsVoices;
  // Engines are CPU-bound: leave cores for playout and ingest.
  const queue = new PQueue({ concurrency: Math.max(1, Math.floor(availableParallelism() / 2)) });
  sweepLeftovers(deps.tmpDir, log);

  function optionsOf(opts: SpeechOptions): { voice: string; rate: number } {
    const parsed = SpeechOptions.safeParse(opts);
    if (!parsed.success) throw validationError(parsed.error.issues, 'body.');
    const voice = parsed.data.voice ?? voices[0]!;
    if (!voices.includes(voice)) throw badRequest('speech-voice-unknown', { voice, voices: voices.join(', ') }, { field: 'body.voice' });
    return { voice, rate: parsed.data.rate };
  }

  /** Normalises, runs the engine on a text file, checks its WAV. Leaves only the WAV (on success). */
  async function synthesise(text: string, opts: SpeechOptions): Promise<RenderedSpeech> {
    if (!template) throw speechUnavailable();
    const { voice, rate } = optionsOf(opts);
    const spoken = normaliseForSpeech(text);
    if (!hasSpeakableText(spoken)) throw badRequest('speech-nothing-to-say', {}, { field: 'body.text' });
    const base = join(deps.tmpDir, `speech-${randomUUID()}`);
    const textPath = `${base}.txt`;
    const wavPath = `${base}.wav`;
    const argv = fillTemplate(template, { in: textPath, out: wavPath, voice, wpm: String(wordsPerMinute(rate)), rate: String(rate) });
    try {
      await writeFile(textPath, `${spoken}\n`, 'utf8');
      await queue.add(() => runEngineCommand(argv, { timeoutMs: config.ttsTimeoutSeconds * 1000, env: deps.env }));
      const check = await checkSpeechAudio(deps.ffmpegPath, wavPath);
      if (!check.ok) throw outputFailure(program, check);
      return { wavPath, spoken, voice, rate, durationMs: check.durationMs };
    } catch (err) {
      await rm(wavPath, { force: true });
      if (err instanceof EngineRunError) {
        log.warn({ argv, kind: err.kind, exitCode: err.exitCode, stderr: err.stderrTail }, 'speech engine failed');
        throw engineFailure(err, config.ttsTimeoutSeconds);
      }
      if (err instanceof ApiError) log.warn({ argv, code: err.code, details: err.details }, 'speech engine wrote no usable audio');
      throw err;
    } finally {
      await rm(textPath, { force: true });
    }
  }

  return {
    /** Whether the station has a speech engine (`LOA_TTS_COMMAND` not empty). Says nothing of whether it works. */
    available: (): boolean => template !== null,

    /** What the admin page offers: engine or not, voices (first = default), text and rate limits. */
    info: (): SpeechInfo => ({
      available: template !== null,
      voices: template ? voices : [],
      defaultVoice: template ? voices[0]! : null,
      maxChars: SPEECH_LIMITS.maxChars,
      previewMaxChars: SPEECH_LIMITS.previewMaxChars,
      minRate: SPEECH_LIMITS.minRate,
      maxRate: SPEECH_LIMITS.maxRate,
      defaultRate: SPEECH_LIMITS.defaultRate,
    }),

    /**
     * Renders `text` (normalised first) with the voice (default: the first of LOA_TTS_VOICES) and rate
     * (0.6–1.6, default 1) to a WAV file in the data dir's tmp folder and resolves to its path. The
     * caller owns the file and must remove it. Rejects as described on createSpeech.
     */
    async render(text: string, opts: SpeechOptions = {}): Promise<string> {
      return (await synthesise(text, opts)).wavPath;
    },

    /** A short MP3 of `text` for the browser's «Nghe thử» (nothing is stored). */
    async preview(text: string, opts: SpeechOptions = {}): Promise<Buffer> {
      const rendered = await synthesise(text, opts);
      try {
        return await encodePreview(deps.ffmpegPath, rendered.wavPath, config.loudnessTargetLufs);
      } finally {
        await rm(rendered.wavPath, { force: true });
      }
    },

    /**
     * Speaks `input.text` and ingests the audio exactly like an upload: resolves (after synthesis,
     * before ingest ends) to the new item, `processing`, then `pending` — reviewed before it can air.
     * The text is kept (item_speech, and in the item's note for the review screen). `input` is
     * validated like POST /api/items/tts (400 naming the field); a submitting unit's item carries its unit.
     */
    async createSpeechItem(input: SpeechItemInput, user: SpeechUser) {
      if (!template) throw speechUnavailable();
      const parsed = SpeechItemBody.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues, 'body.');
      const { text, voice: _voice, rate: _rate, ...fields } = parsed.data;
      // The role matrix's own rule; a role is a plain string here because emergency actors carry one.
      if (seesOnlyOwnItems(user.role as Role) && user.unit) fields.unit = user.unit;
      const rendered = await synthesise(text, { voice: parsed.data.voice, rate: parsed.data.rate });
      const incomingPath = join(deps.incomingDir, `${basename(rendered.wavPath, '.wav')}.upload`);
      try {
        await rename(rendered.wavPath, incomingPath);
        const item = deps.db.transaction(() => {
          const created = deps.items.create(
            { ...fields, note: noteWithText(fields.note, text) },
            { incomingPath, originalName: `tts-${rendered.voice}-${rendered.rate}x.wav` },
            { id: user.id, role: user.role },
          );
          insertItemSpeech(deps.db, {
            itemId: created.id, text, spoken: rendered.spoken, voice: rendered.voice, rate: rendered.rate,
            engine: basename(program), createdAt: deps.clock.now(),
          });
          return created;
        })();
        log.info({ itemId: item.id, voice: rendered.voice, rate: rendered.rate, chars: text.length, speechMs: rendered.durationMs }, 'speech item made');
        return { id: item.id, item };
      } catch (err) {
        await rm(rendered.wavPath, { force: true });
        await rm(incomingPath, { force: true });
        throw err;
      }
    },

    /** Stops taking work and waits for running engines (shutdown). */
    async stop(): Promise<void> {
      queue.pause();
      queue.clear();
      await queue.onIdle();
    },
  };
}

export type Speech = ReturnType<typeof createSpeech>;
