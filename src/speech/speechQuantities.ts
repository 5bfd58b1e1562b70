/**
 * Phone numbers, ranges, money, units and plain numbers of ward notices as Vietnamese words.
 * Numbers follow Vietnamese writing: «1.500» is one thousand five hundred, «2,5» two and a half.
 */
import { readDigits, readNumber } from './numberWords.ts';
import type { SpeechRule } from './speechDates.ts';

/** A written number: 1.500 / 1.500,75 (dot thousands), 2,5 (decimal comma), 3.5 (dot decimal), 42. */
const NUMBER = String.raw`(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)`;
/** The minus of a negative number: written against the digits, after a space or at the start. */
const SIGNED = String.raw`(?:(?<![\p{L}\p{N}])(-))?(?<![\p{N}.,])(${NUMBER})(?![\p{N}])`;

/** A written number (see NUMBER) in words; `negative` adds «âm». */
export function speakNumber(token: string, negative = false): string {
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(token)) {
    const [integer = '', fraction = ''] = token.split(',');
    return readNumber(integer.replace(/\./g, ''), fraction, { negative });
  }
  const m = /^(\d+)(?:([.,])(\d+))?$/.exec(token);
  if (!m) return token;
  return readNumber(m[1]!, m[3] ?? '', { negative, mark: m[2] === '.' ? '.' : ',' });
}

/** Units read after a number; the longest spelling is tried first. */
export const UNITS: Readonly<Record<string, string>> = {
  'km/h': 'ki lô mét trên giờ',
  'm/s': 'mét trên giây',
  'km²': 'ki lô mét vuông',
  km2: 'ki lô mét vuông',
  'm²': 'mét vuông',
  m2: 'mét vuông',
  'm³': 'mét khối',
  m3: 'mét khối',
  km: 'ki lô mét',
  Km: 'ki lô mét',
  cm: 'xen ti mét',
  mm: 'mi li mét',
  m: 'mét',
  kg: 'ki lô gam',
  mg: 'mi li gam',
  g: 'gam',
  ha: 'héc ta',
  ml: 'mi li lít',
  kWh: 'ki lô oát giờ',
  kW: 'ki lô oát',
  MW: 'mê ga oát',
  W: 'oát',
  V: 'vôn',
  '°C': 'độ xê',
  '° C': 'độ xê',
  'độ C': 'độ xê',
  '°': 'độ',
  '%': 'phần trăm',
  USD: 'đô la Mỹ',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const UNIT_ALTERNATIVES = Object.keys(UNITS).sort((a, b) => b.length - a.length).map(escape).join('|');
const CURRENCY = '(?:đồng|đ|₫|VNĐ|VND|vnđ|vnd)';

/** Groups of a phone number as written, or 4-3-3 (4-3-4) when it is written in one piece. */
function phoneGroups(digits: string): string[] {
  const groups = digits.split(/[\s.-]+/).filter(Boolean);
  if (groups.length > 1) return groups;
  const all = groups[0] ?? '';
  return all.length >= 9 ? [all.slice(0, 4), all.slice(4, 7), all.slice(7)] : [all];
}

/** Digit by digit, a short pause (comma) between the groups: «0912 345 678». */
export function speakPhone(digits: string, international = false): string {
  const groups = phoneGroups(digits).map(readDigits);
  return ` ${international ? 'cộng tám tư, ' : ''}${groups.join(', ')} `;
}

const digitCount = (s: string) => s.replace(/\D/g, '').length;

export const PHONE_RULES: readonly SpeechRule[] = [
  {
    // After a word that announces a number to call, any number of three or more digits is read digit by digit (gọi 113).
    name: 'called-number',
    pattern: /(?<![\p{L}])(điện thoại|đường dây nóng|hotline|số máy|fax|gọi(?: số| tới số| đến số)?|liên hệ(?: số)?)(\s*(?:số)?\s*:?\s*)(\+84[\s.]?)?(\d{2,}(?:[\s.-]\d{2,})*)(?![\p{N}])/giu,
    speak: (match, word, gap, plus, digits) =>
      digitCount(digits!) >= 3 ? `${word}${gap}${speakPhone(digits!, plus !== undefined)}` : match,
  },
  {
    name: 'international-phone',
    pattern: /(?<![\p{N}])\+84[\s.]?(\d{2,4}(?:[\s.-]?\d{2,4}){1,3})(?![\p{N}])/gu,
    speak: (match, digits) => (digitCount(digits!) >= 8 ? speakPhone(digits!, true) : match),
  },
  {
    // A number starting with 0 and ten or eleven digits long is a phone number (0912 345 678, 0236.3822.123).
    name: 'phone',
    pattern: /(?<![\p{N}.,])(0\d{2,4}(?:[\s.-]?\d{2,4}){0,3})(?![\p{N}])/gu,
    speak: (match, digits) => (digitCount(digits!) >= 10 && digitCount(digits!) <= 11 ? speakPhone(digits!) : match),
  },
  {
    name: 'hotline',
    pattern: /(?<![\p{N}.,])(1[89]00)[\s.]?(\d{4}(?:\d{2})?)(?![\p{N}])/gu,
    speak: (_match, prefix, rest) => speakPhone(`${prefix} ${rest}`),
  },
];

/** «3-5 ngày», «25 - 30°C», «17h30-18h»: a dash between two numbers reads «đến» (after dates and phones took theirs). */
export const RANGE_RULE: SpeechRule = {
  name: 'range',
  pattern: /(\d)\s*[-–—]\s*(?=\d)/gu,
  speak: (_match, digit) => `${digit} đến `,
};

export const QUANTITY_RULES: readonly SpeechRule[] = [
  {
    name: 'number-over-number',
    pattern: /(\d)\/(\d)/gu,
    speak: (_match, a, b) => `${a} trên ${b}`,
  },
  {
    // 50.000đ, 1.500.000 đồng, 20.000 VNĐ, 30.000đ/người («một người»).
    name: 'money',
    pattern: new RegExp(`${SIGNED}\\s?${CURRENCY}(?![\\p{L}])(?:\\s?\\/\\s?(${UNIT_ALTERNATIVES}|\\p{L}+)(?![\\p{L}]))?`, 'gu'),
    speak: (_match, minus, n, per) => ` ${speakNumber(n!, minus !== undefined)} đồng${per ? ` một ${UNITS[per] ?? per}` : ''} `,
  },
  {
    name: 'unit',
    pattern: new RegExp(`${SIGNED}\\s?(${UNIT_ALTERNATIVES})(?![\\p{L}\\p{N}])`, 'gu'),
    speak: (_match, minus, n, unit) => ` ${speakNumber(n!, minus !== undefined)} ${UNITS[unit!] ?? unit} `,
  },
  {
    name: 'number',
    pattern: new RegExp(SIGNED, 'gu'),
    speak: (_match, minus, n) => ` ${speakNumber(n!, minus !== undefined)} `,
  },
];
