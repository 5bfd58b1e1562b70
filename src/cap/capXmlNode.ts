/**
 * Reading one element of a parsed CAP document (fast-xml-parser's object tree) while collecting
 * what is wrong with it, each problem at its element path ("alert/info[1]/area[2]/areaDesc").
 */
import type { CapProblem, CapTime } from './capAlert.ts';

/** Elements that may repeat in CAP 1.2: the parser always gives these as lists. */
export const REPEATABLE = new Set(['info', 'category', 'responseType', 'eventCode', 'parameter', 'resource', 'area', 'polygon', 'circle', 'geocode', 'code']);

/** CAP 1.2 dateTime: "2002-05-24T16:49:00-07:00", an offset always, never "Z", no fractions (the schema's pattern). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

/** A CAP dateTime as an instant, or null when it is not one (wrong form, or no such day or time). */
export function parseCapTime(text: string): CapTime | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s, sign, oh, om] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7], Number(m[8]), Number(m[9])];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 || oh > 14 || om > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(local).getUTCDate() !== d) return null;
  const offsetMs = (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  return { text, ms: local - offsetMs };
}

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One element of the document: typed reads of its children, each misuse noted as a problem. */
export class CapNode {
  private readonly read = new Set<string>();

  constructor(
    readonly path: string,
    private readonly tree: Tree,
    private readonly problems: CapProblem[],
  ) {}

  /** Notes a problem at a child's path (or at this element with no name). */
  problem(name: string | null, problem: string): void {
    this.problems.push({ path: name ? `${this.path}/${name}` : this.path, problem });
  }

  private raw(name: string): unknown {
    this.read.add(name);
    return this.tree[name];
  }

  /** A child element's text (once at most); null when absent, and then a problem when required. */
  text(name: string, required = false): string | null {
    const value = this.raw(name);
    if (value === undefined) {
      if (required) this.problem(name, 'is required');
      return null;
    }
    if (Array.isArray(value)) {
      this.problem(name, 'appears more than once (allowed once)');
      return null;
    }
    if (isTree(value)) {
      this.problem(name, 'must be text, not elements');
      return null;
    }
    const text = String(value);
    if (required && text === '') this.problem(name, 'is empty');
    return text === '' ? null : text;
  }

  /** Every text of a repeatable child. */
  texts(name: string): string[] {
    const value = this.raw(name);
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return list.flatMap((v, i) => {
      if (isTree(v)) {
        this.problem(`${name}[${i + 1}]`, 'must be text, not elements');
        return [];
      }
      return String(v) === '' ? [] : [String(v)];
    });
  }

  /** A child's text that must be one of `values` (CAP's enumerations are case-sensitive). */
  oneOf<T extends string>(name: string, values: readonly T[], required = false): T | null {
    const text = this.text(name, required);
    if (text === null) return null;
    if (!(values as readonly string[]).includes(text)) {
      this.problem(name, `"${text}" is not one of ${values.join(', ')}`);
      return null;
    }
    return text as T;
  }

  /** Each text of a repeatable child that must be one of `values`; at least `min` of them. */
  allOf<T extends string>(name: string, values: readonly T[], min = 0): T[] {
    const texts = this.texts(name);
    if (texts.length < min) this.problem(name, 'is required');
    return texts.filter((t, i) => {
      if ((values as readonly string[]).includes(t)) return true;
      this.problem(`${name}[${i + 1}]`, `"${t}" is not one of ${values.join(', ')}`);
      return false;
    }) as T[];
  }

  /** A dateTime child, parsed with its offset. */
  time(name: string, required = false): CapTime | null {
    const text = this.text(name, required);
    if (text === null) return null;
    const time = parseCapTime(text);
    if (!time) this.problem(name, `"${text}" is not a CAP dateTime with an offset, e.g. 2026-10-12T14:00:00+07:00`);
    return time;
  }

  /** A decimal number child. */
  number(name: string): number | null {
    const text = this.text(name);
    if (text === null) return null;
    const n = Number(text);
    if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(n)) {
      this.problem(name, `"${text}" is not a number`);
      return null;
    }
    return n;
  }

  /** The child elements of a repeatable (or single) container element, as nodes. */
  children(name: string, min = 0): CapNode[] {
    const value = this.raw(name);
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (list.length < min) this.problem(name, 'is required');
    const repeated = REPEATABLE.has(name);
    return list.flatMap((v, i) => {
      const path = repeated ? `${this.path}/${name}[${i + 1}]` : `${this.path}/${name}`;
      if (!isTree(v)) {
        this.problems.push({ path, problem: v === '' ? 'is empty' : 'must hold elements, not text' });
        return [];
      }
      return [new CapNode(path, v, this.problems)];
    });
  }

  /** Notes every child element that CAP 1.2 does not define here (`ignored` are allowed and skipped). */
  rejectUnknown(ignored: readonly string[] = []): void {
    for (const name of Object.keys(this.tree)) {
      if (this.read.has(name) || ignored.includes(name) || name.startsWith('@_') || name === '#text') continue;
      this.problem(name, 'is not an element of CAP 1.2 here');
    }
  }
}
