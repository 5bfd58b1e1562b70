/**
 * The reception table: per zone, the plays that went out to no receiver (left out of every other
 * table) and the plays whose receivers are unknown (counted in the others), with a total row.
 */
import type { Lang } from './labels.ts';
import { COLUMN_LABELS as C, label, TEXT } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import type { ReceptionZone } from './receptionModel.ts';
import type { ReportTable } from './tableTypes.ts';
import { dec1, int, text } from './tableTypes.ts';
import { frame } from './tablesFigures.ts';

const reception = (r: MonthlyReport, lang: Lang): ReportTable => {
  const row = (name: string, z: Omit<ReceptionZone, 'zone' | 'name'>) => [
    text(name), int(z.unheardPlays), dec1(z.unheardMinutes), int(z.unknownPlays), dec1(z.unknownMinutes),
  ];
  const rows = r.reception.byZone.map((z) => row(z.name, z));
  return frame(
    'reception',
    lang,
    [[label(C.zone, lang), 30], [label(C.unheardPlays, lang), 16], [label(C.unheardMinutes, lang), 14],
      [label(C.unknownPlays, lang), 16], [label(C.unknownMinutes, lang), 14]],
    [...rows, row(label(TEXT.total, lang), r.reception.totals)],
    [rows.length],
  );
};

/** Builder of the reception table, by key. */
export const receptionTables = { reception };
