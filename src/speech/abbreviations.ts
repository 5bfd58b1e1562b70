/**
 * The abbreviations of ward notices, spelled out for the speech engine (UBND → «ủy ban nhân dân»).
 * Known ones come from the table; an unknown all-capital token that cannot be a Vietnamese syllable
 * (UBKT, CLB…) is spelled letter by letter, as a reader would, instead of being guessed at in English.
 */

/** Upper-case abbreviations, matched whole and case-sensitively. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  UBND: 'ủy ban nhân dân',
  HĐND: 'hội đồng nhân dân',
  UBMTTQ: 'ủy ban mặt trận tổ quốc',
  UBMTTQVN: 'ủy ban mặt trận tổ quốc Việt Nam',
  MTTQ: 'mặt trận tổ quốc',
  MTTQVN: 'mặt trận tổ quốc Việt Nam',
  TDP: 'tổ dân phố',
  KDC: 'khu dân cư',
  KP: 'khu phố',
  BCHQS: 'ban chỉ huy quân sự',
  QS: 'quân sự',
  NVQS: 'nghĩa vụ quân sự',
  THCS: 'trung học cơ sở',
  THPT: 'trung học phổ thông',
  PCCC: 'phòng cháy chữa cháy',
  CNCH: 'cứu nạn cứu hộ',
  PCTT: 'phòng chống thiên tai',
  TKCN: 'tìm kiếm cứu nạn',
  CAND: 'công an nhân dân',
  CA: 'công an',
  CSGT: 'cảnh sát giao thông',
  ATTP: 'an toàn thực phẩm',
  VSATTP: 'vệ sinh an toàn thực phẩm',
  ATGT: 'an toàn giao thông',
  TTATGT: 'trật tự an toàn giao thông',
  ANTT: 'an ninh trật tự',
  VSMT: 'vệ sinh môi trường',
  BHYT: 'bảo hiểm y tế',
  BHXH: 'bảo hiểm xã hội',
  CCCD: 'căn cước công dân',
  CMND: 'chứng minh nhân dân',
  TTHC: 'thủ tục hành chính',
  CCHC: 'cải cách hành chính',
  HTX: 'hợp tác xã',
  BQL: 'ban quản lý',
  BTC: 'ban tổ chức',
  TTYT: 'trung tâm y tế',
  TYT: 'trạm y tế',
  UBKT: 'ủy ban kiểm tra',
  QĐ: 'quyết định',
  KH: 'kế hoạch',
  TB: 'thông báo',
  CV: 'công văn',
  NĐ: 'nghị định',
  CP: 'chính phủ',
  TW: 'trung ương',
  VN: 'Việt Nam',
  HCM: 'Hồ Chí Minh',
  ĐT: 'điện thoại',
  SĐT: 'số điện thoại',
  ĐTDĐ: 'điện thoại di động',
  CN: 'chủ nhật',
  COVID: 'cô vít',
  CLB: 'câu lạc bộ',
  VNĐ: 'đồng',
  VND: 'đồng',
  USD: 'đô la Mỹ',
  MW: 'mê ga oát',
};

/** Vietnamese names of letters, for spelling an unknown abbreviation. */
const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'a', Ă: 'á', Â: 'ớ', B: 'bê', C: 'xê', D: 'dê', Đ: 'đê', E: 'e', Ê: 'ê', F: 'ép', G: 'giê', H: 'hát',
  I: 'i', J: 'gi', K: 'ca', L: 'e lờ', M: 'em mờ', N: 'en nờ', O: 'o', Ô: 'ô', Ơ: 'ơ', P: 'pê', Q: 'quy',
  R: 'e rờ', S: 'ét', T: 'tê', U: 'u', Ư: 'ư', V: 'vê', W: 'vê kép', X: 'ích xì', Y: 'i dài', Z: 'dét',
};

// A Vietnamese syllable: optional onset, a vowel nucleus, optional coda (tone marks removed first).
const SYLLABLE = /^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;

/** Whether a lower-case word could be one Vietnamese syllable (THÔNG, BÁO yes; UBND, CLB no). */
export function isVietnameseSyllable(word: string): boolean {
  const bare = word.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC').toLowerCase();
  return SYLLABLE.test(bare);
}

/** Letter by letter: «UBKT» → «u bê ca tê». */
export function spellLetters(token: string): string {
  return [...token].map((c) => LETTER_NAMES[c] ?? c.toLowerCase()).join(' ');
}

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
const NOT_LETTER_AFTER = '(?![\\p{L}_])';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Abbreviations written with dots or slashes, or read differently by context; applied first. */
const SPECIAL: readonly [RegExp, string | ((...groups: (string | undefined)[]) => string)][] = [
  // «v.v.» ends a sentence more often than not: keep its full stop unless other punctuation follows.
  [/(?<![\p{L}])v\.v(\.?)(\s*[,;:!?])?/gu, (_match, dot, punct) => (punct ? ` vân vân${punct}` : ` vân vân${dot}`)],
  [new RegExp(`${NOT_WORD_BEFORE}(?:đ\\/c|Đ\\/c|Đ\\/C)${NOT_LETTER_AFTER}`, 'gu'), 'đồng chí'],
  [new RegExp(`${NOT_WORD_BEFORE}TP\\.?\\s?HCM${NOT_LETTER_AFTER}`, 'gu'), 'thành phố Hồ Chí Minh'],
  [new RegExp(`${NOT_WORD_BEFORE}TP(?:\\.\\s?|\\s)(?=[\\p{Lu}\\p{N}])`, 'gu'), 'thành phố '],
  [new RegExp(`${NOT_WORD_BEFORE}TP${NOT_LETTER_AFTER}`, 'gu'), 'thành phố'],
  // Q. and P. only before a number or a name: «Q.1», «P. Hải Châu».
  [new RegExp(`${NOT_WORD_BEFORE}Q\\.\\s?(?=[\\p{Lu}\\p{N}])`, 'gu'), 'quận '],
  [new RegExp(`${NOT_WORD_BEFORE}P\\.\\s?(?=[\\p{Lu}\\p{N}])`, 'gu'), 'phường '],
  [new RegExp(`${NOT_WORD_BEFORE}X\\.\\s?(?=\\p{Lu})`, 'gu'), 'xã '],
  [new RegExp(`${NOT_WORD_BEFORE}GD\\s?&\\s?ĐT${NOT_LETTER_AFTER}`, 'gu'), 'giáo dục và đào tạo'],
  [new RegExp(`${NOT_WORD_BEFORE}LĐ-?TB\\s?&\\s?XH${NOT_LETTER_AFTER}`, 'gu'), 'lao động thương binh và xã hội'],
  [new RegExp(`${NOT_WORD_BEFORE}KT-?XH${NOT_LETTER_AFTER}`, 'gu'), 'kinh tế xã hội'],
  [new RegExp(`${NOT_WORD_BEFORE}PCCC\\s?(?:&|và|-)\\s?CNCH${NOT_LETTER_AFTER}`, 'gu'), 'phòng cháy chữa cháy và cứu nạn cứu hộ'],
  // BCH is the military command before «quân sự» / QS / PCTT, otherwise an executive committee (Đảng, Đoàn, Công đoàn).
  [new RegExp(`${NOT_WORD_BEFORE}BCH(?=\\s+(?:QS|quân sự|Quân sự|QUÂN SỰ|PCTT|phòng chống|Phòng chống)${NOT_LETTER_AFTER})`, 'gu'), 'ban chỉ huy'],
  [new RegExp(`${NOT_WORD_BEFORE}BCH${NOT_LETTER_AFTER}`, 'gu'), 'ban chấp hành'],
];

const TABLE = new RegExp(
  `${NOT_WORD_BEFORE}(${Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length).map(escape).join('|')})${NOT_LETTER_AFTER}`,
  'gu',
);
const CAPITALS = new RegExp(`${NOT_WORD_BEFORE}(\\p{Lu}{2,8})${NOT_LETTER_AFTER}`, 'gu');

/**
 * Spells out abbreviations: the special forms (TP., Q.1, v.v., BCH by context), then the table, then
 * unknown all-capital tokens that are not a Vietnamese syllable, letter by letter. Capitalised words
 * that are words (THÔNG BÁO) are left alone. Pure; never touches digits.
 */
export function expandAbbreviations(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SPECIAL) {
    out = out.replace(pattern, (...args: unknown[]) => {
      if (typeof replacement === 'string') return replacement;
      // replace() passes the match and its groups, then the offset and the whole text.
      const groups = args.slice(0, args.findIndex((a) => typeof a === 'number')) as (string | undefined)[];
      return replacement(...groups);
    });
  }
  // Padded with spaces: «TDP5» becomes «tổ dân phố 5»; spaces are collapsed at the end.
  out = out.replace(TABLE, (_, abbr: string) => ` ${ABBREVIATIONS[abbr]} `);
  return out.replace(CAPITALS, (token: string) => (isVietnameseSyllable(token) ? token : ` ${spellLetters(token)} `));
}
