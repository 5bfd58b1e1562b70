/**
 * What a settings revision changed from the one before (storage/stationRevisions.ts), as data and in
 * a few words for the record: zones and topics added, removed or changed (which fields), and the
 * policy settings that changed. Pure.
 */
import type { Lang } from '../i18n/messages.ts';
import type { RevisionSettings } from '../storage/stationRevisions.ts';

/** One change between two revisions. */
export interface SettingsChange {
  what: 'zone' | 'topic' | 'policy';
  /** The zone or topic id (null for the policy). */
  id: string | null;
  change: 'added' | 'removed' | 'changed';
  /** The fields that changed (for a changed zone or topic, and the policy). */
  fields: string[];
}

/** The changes from `before` (null for revision 0: nothing before it) to `after`, zones, topics then policy. */
export function diffSettings(before: RevisionSettings | null, after: RevisionSettings): SettingsChange[] {
  if (!before) return [];
  const out: SettingsChange[] = [];
  const listed = <T extends { id: string }>(what: 'zone' | 'topic', a: readonly T[], b: readonly T[], fields: readonly (keyof T & string)[]) => {
    const old = new Map(a.map((x) => [x.id, x]));
    const next = new Map(b.map((x) => [x.id, x]));
    for (const [id, x] of next) {
      const was = old.get(id);
      if (!was) out.push({ what, id, change: 'added', fields: [] });
      else {
        const changed = fields.filter((f) => JSON.stringify(was[f]) !== JSON.stringify(x[f]));
        if (changed.length > 0) out.push({ what, id, change: 'changed', fields: changed });
      }
    }
    for (const id of old.keys()) if (!next.has(id)) out.push({ what, id, change: 'removed', fields: [] });
  };
  listed('zone', before.zones, after.zones, ['name', 'group', 'enabled', 'windows']);
  listed('topic', before.topics, after.topics, ['name', 'rules']);
  const keys = [...new Set([...Object.keys(before.policy), ...Object.keys(after.policy)])].sort();
  const policy = keys.filter((k) => JSON.stringify((before.policy as Record<string, unknown>)[k]) !== JSON.stringify((after.policy as Record<string, unknown>)[k]));
  if (policy.length > 0) out.push({ what: 'policy', id: null, change: 'changed', fields: policy });
  return out;
}

const WORDS = {
  zone: { vi: 'vùng loa', en: 'zone' },
  topic: { vi: 'chủ đề', en: 'topic' },
  policy: { vi: 'chính sách', en: 'policy' },
  added: { vi: 'thêm', en: 'added' },
  removed: { vi: 'xoá', en: 'removed' },
  name: { vi: 'tên', en: 'name' },
  group: { vi: 'nhóm', en: 'group' },
  enabled: { vi: 'bật/tắt', en: 'enabled' },
  windows: { vi: 'khung giờ', en: 'windows' },
  rules: { vi: 'chỉ tiêu', en: 'rules' },
  none: { vi: 'cài đặt ban đầu', en: 'initial settings' },
  same: { vi: 'không đổi', en: 'no change' },
} as const;

/** The changes in a few words, e.g. "vùng loa tdp-1: khung giờ; chủ đề dai-hoi-xiv: chỉ tiêu". */
export function describeChanges(changes: readonly SettingsChange[], first: boolean, lang: Lang): string {
  if (first) return WORDS.none[lang];
  if (changes.length === 0) return WORDS.same[lang];
  return changes
    .map((c) => {
      const what = c.id === null ? WORDS[c.what][lang] : `${WORDS[c.what][lang]} ${c.id}`;
      if (c.change !== 'changed') return `${what}: ${WORDS[c.change][lang]}`;
      // Policy settings keep their own names (they are the YAML keys).
      const fields = c.fields.map((f) => (f in WORDS ? WORDS[f as keyof typeof WORDS][lang] : f));
      return `${what}: ${fields.join(', ')}`;
    })
    .join('; ');
}
