/**
 * Why a pin was refused, in the operator's language. The planner states each refusal as one English
 * sentence naming the rule it would break (src/planner/pins.ts, fill.ts, reasons.ts); the admin page
 * must not show English inside a Vietnamese sentence, so each known sentence is read back into its
 * rule and facts and said again in Vietnamese or English, with the item's title and the zone's name.
 * test/unit/pinRefusal.test.ts feeds every planner sentence through here, so a new or reworded one
 * fails there rather than reaching an operator untranslated.
 */
import type { Lang } from '../i18n/messages.ts';

/** What the sentences may name: the item's title and the zone's name instead of their ids. */
export interface RefusalNames {
  itemTitle(id: string): string;
  zoneName(id: string): string;
}

/** The rule a refusal names (sent to clients as `details.rule`). */
export type PinRule =
  | 'fit' | 'not-yet-valid' | 'expired' | 'excluded' | 'once-per-window' | 'per-day' | 'repeat-gap' | 'topic-max'
  | 'ceremonial' | 'jingle' | 'not-approved' | 'not-schedulable' | 'no-window' | 'window-over' | 'unknown-item'
  | 'unknown-zone' | 'zone-disabled' | 'not-placeable' | 'relay' | 'other';

type Facts = { item: string; zone: string; time: string; date: string; n: string };
type Say = Record<Lang, (f: Facts) => string>;

const ID = '(\\S+)';
/** An instant "2026-05-19T05:30:04+07:00" as two groups: the whole instant (unused), then its "05:30:04". */
const AT = '(\\d{4}-\\d{2}-\\d{2}T(\\d{2}:\\d{2}(?::\\d{2})?)[^\\s)]*)';

/** Each planner sentence: its pattern, which groups hold what, and what to say instead. */
const KNOWN: { rule: PinRule; re: RegExp; groups: (keyof Facts | null)[]; say: Say }[] = [
  {
    rule: 'fit', re: new RegExp(`^item ${ID} does not fit in the time left in the window at ${AT}`), groups: ['item', null, 'time'],
    say: {
      vi: (f) => `tin bài «${f.item}» dài hơn thời gian còn trống của khung giờ (từ ${f.time}); mỗi tin bài phải nằm gọn trong khung giờ`,
      en: (f) => `item «${f.item}» is longer than the time left in the window (from ${f.time}); every item must fit inside its window`,
    },
  },
  {
    rule: 'not-yet-valid', re: new RegExp(`^item ${ID} is not yet valid at its slot time ${AT}`), groups: ['item', null, 'time'],
    say: {
      vi: (f) => `tin bài «${f.item}» chưa đến thời điểm có hiệu lực lúc ${f.time}`,
      en: (f) => `item «${f.item}» is not yet valid at ${f.time}`,
    },
  },
  {
    rule: 'expired', re: new RegExp(`^item ${ID} is no longer valid at the end of its slot starting ${AT}`), groups: ['item', null, 'time'],
    say: {
      vi: (f) => `tin bài «${f.item}» hết hiệu lực trước khi phát xong (nếu bắt đầu lúc ${f.time})`,
      en: (f) => `item «${f.item}» stops being valid before it would finish (starting at ${f.time})`,
    },
  },
  {
    rule: 'excluded', re: new RegExp(`^item ${ID} is excluded from (?:this zone on that date|zone ${ID} on (\\S+))$`), groups: ['item', 'zone', 'date'],
    say: {
      vi: (f) => `tin bài «${f.item}» đã bị loại khỏi khu vực này trong ngày này; hãy bỏ loại trừ trước khi ghim`,
      en: (f) => `item «${f.item}» is excluded from this zone on that day; remove the exclusion before pinning it`,
    },
  },
  {
    rule: 'once-per-window', re: new RegExp(`^item ${ID} already airs in this window`), groups: ['item'],
    say: {
      vi: (f) => `tin bài «${f.item}» đã có trong khung giờ này; mỗi khung giờ chỉ phát một tin bài một lần`,
      en: (f) => `item «${f.item}» already airs in this window; an item airs at most once per window`,
    },
  },
  {
    rule: 'per-day', re: new RegExp(`^item ${ID} would air more than (\\d+) times that day`), groups: ['item', 'n'],
    say: {
      vi: (f) => `tin bài «${f.item}» sẽ phát quá ${f.n} lần trong ngày ở khu vực này (giới hạn số lần phát mỗi ngày)`,
      en: (f) => `item «${f.item}» would air more than ${f.n} times that day in this zone (the plays-per-day limit)`,
    },
  },
  {
    rule: 'repeat-gap', re: new RegExp(`^item ${ID} airs less than (\\d+) minutes from another play`), groups: ['item', 'n'],
    say: {
      vi: (f) => `tin bài «${f.item}» sẽ phát cách một lần phát khác của nó chưa đến ${f.n} phút (khoảng cách tối thiểu giữa hai lần phát)`,
      en: (f) => `item «${f.item}» would air less than ${f.n} minutes from another play of it (the minimum gap between repeats)`,
    },
  },
  {
    rule: 'topic-max', re: new RegExp(`^item ${ID} would exceed the maximum of one of its topics`), groups: ['item'],
    say: {
      vi: (f) => `tin bài «${f.item}» sẽ làm vượt mức phát tối đa của một chủ đề của nó trong kỳ này`,
      en: (f) => `item «${f.item}» would exceed the maximum plays of one of its topics in this period`,
    },
  },
  {
    rule: 'ceremonial', re: new RegExp(`^item ${ID} is ceremonial and would bring the month's ceremonial share to (\\d+)%`), groups: ['item', 'n'],
    say: {
      vi: (f) => `tin bài «${f.item}» thuộc loại lễ tân, hội họp; phát thêm sẽ đưa tỷ lệ loại này trong tháng lên ${f.n}% trở lên`,
      en: (f) => `item «${f.item}» is ceremonial; another play would bring the month's ceremonial share to ${f.n}% or more`,
    },
  },
  {
    rule: 'jingle', re: new RegExp(`^item ${ID} is the station jingle`), groups: ['item'],
    say: {
      vi: (f) => `tin bài «${f.item}» là nhạc hiệu của đài, tự mở đầu và kết thúc các khung giờ nên không cần ghim`,
      en: (f) => `item «${f.item}» is the station jingle, which opens and closes windows by itself`,
    },
  },
  {
    rule: 'not-approved', re: new RegExp(`^item ${ID} is not approved`), groups: ['item'],
    say: {
      vi: (f) => `tin bài «${f.item}» chưa được duyệt; chỉ tin bài đã duyệt mới được phát`,
      en: (f) => `item «${f.item}» is not approved; only approved items air`,
    },
  },
  {
    rule: 'not-schedulable', re: new RegExp(`^item ${ID} has no usable duration or validity`), groups: ['item'],
    say: {
      vi: (f) => `tin bài «${f.item}» không có thời lượng hoặc thời hạn hiệu lực dùng được`,
      en: (f) => `item «${f.item}» has no usable duration or validity`,
    },
  },
  {
    rule: 'unknown-item', re: new RegExp(`^item ${ID} does not exist`), groups: ['item'],
    say: { vi: (f) => `tin bài «${f.item}» không còn trong thư viện`, en: (f) => `item «${f.item}» is no longer in the library` },
  },
  {
    rule: 'no-window', re: new RegExp(`^zone ${ID} has no window starting at (\\S+) on (\\S+)$`), groups: ['zone', 'time', 'date'],
    say: {
      vi: (f) => `khu vực «${f.zone}» không có khung giờ nào bắt đầu lúc ${f.time} vào ngày ${f.date}`,
      en: (f) => `zone «${f.zone}» has no window starting at ${f.time} on ${f.date}`,
    },
  },
  {
    rule: 'unknown-zone', re: new RegExp(`^zone ${ID} does not exist$`), groups: ['zone'],
    say: { vi: (f) => `khu vực «${f.zone}» không tồn tại`, en: (f) => `zone «${f.zone}» does not exist` },
  },
  {
    rule: 'zone-disabled', re: new RegExp(`^zone ${ID} is disabled$`), groups: ['zone'],
    say: { vi: (f) => `khu vực «${f.zone}» đang tắt`, en: (f) => `zone «${f.zone}» is disabled` },
  },
  {
    rule: 'window-over', re: /^the window is already over, or fully aired/, groups: [],
    say: { vi: () => 'khung giờ này đã qua hoặc đã phát xong', en: () => 'this window is already over or fully aired' },
  },
  {
    rule: 'relay', re: /^the window is taken by a relay that day/, groups: [],
    say: {
      vi: () => 'khung giờ này trong ngày đó đã dành trọn cho tiếp âm, không còn thời gian để phát tin bài',
      en: () => 'this window is taken whole by a relay that day: no time of it is left to air items',
    },
  },
  {
    rule: 'not-placeable', re: new RegExp(`^item ${ID} cannot be placed at ${AT}`), groups: ['item', null, 'time'],
    say: {
      vi: (f) => `không xếp được tin bài «${f.item}» vào lúc ${f.time} mà vẫn giữ các quy định tần suất`,
      en: (f) => `item «${f.item}» cannot be placed at ${f.time} without breaking a frequency rule`,
    },
  },
];

/** "19/05/2026" from "2026-05-19"; anything else as it is. */
const dayMonthYear = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? date.split('-').reverse().join('/') : date);

/** A rule's sentence said directly (for a refusal found before planning, e.g. a pin of an unapproved item). */
export function sayPinRule(rule: PinRule, facts: Partial<Facts>, lang: Lang): string {
  const known = KNOWN.find((k) => k.rule === rule);
  const f: Facts = { item: '', zone: '', time: '', date: '', n: '', ...facts };
  return known ? known.say[lang](f) : describePinRefusal('', { itemTitle: (id) => id, zoneName: (id) => id }, lang).text;
}

/**
 * The refusal in the operator's language, and the rule it names. An unknown sentence (a planner
 * change the unit test has not seen yet) is said generically: never English inside Vietnamese.
 */
export function describePinRefusal(reason: string, names: RefusalNames, lang: Lang): { rule: PinRule; text: string } {
  for (const known of KNOWN) {
    const m = known.re.exec(reason);
    if (!m) continue;
    const facts: Facts = { item: '', zone: '', time: '', date: '', n: '' };
    known.groups.forEach((key, i) => {
      if (key && m[i + 1] !== undefined) facts[key] = m[i + 1]!;
    });
    if (facts.item) facts.item = names.itemTitle(facts.item);
    if (facts.zone) facts.zone = names.zoneName(facts.zone);
    facts.date = dayMonthYear(facts.date);
    facts.time = facts.time.replace(/^(\d{2}:\d{2}):00$/, '$1');
    return { rule: known.rule, text: known.say[lang](facts) };
  }
  return {
    rule: 'other',
    text: lang === 'vi' ? 'bộ lập lịch không thể xếp tin bài vào khung giờ này mà vẫn giữ đủ các quy định' : 'the planner cannot place the item in this window without breaking a rule',
  };
}
