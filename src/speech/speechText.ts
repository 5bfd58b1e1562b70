/**
 * Vietnamese text as a speech engine should read it: numbers, dates, times, phone numbers, units,
 * money and the usual abbreviations spelled out in words, so that «UBND P. Hải Châu thông báo: ngày
 * 03/12/2026, 7h30, 50.000đ/người, gọi 0912 345 678» is read as a person would read it. Pure.
 */
import { expandAbbreviations } from './abbreviations.ts';
import { CALENDAR_RULES, DATE_RULES, ROMAN_RULE, speakDaySpans, TIME_RULES, type SpeechRule } from './speechDates.ts';
import { PHONE_RULES, QUANTITY_RULES, RANGE_RULE } from './speechQuantities.ts';

function applyRules(text: string, rules: readonly SpeechRule[]): string {
  return rules.reduce(
    (out, rule) => out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // replace() passes the groups, then the offset and the whole string: keep the groups.
      const groups = rest.slice(0, rest.findIndex((x) => typeof x === 'number')) as (string | undefined)[];
      return rule.speak(match, ...groups);
    }),
    text,
  );
}

const [MONTH_YEAR, MONTH, ORDINAL] = CALENDAR_RULES as [SpeechRule, SpeechRule, SpeechRule];

/**
 * Lines become sentences: a heading or a list line without final punctuation gets a full stop (the
 * engine pauses there) unless it is the last, and list marks («- », «• ») are dropped.
 */
function joinLines(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim().replace(/^(?:[-–—•*+]|\u25CF)\s+/u, ''))
    .filter(Boolean);
  return lines.map((line, i) => (i === lines.length - 1 || /[.!?:;,…]$/u.test(line) ? line : `${line}.`)).join(' ');
}

/** Signs left after the rules: read the ones that carry meaning, pause at dashes, drop the rest. */
function speakSigns(text: string): string {
  return text
    .replace(/\s*&\s*/gu, ' và ')
    .replace(/%/gu, ' phần trăm ')
    .replace(/@/gu, ' a còng ')
    .replace(/(?:\.\.\.|…)/gu, '. ')
    .replace(/(?<=\p{L})[-/](?=\p{L})/gu, ' ')
    .replace(/\s[-–—]+\s|[–—]/gu, ', ')
    .replace(/[/\\_*#|~^`<>{}[\]"“”«»]/gu, ' ');
}

function tidy(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/\s+([,.;:!?)])/gu, '$1')
    .replace(/([(])\s+/gu, '$1')
    .replace(/([,.;:!?])(?=[\p{L}\p{N}])/gu, '$1 ')
    .replace(/,(\s*[,.])+/gu, ',')
    .trim();
}

/**
 * The text as it should be spoken: NFC, lines as sentences, Roman numerals in context, abbreviations,
 * dates, day spans, months, «thứ N», phone numbers, ranges, times, money, units, then every other
 * number, and the remaining signs. The order matters: each rule only sees digits the earlier ones
 * left (a date's «/» never reaches the number rule).
 */
export function normaliseForSpeech(input: string): string {
  let text = input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060\uFEFF]/gu, '')
    .replace(/[\t\u00A0\u2000-\u200A\u202F]/gu, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F]/gu, ' ');
  // «COVID-19», «F-16»: a hyphen between letters and digits is no minus sign.
  text = joinLines(text).replace(/(?<=\p{L})-(?=\d)/gu, ' ');
  text = applyRules(text, [ROMAN_RULE]);
  text = expandAbbreviations(text);
  text = applyRules(text, [...DATE_RULES, MONTH_YEAR]);
  text = speakDaySpans(text);
  text = applyRules(text, [MONTH, ORDINAL, ...PHONE_RULES, RANGE_RULE, ...TIME_RULES, ...QUANTITY_RULES]);
  return tidy(speakSigns(text));
}

/** How many words (Vietnamese syllables) the engine will say: the measure of a notice's length. */
export function countSpokenWords(spoken: string): number {
  return spoken.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Whether there is anything to say at all (a text of only signs gives the engine nothing). */
export function hasSpeakableText(spoken: string): boolean {
  return /[\p{L}\p{N}]/u.test(spoken);
}
