/**
 * Why an upload could not become a library item, as a typed error with a Vietnamese message for the
 * uploader and an English one for logs and the API. The texts live here, in one catalogue, rather
 * than at the throw sites.
 */

/**
 * Every way ingest can refuse a file. `ffmpeg-failed` and `disk-full` are the server's fault (5xx);
 * the rest are 4xx.
 */
export type IngestErrorCode = 'empty' | 'not-audio' | 'corrupt' | 'silent' | 'too-long' | 'ffmpeg-failed' | 'disk-full';

/** Values some messages need (durations are in milliseconds). */
export interface IngestErrorParams {
  durationMs?: number;
  maxDurationMs?: number;
  /** True when decoding stopped at the limit, so `durationMs` is only how far it got. */
  durationIsLowerBound?: boolean;
}

interface MessagePair {
  vi: string;
  en: string;
}

const catalogue: Record<IngestErrorCode, (p: IngestErrorParams) => MessagePair> = {
  empty: () => ({ vi: 'Tệp rỗng', en: 'The file is empty' }),
  'not-audio': () => ({ vi: 'Tệp không phải âm thanh', en: 'The file is not audio' }),
  corrupt: () => ({ vi: 'Tệp âm thanh bị hỏng hoặc bị cắt cụt', en: 'The audio file is damaged or truncated' }),
  silent: () => ({ vi: 'Âm thanh im lặng hoàn toàn', en: 'The audio is completely silent' }),
  'too-long': (p) =>
    p.durationIsLowerBound
      ? {
          vi: `Âm thanh dài hơn giới hạn ${formatDurationVi(p.maxDurationMs ?? 0)}`,
          en: `The audio is longer than the ${formatDurationEn(p.maxDurationMs ?? 0)} limit`,
        }
      : {
          vi: `Âm thanh dài ${formatDurationVi(p.durationMs ?? 0)}, vượt giới hạn ${formatDurationVi(p.maxDurationMs ?? 0)}`,
          en: `The audio is ${formatDurationEn(p.durationMs ?? 0)} long, over the ${formatDurationEn(p.maxDurationMs ?? 0)} limit`,
        },
  'ffmpeg-failed': () => ({
    vi: 'Lỗi máy chủ khi xử lý âm thanh, vui lòng thử lại sau',
    en: 'The server failed to process the audio; please try again later',
  }),
  // The operator who reads this can act on it (free space), so it says so rather than "try again".
  'disk-full': () => ({
    vi: 'Ổ đĩa của máy chủ đã đầy nên không lưu được âm thanh; hãy giải phóng dung lượng rồi tải lại',
    en: "The server's disk is full, so the audio could not be stored; free some space and upload again",
  }),
};

/** A refused ingest: `code` for programs, `messageVi` for the uploader, `message` (English) for logs. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  readonly code: IngestErrorCode;
  readonly messageVi: string;
  readonly params: IngestErrorParams;
  /** Diagnostic text for logs only (e.g. the tail of ffmpeg's stderr); never shown to uploaders. */
  readonly details: string | undefined;

  constructor(code: IngestErrorCode, opts: { params?: IngestErrorParams; details?: string; cause?: unknown } = {}) {
    const params = opts.params ?? {};
    const text = catalogue[code](params);
    super(text.en, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.messageVi = text.vi;
    this.params = params;
    this.details = opts.details;
  }

  /** True when the failure is ours (HTTP 5xx, retry may help), false when the file itself is at fault. */
  get serverFault(): boolean {
    return this.code === 'ffmpeg-failed' || this.code === 'disk-full';
  }
}

/** Narrowing helper for callers that map errors to HTTP responses. */
export function isIngestError(err: unknown): err is IngestError {
  return err instanceof IngestError;
}

/** Splits a duration into whole minutes and seconds, rounding up so "just over" never reads as "equal". */
function minutesSeconds(ms: number): { min: number; sec: number } {
  const totalSec = Math.ceil(Math.max(0, ms) / 1000);
  return { min: Math.floor(totalSec / 60), sec: totalSec % 60 };
}

/** "75 phút", "1 phút 30 giây", "12 giây". */
export function formatDurationVi(ms: number): string {
  const { min, sec } = minutesSeconds(ms);
  if (min === 0) return `${sec} giây`;
  return sec === 0 ? `${min} phút` : `${min} phút ${sec} giây`;
}

/** "75 min", "1 min 30 s", "12 s". */
export function formatDurationEn(ms: number): string {
  const { min, sec } = minutesSeconds(ms);
  if (min === 0) return `${sec} s`;
  return sec === 0 ? `${min} min` : `${min} min ${sec} s`;
}
