import { z } from 'zod';
import type { Lang } from '../i18n/messages.ts';
import { formatInstant } from '../domain/time.ts';
import type { SavedRelaySlot, SavedSlot } from '../storage/plans.ts';
import { PlanRevisionView } from './planRevision.ts';

const REASONS: Record<string, Record<Lang, string>> = {
  pin: { vi: 'do điều hành ghim', en: 'pinned by an operator' },
  'jingle-open': { vi: 'nhạc hiệu mở đầu', en: 'opening jingle' },
  'jingle-close': { vi: 'nhạc hiệu kết thúc', en: 'closing jingle' },
  fill: { vi: 'lấp đầy khung giờ (tin mới, ít phát gần đây)', en: 'fills the window (fresh, least recently aired)' },
  topic: { vi: 'đáp ứng chỉ tiêu chủ đề «{name}»', en: 'serves the target of topic "{name}"' },
};

/** One plain phrase per reason code, e.g. "topic:dai-hoi-xiv" → "đáp ứng chỉ tiêu chủ đề «Đại hội XIV»". */
export function describeReasons(codes: string[], topicNames: Map<string, string>, lang: Lang): string {
  return codes
    .map((code) => {
      if (code.startsWith('topic:')) {
        const id = code.slice('topic:'.length);
        return REASONS.topic![lang].replace('{name}', topicNames.get(id) ?? id);
      }
      return REASONS[code]?.[lang] ?? code;
    })
    .join('; ');
}

/** A saved slot as the API shows it: instants with the station offset, item title, reasons in words. */
export function presentSlot(s: SavedSlot, ctx: { tz: string; titles: Map<string, string>; topicNames: Map<string, string>; lang: Lang }) {
  return {
    kind: 'item' as const,
    zone: s.zoneId,
    start: formatInstant(s.startMs, ctx.tz),
    end: formatInstant(s.endMs, ctx.tz),
    itemId: s.itemId,
    title: ctx.titles.get(s.itemId) ?? s.itemId,
    window: s.window,
    reason: s.reason,
    reasonText: describeReasons(s.reason, ctx.topicNames, ctx.lang),
  };
}

const RELAY_WORDS: Record<Lang, { title: string; reason: string }> = {
  vi: { title: 'Tiếp âm: {name}', reason: 'tiếp âm nguồn «{name}» (lịch tiếp âm cố định)' },
  en: { title: 'Relay: {name}', reason: 'relays the source "{name}" (a fixed relay)' },
};

/**
 * A saved relay slot (tiếp âm) as the API shows it, beside the item slots: no item, its relay and
 * source, the title «Tiếp âm: <source name>», the window it lies in (null outside windows).
 */
export function presentRelaySlot(s: SavedRelaySlot, ctx: { tz: string; sourceNames: Map<string, string>; lang: Lang }) {
  const name = ctx.sourceNames.get(s.sourceId) ?? s.sourceId;
  const words = RELAY_WORDS[ctx.lang];
  return {
    kind: 'relay' as const,
    zone: s.zoneId,
    start: formatInstant(s.startMs, ctx.tz),
    end: formatInstant(s.endMs, ctx.tz),
    itemId: null,
    relayId: s.relayId,
    source: s.sourceId,
    sourceName: name,
    title: words.title.replace('{name}', name),
    window: s.window,
    reason: [] as string[],
    reasonText: words.reason.replace('{name}', name),
  };
}

const slotFields = {
  zone: z.string(),
  start: z.string().describe('with the station offset'),
  end: z.string(),
  title: z.string(),
  reason: z.array(z.string()),
  reasonText: z.string(),
};

/** An item slot as GET /api/schedule shows it (presentSlot). */
export const ItemSlotView = z.object({ kind: z.literal('item'), itemId: z.string(), window: z.string(), ...slotFields });

/** A relay slot (tiếp âm) as GET /api/schedule shows it (presentRelaySlot). */
export const RelaySlotView = z.object({
  kind: z.literal('relay'), itemId: z.null(), relayId: z.string(), source: z.string(), sourceName: z.string(),
  window: z.string().nullable(), ...slotFields,
});

/** GET /api/schedule: a day's saved programme and the settings revision it was planned under. */
export const ScheduleView = z.object({
  date: z.string(),
  zone: z.string().nullable(),
  slots: z.array(z.discriminatedUnion('kind', [ItemSlotView, RelaySlotView])),
  planning: PlanRevisionView,
});
