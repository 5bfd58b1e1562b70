import { describe, expect, it } from 'vitest';
import type { RelayAiring, RelaySource } from '../../src/domain/relay.ts';
import type { ProgrammeEntry } from '../../src/playout/programme.ts';
import { FRAME_MS } from '../../src/playout/zonePlayer.ts';
import { createRelayFeeds } from '../../src/relay/relayFeeds.ts';
import { buildMonthlyReport } from '../../src/reports/buildMonthlyReport.ts';
import { buildReportOutline } from '../../src/reports/documentOutline.ts';
import { MonthlyReport } from '../../src/reports/model.ts';
import { renderReportCsv } from '../../src/reports/renderCsv.ts';
import { fakeClock } from '../support/fakeClock.ts';
import type { OutputDriver } from '../../src/playout/output.ts';
import { audio, captureOutput, entry, log, setup, SILENCE, START, T0 } from '../support/playerHarness.ts';
import { fakeSource } from './relayFakeSource.ts';

const SOURCE: RelaySource = { id: 'dai-tp', name: 'Đài thành phố', url: 'http://radio.example/tp.mp3', kind: 'http', silenceLimitMs: 10_000 };

function relayEntry(relayId: string, startMs: number, frames: number): ProgrammeEntry {
  const airing: RelayAiring = { relayId, source: SOURCE, fallbackAudioPath: '/audio/F.mp3' };
  return entry(relayId, frames, startMs, {
    key: `relay:${relayId}:${startMs}`, itemId: 'relay:dai-tp', source: 'relay', audioPath: '', window: null, relay: airing,
    item: { title: 'Tiếp âm: Đài thành phố', kind: 'tiep-am', topics: [], ceremonial: false, unit: null, priority: 'normal' },
  });
}

/**
 * From the zone player's airtime rows to the monthly report (issue 11: "the log and the report say
 * so"): a relay whose source ended midway counts only the minutes its source aired, and is listed
 * among the relay airings cut short with why; one heard whole counts whole.
 */
describe('relays in the monthly report', () => {
  it('counts the minutes actually relayed per source and lists the airing cut short with its reason', async () => {
    const clock = fakeClock(T0);
    const src = fakeSource(clock);
    const whole = relayEntry('sang', START, 1200); // ~31 s, heard whole
    const cut = relayEntry('chieu', START + 60_000, 1500); // ~39 s, the source ends ~10 s in
    const fallback = audio('F', 40);
    const feeds = createRelayFeeds({ clock, log, silenceFrame: SILENCE, loadFrames: () => fallback, ffmpegPath: 'ffmpeg', startPull: src.start });
    // A head-end that takes every byte (a receiver: the report counts heard plays only, decisions §2).
    let taken = 0;
    const out = captureOutput(clock);
    const device: OutputDriver = { ...out.driver, write: (buf) => ((taken += buf.length), out.driver.write(buf)), receivers: () => [{ delivered: () => taken }] };
    const t = setup({ clock, entries: [whole, cut], files: [fallback], outputs: new Map([['tdp-1', [device]]]), options: { openRelay: (e) => feeds.open(e) } });
    await t.player.start();
    t.clock.advance(cut.startMs - T0 + 10_000);
    src.refuse(true);
    src.end();
    t.clock.advance(cut.endMs - t.clock.now() + 2000);
    expect(t.rows().map((r) => [r.itemId, r.outcome])).toEqual([['relay:dai-tp', 'completed'], ['relay:dai-tp', 'interrupted']]);

    const report = buildMonthlyReport(t.db, { month: '2026-05', tz: 'Asia/Ho_Chi_Minh', generatedAt: Date.parse('2026-06-01T08:00:00+07:00') });
    expect(MonthlyReport.parse(report)).toEqual(report);
    const relayedMs = 1200 * FRAME_MS + t.rows()[1]!.playedMs!;
    expect(report.relays.items).toMatchObject([{ itemId: 'relay:dai-tp', title: 'Tiếp âm: Đài thành phố', level: 'relay', plays: 2, zones: 1 }]);
    expect(Math.abs(report.relays.items[0]!.airtimeMs - relayedMs)).toBeLessThan(2);
    // What the source did not carry is not counted as relayed: well under the two slots' 70 s.
    expect(report.relays.airtimeMs).toBeLessThan(1200 * FRAME_MS + 12_000);
    expect(report.headline.relayPlays).toBe(2);
    expect(report.relays.cutShort).toEqual([{
      itemId: 'relay:dai-tp', title: 'Tiếp âm: Đài thành phố', plannedStart: '2026-05-18T05:31:00+07:00', zones: 1,
      relayedMinutes: expect.closeTo(0.2, 1), outcome: 'interrupted', reason: 'ended', detail: expect.stringMatching(/^relay: relayed 0:1\d of 0:39; source 0:00–0:1\d stopped: ended/),
    }]);

    const outline = buildReportOutline(report, { stationName: 'Đài phường', lang: 'vi' });
    const text = JSON.stringify(outline.blocks);
    expect(text).toContain('Các lượt tiếp âm bị gián đoạn và nguyên nhân');
    expect(text).toContain('Có 1 lượt tiếp âm bị gián đoạn.');
    // The same table in the document and in the CSV: the airing, its time, why and how it was cut.
    const table = outline.blocks.find((b) => b.kind === 'table' && b.table.key === 'relayCuts');
    expect(table?.kind === 'table' && table.table.rows.map((row) => row.map((c) => c.value))).toEqual([
      ['Tiếp âm: Đài thành phố', '18/05/2026 05:31', 'Nguồn ngừng phát', 'Bị ngắt', expect.closeTo(0.2, 1), 1],
    ]);
    const csv = renderReportCsv(report, 'relayCuts').split('\r\n');
    expect(csv[0]).toBe('\uFEFFTiếp âm,Thời điểm bắt đầu theo lịch,Nguyên nhân,Kết quả,Thời lượng đã tiếp âm (phút),Số khu vực');
    expect(csv[1]).toMatch(/^Tiếp âm: Đài thành phố,18\/05\/2026 05:31,Nguồn ngừng phát,Bị ngắt,0\.\d,1$/);
  });
});
