/**
 * Why a relay's source stopped airing, or could not air: what the airtime log and the report say of
 * a relay cut short. Pure: read from ffmpeg's exit and its last words (sourcePull.ts) or from the
 * feed's watchdog (relayFeed.ts).
 */

/**
 * - connecting: the first connection has not answered yet (the relay's start waits for it)
 * - unreachable: refused, unknown host, no route, or no answer in time
 * - http-status: the server answered with an error status
 * - ended: the source closed its stream, or the connection was lost after audio came
 * - silent: the source sent only silence for longer than its limit
 * - stalled: the source stopped sending audio for longer than the limit
 * - ffmpeg-error: what came was not audio ffmpeg could read, or ffmpeg failed
 */
export const STOP_REASONS = ['connecting', 'unreachable', 'http-status', 'ended', 'silent', 'stalled', 'ffmpeg-error'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

/** A source's stop: its reason, a sentence with the detail (ffmpeg's own words), and the HTTP status for http-status. */
export interface SourceStop {
  reason: StopReason;
  message: string;
  status?: number;
}

const UNREACHABLE = /connection refused|failed to resolve hostname|name or service not known|no route to host|network is unreachable|connection timed out|operation timed out|timed out|temporary failure in name resolution|host is down|connection reset/i;
const NOT_AUDIO = /invalid data found|could not find codec|does not contain any stream|output file #0 does not contain|no such file|protocol not found|unsupported/i;

/**
 * What an ffmpeg that pulled a source and exited with `code` says about the source, from the last
 * lines of its stderr. A clean exit is the source ending its stream (a live stream has no end); a
 * network error after audio came (`hadAudio`) is a lost connection, not an unreachable source.
 */
export function classifyExit(code: number | null, stderr: string, hadAudio: boolean): SourceStop {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/silence_(start|end)/.test(l));
  const last = lines.at(-1) ?? '';
  const status = /Server returned (\d{3})|HTTP error (\d{3})/i.exec(stderr);
  if (status) {
    const n = Number(status[1] ?? status[2]);
    return { reason: 'http-status', status: n, message: `the server answered HTTP ${n}${last ? `: ${tail(last)}` : ''}` };
  }
  const unreachable = lines.find((l) => UNREACHABLE.test(l));
  if (unreachable) return hadAudio ? { reason: 'ended', message: `the connection was lost: ${tail(unreachable)}` } : { reason: 'unreachable', message: tail(unreachable) };
  if (code === 0) return { reason: 'ended', message: 'the source closed its stream' };
  const notAudio = lines.find((l) => NOT_AUDIO.test(l));
  if (notAudio) return { reason: 'ffmpeg-error', message: `not audio ffmpeg can read: ${tail(notAudio)}` };
  return { reason: 'ffmpeg-error', message: `ffmpeg exited with code ${code ?? 'null'}${last ? `: ${tail(last)}` : ''}` };
}

/** The part of an ffmpeg line after its "[component @ 0x…]" prefix, at most 200 characters, passwords hidden. */
function tail(line: string): string {
  return hidePasswords(line.replace(/^\[[^\]]*\]\s*/, '')).slice(0, 200);
}

/** A text with the password of every URL in it shown as *** (decisions §1: it reaches logs and the airtime log). */
export function hidePasswords(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):[^\s/@]*@/gi, '$1:***@');
}
