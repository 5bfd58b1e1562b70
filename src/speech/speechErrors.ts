/**
 * How a speech failure reaches the operator: a catalogue message with its cause, and a status that
 * says whose problem it is — 422 when the station has no engine (its configuration), 503 when the
 * configured program is not there, 502 when the engine ran and failed or wrote no speech, 504 when
 * it ran past its time. Never a bare 500.
 */
import { ApiError } from '../errors.ts';
import type { Localized } from '../i18n/words.ts';
import type { EngineRunError } from './engineCommand.ts';
import type { SpeechAudioCheck } from './speechAudio.ts';

/** The setting an operator's administrator changes; named in every error about the engine. */
const SETTING = { setting: 'LOA_TTS_COMMAND' };

/** What was wrong with the engine's output, in both languages. */
export const OUTPUT_PROBLEMS: Record<Exclude<SpeechAudioCheck, { ok: true }>['problem'], Localized> = {
  'no-file': { vi: 'không ghi ra tệp âm thanh nào', en: 'it wrote no audio file' },
  empty: { vi: 'tệp âm thanh ghi ra bị rỗng', en: 'the audio file it wrote is empty' },
  'not-audio': { vi: 'tệp ghi ra không phải âm thanh', en: 'what it wrote is not audio' },
  silent: { vi: 'âm thanh ghi ra chỉ toàn im lặng', en: 'what it wrote is only silence' },
};

/** «the text of a speech item», for a 404 on an item made from a file. */
export const SPEECH_TEXT: Localized = { vi: 'văn bản đọc của tin bài', en: 'speech text of item' };

const NO_MESSAGE: Localized = { vi: '(bộ đọc không ghi lý do)', en: '(the engine gave no reason)' };

/** The station set `LOA_TTS_COMMAND=` (no engine): speech cannot be made here at all. */
export const speechUnavailable = () => new ApiError(422, 'speech-unavailable', {}, SETTING);

/** An engine run that failed, as the error the operator reads (the engine's own stderr is the cause). */
export function engineFailure(err: EngineRunError, timeoutSeconds: number): ApiError {
  const cause = err.stderrTail || NO_MESSAGE;
  const details = { ...SETTING, program: err.program, exitCode: err.exitCode, stderr: err.stderrTail };
  switch (err.kind) {
    case 'missing':
      return new ApiError(503, 'speech-engine-missing', { program: err.program, reason: err.stderrTail || 'ENOENT' }, details);
    case 'timeout':
      return new ApiError(504, 'speech-engine-timeout', { program: err.program, seconds: timeoutSeconds, cause: err.stderrTail }, details);
    case 'exit':
      return new ApiError(502, 'speech-engine-failed', { program: err.program, exitCode: err.exitCode ?? '—', cause }, details);
  }
}

/** An engine that exited 0 but left no usable speech. */
export function outputFailure(program: string, check: Exclude<SpeechAudioCheck, { ok: true }>): ApiError {
  return new ApiError(502, 'speech-engine-no-audio', { program, problem: OUTPUT_PROBLEMS[check.problem], out: '{out}' }, {
    ...SETTING, program, problem: check.problem, details: check.details,
  });
}
