import { rmSync } from 'node:fs';
import { storeAudio } from '../library/audioStore.ts';
import type { ItemRecord } from '../storage/items.ts';
import type { UserRecord } from '../storage/users.ts';

/** How loud a live broadcast airs (decisions §4): an emergency cuts in at once, priority waits for the item on air. */
export type LiveLevel = 'priority' | 'emergency';

/** Where a live broadcast came from: an Icecast source client on a mount, or the admin page's microphone. */
export type LiveOrigin = { kind: 'mount'; mount: string } | { kind: 'browser' };

const LEVEL_WORD: Record<LiveLevel, string> = { priority: 'ưu tiên', emergency: 'khẩn cấp' };

/** The item's title and note (stored words, in the station's language): where it came from and who spoke. */
function wordsOf(origin: LiveOrigin, level: LiveLevel, user: UserRecord): { title: string; note: string; file: string } {
  if (origin.kind === 'mount') {
    return { title: `Phát trực tiếp: ${origin.mount} — ${user.username}`, note: `Phát trực tiếp qua điểm «${origin.mount}» (${level})`, file: `live-${origin.mount}.mp3` };
  }
  return {
    title: `Phát trực tiếp từ trang quản trị — ${user.username}`,
    note: `Phát trực tiếp bằng micrô trên trang quản trị, mức ${LEVEL_WORD[level]}; người nói: ${user.username}`,
    file: `live-micro-${user.username}.mp3`,
  };
}

/**
 * The recording of a live broadcast as an item while it airs (`processing`): kind truc-tiep, submitted
 * by who spoke, valid until it began so the planner never plans it again (decisions §9).
 */
export function newRecordingItem(id: string, origin: LiveOrigin, level: LiveLevel, user: UserRecord, now: number): ItemRecord {
  const words = wordsOf(origin, level, user);
  return {
    id, title: words.title, kind: 'truc-tiep', topics: [], ceremonial: false, unit: user.unit, priority: 'priority', validFrom: null, validUntil: now,
    note: words.note, status: 'processing', failureReason: null, durationMs: null, audioSha256: null, originalName: words.file, loudnessBefore: null,
    loudnessAfter: null, incomingPath: null, submittedBy: user.id, reviewedBy: null, reviewedAt: null, reviewNote: null, approvedAt: null, createdAt: now, updatedAt: now,
  };
}

/**
 * The item once the broadcast has ended: its recording (`file`, canonical MP3 frames) moved into the
 * audio store and approved by its speaker, or `failed` when no audio came at all.
 */
export async function keepRecording(item: ItemRecord, recording: { file: string; frameCount: number; durationMs: number }, user: UserRecord, audioDir: string, now: number): Promise<ItemRecord> {
  if (recording.frameCount === 0) {
    rmSync(recording.file, { force: true });
    return { ...item, status: 'failed', failureReason: 'the source sent no audio', updatedAt: now };
  }
  const stored = await storeAudio(audioDir, recording.file);
  return {
    ...item, status: 'approved', durationMs: recording.durationMs, audioSha256: stored.sha256, reviewedBy: user.id, reviewedAt: now,
    reviewNote: 'phát trực tiếp', approvedAt: now, updatedAt: now,
  };
}
