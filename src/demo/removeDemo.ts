import { rmSync } from 'node:fs';
import type { Clock } from '../clock.ts';
import { removeAudio } from '../library/audioStore.ts';
import type { Db } from '../storage/db.ts';
import { appendItemEvent } from '../storage/itemEvents.ts';
import {
  deleteUnairedDemoItem, dropItemFuture, hasAired, listDemoItems, referencedAudioHashes, saveItem, type DroppedPlans,
} from '../storage/items.ts';

/** What `loa demo remove` did. */
export interface DemoRemoval {
  /** Demo items that never aired, deleted with their history. */
  deleted: number;
  /** Demo items that aired, archived now (their airtime rows are kept for good). */
  archived: number;
  /** Demo items that aired and were archived already (by an earlier run or by hand). */
  keptArchived: number;
  /** Stored audio files no remaining item references, deleted. */
  filesRemoved: number;
  /** Saved plan slots, pins and hand-made programme entries taken out with them. */
  plans: DroppedPlans;
}

export const DEMO_REMOVAL_NOTE = 'Gỡ dữ liệu mẫu (loa demo remove)';

/**
 * Clears the demo library (decisions §11): deletes every demo item that never aired, with its pins,
 * plan slots, programme entries, history and (when no other item shares its content hash) audio file;
 * archives every demo item that aired and takes it out of the programme from now on. Nothing that aired
 * is deleted, and zones, topics and the policy are left alone (the station may have edited them).
 * One immediate transaction, so no play can start logging between the check and the delete; files go
 * after the commit. Running it again changes nothing.
 */
export function removeDemo(deps: { db: Db; clock: Clock; audioDir: string }): DemoRemoval {
  const { db, clock } = deps;
  const now = clock.now();
  const result: DemoRemoval = { deleted: 0, archived: 0, keptArchived: 0, filesRemoved: 0, plans: { slots: 0, pins: 0, programmes: 0 } };
  const addPlans = (d: DroppedPlans) => {
    result.plans.slots += d.slots;
    result.plans.pins += d.pins;
    result.plans.programmes += d.programmes;
  };
  const hashes = new Set<string>();
  const uploads: string[] = [];

  db.transaction(() => {
    for (const item of listDemoItems(db)) {
      if (!hasAired(db, item.id)) {
        addPlans(deleteUnairedDemoItem(db, item.id));
        if (item.audioSha256) hashes.add(item.audioSha256);
        if (item.incomingPath) uploads.push(item.incomingPath);
        result.deleted++;
        continue;
      }
      addPlans(dropItemFuture(db, item.id, now));
      if (item.status === 'archived') {
        result.keptArchived++;
        continue;
      }
      saveItem(db, { ...item, status: 'archived', incomingPath: null, updatedAt: now });
      appendItemEvent(db, {
        itemId: item.id, at: now, actorId: null, action: 'archived', fromStatus: item.status, toStatus: 'archived',
        note: DEMO_REMOVAL_NOTE, data: { aired: true, demo: true },
      });
      if (item.incomingPath) uploads.push(item.incomingPath);
      result.archived++;
    }
  }).immediate();

  const stillReferenced = referencedAudioHashes(db);
  for (const sha of hashes) {
    if (!stillReferenced.has(sha) && removeAudio(deps.audioDir, sha)) result.filesRemoved++;
  }
  for (const path of uploads) rmSync(path, { force: true });
  return result;
}

/** The command's report, in Vietnamese: counts, what it left alone, and what the running daemon does next. */
export function describeDemoRemoval(r: DemoRemoval): string {
  const lines: string[] = [];
  if (r.deleted === 0 && r.archived === 0 && r.plans.slots + r.plans.pins + r.plans.programmes === 0) {
    lines.push('Không còn dữ liệu mẫu (demo) nào để gỡ.');
    if (r.keptArchived > 0) lines.push(`${r.keptArchived} tin mẫu đã phát vẫn được lưu trữ cùng nhật ký phát sóng.`);
    return lines.join('\n');
  }
  lines.push(
    `Đã xoá ${r.deleted} tin mẫu chưa từng phát (cùng ${r.filesRemoved} tệp âm thanh không còn tin nào dùng).`,
    `Đã lưu trữ ${r.archived} tin mẫu đã phát; nhật ký phát sóng của chúng được giữ nguyên` +
      (r.keptArchived > 0 ? ` (${r.keptArchived} tin khác đã được lưu trữ từ trước).` : '.'),
    `Đã gỡ ${r.plans.slots} lượt phát trong lịch đã lưu, ${r.plans.pins} ghim và ${r.plans.programmes} lượt phát thủ công của các tin này.`,
    'Vùng loa, chủ đề và chính sách của trạm mẫu được giữ nguyên (trạm có thể đã sửa chúng); hãy sửa hoặc xoá trên trang quản trị hay bằng `loa apply`.',
    'Lệnh này không thể yêu cầu dịch vụ Loa đang chạy lập lịch lại: các khoảng trống được lấp ở lần lập lịch kế tiếp (00:05 hằng đêm, khi duyệt hay sửa tin, hoặc khi khởi động lại dịch vụ).',
  );
  return lines.join('\n');
}
