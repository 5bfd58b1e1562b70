/**
 * A save keeps the slots whose play has begun (src/storage/plans.ts replaceSlots): plans are made on
 * the plan worker while the players go on, so a play may start between the plan's `now` and its save.
 * Its slot stays, the new slots it overlaps are left out, the rest of the plan is saved. A relay's
 * airing names its source as the item (`relay:<source>`), and is kept the same way.
 */
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../src/domain/time.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { insertItem } from '../../src/storage/items.ts';
import { listRelaySlots, listSlots, replaceSlots } from '../../src/storage/plans.ts';
import { approvedItem } from '../support/approvedItem.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const DAY = '2026-05-18';
const at = (time: string) => Date.parse(`${DAY}T${time}:00+07:00`);
const scope = { zones: ['tdp-1'], from: DAY, to: DAY, cutoffMs: at('05:29') };
const meta = { title: 'Tin', kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal' };

function itemSlot(itemId: string, start: string, end: string) {
  return { zoneId: 'tdp-1', date: DAY, startMs: at(start), endMs: at(end), itemId, window: '05:30-06:30', reason: ['fill'] };
}

function relaySlot(start: string, end: string) {
  return { zoneId: 'tdp-1', date: DAY, startMs: at(start), endMs: at(end), relayId: 'thoi-su', sourceId: 'vov1', window: '05:30-06:30' };
}

function station() {
  const db = openDatabase(':memory:');
  for (const id of ['a', 'b', 'c', 'd']) insertItem(db, approvedItem(id, 5, at('00:00') - 86_400_000));
  return { db, airtime: createAirtimeRecorder(db, TZ) };
}

/** The saved item slots as "HH:MM item" in station time. */
const itemsOf = (db: ReturnType<typeof openDatabase>) =>
  listSlots(db, { fromMs: at('00:00'), toMs: at('23:59') }).map((s) => `${formatInstant(s.startMs, TZ).slice(11, 16)} ${s.itemId}`);

describe('a save while plays begin', () => {
  it('keeps an item slot whose play began and leaves out the new slots it overlaps', () => {
    const { db, airtime } = station();
    replaceSlots(db, scope, [itemSlot('a', '05:30', '05:35'), itemSlot('b', '05:35', '05:40')], [], at('05:00'));
    // 05:30: a's play begins (its row is written as it starts); then a plan made at 05:29 is saved.
    airtime.recordStart({ zoneId: 'tdp-1', entry: { itemId: 'a', startMs: at('05:30'), window: '05:30-06:30', source: 'plan', item: meta }, startedAt: at('05:30'), outputs: [] });
    replaceSlots(db, scope, [itemSlot('c', '05:30', '05:33'), itemSlot('d', '05:33', '05:38'), itemSlot('b', '05:38', '05:43')], [], at('05:29'));
    // a stays; c and d overlap it and are left out; b moves as planned; the old b (no play) is gone.
    expect(itemsOf(db)).toEqual(['05:30 a', '05:38 b']);
  });

  it('replaces a slot whose row is of another item (the play that began is not this slot)', () => {
    const { db, airtime } = station();
    replaceSlots(db, scope, [itemSlot('a', '05:30', '05:35')], [], at('05:00'));
    airtime.recordStart({ zoneId: 'tdp-1', entry: { itemId: 'b', startMs: at('05:30'), window: '05:30-06:30', source: 'plan', item: meta }, startedAt: at('05:30'), outputs: [] });
    replaceSlots(db, scope, [itemSlot('c', '05:30', '05:33')], [], at('05:29'));
    expect(itemsOf(db)).toEqual(['05:30 c']);
  });

  it('keeps a relay slot whose airing began, and only that relay', () => {
    const { db, airtime } = station();
    replaceSlots(db, scope, [itemSlot('a', '05:50', '05:55')], [], at('05:00'), [relaySlot('05:30', '05:45')]);
    const relayEntry = { itemId: 'relay:vov1', startMs: at('05:30'), window: '05:30-06:30', source: 'relay' as const, item: { ...meta, title: 'Tiếp âm: VOV1', kind: 'tiep-am' } };
    airtime.recordStart({ zoneId: 'tdp-1', entry: relayEntry, startedAt: at('05:30'), outputs: [] });
    // The new plan moves the relay (its times were changed) and puts an item where it was.
    replaceSlots(db, scope, [itemSlot('c', '05:30', '05:33'), itemSlot('d', '05:46', '05:51')], [], at('05:29'), [relaySlot('05:35', '05:45')]);
    const relays = listRelaySlots(db, { fromMs: at('00:00'), toMs: at('23:59') });
    expect(relays.map((r) => [r.startMs, r.endMs])).toEqual([[at('05:30'), at('05:45')]]);
    expect(itemsOf(db)).toEqual(['05:46 d']);
  });
});
