import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { ItemService } from '../library/itemService.ts';
import type { ReviewService } from '../review/reviewService.ts';
import type { StationEvents } from '../stationEvents.ts';
import type { StationService } from '../station/stationService.ts';
import type { Db } from '../storage/db.ts';
import { markDemoItem } from '../storage/items.ts';
import { parseStationYaml } from '../station/stationYaml.ts';
import { DEMO_ITEMS, synthesiseSpeech } from './demoLibrary.ts';

export const DEMO_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schedules', 'demo.yaml');

/**
 * First start on an empty database: loads the demo ward and a small library of generated items,
 * which go through the normal ingest and are approved by the admin (recorded in their history as
 * demo data) and marked `demo` (`loa demo remove` clears them), so a newcomer sees a real programme
 * within a minute. Whether to call it at all is decideDemo's (demoPolicy.ts).
 */
export async function loadDemo(deps: {
  db: Db; station: StationService; items: ItemService; review: ReviewService; events: StationEvents;
  admin: { id: string; role: string }; ffmpegPath: string; incomingDir: string; log: Logger; isEmpty: boolean;
}): Promise<boolean> {
  const { log } = deps;
  if (!deps.isEmpty) return false;
  const applied = deps.station.apply(parseStationYaml(readFileSync(DEMO_FILE, 'utf8')), 'system', 'demo ward (schedules/demo.yaml)');
  log.info(applied, 'loaded the demo ward (schedules/demo.yaml)');

  const pending = new Set<string>();
  const approveWhenReady = ({ itemId, to }: { itemId: string; to: string }) => {
    if (!pending.has(itemId) || to === 'processing') return;
    pending.delete(itemId);
    if (to === 'pending') deps.review.approve(itemId, deps.admin, 'Dữ liệu mẫu (demo): tự động duyệt');
    if (pending.size === 0) deps.events.off('item:changed', approveWhenReady);
  };
  deps.events.on('item:changed', approveWhenReady);
  for (const [i, demo] of DEMO_ITEMS.entries()) {
    const wav = await synthesiseSpeech(deps.ffmpegPath, deps.incomingDir, i, demo.seconds);
    // Created and marked in one transaction: no demo item ever exists without its flag.
    const item = deps.db.transaction(() => {
      const created = deps.items.create(
        {
          title: demo.title, kind: demo.kind, topics: demo.topics, ceremonial: demo.ceremonial ?? false, unit: demo.unit,
          priority: demo.priority ?? 'normal', validFrom: null, validUntil: null, note: 'Dữ liệu mẫu (demo)',
        },
        { incomingPath: wav, originalName: `demo-${i + 1}.wav` },
        deps.admin,
      );
      markDemoItem(deps.db, created.id);
      return created;
    })();
    pending.add(item.id);
  }
  log.info({ items: DEMO_ITEMS.length }, 'demo items queued for ingest; they are approved as soon as they are ready');
  return true;
}
