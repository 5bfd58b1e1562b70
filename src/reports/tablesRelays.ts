/**
 * The relay airings cut short (tiếp âm, issue 11) as a table: one row per airing, when it was
 * scheduled, why and how it was cut, the minutes of the source that did air and the zones it
 * reached: the table the document, the print view, the CSV and the XLSX sheet all show.
 */
import type { Lang } from './labels.ts';
import { COLUMN_LABELS as C, formatLocalInstant, label, OUTCOME_LABELS } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { RELAY_REASON_LABELS } from './relayLabels.ts';
import type { ReportTable } from './tableTypes.ts';
import { dec1, int, text } from './tableTypes.ts';
import { frame } from './tablesFigures.ts';

const relayCuts = (r: MonthlyReport, lang: Lang): ReportTable =>
  frame(
    'relayCuts',
    lang,
    [[label(C.relay, lang), 36], [label(C.plannedStart, lang), 17], [label(C.reason, lang), 34], [label(C.outcome, lang), 14],
      [label(C.relayedMinutes, lang), 14], [label(C.zones, lang), 10]],
    (r.relays.cutShort ?? []).map((c) => [
      text(c.title), text(formatLocalInstant(c.plannedStart)), text(label(RELAY_REASON_LABELS[c.reason], lang)),
      text(label(OUTCOME_LABELS[c.outcome], lang)), dec1(c.relayedMinutes), int(c.zones),
    ]),
  );

/** Builder of the relay table, by key. */
export const relayTables = { relayCuts };
