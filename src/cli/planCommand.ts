import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { formatInstant, parseInstant } from '../domain/time.ts';
import { createPlanService } from '../scheduling/planService.ts';
import { describeReasons } from '../scheduling/presentSchedule.ts';
import type { Db } from '../storage/db.ts';
import { getItem } from '../storage/items.ts';
import { listTopics, listZones } from '../storage/station.ts';
import { StationEvents } from '../stationEvents.ts';

const hhmm = (iso: string, tz: string) => formatInstant(parseInstant(iso)!, tz).slice(11, 16);

/** `loa plan --from D --to D [--zone Z] [--dry-run]`: plans, saves, and prints each zone's days. */
export function planCommand(db: Db, args: string[], config: Config): string {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, zone: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } },
  });
  if (!values.from || !values.to) throw new Error('usage: loa plan --from YYYY-MM-DD --to YYYY-MM-DD [--zone Z] [--dry-run]');
  const plans = createPlanService({ db, clock: systemClock, tz: config.tz, log: pino({ level: 'error' }), events: new StationEvents() });
  const result = plans.plan({ from: values.from, to: values.to, zones: values.zone }, !values['dry-run'], 'cli');
  const zoneNames = new Map(listZones(db).map((z) => [z.id, z.name]));
  const topicNames = new Map(listTopics(db).map((t) => [t.id, t.name]));
  const lines: string[] = [];
  let current = '';
  for (const s of result.slots) {
    const day = s.start.slice(0, 10);
    const heading = `${zoneNames.get(s.zone) ?? s.zone} — ${day}`;
    if (heading !== current) {
      lines.push('', heading);
      current = heading;
    }
    const title = getItem(db, s.itemId)?.title ?? s.itemId;
    lines.push(`  ${hhmm(s.start, config.tz)}–${hhmm(s.end, config.tz)}  [${s.window}]  ${title}  (${describeReasons(s.reason, topicNames, 'vi')})`);
  }
  lines.push('', `Chỉ tiêu chưa đạt (${result.shortfalls.length}):`);
  for (const f of result.shortfalls) lines.push(`  - ${f.message.vi}`);
  for (const p of result.rejectedPins) lines.push(`  ! ghim bị từ chối: ${p.pin.zone} ${p.pin.date} ${p.pin.window} ${p.pin.itemId}: ${p.reason}`);
  const asked = result.requested ?? { from: result.from, to: result.to };
  const shown = `${result.slots.length} lượt phát từ ${asked.from} đến ${asked.to}`;
  const whole = `cả kế hoạch từ ${result.from} đến ${result.to}`;
  const saved = result.run.id === null ? ', chưa lưu' : `, đã lưu: lần lập lịch #${result.run.id}`;
  lines.push('', `${shown} (${whole}${saved}; theo cấu hình phiên bản ${result.run.revision}).`);
  return lines.join('\n').trimStart();
}
