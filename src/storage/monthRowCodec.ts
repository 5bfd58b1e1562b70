import type { IncidentGroup, ItemFacts } from './reportQueries.ts';

/**
 * The month scan's packed columns, read back: a cell key (zone, window, local day) and the extras
 * of a row, both joined by control characters in the SQL of reportQueries.ts.
 */
/** What the extras column of a MonthTuple carries. */
export interface RowExtras {
  source: string;
  startedAt: number;
  /** Local second of the day the row started. */
  secondOfDay: number;
  aired: boolean;
  /** Set unless the row completed. */
  outcome: IncidentGroup['outcome'] | null;
  outputs: string;
  /** The row's own facts, only for items whose facts varied within the scan. */
  facts: Omit<ItemFacts, 'itemId'> | null;
  title: string;
}

const SEP = '\x1f';
const SUB = '\x1e';

/** Zone, window label (null when none) and local epoch day of a cell key. */
export function decodeCellKey(key: string): { zone: string; window: string | null; day: number } {
  const a = key.indexOf(SEP);
  const b = key.indexOf(SEP, a + 1);
  return { zone: key.slice(0, a), window: b > a + 1 ? key.slice(a + 1, b) : null, day: Number(key.slice(b + 1)) };
}

/** Decodes a MonthTuple's extras column. */
export function decodeExtras(text: string): RowExtras {
  const f: string[] = [];
  let from = 0;
  for (let i = 0; i < 7; i++) {
    const at = text.indexOf(SEP, from);
    f.push(text.slice(from, at));
    from = at + 1;
  }
  const [source = '', startedAt = '0', secondOfDay = '0', aired = '0', outcome = '', outputs = '[]', facts = ''] = f;
  let parsed: RowExtras['facts'] = null;
  if (facts !== '') {
    const [kind = '', unitHex = '', topics = '[]', ceremonial = '0', priority = 'normal'] = facts.split(SUB);
    // The unit is hex-encoded so that no character of it can be taken for a separator.
    const unit = Buffer.from(unitHex, 'hex').toString('utf8');
    parsed = { kind, unit: unit === '' ? null : unit, topics, ceremonial: Number(ceremonial), priority };
  }
  return {
    source,
    startedAt: Number(startedAt),
    secondOfDay: Number(secondOfDay),
    aired: aired === '1',
    outcome: outcome === '' ? null : (outcome as IncidentGroup['outcome']),
    outputs,
    facts: parsed,
    // Last, so a separator inside the title cannot shift the other fields.
    title: text.slice(from),
  };
}

