/**
 * Numbers as Vietnamese words for the speech engine. Whole numbers and decimals go through
 * read-vietnamese-number (a maintained library that knows the spoken rules: «mốt», «tư», «lăm»,
 * «lẻ», «mươi», «không trăm»); this module only feeds it digits and adds the readings it does not
 * cover (digit by digit, months, ordinals, Roman numerals).
 */
import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** The library's reading settings: no unit after the number, «phẩy» for the decimal comma, «tỷ». */
function readingConfig(pointText: string): ReadingConfig {
  const config = new ReadingConfig();
  config.unit = [];
  config.units = [[], ['nghìn'], ['triệu'], ['tỷ']];
  config.pointText = pointText;
  return config;
}
const COMMA_CONFIG = readingConfig('phẩy');
const DOT_CONFIG = readingConfig('chấm');

/**
 * A number from its digits: `integer` is digits only (leading zeros are dropped: «05» is «năm»),
 * `fraction` the digits after the decimal mark (read «phẩy», or «chấm» when `mark` is '.').
 * Example: ('1250000') → «một triệu hai trăm năm mươi nghìn»; ('2', '5') → «hai phẩy năm».
 */
export function readNumber(integer: string, fraction = '', opts: { negative?: boolean; mark?: ',' | '.' } = {}): string {
  if (!/^\d+$/.test(integer) || (fraction !== '' && !/^\d+$/.test(fraction))) throw new RangeError(`not a number: ${integer},${fraction}`);
  const config = opts.mark === '.' ? DOT_CONFIG : COMMA_CONFIG;
  const plain = fraction ? `${integer}.${fraction}` : integer;
  // The library drops a fraction of zeros («2,0» → «hai»); a reader says what is written.
  const words = fraction && /^0+$/.test(fraction)
    ? `${doReadNumber(integer, config)} ${config.pointText} ${readDigits(fraction)}`
    : doReadNumber(plain, config);
  return opts.negative && !/^[0.]+$/.test(plain) ? `âm ${words}` : words;
}

/** Digit by digit, as phone numbers and codes are read: «0912» → «không chín một hai». */
export function readDigits(digits: string): string {
  return [...digits].filter((c) => c >= '0' && c <= '9').map((c) => DIGITS[Number(c)]).join(' ');
}

/** A month's number as said after «tháng»: 4 is «tư» (tháng tư), the others as numbers. */
export function readMonth(month: number): string {
  return month === 4 ? 'tư' : readNumber(String(month));
}

/** A number as said after «thứ»: «thứ nhất», «thứ tư», then plain numbers («thứ mười bốn»). */
export function readOrdinal(n: string): string {
  const value = Number(n);
  if (value === 1) return 'nhất';
  if (value === 4) return 'tư';
  return readNumber(n);
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/** The value of a Roman numeral up to 399 (Đại hội XIV, quý IV, khoá XV), or null when it is not one. */
export function romanValue(numeral: string): number | null {
  if (!/^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(numeral) || numeral === '') return null;
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = ROMAN[numeral[i]!]!;
    const next = ROMAN[numeral[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}
