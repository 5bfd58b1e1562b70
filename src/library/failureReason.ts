import type { Lang } from '../i18n/messages.ts';
import type { Db } from '../storage/db.ts';
import { listItemEvents } from '../storage/itemEvents.ts';
import type { ItemRecord } from '../storage/items.ts';

/**
 * Ingest failures that are not the file's fault, in both languages. The item keeps the Vietnamese
 * sentence (the uploader's language); the audit entry keeps the code, so a reader in English gets
 * the same sentence in English instead of a mixed page.
 */
export const QUEUE_FAILURES = {
  internal: { vi: 'Lỗi xử lý âm thanh trên máy chủ; hãy thử tải lại sau.', en: 'The server failed to process the audio; try uploading again later.' },
  interrupted: {
    vi: 'Quá trình xử lý bị gián đoạn và tệp tải lên không còn; hãy tải lại.',
    en: 'Processing was interrupted and the uploaded file is gone; upload it again.',
  },
} as const;

/**
 * Why a failed item failed, in the reader's language. The English comes from the last
 * `ingest-failed` audit entry: an IngestError's own English message, or the queue's sentence.
 */
export function failureReasonIn(db: Db, item: ItemRecord, lang: Lang): string | null {
  if (item.failureReason === null || lang === 'vi') return item.failureReason;
  const entry = listItemEvents(db, item.id).findLast((e) => e.action === 'ingest-failed');
  const code = entry?.data?.code;
  if (code === 'internal' || code === 'interrupted') return QUEUE_FAILURES[code].en;
  const english = entry?.data?.error;
  return typeof english === 'string' && english ? english : item.failureReason;
}
