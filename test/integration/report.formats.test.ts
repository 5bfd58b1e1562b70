/**
 * The report's formats on the fixture (May 2026): CSV, XLSX read back with exceljs, HTML, and the HTTP
 * route through fastify's inject().
 */
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../src/http/errorHandling.ts';
import { registerReportRoutes } from '../../src/http/routes/reports.ts';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import type { MonthlyReport } from '../../src/reports/model.ts';
import { renderReportCsv } from '../../src/reports/renderCsv.ts';
import { renderReportHtml } from '../../src/reports/renderHtml.ts';
import { renderReportXlsx } from '../../src/reports/renderXlsx.ts';
import { REPORT_TABLES } from '../../src/reports/tables.ts';
import type { Db } from '../../src/storage/db.ts';
import { buildAirtimeFixture, FIXTURE_GENERATED_AT, FIXTURE_STATION, FIXTURE_TZ } from '../support/airtimeFixture.ts';
import { fakeClock } from '../support/fakeClock.ts';

let db: Db;
let report: MonthlyReport;

beforeAll(() => {
  db = buildAirtimeFixture();
  report = buildMonthlyReport(db, { month: '2026-05', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
});

const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');

describe('CSV', () => {
  it('starts with a BOM, has Vietnamese headers and CRLF lines', () => {
    const csv = renderReportCsv(report);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(lines(csv)[0]).toBe('Chỉ tiêu,Tháng 05/2026,Tháng trước (04/2026),Chênh lệch,Thay đổi (%)');
    expect(lines(csv)).toContain('Số chương trình đã phát,27,3,24,800.0');
    expect(lines(csv)).toContain('"Số lượt tin, bài đã phát",43,5,38,760.0');
    expect(lines(csv)).toContain('Thời lượng phát sóng (phút),119.8,14.0,105.8,755.4');
    expect(lines(csv)).toContain('Lượt bản tin khẩn cấp,3,0,3,');
  });

  it('renders each table with its own headers and numbers', () => {
    expect(lines(renderReportCsv(report, 'zones'))).toEqual([
      'Mã khu vực,Khu vực (Tổ dân phố),Số chương trình,Lượt phát,"Số tin, bài",Thời lượng (phút)',
      'tdp-1,Tổ dân phố số 1,13,23,8,60.8',
      'tdp-2,Tổ dân phố số 2,12,17,7,50.5',
      'tdp-3,Thôn Đông,2,3,3,8.5',
      'tdp-9,Tổ dân phố số 9 (đã ngừng),0,0,0,0.0',
      ',Tổng cộng,27,43,8,119.8',
    ]);
    expect(lines(renderReportCsv(report, 'ceremonial'))[2]).toBe('Tổ dân phố số 1,4,23,17.4,9.8,60.8,16.0,Có');
    expect(lines(renderReportCsv(report, 'compliance'))).toContain(
      'Đại hội XIV của Đảng,"1–2 lần/ngày, trong khung giờ cao điểm (từ 18/05/2026 đến 20/05/2026)",Tổ dân phố số 1,2,3,66.7,19/05 (0),20/05 (3)',
    );
    expect(lines(renderReportCsv(report, 'planned'))).toContain('Thôn Đông,4,3,-1,12.0,8.5,-3.5');
    expect(lines(renderReportCsv(report, 'days'))[1]).toBe('01/05/2026,Thứ Sáu,0,1,1,5.0');
    expect(lines(renderReportCsv(report, 'kinds'))[1]).toBe('Tin,24,2,49.8,41.5');
    expect(lines(renderReportCsv(report, 'units'))).toContain('(không ghi đơn vị),0,2,6,30.0');
    expect(lines(renderReportCsv(report, 'incidents'))).toContain('Tổ dân phố số 1,(không có đầu ra),1,0,0,');
    expect(lines(renderReportCsv(report, 'bulletins'))[1]).toBe(
      'Khẩn cấp,"Khẩn cấp: cảnh báo mưa lớn, ngập úng",3,2,3.0,13/05/2026 17:01,21/05/2026 14:00',
    );
    expect(lines(renderReportCsv(report, 'topics'))[0]).toContain('Tuần 19 (04/05–10/05), phút');
  });

  it('quotes quotes and defuses text that looks like a formula; English headers on request', () => {
    const r = structuredClone(report);
    r.bulletins.items[0]!.title = '=HYPERLINK("x") "quoted"';
    expect(renderReportCsv(r, 'bulletins')).toContain(`"'=HYPERLINK(""x"") ""quoted"""`);
    expect(lines(renderReportCsv(report, 'zones', 'en'))[0]).toBe('Zone id,Zone,Programmes,Plays,Distinct items,Airtime (min)');
  });
});

describe('XLSX', () => {
  it('has one sheet per table with valid Vietnamese names, bold headers, values, formats and widths', async () => {
    const buffer = await renderReportXlsx(report, { stationName: FIXTURE_STATION });
    const wb = new ExcelJS.Workbook();
    // exceljs types its Buffer parameter with its own global declaration; node's Buffer is what it reads.
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([
      'Tổng hợp', 'Khu vực', 'Theo ngày', 'Thể loại', 'Chủ đề', 'Chỉ tiêu tần suất', 'Đơn vị gửi tin bài', 'Lễ tân hội họp',
      'Sự cố phát sóng', 'Kế hoạch và thực tế', 'Khẩn cấp ưu tiên tiếp âm', 'Tiếp âm bị gián đoạn', 'Không có thiết bị nhận',
      'Cảnh báo CAP', 'CAP diễn tập thử nghiệm', 'Cụm loa', 'Cụm loa mất kết nối',
    ]);
    expect(names).toHaveLength(REPORT_TABLES.length);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(wb.subject).toBe(FIXTURE_STATION);
    expect(wb.title).toBe('BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN TRÊN HỆ THỐNG TRUYỀN THANH CƠ SỞ THÁNG 05/2026');
    expect(wb.created.toISOString()).toBe('2026-06-01T01:00:00.000Z');

    const zones = wb.getWorksheet('Khu vực')!;
    expect(zones.getRow(1).values).toEqual([undefined, 'Mã khu vực', 'Khu vực (Tổ dân phố)', 'Số chương trình', 'Lượt phát', 'Số tin, bài', 'Thời lượng (phút)']);
    expect(zones.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(zones.getRow(2).values).toEqual([undefined, 'tdp-1', 'Tổ dân phố số 1', 13, 23, 8, 60.8]);
    expect(zones.getRow(2).getCell(3).numFmt).toBe('0');
    expect(zones.getRow(2).getCell(6).numFmt).toBe('0.0');
    expect(zones.getRow(6).getCell(2).value).toBe('Tổng cộng');
    expect(zones.getRow(6).getCell(4).value).toBe(43);
    expect(zones.getRow(6).getCell(4).font?.bold).toBe(true);
    expect(zones.getColumn(1).width).toBe(12);
    expect(zones.getColumn(2).width).toBe(30);

    const cer = wb.getWorksheet('Lễ tân hội họp')!;
    expect(cer.getRow(3).getCell(1).value).toBe('Tổ dân phố số 1');
    expect(cer.getRow(3).getCell(4).value).toBeCloseTo(4 / 23, 12);
    expect(cer.getRow(3).getCell(4).numFmt).toBe('0.0%');
    expect(cer.getRow(3).getCell(8).value).toBe('Có');
    expect(cer.getRow(1).getCell(8).value).toBe('Vượt mức 15%');

    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getRow(5).values).toEqual([undefined, 'Thời lượng phát sóng (phút)', 119.8, 14, 105.8, 6_345_000 / 840_000]);
    expect(summary.getRow(5).getCell(5).numFmt).toBe('0.0%');
    expect(summary.getRow(10).getCell(5).value).toBeNull(); // emergency plays: no change ratio from 0
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('HTML', () => {
  const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('is a Vietnamese A4 report with the letterhead, title, period, lead figures, tables and charts', () => {
    const html = renderReportHtml(report, { stationName: FIXTURE_STATION, place: 'Hải Dương' });
    const text = textOf(html);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="vi">/);
    expect(html).toContain('<meta charset="utf-8">');
    // Decree 30/2020/NĐ-CP margins: top and bottom 20 mm, right 15 mm, left 30 mm.
    expect(html).toContain('@page { size: A4; margin: 20mm 15mm 20mm 30mm; }');
    expect(html).toContain('table-layout: fixed');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain(FIXTURE_STATION);
    expect(text).toContain('Hải Dương, ngày 01 tháng 06 năm 2026');
    expect(text).toContain('BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN TRÊN HỆ THỐNG TRUYỀN THANH CƠ SỞ THÁNG 05/2026');
    expect(text).toContain('(Từ ngày 01/05/2026 đến ngày 31/05/2026)');
    expect(text).toContain(
      'Trong tháng, đã phát sóng 27 chương trình với 43 lượt tin, bài (8 tin, bài khác nhau), tổng thời lượng 119,8 phút trên 3 khu vực loa.',
    );
    expect(text).toContain('chiếm 11,6% số lượt và 10,6% thời lượng phát sóng, dưới mức tối đa 15,0%');
    expect(text).toContain('Khu vực vượt mức: Tổ dân phố số 1 (17,4% số lượt, 16,0% thời lượng)');
    expect(text).toContain('Chủ đề «Đại hội XIV của Đảng»: đạt 4/12 kỳ theo chỉ tiêu 3–5 lần/tuần');
    expect(text).toContain('Ghi nhận 3 lượt phát lỗi, 2 lượt bị ngắt, 1 lượt bị chen ngang và 1 lượt bỏ qua.');
    expect(text).toContain('So với tháng 04/2026: Số chương trình đã phát 27 (tháng trước 3, +24)');
    expect(html.match(/<svg /g)).toHaveLength(2);
    // The fixture has no cluster and no CAP alert: a line says so where the devices and CAP tables would be (four tables
    // fewer); no relay was cut short, so neither that table nor its heading is there (one fewer).
    expect(html.match(/<table class="data"/g)).toHaveLength(REPORT_TABLES.length - 5);
    expect(text).not.toContain('Các lượt tiếp âm bị gián đoạn');
    expect(text).toContain('Trong tháng không nhận được cảnh báo CAP nào.');
    expect(text).toContain('8. Cụm loa và tình trạng hoạt động Trong tháng chưa có cụm loa nào được đăng ký trên hệ thống.');
    expect(text).toContain('Tổ dân phố số 1 13 23 8 60,8');
    expect(html).not.toMatch(/<script/i);
  });

  it('escapes everything that comes from data', () => {
    const r = structuredClone(report);
    r.bulletins.items[0]!.title = '<script>alert("x")</script> & co';
    r.byZone[0]!.name = '<b>Tổ 1</b>';
    const html = renderReportHtml(r, { stationName: 'Đài <phường> & "xã"' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).toContain('&lt;b&gt;Tổ 1&lt;/b&gt;');
    expect(html).toContain('Đài &lt;phường&gt; &amp; &quot;xã&quot;');
  });
});

describe('GET /api/reports/monthly', () => {
  let app: FastifyInstance;
  const clock = fakeClock(FIXTURE_GENERATED_AT);

  beforeAll(async () => {
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler); // as src/http/server.ts does
    installErrorHandling(app, { maxUploadBytes: 1024 * 1024 }); // the server's own error handling
    registerReportRoutes(app, { db, tz: FIXTURE_TZ, stationName: FIXTURE_STATION, clock });
    await app.ready();
  });
  afterAll(() => app.close());

  const get = (query: string) => app.inject({ method: 'GET', url: `/api/reports/monthly?${query}` });

  it('JSON by default: the report model, generated at the injected clock, with its state as a document', async () => {
    const res = await get('month=2026-05');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const { document, ...model } = res.json() as MonthlyReport & { document: unknown };
    expect(model).toEqual(report);
    expect(document).toMatchObject({ status: 'draft', version: null, finalizedBy: null, versions: [] });
  });

  it('CSV: one table, attachment with a dated file name', async () => {
    const res = await get('month=2026-05&format=csv&table=zones');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="bao-cao-2026-05-zones.csv"');
    expect(res.body.startsWith('\uFEFFMã khu vực,')).toBe(true);
  });

  it('XLSX: a zip attachment named bao-cao-2026-05[-zone].xlsx', async () => {
    const res = await get('month=2026-05&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="bao-cao-2026-05.xlsx"');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const one = await get('month=2026-05&zone=tdp-1&format=xlsx');
    expect(one.headers['content-disposition']).toBe('attachment; filename="bao-cao-2026-05-tdp-1.xlsx"');
  });

  it('HTML: inline, Vietnamese', async () => {
    const res = await get('month=2026-05&format=html');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="bao-cao-2026-05.html"');
    expect(res.body).toContain('Độc lập - Tự do - Hạnh phúc');
  });

  it.each([
    ['month=2026-13', 'querystring.month'],
    ['month=2026-5', 'querystring.month'],
    ['', 'querystring.month'],
    ['month=2026-05&format=pdf', 'querystring.format'],
    ['month=2026-05&table=everything', 'querystring.table'],
    ['month=2026-05&zone=Bad%20Zone', 'querystring.zone'],
  ])('400 naming the bad field for %s', async (query, field) => {
    const res = await get(query);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; message: string; details: { field: string }[] };
    expect(body.code).toBe('validation-failed');
    expect(body.details.map((d) => d.field)).toContain(field);
    expect(body.message).toContain(field);
  });

  it('404 for an unknown zone', async () => {
    const res = await get('month=2026-05&zone=tdp-404');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, code: 'unknown-zone' });
    expect((res.json() as { message: string }).message).toContain('tdp-404');
  });
});
