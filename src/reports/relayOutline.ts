/**
 * The document's blocks for the relay airings cut short (tiếp âm, issue 11), under the bulletins and
 * relays table: a title, a sentence, the table of airings with why each was cut (the CSV's and the
 * XLSX sheet's table too). None when no relay was cut short (or the version predates them).
 */
import type { OutlineBlock } from './documentOutline.ts';
import type { NumberFormats } from './htmlParts.ts';
import type { Lang } from './labels.ts';
import { label } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { tableBlocks } from './outlineSections.ts';
import { RELAY_PROSE as P } from './relayLabels.ts';

/** Heading, count and table of the relay airings cut short. */
export function relayCutBlocks(report: MonthlyReport, fmt: NumberFormats, lang: Lang): OutlineBlock[] {
  const cuts = report.relays.cutShort ?? [];
  if (cuts.length === 0) return [];
  const [heading, table] = tableBlocks(report, 'relayCuts', lang, true);
  return [heading!, { kind: 'paragraph', text: label(P.count, lang, { count: fmt.int(cuts.length) }) }, table!];
}
