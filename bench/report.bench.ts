/**
 * Monthly report at scale: 1,000,000 airtime rows in May 2026 and as many in April (the comparison
 * month) over 200 zones, 3,000 items and 30 topics with rules (plus a plan slot per planned play), in a
 * temp-file database, each row carrying its local date as the recorder writes it, so the triggers keep
 * the report summaries as in the daemon. Times buildMonthlyReport (target < 2 s) and the XLSX render
 * (target < 10 s), one zone's report over five zones (target < 0.2 s, the median), wall and CPU time,
 * and peak RSS; then what the summary triggers cost on the daemon's own write path, and how much of it
 * the per-zone summaries a zone's report reads (migrations/0022) take (bench/reportWritePath.ts).
 * The exit code is 1 when a target is missed.
 *
 *   npm run bench:report            (ROWS=200000 npm run bench:report for a quicker run; ROWS is per month)
 *   npm run bench:report -- --small (test-sized: 4,000 rows a month, seconds; targets not judged)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ItemKind } from '../src/domain/item.ts';
import { Policy, Topic, Zone } from '../src/domain/station.ts';
import { localDate, zonedInstant } from '../src/domain/time.ts';
import { buildMonthlyReport } from '../src/reports/buildMonthlyReport.ts';
import { summariesCover } from '../src/reports/monthSource.ts';
import { monthPeriod } from '../src/reports/period.ts';
import { renderReportCsv } from '../src/reports/renderCsv.ts';
import { renderReportHtml } from '../src/reports/renderHtml.ts';
import { renderReportXlsx } from '../src/reports/renderXlsx.ts';
import { openDatabase } from '../src/storage/db.ts';
import { savePolicy, upsertTopic, upsertZone } from '../src/storage/station.ts';
import { prng } from './prng.ts';
import { measureWritePath } from './reportWritePath.ts';
import type { RowCost, WriteRow } from './reportWritePath.ts';
import { machineLine } from './machine.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const MONTH = '2026-05';
/** The comparison month first, so row ids follow time as in production. */
const LOADED_MONTHS = ['2026-04', MONTH];
/** --small: the test-sized variant (test/integration/reportBench.test.ts); its targets are not judged. */
const SMALL = process.argv.includes('--small');
const ROWS = SMALL ? 4000 : Number(process.env.ROWS ?? 1_000_000);
/** Rows written one at a time through the daemon's recorder, a third each with, with fewer and without the summary triggers. */
const WRITE_ROWS = SMALL ? 600 : 6000;
/** The zones whose own report is timed. */
const ZONE_SAMPLES = ['tdp-7', 'tdp-58', 'tdp-101', 'tdp-150', 'tdp-199'];
const ZONES = 200;
const ITEMS = 3000;
const TOPICS = 30;
const UNITS = [
  'Công an phường', 'Ban Chỉ huy quân sự phường', 'Phòng Văn hóa - Xã hội', 'Phòng Kinh tế - Hạ tầng - Đô thị',
  'Trung tâm Phục vụ hành chính công', 'Văn phòng HĐND - UBND', 'Ủy ban MTTQ Việt Nam phường', 'Hội Liên hiệp Phụ nữ',
  'Đoàn Thanh niên', 'Hội Cựu chiến binh', 'Hội Nông dân', 'Trạm Y tế phường', 'Trường THCS', 'Trường Tiểu học',
  'Trung tâm Dịch vụ sự nghiệp công', 'Đài Truyền thanh phường', 'Ban Quản lý chợ', 'Đội Quản lý trật tự đô thị',
  'Hội Người cao tuổi', 'Hội Chữ thập đỏ',
];


const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (min: number) => `${pad(Math.floor(min / 60))}:${pad(min % 60)}`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-report-bench-'));
  const db = openDatabase(join(dir, 'loa.db'));
  const rand = prng(20260501);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const t0 = zonedInstant('2026-01-01', 0, TZ);

  // Station: 200 zones with a peak morning, a midday (weekdays) and a peak evening window.
  const windowsOf: { start: number; end: number; label: string; days: number[] }[][] = [];
  for (let z = 1; z <= ZONES; z++) {
    const shift = (z % 4) * 15;
    const defs = [
      { start: 300 + shift, end: 420 + shift, peak: true, days: [1, 2, 3, 4, 5, 6, 7] },
      { start: 660, end: 750, peak: false, days: [1, 2, 3, 4, 5] },
      { start: 990 + shift, end: 1140 + shift, peak: true, days: [1, 2, 3, 4, 5, 6, 7] },
    ];
    upsertZone(db, Zone.parse({
      id: `tdp-${z}`,
      name: `Tổ dân phố số ${z}`,
      windows: defs.map((d) => ({ days: d.days, start: hhmm(d.start), end: hhmm(d.end), peak: d.peak })),
    }), t0);
    windowsOf.push(defs.map((d) => ({ ...d, label: `${hhmm(d.start)}-${hhmm(d.end)}` })));
  }
  for (let t = 1; t <= TOPICS; t++) {
    const rules: unknown[] = [{ per: 'week', min: 3, max: 40 }];
    if (t % 3 === 0) rules.push({ per: 'day', min: 1, max: 6, peakOnly: true, from: '2026-05-10', to: '2026-05-25', zones: Array.from({ length: 50 }, (_, i) => `tdp-${i * 4 + 1}`) });
    upsertTopic(db, Topic.parse({ id: `chu-de-${t}`, name: `Chủ đề tuyên truyền số ${t}`, rules }), t0);
  }
  savePolicy(db, Policy.parse({}), t0);

  const insertStart = performance.now();
  const kinds = ItemKind.options;
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const priority = rand() < 0.01 ? 'emergency' : rand() < 0.03 ? 'priority' : 'normal';
    const relay = rand() < 0.05;
    const nTopics = Math.floor(rand() * 3);
    return {
      id: `item-${i + 1}`,
      title: `Tin bài số ${i + 1}: tuyên truyền về ${pick(['cải cách hành chính', 'an ninh trật tự', 'Đại hội XIV của Đảng', 'phòng chống thiên tai', 'vệ sinh môi trường'])}`,
      kind: relay ? 'khac' : pick(kinds.filter((k) => k !== 'khac')),
      topics: JSON.stringify([...new Set(Array.from({ length: nTopics }, () => `chu-de-${1 + Math.floor(rand() * TOPICS)}`))]),
      ceremonial: rand() < 0.08 ? 1 : 0,
      unit: relay ? null : pick(UNITS),
      priority,
      relay,
      durationMs: 30_000 + Math.floor(rand() * 140) * 1000,
      createdAt: zonedInstant(rand() < 0.3 ? `2026-05-${pad(1 + Math.floor(rand() * 31))}` : '2026-03-01', 9 * 3600, TZ),
    };
  });
  // Bulk load: tooling, so one transaction and prepared statements here rather than the row-at-a-time recorder.
  const insertItem = db.prepare(
    `INSERT INTO items (id, title, kind, topics, ceremonial, unit, priority, status, duration_ms, created_at, updated_at)
     VALUES (@id, @title, @kind, @topics, @ceremonial, @unit, @priority, 'approved', @durationMs, @createdAt, @createdAt)`,
  );
  const insertRow = db.prepare(
    `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, topics, ceremonial, unit, priority, source, window,
       planned_start, started_at, heartbeat_at, ended_at, played_ms, outcome, outputs, local_date)
     VALUES (@zone, @itemId, @title, @kind, @topics, @ceremonial, @unit, @priority, @source, @window,
       @plannedStart, @startedAt, @endedAt, @endedAt, @playedMs, @outcome, @outputs, @localDate)`,
  );
  const insertSlot = db.prepare(
    `INSERT INTO plan_slots (zone_id, date, start_ms, end_ms, item_id, window, reason, planned_at)
     VALUES (@zone, @date, @start, @end, @itemId, @window, '[]', @plannedAt)`,
  );
  let inserted = 0;
  // Each day's rows are generated per zone, then inserted in start order as the daemon logs them
  // (all zones interleaved), so row ids follow time as in production.
  type Row = Record<string, string | number | null>;
  // Loading only, reset to the defaults before measuring. In an explicit transaction every insert keeps
  // a statement journal of the pages its triggers touch, spilled to a temp file unless temp_store is
  // MEMORY (the daemon writes in autocommit mode, which needs no statement journal).
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  const loadDay = (date: string, day: number, days: number): void => {
    const dayStart = zonedInstant(date, 0, TZ);
    const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const rows: { row: Row; slot: Row | null }[] = [];
    for (let z = 1; z <= ZONES; z++) {
      const zone = `tdp-${z}`;
      const outputs = JSON.stringify(z % 5 === 0 ? ['http', `rtp://239.0.${z}.1:5004`] : ['http']);
      const target = Math.floor((ROWS * ((day - 1) * ZONES + z)) / (days * ZONES)) - Math.floor((ROWS * ((day - 1) * ZONES + z - 1)) / (days * ZONES));
      const wins = windowsOf[z - 1]!.filter((w) => w.days.includes(weekday));
      let w = 0;
      let cursor = wins[0]!.start * 60_000;
      for (let n = 0; n < target; n++) {
        const it = items[Math.floor(rand() * ITEMS)]!;
        while (w < wins.length - 1 && cursor + it.durationMs > wins[w]!.end * 60_000) cursor = wins[++w]!.start * 60_000;
        const emergencyOutOfWindow = it.priority === 'emergency' && rand() < 0.5;
        const startedAt = dayStart + (emergencyOutOfWindow ? (8 * 60 + Math.floor(rand() * 300)) * 60_000 : cursor);
        const r = rand();
        const outcome = r < 0.94 ? 'completed' : r < 0.96 ? 'interrupted' : r < 0.97 ? 'preempted' : r < 0.99 ? 'failed' : 'skipped';
        const playedMs = outcome === 'completed' ? it.durationMs : outcome === 'failed' || outcome === 'skipped' ? 0 : Math.floor(it.durationMs * rand());
        const source = it.priority === 'emergency' ? 'emergency' : it.relay ? 'relay' : rand() < 0.04 ? 'programme' : 'plan';
        const window = emergencyOutOfWindow ? null : wins[w]!.label;
        rows.push({
          row: {
            zone, itemId: it.id, title: it.title, kind: it.kind, topics: it.topics, ceremonial: it.ceremonial, unit: it.unit,
            priority: it.priority, source, window, plannedStart: source === 'plan' ? startedAt : null, startedAt,
            endedAt: startedAt + Math.max(playedMs, 1000), playedMs, outcome, outputs, localDate: localDate(startedAt, TZ),
          },
          slot: source === 'plan' ? { zone, date, start: startedAt, end: startedAt + it.durationMs, itemId: it.id, window, plannedAt: t0 } : null,
        });
        if (!emergencyOutOfWindow) cursor += it.durationMs;
      }
    }
    rows.sort((a, b) => Number(a.row.startedAt) - Number(b.row.startedAt));
    for (const { row, slot } of rows) {
      insertRow.run(row);
      if (slot) insertSlot.run(slot);
      inserted++;
    }
  };
  // One transaction per day: a single one for everything makes SQLite spill and re-read pages.
  db.transaction(() => {
    for (const it of items) insertItem.run(it);
  })();
  for (const month of LOADED_MONTHS) {
    const days = monthPeriod(month, TZ).days;
    days.forEach((date, i) => db.transaction(() => loadDay(date, i + 1, days.length))());
  }
  db.pragma('cache_size = -2000');
  db.pragma('temp_store = DEFAULT');
  const insertMs = performance.now() - insertStart;
  console.log(`inserted ${inserted.toLocaleString('en')} airtime rows in ${LOADED_MONTHS.join(' and ')} (+ plan slots, ${ITEMS} items) ` +
    `in ${(insertMs / 1000).toFixed(1)} s, summaries kept by the triggers`);

  const generatedAt = zonedInstant('2026-06-01', 8 * 3600, TZ);
  /** Wall and CPU time of a step: the box may be shared, CPU time shows the work itself. */
  const timed = async <T>(f: () => T | Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const value = await f();
    const used = process.cpuUsage(cpu);
    return { value, wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
  };
  const rssBefore = process.memoryUsage().rss;
  const build = await timed(() => buildMonthlyReport(db, { month: MONTH, tz: TZ, generatedAt }));
  const rssAfterBuild = process.memoryUsage().rss;
  const report = build.value;
  const again = await timed(() => buildMonthlyReport(db, { month: MONTH, tz: TZ, generatedAt }));
  // One zone's report, for several zones: the median is judged, the spread shown.
  const zoneRuns: { wallMs: number; cpuMs: number }[] = [];
  for (const z of ZONE_SAMPLES) zoneRuns.push(await timed(() => buildMonthlyReport(db, { month: MONTH, zone: z, tz: TZ, generatedAt })));
  const byWall = [...zoneRuns].sort((a, b) => a.wallMs - b.wallMs);
  const zone = byWall[Math.floor(byWall.length / 2)]!;
  const april = await timed(() => buildMonthlyReport(db, { month: '2026-04', tz: TZ, generatedAt }));
  const period = monthPeriod(MONTH, TZ);
  const covered = summariesCover(db, period.scanFrom, period.scanTo, TZ) && summariesCover(db, '2026-04-01', '2026-04-30', TZ);
  const xlsx = await timed(() => renderReportXlsx(report, { stationName: 'Đài truyền thanh phường (bench)' }));
  const html = await timed(() => renderReportHtml(report, { stationName: 'Đài truyền thanh phường (bench)' }));
  const csv = await timed(() => renderReportCsv(report, 'compliance'));

  const h = report.headline;
  const p = report.previous.headline;
  console.log(`report: ${h.programmes} programmes, ${h.plays} plays, ${h.distinctItems} items, ${h.minutes} min; ` +
    `previous month ${p.plays} plays, ${p.minutes} min; read from the ${covered ? 'summaries' : 'log (summaries do not cover it)'}; ` +
    `${report.topics.reduce((n, t) => n + t.rules.length, 0)} rules`);
  console.log(`machine: ${machineLine()}\n`);
  const verdict = (ms: number, target: number | null) => (target === null ? '' : ms < target ? 'OK' : 'OVER');
  const rows: [string, { wallMs: number; cpuMs: number }, number | null, string][] = [
    ['buildMonthlyReport, all zones', build, 2000, ''],
    ['buildMonthlyReport, again', again, null, ''],
    [`buildMonthlyReport, one zone (median of ${zoneRuns.length})`, zone, 200,
      `wall ${byWall[0]!.wallMs.toFixed(0)}–${byWall.at(-1)!.wallMs.toFixed(0)} ms over ${ZONE_SAMPLES.join(', ')}`],
    ['buildMonthlyReport, April', april, null, ''],
    ['renderReportXlsx', xlsx, 10_000, `${(xlsx.value.length / 1024).toFixed(0)} KiB`],
    ['renderReportHtml', html, null, `${(html.value.length / 1024).toFixed(0)} KiB`],
    ['renderReportCsv (compliance)', csv, null, `${(csv.value.length / 1024).toFixed(0)} KiB`],
  ];
  const cell = (t: string, w: number) => t.padEnd(w);
  console.log(`| ${cell('step', 44)} | wall ms | CPU ms | target ms | verdict | note`);
  console.log(`|${'-'.repeat(46)}|---------|--------|-----------|---------|-----`);
  for (const [label, t, target, note] of rows) {
    console.log(`| ${cell(label, 44)} | ${t.wallMs.toFixed(0).padStart(7)} | ${t.cpuMs.toFixed(0).padStart(6)} | ` +
      `${(target === null ? '–' : `< ${target}`).padStart(9)} | ${cell(verdict(t.wallMs, target), 7)} | ${note}`);
  }
  console.log(`\nRSS before the report ${mb(rssBefore)}, after building it ${mb(rssAfterBuild)}; ` +
    `peak RSS of the whole run (loading included) ${mb(process.resourceUsage().maxRSS * 1024)}`);

  // Last, since it adds rows (and leaves half of them out of the summaries): the summaries' cost on the
  // daemon's write path. Each row plays in its zone's evening window on the last day of the month.
  const writeRows: WriteRow[] = Array.from({ length: WRITE_ROWS }, (_, i) => {
    const z = 1 + (i % ZONES);
    const it = items[Math.floor(rand() * ITEMS)]!;
    const evening = windowsOf[z - 1]![2]!;
    return {
      zoneId: `tdp-${z}`, itemId: it.id, title: it.title, kind: it.kind, topics: JSON.parse(it.topics) as string[],
      ceremonial: it.ceremonial === 1, unit: it.unit, priority: it.priority, window: evening.label,
      startedAt: zonedInstant('2026-05-31', evening.start * 60 + Math.floor(i / ZONES) * 30, TZ), playedMs: it.durationMs,
    };
  });
  const write = measureWritePath(db, writeRows, TZ);
  const us = (n: number) => n.toFixed(0).padStart(6);
  console.log(`\nthe summaries on the daemon's write path: ${write.rows.toLocaleString('en')} rows opened then made final one at a time ` +
    `(recordStart, recordEnd; autocommit, as playout writes them), in rotating blocks with, with but without ${write.droppedZone.join(' and ')} ` +
    `(the per-zone summaries), and without ${write.dropped.join(' and ')}:`);
  console.log('| per row, µs                              | recordStart wall | recordEnd wall |    CPU |');
  console.log('|------------------------------------------|------------------|----------------|--------|');
  const cases = [['with the summary triggers', write.withTriggers], ['without the per-zone summaries', write.withoutZoneSummaries],
    ['without them', write.withoutTriggers]] as const;
  for (const [label, c] of cases) {
    console.log(`| ${cell(label, 40)} | ${us(c.startUs).padStart(16)} | ${us(c.endUs).padStart(14)} | ${us(c.cpuUs)} |`);
  }
  const cost = (a: RowCost, b: RowCost) => ({ cpu: a.cpuUs - b.cpuUs, wall: a.startUs + a.endUs - b.startUs - b.endUs });
  const all = cost(write.withTriggers, write.withoutTriggers);
  const zones = cost(write.withTriggers, write.withoutZoneSummaries);
  console.log(`the triggers' cost per row becoming final: ${all.cpu.toFixed(0)} µs CPU, ${all.wall.toFixed(0)} µs wall`);
  console.log(`of which the per-zone summaries: ${zones.cpu.toFixed(0)} µs CPU, ${zones.wall.toFixed(0)} µs wall`);
  const missed = rows.filter(([, t, target]) => target !== null && t.wallMs >= target).map(([label]) => label);
  console.log(SMALL ? '\n--small: targets not judged.' : missed.length === 0 ? '\nAll targets met.' : `\nTargets NOT met: ${missed.join('; ')}.`);
  if (!SMALL && missed.length > 0) process.exitCode = 1;
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
