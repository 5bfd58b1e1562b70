/**
 * Dates, times, months, «thứ N» and Roman numerals of ward notices as Vietnamese words. Each rule is
 * a pattern and what to say for it; speechText.ts applies them in order, before plain numbers.
 */
import { readMonth, readNumber, readOrdinal, romanValue } from './numberWords.ts';

/** A rewrite: every match of `pattern` (global) becomes `speak(match, ...groups)`. */
export interface SpeechRule {
  name: string;
  pattern: RegExp;
  speak: (match: string, ...groups: (string | undefined)[]) => string;
}

const validDay = (d: number) => d >= 1 && d <= 31;
const validMonth = (m: number) => m >= 1 && m <= 12;

/** «3 tháng 12 năm 2026» in words, without the leading «ngày». */
function dayMonthYear(d: string, m: string, y?: string): string {
  return `${readNumber(d)} tháng ${readMonth(Number(m))}${y ? ` năm ${readNumber(y)}` : ''}`;
}

/** «05:30», «17h30» → «năm giờ ba mươi phút»; whole hours say no minutes. */
export function speakTime(h: string, m: string | undefined): string {
  const minutes = m ? Number(m) : 0;
  return `${readNumber(h)} giờ${minutes > 0 ? ` ${readNumber(String(minutes))} phút` : ''}`;
}

/** Words before a day/month that make «3/12» a date rather than a fraction or a house number. */
const DATE_CONTEXT = /(?:^|[^\p{L}])(ngày|từ|đến|tới|sáng|trưa|chiều|tối|đêm|hôm|và)\s*$/iu;
const DAY_MONTH = String.raw`(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?`;

export const DATE_RULES: readonly SpeechRule[] = [
  {
    name: 'iso-date',
    pattern: /(?<![\p{N}])(\d{4})-(\d{2})-(\d{2})(?![\p{N}])/gu,
    speak: (match, y, m, d) => (validDay(Number(d)) && validMonth(Number(m)) ? ` ngày ${dayMonthYear(d!, m!, y)} ` : match),
  },
  {
    // «ngày 3-5/12»: two days of one month.
    name: 'day-range',
    pattern: /(?:(ngày|Ngày)\s*)?(?<![\p{N}.,/])(\d{1,2})\s*[-–]\s*(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?![\p{N}/])/gu,
    speak: (match, ngay, d1, d2, m, y) =>
      validDay(Number(d1)) && validDay(Number(d2)) && validMonth(Number(m))
        ? ` ${ngay ?? 'ngày'} ${readNumber(d1!)} đến ${dayMonthYear(d2!, m!, y)} `
        : match,
  },
  {
    // 03/12/2026, 3-12-2026, 03.12.2026 (a four-digit year tells it from a number like 1.500).
    name: 'date',
    pattern: /(?:(ngày|Ngày|NGÀY)\s*)?(?<![\p{N}.,/])(\d{1,2})([/.-])(\d{1,2})\3(\d{4})(?![\p{N}])/gu,
    speak: (match, ngay, d, _sep, m, y) =>
      validDay(Number(d)) && validMonth(Number(m)) ? ` ${ngay ?? 'ngày'} ${dayMonthYear(d!, m!, y)} ` : match,
  },
];

/**
 * «3/12» (and «3/12 - 5/12») is a date after «ngày», «từ», «đến», «sáng»… or when a second date
 * follows; elsewhere it may be a fraction or a house number and is left to the number rules.
 */
export function speakDaySpans(text: string): string {
  const span = new RegExp(`(?<![\\p{N}.,/])${DAY_MONTH}(?:\\s*[-–]\\s*${DAY_MONTH})?(?![\\p{N}/])`, 'gu');
  return text.replace(span, (match, d1: string, m1: string, y1: string | undefined, d2: string | undefined, m2: string | undefined, y2: string | undefined, offset: number) => {
    const valid = (d: string, m: string) => validDay(Number(d)) && validMonth(Number(m));
    if (!valid(d1, m1) || (d2 !== undefined && !valid(d2, m2!))) return match;
    const before = text.slice(Math.max(0, offset - 12), offset);
    const context = DATE_CONTEXT.exec(before);
    if (!context && d2 === undefined && y1 === undefined) return match;
    const first = `${context?.[1]?.toLowerCase() === 'ngày' ? '' : 'ngày '}${dayMonthYear(d1, m1, y1)}`;
    return ` ${first}${d2 !== undefined ? ` đến ngày ${dayMonthYear(d2, m2!, y2)}` : ''} `;
  });
}

export const TIME_RULES: readonly SpeechRule[] = [
  {
    name: 'clock-time',
    pattern: /(?<![\p{N}:.,])(\d{1,2}):(\d{2})(?::\d{2})?(?![\p{N}:])/gu,
    speak: (match, h, m) => (Number(h) <= 24 && Number(m) <= 59 ? ` ${speakTime(h!, m)} ` : match),
  },
  {
    // 17h30, 17h30', 17h, 7h 30 phút; 5g30 (a «g» needs its minutes: «5g» alone is five grams).
    name: 'hour-time',
    pattern: /(?<![\p{N}.,])(\d{1,2})\s?(?:h\s?(\d{2})?|g(\d{2}))(?:'|\s?phút)?(?![\p{L}\p{N}])/gu,
    speak: (match, h, m1, m2) => {
      const m = m1 ?? m2;
      return Number(h) <= 24 && (!m || Number(m) <= 59) ? ` ${speakTime(h!, m)} ` : match;
    },
  },
];

export const CALENDAR_RULES: readonly SpeechRule[] = [
  {
    name: 'month-year',
    pattern: /(?<![\p{L}])(tháng)\s*(\d{1,2})\s*[/-]\s*(\d{4})(?![\p{N}])/giu,
    speak: (match, word, m, y) => (validMonth(Number(m)) ? `${word} ${readMonth(Number(m))} năm ${readNumber(y!)}` : match),
  },
  {
    name: 'month',
    pattern: /(?<![\p{L}])(tháng)\s+(\d{1,2})(?![\p{N}/:]|[.,]\d)/giu,
    speak: (match, word, m) => (validMonth(Number(m)) ? `${word} ${readMonth(Number(m))}` : match),
  },
  {
    // Thứ 2 (Monday) is «thứ hai», thứ 4 «thứ tư», lần thứ 1 «thứ nhất».
    name: 'ordinal',
    pattern: /(?<![\p{L}])(thứ)\s*(\d{1,3})(?![\p{N}/]|[.,]\d)/giu,
    speak: (_match, word, n) => `${word} ${readOrdinal(n!)}`,
  },
];

/** Roman numerals after the words that take them: Đại hội XIV, khoá XV, quý IV/2026, lần thứ II. */
export const ROMAN_RULE: SpeechRule = {
  name: 'roman',
  pattern: /(?<![\p{L}])(đại hội|khóa|khoá|quý|thế kỷ|thế kỉ|lần thứ|phần|chương|mục|kỳ|đợt)(\s+)([IVXLC]+)(?:\/(\d{4}))?(?![\p{L}\p{N}])/giu,
  speak: (match, word, space, numeral, year) => {
    const value = numeral === numeral!.toUpperCase() ? romanValue(numeral!) : null;
    if (value === null) return match;
    const spoken = word!.toLowerCase().endsWith('thứ') ? readOrdinal(String(value)) : readNumber(String(value));
    return `${word}${space}${spoken}${year ? ` năm ${readNumber(year)}` : ''}`;
  },
};
