/**
 * The document's blocks for the relay airings cut short (tiếp âm, issue 11), under the bulletins and
 * relays table: a title, a sentence, one line per airing with why it was cut. None when no relay was
 * cut short (or the version predates them).
 */
import type { OutlineBlock } from './documentOutline.ts';
import type { NumberFormats } from './htmlParts.ts';
import type { Lang } from './labels.ts';
import { formatLocalInstant, label, OUTCOME_LABELS } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { RELAY_PROSE as P, RELAY_REASON_LABELS } from './relayLabels.ts';

/** Heading, count and lines of the relay airings cut short. */
export function relayCutBlocks(report: MonthlyReport, fmt: NumberFormats, lang: Lang): OutlineBlock[] {
  const cuts = report.relays.cutShort ?? [];
  if (cuts.length === 0) return [];
  return [
    { kind: 'heading', level: 3, text: label(P.title, lang) },
    { kind: 'paragraph', text: label(P.count, lang, { count: fmt.int(cuts.length) }) },
    {
      kind: 'list',
      items: cuts.map((c) => label(P.line, lang, {
        title: c.title, at: formatLocalInstant(c.plannedStart), reason: label(RELAY_REASON_LABELS[c.reason], lang),
        outcome: label(OUTCOME_LABELS[c.outcome], lang), minutes: fmt.dec1(c.relayedMinutes), zones: fmt.int(c.zones),
      })),
    },
  ];
}
