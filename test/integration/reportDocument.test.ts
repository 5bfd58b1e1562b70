/**
 * The monthly report as the document a ward sends upward (issue 15), through the real daemon's HTTP
 * API: a draft saved and read back; the DOCX opened (its XML read back) with the sections, the
 * Vietnamese text intact, A4 and Decree 30's margins; finalize freezes the figures (another item airs,
 * the finalized month does not move, a reissue shows the new figures and keeps the old version); the
 * roles; a month in the future or malformed is a 400.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/reportCommand.ts';
import { zonedInstant } from '../../src/domain/time.ts';
import { createAirtimeRecorder, type AirtimeOutcome } from '../../src/storage/airtime.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const TZ = 'Asia/Ho_Chi_Minh';
let t: TestDaemon;
const tok = {} as Record<'admin' | 'reviewer' | 'operator' | 'submitter', string>;

/** Writes airtime rows the way a zone player does: a row opens as the item starts, then ends. */
function air(rows: [zone: string, date: string, time: string, title: string, seconds: number, outcome: AirtimeOutcome][]) {
  const recorder = createAirtimeRecorder(t.daemon.db, TZ);
  for (const [zone, date, time, title, seconds, outcome] of rows) {
    const [h, m] = time.split(':').map(Number) as [number, number];
    const startedAt = zonedInstant(date, h * 3600 + m * 60, TZ);
    const item = { title, kind: 'tin', topics: ['dai-hoi-xiv'], ceremonial: false, unit: 'Công an phường', priority: 'normal' };
    const id = recorder.recordStart({ zoneId: zone, startedAt, outputs: ['http'], entry: { itemId: `tin-${zone}-${date}-${time}`, startMs: startedAt, window: '05:30-06:30', source: 'plan', item } });
    recorder.recordEnd(id, { endedAt: startedAt + Math.max(seconds, 1) * 1000, playedMs: seconds * 1000, outcome, detail: null, outputs: ['http'] });
  }
}

const api = (method: 'GET' | 'PUT' | 'POST', url: string, token: string, payload?: unknown) =>
  t.daemon.app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as object }) });
const plays = async (query = '') => {
  const res = await api('GET', `/api/reports/monthly?month=2026-05${query}`, tok.reviewer);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { headline: { plays: number }; document: { status: string; version: number | null; finalizedBy: { name: string } | null; finalizedAt: string | null; narrative: { assessment: string } } };
};

/** The paragraphs of a DOCX body as text (runs joined, XML entities decoded). */
function paragraphs(xml: string): string[] {
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('')).filter((p) => p !== '');
}

async function openDocx(body: Buffer): Promise<{ document: string; styles: string; headers: string[] }> {
  const zip = await JSZip.loadAsync(body);
  const read = (name: string) => zip.file(name)!.async('string');
  const headers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n)).map(read));
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), headers };
}

const twipsToMm = (twips: string) => (Number(twips) * 25.4) / 1440;

const clock = fakeClock('2026-06-03T09:00:00+07:00');

beforeAll(async () => {
  t = await startTestDaemon({ clock, env: { LOA_PLAYOUT: 'false', LOA_STATION_NAME: 'Trung tâm Dịch vụ sự nghiệp công phường Hải Dương' } });
  tok.admin = await t.login('admin', ADMIN_PASSWORD);
  tok.reviewer = await t.userToken('truongphong', 'reviewer');
  tok.operator = await t.userToken('vanhanh', 'operator');
  tok.submitter = await t.userToken('congan', 'submitter', 'Công an phường');
  for (const [id, name] of [['tdp-1', 'Tổ dân phố số 1'], ['tdp-2', 'Tổ dân phố số 2']]) {
    expect((await api('PUT', `/api/zones/${id}`, tok.admin, { name })).statusCode).toBe(200);
  }
  const topic = await api('PUT', '/api/topics/dai-hoi-xiv', tok.admin, { name: 'Đại hội XIV của Đảng', rules: [{ per: 'week', min: 3 }] });
  expect(topic.statusCode, topic.body).toBe(200);
  air([
    ['tdp-1', '2026-05-04', '05:30', 'Tin: Đại hội XIV, phần 1', 120, 'completed'],
    ['tdp-1', '2026-05-05', '05:30', 'Tin: Đại hội XIV, phần 2', 120, 'completed'],
    ['tdp-2', '2026-05-12', '05:30', 'Tin: Đại hội XIV, phần 3', 90, 'completed'],
    ['tdp-2', '2026-05-12', '05:33', 'Tin: lịch tiêm chủng', 0, 'failed'],
  ]);
}, 60_000);
afterAll(() => t?.close());

describe('the monthly report as a document', () => {
  it('saves a draft and reads it back, with difficulties suggested from the data', async () => {
    const empty = await api('GET', '/api/reports/monthly/2026-05/draft', tok.operator);
    expect(empty.statusCode, empty.body).toBe(200);
    const before = empty.json() as { status: string; draft: { assessment: string }; suggestions: { key: string; text: string; handled: boolean }[] };
    expect(before.status).toBe('draft');
    expect(before.draft.assessment).toBe('');
    const keys = before.suggestions.map((s) => s.key);
    expect(keys).toContain('target:dai-hoi-xiv:0');
    expect(keys).toContain('incidents');
    expect(before.suggestions.find((s) => s.key === 'incidents')!.text).toBe('Trong tháng có 1 lượt phát lỗi; nhiều nhất ở Tổ dân phố số 2 (1 lượt).');
    expect(before.suggestions.find((s) => s.key === 'target:dai-hoi-xiv:0')!.text).toMatch(/^Chủ đề «Đại hội XIV của Đảng» chưa đạt chỉ tiêu tối thiểu 3 lần\/tuần: đạt 0\/8 kỳ/);

    // "Đánh giá" typed with combining marks (as some keyboards send it) reads back composed (NFC).
    const decomposed = 'Đánh giá chung: công tác tuyên truyền được triển khai kịp thời.'.normalize('NFD');
    const saved = await api('PUT', '/api/reports/monthly/2026-05/draft', tok.operator, {
      number: '15/BC-TTDVSNC',
      place: 'Hải Dương',
      authority: 'UBND phường Hải Dương',
      assessment: `${decomposed}\n\nNội dung bám sát định hướng của Ban Thường vụ Đảng ủy.`,
      difficulties: [before.suggestions.find((s) => s.key === 'incidents')!.text, 'Một số cụm loa xuống cấp, cần thay thế.'],
      proposals: 'Đề nghị UBND phường bố trí kinh phí sửa chữa cụm loa Tổ dân phố số 2.',
      signer: { name: 'Nguyễn Thị Thu Thủy', title: 'KT. GIÁM ĐỐC\nPhó Giám đốc' },
      recipients: ['Ban Thường vụ Đảng ủy phường (qua Ban Xây dựng Đảng)', 'UBND phường', 'Lưu: VT, VHXH'],
      handledSuggestions: ['incidents'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // A later save of one field keeps the others.
    expect((await api('PUT', '/api/reports/monthly/2026-05/draft', tok.operator, { number: '16/BC-TTDVSNC' })).statusCode).toBe(200);

    const back = (await api('GET', '/api/reports/monthly/2026-05/draft', tok.reviewer)).json() as {
      draft: Record<string, unknown> & { assessment: string }; updatedBy: { name: string }; updatedAt: string; suggestions: { key: string; handled: boolean }[];
    };
    expect(back.draft.assessment.startsWith('Đánh giá chung:'.normalize('NFC'))).toBe(true);
    expect(back.draft.assessment).toBe(back.draft.assessment.normalize('NFC'));
    expect(back.draft.number).toBe('16/BC-TTDVSNC');
    expect(back.draft.signer).toEqual({ name: 'Nguyễn Thị Thu Thủy', title: 'KT. GIÁM ĐỐC\nPhó Giám đốc' });
    expect(back.draft.difficulties).toHaveLength(2);
    expect(back.updatedBy.name).toBe('vanhanh');
    expect(back.updatedAt).toBe('2026-06-03T09:00:00+07:00');
    expect(back.suggestions.find((s) => s.key === 'incidents')!.handled).toBe(true);
    expect(back.suggestions.find((s) => s.key === 'target:dai-hoi-xiv:0')!.handled).toBe(false);

    const report = await plays();
    expect(report.document.status).toBe('draft');
    expect(report.document.narrative.assessment).toBe(back.draft.assessment);
  });

  it('refuses a draft with an unknown field or a control character, naming the field', async () => {
    const typo = await api('PUT', '/api/reports/monthly/2026-05/draft', tok.operator, { asessment: 'x' });
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toContain('asessment');
    const control = await api('PUT', '/api/reports/monthly/2026-05/draft', tok.operator, { number: 'A\u0007B' });
    expect(control.statusCode).toBe(400);
    expect((control.json() as { details: { field: string }[] }).details.map((d) => d.field)).toContain('body.number');
  });

  it('writes a DOCX with the sections, the Vietnamese text intact, A4 and the decree\'s margins and fonts', async () => {
    const res = await api('GET', '/api/reports/monthly?month=2026-05&format=docx', tok.operator);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe('attachment; filename="bao-cao-2026-05.docx"');
    const { document, styles, headers } = await openDocx(res.rawPayload);
    const text = paragraphs(document);
    for (const line of [
      'DỰ THẢO', 'UBND PHƯỜNG HẢI DƯƠNG', 'TRUNG TÂM DỊCH VỤ SỰ NGHIỆP CÔNG PHƯỜNG HẢI DƯƠNG', 'Số: 16/BC-TTDVSNC',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hải Dương, ngày 03 tháng 06 năm 2026', 'BÁO CÁO',
      'KẾT QUẢ TUYÊN TRUYỀN TRÊN HỆ THỐNG TRUYỀN THANH CƠ SỞ THÁNG 05/2026', '(Từ ngày 01/05/2026 đến ngày 31/05/2026)',
      'I. KẾT QUẢ THỰC HIỆN', '1. Kết quả chung', '7. Kế hoạch và thực tế',
      'II. ĐÁNH GIÁ CHUNG', 'Đánh giá chung: công tác tuyên truyền được triển khai kịp thời.', 'Nội dung bám sát định hướng của Ban Thường vụ Đảng ủy.',
      'III. KHÓ KHĂN, VƯỚNG MẮC', '- Một số cụm loa xuống cấp, cần thay thế.',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ', 'Đề nghị UBND phường bố trí kinh phí sửa chữa cụm loa Tổ dân phố số 2.',
      'PHỤ LỤC: KẾT QUẢ THEO NGÀY', 'Nơi nhận:', '- Ban Thường vụ Đảng ủy phường (qua Ban Xây dựng Đảng);', '- UBND phường;', '- Lưu: VT, VHXH.',
      'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Thị Thu Thủy',
    ]) expect(text, line).toContain(line);
    // The sections come in the decree's order: results, assessment, difficulties, proposals, appendix, signature.
    const order = ['I. KẾT QUẢ THỰC HIỆN', 'II. ĐÁNH GIÁ CHUNG', 'III. KHÓ KHĂN, VƯỚNG MẮC', 'IV. ĐỀ XUẤT, KIẾN NGHỊ', 'PHỤ LỤC: KẾT QUẢ THEO NGÀY', 'Nơi nhận:'];
    expect(order.map((h) => text.indexOf(h))).toEqual([...order.map((h) => text.indexOf(h))].sort((a, b) => a - b));
    // Figures are in tables, in Vietnamese number style: the zone table's total row.
    expect(text).toContain('Số lượt tin, bài đã phát');
    expect(document).toMatch(/<w:tbl>/);
    // Nothing decomposed or lost: every paragraph is NFC and no replacement character crept in.
    expect(text.every((p) => p === p.normalize('NFC') && !p.includes('\uFFFD'))).toBe(true);

    const size = /<w:pgSz ([^>]*)\/>/.exec(document)![1]!;
    expect(twipsToMm(/w:w="(\d+)"/.exec(size)![1]!)).toBeCloseTo(210, 0);
    expect(twipsToMm(/w:h="(\d+)"/.exec(size)![1]!)).toBeCloseTo(297, 0);
    const margin = (side: string) => twipsToMm(new RegExp(`<w:pgMar [^>]*w:${side}="(\\d+)"`).exec(document)![1]!);
    expect(margin('top')).toBeGreaterThanOrEqual(19.9);
    expect(margin('top')).toBeLessThanOrEqual(25);
    expect(margin('bottom')).toBeGreaterThanOrEqual(19.9);
    expect(margin('bottom')).toBeLessThanOrEqual(25);
    expect(margin('left')).toBeGreaterThanOrEqual(29.9);
    expect(margin('left')).toBeLessThanOrEqual(35);
    expect(margin('right')).toBeGreaterThanOrEqual(14.9);
    expect(margin('right')).toBeLessThanOrEqual(20);
    // Times New Roman 14 pt (28 half-points) by default; page numbers from page 2 (a title page has its own header).
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="28"\/>/);
    expect(document).toContain('<w:titlePg/>');
    expect(headers.some((h) => h.includes('PAGE'))).toBe(true);
  });

  it('finalizes (reviewer or admin only), freezes the figures as sent, and reissues a new version keeping the old', async () => {
    expect((await api('POST', '/api/reports/monthly/2026-05/finalize', tok.operator, {})).statusCode).toBe(403);
    expect((await plays()).headline.plays).toBe(3);

    const fin = await api('POST', '/api/reports/monthly/2026-05/finalize', tok.reviewer, {});
    expect(fin.statusCode, fin.body).toBe(201);
    expect(fin.json()).toEqual({
      month: '2026-05', zone: null,
      version: { version: 1, finalizedAt: '2026-06-03T09:00:00+07:00', finalizedBy: { id: expect.any(String), name: 'truongphong' }, reason: null },
    });
    const again = await api('POST', '/api/reports/monthly/2026-05/finalize', tok.admin, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'report-already-final' });

    // Another item airs in May (a late log import, a corrected row): the finalized month does not move.
    air([['tdp-1', '2026-05-20', '17:00', 'Tin: bổ sung', 150, 'completed']]);
    const frozen = await plays();
    expect(frozen.headline.plays).toBe(3);
    expect(frozen.document).toMatchObject({ status: 'finalized', version: 1, finalizedBy: { name: 'truongphong' }, finalizedAt: '2026-06-03T09:00:00+07:00' });
    const csv = await api('GET', '/api/reports/monthly?month=2026-05&format=csv&table=zones', tok.operator);
    expect(csv.body).toContain(',Tổng cộng,3,3,3,5.5');
    const frozenDocx = paragraphs((await openDocx((await api('GET', '/api/reports/monthly?month=2026-05&format=docx', tok.operator)).rawPayload)).document);
    expect(frozenDocx).not.toContain('DỰ THẢO');
    expect(frozenDocx.some((p) => p.startsWith('Phiên bản 1, hoàn thành lúc 09:00 ngày 03/06/2026 (truongphong).'))).toBe(true);

    // The draft page says what moved; edits to the words go into the next version, not the sent one.
    const draft = (await api('GET', '/api/reports/monthly/2026-05/draft', tok.operator)).json() as { status: string; changedSinceFinal: { metric: string; current: number; previous: number }[] };
    expect(draft.status).toBe('finalized');
    expect(draft.changedSinceFinal).toContainEqual(expect.objectContaining({ metric: 'plays', current: 4, previous: 3 }));
    expect((await api('PUT', '/api/reports/monthly/2026-05/draft', tok.operator, { assessment: 'Đánh giá sau khi bổ sung nhật ký.' })).statusCode).toBe(200);
    expect((await plays()).document.narrative.assessment).toContain('Đánh giá chung:');

    expect((await api('POST', '/api/reports/monthly/2026-05/reissue', tok.operator, { reason: 'x' })).statusCode).toBe(403);
    const re = await api('POST', '/api/reports/monthly/2026-05/reissue', tok.admin, { reason: 'Bổ sung lượt phát ngày 20/05' });
    expect(re.statusCode, re.body).toBe(201);
    expect(re.json()).toMatchObject({ version: { version: 2, finalizedBy: { name: 'admin' }, reason: 'Bổ sung lượt phát ngày 20/05' } });

    const now = await plays();
    expect(now.headline.plays).toBe(4);
    expect(now.document).toMatchObject({ status: 'finalized', version: 2, narrative: { assessment: 'Đánh giá sau khi bổ sung nhật ký.' } });
    const old = await plays('&version=1');
    expect(old.headline.plays).toBe(3);
    expect(old.document).toMatchObject({ version: 1, narrative: { assessment: expect.stringContaining('Đánh giá chung:') } });
    const html = await api('GET', '/api/reports/monthly?month=2026-05&format=html', tok.reviewer);
    expect(html.body).toContain('Thay thế phiên bản 1 ngày 03/06/2026: Bổ sung lượt phát ngày 20/05.');
    expect(html.body).toContain('<h2>II. ĐÁNH GIÁ CHUNG</h2>');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    const docx = await api('GET', '/api/reports/monthly?month=2026-05&format=docx', tok.reviewer);
    expect(docx.headers['content-disposition']).toBe('attachment; filename="bao-cao-2026-05-v2.docx"');
    expect((await api('GET', '/api/reports/monthly?month=2026-05&version=3', tok.reviewer)).statusCode).toBe(404);
  });

  it('gives the command line the newest finalized version too, as DOCX or JSON, and any older version', async () => {
    const out = join(t.dir, 'bao-cao.json');
    await reportCommand(t.daemon.db, ['--month', '2026-05', '--out', out], t.config, clock);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ headline: { plays: 4 }, document: { status: 'finalized', version: 2 } });
    await reportCommand(t.daemon.db, ['--month', '2026-05', '--version', '1', '--out', out], t.config, clock);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ headline: { plays: 3 }, document: { version: 1 } });
    const docx = join(t.dir, 'bao-cao.docx');
    await reportCommand(t.daemon.db, ['--month', '2026-05', '--format', 'docx', '--out', docx], t.config, clock);
    expect(paragraphs((await openDocx(readFileSync(docx))).document)).toContain('II. ĐÁNH GIÁ CHUNG');
    await expect(reportCommand(t.daemon.db, ['--month', '2026-05', '--version', '7', '--out', out], t.config, clock)).rejects.toThrow('Không tìm thấy phiên bản báo cáo «2026-05 v7».');
  });

  it('keeps one draft and one line of versions per zone report, apart from the station\'s', async () => {
    const zoneDraft = await api('PUT', '/api/reports/monthly/2026-05/draft?zone=tdp-1', tok.operator, { number: '3/BC-TDP1' });
    expect(zoneDraft.statusCode, zoneDraft.body).toBe(200);
    expect((zoneDraft.json() as { zone: string; draft: { number: string } })).toMatchObject({ zone: 'tdp-1', draft: { number: '3/BC-TDP1' } });
    expect(((await api('GET', '/api/reports/monthly/2026-05/draft', tok.operator)).json() as { draft: { number: string } }).draft.number).toBe('16/BC-TTDVSNC');
    expect((await api('POST', '/api/reports/monthly/2026-05/finalize?zone=tdp-1', tok.reviewer, {})).statusCode).toBe(201);
    const zoneReport = (await api('GET', '/api/reports/monthly?month=2026-05&zone=tdp-1', tok.operator)).json() as { zone: string; headline: { plays: number }; document: { version: number; narrative: { number: string } } };
    expect(zoneReport).toMatchObject({ zone: 'tdp-1', headline: { plays: 3 }, document: { version: 1, narrative: { number: '3/BC-TDP1' } } });
    expect((await plays()).document.version).toBe(2);
    for (const [method, url] of [['GET', '/api/reports/monthly/2026-05/draft?zone=tdp-404'], ['PUT', '/api/reports/monthly/2026-05/draft?zone=tdp-404'], ['POST', '/api/reports/monthly/2026-05/reissue?zone=tdp-404']] as const) {
      expect((await api(method, url, tok.admin, method === 'GET' ? undefined : {})).json(), `${method} ${url}`).toMatchObject({ statusCode: 404, code: 'unknown-zone' });
    }
  });

  it('keeps reports from submitters, and drafting from reviewers', async () => {
    for (const [method, url] of [
      ['GET', '/api/reports/monthly?month=2026-05'], ['GET', '/api/reports/monthly/2026-05/draft'], ['PUT', '/api/reports/monthly/2026-05/draft'],
      ['POST', '/api/reports/monthly/2026-05/finalize'], ['POST', '/api/reports/monthly/2026-05/reissue'],
    ] as const) {
      expect((await api(method, url, tok.submitter, method === 'GET' ? undefined : {})).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await api('PUT', '/api/reports/monthly/2026-05/draft', tok.reviewer, { number: '1' })).statusCode).toBe(403);
  });

  it('answers 400 for a month in the future or malformed, and 409 for finalizing a month not over', async () => {
    for (const [method, url] of [
      ['GET', '/api/reports/monthly?month=2026-07'], ['GET', '/api/reports/monthly/2026-07/draft'], ['PUT', '/api/reports/monthly/2026-07/draft'],
      ['POST', '/api/reports/monthly/2027-01/finalize'], ['POST', '/api/reports/monthly/2026-07/reissue'],
    ] as const) {
      const res = await api(method, url, tok.admin, method === 'GET' ? undefined : {});
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json()).toMatchObject({ code: 'report-month-future', details: [{ field: 'month' }] });
    }
    for (const month of ['2026-13', '2026-5', '26-05', 'tháng-5']) {
      const res = await api('GET', `/api/reports/monthly/${encodeURIComponent(month)}/draft`, tok.admin);
      expect(res.statusCode, month).toBe(400);
      expect((res.json() as { details: { field: string }[] }).details.map((d) => d.field)).toContain('params.month');
    }
    const open = await api('POST', '/api/reports/monthly/2026-06/finalize', tok.admin, {});
    expect(open.statusCode).toBe(409);
    expect(open.json()).toMatchObject({ code: 'report-month-open' });
    expect((await api('GET', '/api/reports/monthly/2026-06/draft', tok.operator)).statusCode).toBe(200);
  });
});
