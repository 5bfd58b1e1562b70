// What the library and the review queue both say about an item: its kind, status and topics in
// words, the station-time inputs of its validity, and the choices (topics, units) the forms offer.
import { get } from '../../lib/api.js';
import { html } from '../../lib/html.js';
import { stationInfo, t } from '../../lib/i18n.js';
import { useAsync } from '../../lib/ui.js';

export const KINDS = ['tin', 'bai', 'phong-su', 'thong-bao', 'nhac-hieu', 'khac'];
export const PRIORITIES = ['normal', 'priority'];
export const STATUSES = ['processing', 'pending', 'approved', 'rejected', 'failed', 'archived'];
/** The library's default view: everything still in use. */
export const ACTIVE_STATUSES = STATUSES.filter((s) => s !== 'archived');

const STATUS_TONE = { processing: 'muted', pending: 'warn', approved: 'ok', rejected: 'bad', failed: 'bad', archived: 'muted' };

export const StatusBadge = ({ status }) => html`<span class=${`badge ${STATUS_TONE[status] ?? 'muted'}`}>${t(`library.status.${status}`)}</span>`;

/** Topic names for ids (an id the station no longer has is shown as itself). */
export const topicNames = (ids, topics) => ids.map((id) => topics.find((tp) => tp.id === id)?.name ?? id).join(', ');

/** The topics and units the forms and filters offer (`GET /api/items/choices`). */
export const useChoices = () => useAsync(() => get('/api/items/choices'), []);

/** "2026-05-18T05:30:00+07:00" (the API gives station time) → "2026-05-18T05:30" for a datetime-local input. */
export const instantToLocalInput = (iso) => (iso ? iso.slice(0, 16) : '');

/** The station zone's UTC offset in minutes at an instant. */
function offsetMinutes(ms, tz) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/**
 * "2026-05-18T05:30" read as station time → "2026-05-18T05:30:00+07:00" (the API wants an explicit
 * offset; the browser's own zone may differ from the station's). Empty stays null.
 */
export function localInputToInstant(local) {
  if (!local) return null;
  const tz = stationInfo().tz;
  const asUtc = Date.parse(`${local}:00Z`);
  // Twice: the offset at the guessed instant, then at the corrected one (matters only near a DST change).
  let offset = offsetMinutes(asUtc, tz);
  offset = offsetMinutes(asUtc - offset * 60_000, tz);
  const abs = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The item's metadata as the form edits it (strings and booleans). */
export function formValuesOf(item) {
  return {
    title: item?.title ?? '',
    kind: item?.kind ?? 'tin',
    priority: item?.priority ?? 'normal',
    topics: item?.topics ?? [],
    ceremonial: item?.ceremonial ?? false,
    unit: item?.unit ?? '',
    validFrom: instantToLocalInput(item?.validFrom),
    validUntil: instantToLocalInput(item?.validUntil),
    note: item?.note ?? '',
  };
}

/** The form's values as the API takes them; `withUnit` is false for a submitter (the server sets it). */
export function apiFieldsOf(values, withUnit) {
  return {
    title: values.title.trim(),
    kind: values.kind,
    priority: values.priority,
    topics: values.topics,
    ceremonial: values.ceremonial,
    ...(withUnit && { unit: values.unit.trim() || null }),
    validFrom: localInputToInstant(values.validFrom),
    validUntil: localInputToInstant(values.validUntil),
    note: values.note.trim() || null,
  };
}

/** A submitter's unit is fixed by their account: the forms show it instead of asking. */
export const unitIsFixed = (user) => user.role === 'submitter';
