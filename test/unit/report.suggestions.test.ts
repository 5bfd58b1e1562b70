/**
 * The difficulties suggested from the data, on the hand-checked fixture month (May 2026, see
 * test/support/airtimeFixture.ts) and the planner's shortfalls: each sentence says what, where and why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Shortfall } from '../../src/domain/plan.ts';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import type { MonthlyReport } from '../../src/reports/model.ts';
import { suggestDifficulties, type SuggestionFacts } from '../../src/reports/suggestions.ts';
import { buildAirtimeFixture, FIXTURE_GENERATED_AT, FIXTURE_TZ } from '../support/airtimeFixture.ts';

let report: MonthlyReport;
beforeAll(() => {
  report = buildMonthlyReport(buildAirtimeFixture(), { month: '2026-05', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
});

const ENABLED = new Set(['tdp-1', 'tdp-2', 'tdp-3']);
const shortfall = (s: Partial<Shortfall> & Pick<Shortfall, 'kind' | 'zone' | 'period' | 'reason'>): Shortfall => ({
  topic: null, ruleIndex: null, per: 'day', periodStart: s.period, periodEnd: s.period, wanted: 1, planned: 0, message: { vi: '', en: '' }, ...s,
});
const suggest = (over: Partial<SuggestionFacts> = {}) =>
  suggestDifficulties({ report, shortfalls: [], enabledZones: ENABLED, ceremonialPlanShare: 0.12, lang: 'vi', ...over });
const text = (list: { key: string; text: string }[], key: string) => list.find((s) => s.key === key)?.text;

describe('suggested difficulties', () => {
  it('names a missed target with where it was missed and the planner\'s reason, else "aired less"', () => {
    const list = suggest({
      shortfalls: [shortfall({ kind: 'topic-below-target', zone: 'tdp-1', topic: 'dai-hoi-xiv', ruleIndex: 1, period: '2026-05-19', reason: 'no-approved-item' })],
    });
    expect(text(list, 'target:dai-hoi-xiv:1')).toBe(
      'Chủ đề «Đại hội XIV của Đảng» chưa đạt chỉ tiêu 1–2 lần/ngày, trong khung giờ cao điểm (từ 18/05/2026 đến 20/05/2026): ' +
        'đạt 2/3 kỳ; chưa đạt ở Tổ dân phố số 1 (1 kỳ). Nguyên nhân: không có tin bài nào đã duyệt thuộc chủ đề này (1).',
    );
    const weekly = text(list, 'target:dai-hoi-xiv:0')!;
    expect(weekly).toMatch(/^Chủ đề «Đại hội XIV của Đảng» chưa đạt chỉ tiêu 3–5 lần\/tuần: đạt 4\/12 kỳ; chưa đạt ở /);
    expect(weekly).toContain('Thôn Đông (4 kỳ)');
    expect(weekly).toMatch(/Nguyên nhân: kế hoạch đã đủ nhưng thực tế phát thiếu \(lượt lỗi, bị ngắt hoặc bỏ qua\) \(8\)\.$/);
    expect(text(list, 'target:cai-cach-hanh-chinh:0')).toContain('đạt 3/4 kỳ; chưa đạt ở Tổ dân phố số 2 (1 kỳ)');
  });

  it('counts failed, cut and skipped plays with the zones that had most', () => {
    expect(text(suggest(), 'incidents')).toBe(
      'Trong tháng có 3 lượt phát lỗi, 2 lượt bị ngắt, 1 lượt bị chen ngang, 1 lượt bỏ qua; nhiều nhất ở Tổ dân phố số 1 (4 lượt); Tổ dân phố số 2 (2 lượt); Thôn Đông (1 lượt).',
    );
    expect(text(suggest({ lang: 'en' }), 'incidents')).toBe(
      'The month had 3 failed plays, 2 interrupted plays, 1 preempted plays, 1 skipped plays; most in Tổ dân phố số 1 (4); Tổ dân phố số 2 (2); Thôn Đông (1).',
    );
  });

  it('flags the ceremonial share over the cap in a zone, or near it overall', () => {
    expect(text(suggest(), 'ceremonial')).toBe('Tin, bài lễ tân, hội họp vượt mức tối đa 15,0% ở Tổ dân phố số 1.');
    // At a 10% planning margin the overall 11.6% is "near the cap".
    expect(text(suggest({ ceremonialPlanShare: 0.1 }), 'ceremonial')).toBe(
      'Tin, bài lễ tân, hội họp chiếm 11,6% số lượt và 10,6% thời lượng phát sóng, sát mức tối đa 15,0%. Tin, bài lễ tân, hội họp vượt mức tối đa 15,0% ở Tổ dân phố số 1.',
    );
  });

  it('names zones that are on yet aired nothing, and plays no receiver heard', () => {
    expect(text(suggest(), 'silent-zones')).toBeUndefined();
    expect(text(suggest({ enabledZones: new Set([...ENABLED, 'tdp-9']) }), 'silent-zones')).toBe(
      'Khu vực Tổ dân phố số 9 (đã ngừng) không phát được lượt tin, bài nào trong tháng; cần kiểm tra thiết bị và đường truyền.',
    );
    const unheard = structuredClone(report);
    unheard.reception.totals.unheardPlays = 5;
    unheard.reception.totals.unheardMinutes = 7.5;
    unheard.reception.byZone = [{ ...unheard.reception.totals, zone: 'tdp-2', name: 'Tổ dân phố số 2' }];
    expect(text(suggest({ report: unheard }), 'unheard')).toBe(
      'Có 5 lượt (7,5 phút) phát nhưng không có thiết bị nhận, nhiều nhất ở Tổ dân phố số 2 (5 lượt); cần kiểm tra cụm loa và đường truyền.',
    );
  });

  it('says how many peak windows and days stayed empty, and why', () => {
    const list = suggest({
      shortfalls: [
        shortfall({ kind: 'empty-window', zone: 'tdp-1', period: '2026-05-18', window: '17:00-17:45', reason: 'ceremonial-cap' }),
        shortfall({ kind: 'empty-window', zone: 'tdp-2', period: '2026-05-19', window: '05:30-06:15', reason: 'ceremonial-cap' }),
        shortfall({ kind: 'empty-day', zone: 'tdp-3', period: '2026-05-20', reason: 'windows-too-short' }),
        shortfall({ kind: 'empty-day', zone: 'tdp-3', period: '2026-06-02', reason: 'windows-too-short' }), // June: not this month
      ],
    });
    expect(text(list, 'empty-windows')).toBe(
      'Có 2 khung giờ cao điểm và 1 ngày để trống dù đã có tin, bài được duyệt; nguyên nhân: các tin bài còn dùng được đều thuộc loại lễ tân, hội họp ' +
        'và phát thêm sẽ vượt tỷ lệ 12% kế hoạch giữ để luôn dưới mức trần 15% (2); các khung giờ đã kín chỗ hoặc ngắn hơn thời lượng tin bài (1).',
    );
  });

  it('says so when nothing aired, and when far fewer plays aired than were planned', () => {
    const empty = buildMonthlyReport(buildAirtimeFixture(), { month: '2026-03', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    // Nothing aired: said first, then the targets that this leaves unmet (no incident, no ceremonial share).
    expect(suggest({ report: empty }).map((s) => s.key)).toEqual(['nothing-aired', 'target:cai-cach-hanh-chinh:0', 'target:dai-hoi-xiv:0']);
    expect(text(suggest({ report: empty }), 'nothing-aired')).toBe('Trong tháng chưa phát được lượt tin, bài nào trên hệ thống loa.');
    const short = structuredClone(report);
    short.planned.totals.plannedSlots = 100;
    expect(text(suggest({ report: short }), 'planned')).toBe('Thực tế chỉ phát 43/100 lượt theo kế hoạch (43,0%).');
    expect(text(suggest(), 'planned')).toBeUndefined();
  });
});
