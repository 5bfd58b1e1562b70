import { audioPath } from '../library/audioStore.ts';
import type { Db } from '../storage/db.ts';
import { getItem, type ItemRecord } from '../storage/items.ts';
import { listRelaySlots, listSlots, type SavedRelaySlot } from '../storage/plans.ts';
import { listProgrammeEntries } from '../storage/programmes.ts';
import { getRelay, getRelaySource } from '../storage/relays.ts';
import type { ProgrammeEntry, ProgrammeSource } from './programme.ts';

/**
 * The programme of each player read from the saved plan and hand-made programmes. Members of a group
 * share one plan, so a group's player reads its first member's slots. A hand-made entry takes the
 * place of every planned slot it overlaps; an emergency bulletin's airing does not (it outranks them
 * on air, and what it cut resumes after it). A relay slot (tiếp âm) becomes an entry with `relay` set
 * (the player pulls its source) that takes the place of the item slots it overlaps.
 */
export function createPlanSource(db: Db, audioDir: string, zonesOf: (playerId: string) => string[]): ProgrammeSource {
  const toEntry = (key: string, item: ItemRecord, startMs: number, endMs: number, window: string | null, source: ProgrammeEntry['source']): ProgrammeEntry => ({
    key,
    itemId: item.id,
    startMs,
    endMs,
    window,
    source,
    // An item whose audio is missing still gets an entry: the player logs it 'failed' with the reason.
    audioPath: item.audioSha256 ? audioPath(audioDir, item.audioSha256) : `${audioDir}/missing-audio-of-${item.id}.mp3`,
    durationMs: item.durationMs ?? endMs - startMs,
    item: { title: item.title, kind: item.kind, topics: item.topics, ceremonial: item.ceremonial, unit: item.unit, priority: item.priority },
  });

  return {
    entriesBetween(playerId, fromMs, toMs) {
      const zones = zonesOf(playerId);
      if (zones.length === 0) return [];
      const items = new Map<string, ItemRecord | undefined>();
      const itemOf = (id: string) => {
        if (!items.has(id)) items.set(id, getItem(db, id));
        return items.get(id);
      };
      const manual: ProgrammeEntry[] = [];
      const urgent: ProgrammeEntry[] = [];
      for (const p of listProgrammeEntries(db, zones, fromMs, toMs)) {
        const item = itemOf(p.itemId);
        if (!item) continue;
        const entry = toEntry(`${p.source}:${p.id}`, item, p.startMs, p.endMs, null, p.source);
        // A later row is a later trigger: it outranks earlier bulletins (precedence.ts).
        if (p.emergencyId) urgent.push({ ...entry, emergency: { id: p.emergencyId, rank: p.id } });
        else manual.push(entry);
      }
      const overlaps = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }) => a.startMs < b.endMs && b.startMs < a.endMs;
      const relays: ProgrammeEntry[] = [];
      for (const s of listRelaySlots(db, { fromMs, toMs, zone: zones[0] })) {
        if (manual.some((m) => overlaps(m, s))) continue;
        const entry = relayEntry(s, itemOf);
        if (entry) relays.push(entry);
      }
      const planned: ProgrammeEntry[] = [];
      for (const s of listSlots(db, { fromMs, toMs, zone: zones[0] })) {
        // A hand-made entry replaces the slots it overlaps; a bulletin only cuts into them (they resume after it).
        if (manual.some((m) => overlaps(m, s)) || relays.some((r) => overlaps(r, s))) continue;
        const item = itemOf(s.itemId);
        // A recalled item (no longer approved) never airs, even from a plan saved before the recall.
        if (item && item.status === 'approved') planned.push(toEntry(`plan:${s.startMs}:${s.itemId}`, item, s.startMs, s.endMs, s.window, 'plan'));
      }
      return [...planned, ...relays, ...manual, ...urgent].sort((a, b) => a.startMs - b.startMs);
    },
  };

  /**
   * The entry of a relay slot: its source as the station has it now, its fallback item's audio when
   * that item is still approved. None when the relay is gone (deleted after the slot was saved: like a
   * recalled item, it no longer airs).
   */
  function relayEntry(s: SavedRelaySlot, itemOf: (id: string) => ItemRecord | undefined): ProgrammeEntry | null {
    const relay = getRelay(db, s.relayId);
    const source = getRelaySource(db, s.sourceId);
    if (!relay || !source) return null;
    const fallback = relay.fallbackItemId === null ? undefined : itemOf(relay.fallbackItemId);
    const fallbackAudioPath = fallback?.status === 'approved' && fallback.audioSha256 ? audioPath(audioDir, fallback.audioSha256) : null;
    return {
      key: `relay:${s.relayId}:${s.startMs}`,
      itemId: `relay:${source.id}`,
      startMs: s.startMs,
      endMs: s.endMs,
      window: s.window,
      source: 'relay',
      audioPath: '',
      durationMs: s.endMs - s.startMs,
      item: { title: `Tiếp âm: ${source.name}`, kind: 'tiep-am', topics: [], ceremonial: false, unit: null, priority: 'normal' },
      relay: { relayId: s.relayId, source, fallbackAudioPath },
    };
  }
}
