import { z } from 'zod';
import { ApiError, validationError } from '../errors.ts';
import type { Lang } from '../i18n/messages.ts';

/**
 * The reasons a zone, topic or policy is refused, in the reader's language. The schemas in
 * domain/station.ts and the checks in consistency.ts word their problems in English (the CLI and
 * the logs read them); the admin page reads the API in Vietnamese and must not get a sentence that
 * mixes the two languages. Each known English problem has its Vietnamese sentence here; zod's own
 * generic messages (too small, wrong type…) come from zod's Vietnamese locale.
 */
/** "0.125" → "12,5%" (the page shows shares as percentages). */
const percent = (share: string) => `${String(Math.round(Number(share) * 10_000) / 100).replace('.', ',')}%`;

const VIETNAMESE: { re: RegExp; vi: (m: RegExpExecArray) => string }[] = [
  { re: /^end (\S+) must be after start (\S+)$/, vi: (m) => `giờ kết thúc ${m[1]} phải sau giờ bắt đầu ${m[2]}` },
  { re: /^a weekday is listed twice$/, vi: () => 'một ngày trong tuần được chọn hai lần' },
  {
    re: /^window (\S+)–(\S+) overlaps window (\S+)–(\S+) on a shared weekday$/,
    vi: (m) => `khung giờ ${m[1]}–${m[2]} trùng với khung giờ ${m[3]}–${m[4]} vào cùng một ngày trong tuần`,
  },
  { re: /^must be a time HH:MM or HH:MM:SS between 00:00 and 24:00$/, vi: () => 'phải là giờ dạng HH:MM (từ 00:00 đến 24:00)' },
  { re: /^must be a date YYYY-MM-DD$/, vi: () => 'phải là ngày dạng YYYY-MM-DD' },
  { re: /^is not a date of the calendar/, vi: () => 'không phải ngày có thật trên lịch (tháng đó ít ngày hơn)' },
  { re: /^use lower-case letters, digits and hyphens/, vi: () => 'chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ tdp-1)' },
  { re: /^min (\d+) is greater than max (\d+)$/, vi: (m) => `tối thiểu ${m[1]} lớn hơn tối đa ${m[2]}` },
  { re: /^to (\S+) is before from (\S+)$/, vi: (m) => `ngày kết thúc ${m[1]} ở trước ngày bắt đầu ${m[2]}` },
  {
    re: /^ceremonialPlanShare (\S+) is above ceremonialMaxShare (\S+)$/,
    vi: (m) => `mức lập lịch ${percent(m[1]!)} cao hơn mức trần ${percent(m[2]!)}; mức lập lịch phải bằng hoặc thấp hơn mức trần`,
  },
  { re: /^unknown zone "([^"]+)"/, vi: (m) => `vùng loa «${m[1]}» không tồn tại` },
  {
    re: /^zones of group "([^"]+)" share one programme and must have the same windows as "([^"]+)"/,
    vi: (m) => `các vùng cùng nhóm «${m[1]}» dùng chung một chương trình nên phải có cùng khung giờ với «${m[2]}»`,
  },
  { re: /^unknown item "([^"]+)"/, vi: (m) => `không có tin bài «${m[1]}»` },
  // Area codes (decisions §7) and the CAP settings (src/domain/cap.ts).
  { re: /^an area code has no spaces or commas$/, vi: () => 'mã địa bàn không có dấu cách hay dấu phẩy' },
  { re: /^an area code is listed twice$/, vi: () => 'một mã địa bàn được nhập hai lần' },
  { re: /^areaCode is not among areaCodes/, vi: () => 'areaCode không nằm trong areaCodes: chỉ cần gửi danh sách areaCodes' },
  { re: /^must be an http:\/\/ or https:\/\/ URL$/, vi: () => 'phải là địa chỉ bắt đầu bằng http:// hoặc https://' },
  { re: /^a feed is listed twice$/, vi: () => 'một nguồn cảnh báo được nhập hai lần' },
  { re: /^with onTheHour, everyMinutes must be a multiple of 60$/, vi: () => 'khi phát vào đầu giờ, số phút giữa hai lần phát phải là bội số của 60' },
];

// consistency.ts appends its own Vietnamese in brackets; an English reader gets the English part only.
const BRACKETED_VIETNAMESE = / \([^()]*[à-ỹÀ-Ỹđ][^()]*\)$/;

/** One problem sentence in `lang` (unknown sentences pass through unchanged). */
export function problemIn(lang: Lang, problem: string): string {
  const english = problem.replace(BRACKETED_VIETNAMESE, '');
  if (lang === 'en') return english;
  for (const { re, vi } of VIETNAMESE) {
    const m = re.exec(english);
    if (m) return vi(m);
  }
  return problem;
}

const viLocale = z.locales.vi();
const TYPE_WORDS: Record<string, string> = {
  number: 'phải là số', int: 'phải là số nguyên', boolean: 'phải là có hoặc không (true/false)', string: 'phải là chữ',
  array: 'phải là một danh sách', object: 'phải là một bản ghi (object)',
};

/**
 * zod's generic issues in plain Vietnamese (its own Vietnamese locale names the JavaScript types,
 * "mong đợi string có >=1 ký tự"); anything rarer falls back to that locale.
 */
const vietnameseIssue: z.core.$ZodErrorMap = (iss) => {
  const { code } = iss;
  if (code === 'invalid_type') return iss.input === undefined ? 'bắt buộc phải có' : (TYPE_WORDS[iss.expected] ?? viLocale.localeError(iss));
  if (code === 'too_small' || code === 'too_big') {
    const limit = Number(code === 'too_small' ? iss.minimum : iss.maximum);
    const small = code === 'too_small';
    if (iss.origin === 'string') return small ? (limit === 1 ? 'không được để trống' : `cần ít nhất ${limit} ký tự`) : `tối đa ${limit} ký tự`;
    if (iss.origin === 'array') return small ? `cần chọn ít nhất ${limit} mục` : `tối đa ${limit} mục`;
    if (iss.origin === 'number') {
      if (small) return iss.inclusive ? `phải từ ${limit} trở lên` : `phải lớn hơn ${limit}`;
      return iss.inclusive ? `không được quá ${limit}` : `phải nhỏ hơn ${limit}`;
    }
  }
  if (code === 'invalid_value') return `phải là một trong: ${iss.values.map(String).join(', ')}`;
  return viLocale.localeError(iss);
};

/**
 * Parses with zod's messages in `lang` (custom refinement messages are English and translated by
 * `localizeRefusal`); throws the 400 listing every bad field, its path prefixed.
 */
export function parseIn<T extends z.ZodType>(schema: T, input: unknown, lang: Lang, prefix = 'body.'): z.output<T> {
  const result = lang === 'vi' ? schema.safeParse(input, { error: vietnameseIssue }) : schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(result.error.issues, prefix);
}

/** Runs `fn`; a 400 listing bad fields comes out with each problem in `lang`. */
export function localizeRefusal<T>(lang: Lang, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'validation-failed' || !Array.isArray(err.details)) throw err;
    const details = err.details as { field: string; problem: string }[];
    throw validationError(details.map((d) => ({ path: [d.field], message: problemIn(lang, d.problem) })));
  }
}
