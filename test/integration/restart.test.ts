import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { startDaemon } from '../../src/daemon.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { getItem, insertItem, type ItemRecord } from '../../src/storage/items.ts';
import { cleanEnv } from '../support/cleanEnv.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { startTestDaemon } from '../support/testDaemon.ts';

const processing = (id: string, incomingPath: string | null): ItemRecord => ({
  id, title: id, kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal', validFrom: null, validUntil: null,
  note: null, status: 'processing', failureReason: null, durationMs: null, audioSha256: null, originalName: 'x.wav',
  loudnessBefore: null, loudnessAfter: null, incomingPath, submittedBy: null, reviewedBy: null, reviewedAt: null,
  reviewNote: null, approvedAt: null, createdAt: 1, updatedAt: 1,
});

describe('restart after an interrupted ingest', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await removeDir(d);
  });

  it('re-queues jobs whose upload survived, fails the others, and removes orphan files', async () => {
    const first = await startTestDaemon();
    const { config } = first;
    await first.daemon.stop();
    const fixtures = await makeTempDir();
    dirs.push(fixtures, first.dir);

    // What a kill -9 mid-ingest leaves: items in `processing`, an upload, an orphan upload and stored audio.
    const incoming = join(config.dataDir, 'incoming');
    const survived = join(incoming, 'upl_survived.upload');
    copyFileSync(await makeTone(fixtures, { seconds: 2 }), survived);
    writeFileSync(join(incoming, 'upl_orphan.upload'), 'half an upload');
    const orphanAudio = join(config.audioDir, 'ab', `ab${'0'.repeat(62)}.mp3`);
    mkdirSync(join(config.audioDir, 'ab'), { recursive: true });
    writeFileSync(orphanAudio, 'not referenced');
    writeFileSync(join(config.audioDir, '.incoming-0a1b.part'), 'half a copy');
    const db = openDatabase(join(config.dataDir, 'loa.sqlite'));
    insertItem(db, processing('itm_survived', survived));
    insertItem(db, processing('itm_lost', join(incoming, 'upl_gone.upload')));
    db.close();

    const daemon = await startDaemon(config, { clock: systemClock, log: pino({ level: 'silent' }), env: cleanEnv(), listen: false });
    try {
      for (let i = 0; i < 100 && getItem(daemon.db, 'itm_survived')!.status === 'processing'; i++) await new Promise((r) => setTimeout(r, 100));
      expect(getItem(daemon.db, 'itm_survived')).toMatchObject({ status: 'pending', incomingPath: null });
      expect(getItem(daemon.db, 'itm_lost')).toMatchObject({ status: 'failed' });
      expect(existsSync(survived)).toBe(false);
      expect(existsSync(join(incoming, 'upl_orphan.upload'))).toBe(false);
      expect(existsSync(orphanAudio)).toBe(false);
      expect(existsSync(join(config.audioDir, '.incoming-0a1b.part'))).toBe(false);
    } finally {
      await daemon.stop();
    }
  });
});
