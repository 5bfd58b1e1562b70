// Tiếp âm (relays): the sources another station streams, and the fixed times they air on chosen
// zones. Everyone who reads the station sees both; operators change them. The relays are saved as one
// list (PUT /api/relays); the station then re-plans around them, and the day view follows.
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/events.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Loading, useAsync } from '../../lib/ui.js';
import { RelayForm, relaySentence } from './relayForm.js';
import { refusalProblems, slugOf, SourcePanel, uniqueId } from './relaySources.js';

// A source not checked yet is looked at again soon (the watcher checks a new one within seconds).
const HEALTH_REFRESH_MS = { unchecked: 5000, checked: 30_000 };
// Without word of the re-plan by then (the event stream lost), the day view is loaded again anyway.
const REPLAN_WAIT_MS = 45_000;

/**
 * The API's problems with a saved list, by relay id: `relays.2.end` → { [id of relay 2]: { end: […] } },
 * `relays.2` (the relay as a whole, e.g. an overlap) → { [id]: { '': […] } }.
 */
function problemsByRelay(error, sent) {
  const out = {};
  for (const [field, list] of Object.entries(refusalProblems(error))) {
    const m = /^relays\.(\d+)(?:\.(.+))?$/.exec(field);
    const relay = m && sent[Number(m[1])];
    if (!relay) continue;
    (out[relay.id] ??= {})[m[2] ?? ''] = list;
  }
  return out;
}

function RelayList({ relays, words, canEdit, problems, onEdit, onDelete }) {
  if (!relays.length) return html`<p class="muted">${t('relays.list.none')}</p>`;
  return html`<ul class="relay-list">${relays.map((r) => {
    const sentence = relaySentence(r, words);
    const own = problems[r.id];
    return html`<li key=${r.id}>
      <span>${sentence}</span>
      ${own ? html`<p class="field-problem">${Object.values(own).flat().join(' ')}</p>` : null}
      ${canEdit ? html`<span class="actions">
        <button type="button" class="link" aria-label=${`${t('action.edit')}: ${sentence}`} onClick=${() => onEdit(r)}>${t('action.edit')}</button>
        <button type="button" class="link" aria-label=${`${t('action.delete')}: ${sentence}`} onClick=${() => onDelete(r)}>${t('action.delete')}</button>
      </span>` : null}
    </li>`;
  })}</ul>`;
}

/** What the re-plan after a save is doing, in words (and a bar while it runs). */
function ReplanStatus({ phase }) {
  if (phase === 'replanning') {
    return html`<div class="progress"><progress aria-label=${t('relays.replan.working')}></progress><span>${t('relays.replan.working')}</span></div>`;
  }
  if (phase === 'replanned') return html`<p class="notice">${t('relays.replan.done')}</p>`;
  if (phase === 'waited') return html`<p class="notice">${t('relays.replan.slow')}</p>`;
  return null;
}

/**
 * The «Tiếp âm» section of Lịch phát: sources with their health, and the relays in words. `zones` and
 * `items` (approved items: the fallback choices) come from the screen; `onReplanned` reloads its
 * programme once the station has re-planned after a change here.
 */
export function Relays({ canEdit, zones, items, onReplanned }) {
  const sources = useAsync(() => get('/api/sources').then((r) => r.sources), []);
  const loaded = useAsync(() => get('/api/relays').then((r) => r.relays), []);
  // The list as last saved here (the PUT's answer), until it is loaded again.
  const [savedHere, setSavedHere] = useState(null);
  // null: no form; { relay: null }: adding; { relay }: changing that relay.
  const [editing, setEditing] = useState(null);
  const [state, setState] = useState({ phase: 'idle' });
  const relays = savedHere ?? loaded.data;
  const sourceList = sources.data ?? [];
  const words = { sources: sourceList, zones, items };
  const busy = state.phase === 'busy';

  // Health as the watcher last saw it: sooner while a source has not been checked yet.
  useEffect(() => {
    if (!sources.data) return undefined;
    const unchecked = sources.data.some((s) => !s.health || s.health.reachable === null);
    const timer = setTimeout(sources.reload, unchecked ? HEALTH_REFRESH_MS.unchecked : HEALTH_REFRESH_MS.checked);
    return () => clearTimeout(timer);
  }, [sources.data, sources.error]);

  // The planner saved the programme after our change: the day view now shows the relays.
  useLiveEvent('shortfalls-changed', () => {
    if (state.phase !== 'replanning') return;
    setState({ phase: 'replanned' });
    onReplanned();
  }, [state.phase]);
  useEffect(() => {
    if (state.phase !== 'replanning') return undefined;
    const timer = setTimeout(() => { setState({ phase: 'waited' }); onReplanned(); }, REPLAN_WAIT_MS);
    return () => clearTimeout(timer);
  }, [state.phase]);

  /** Saves the whole list; a refusal is kept with the list it was about, so it lands on the right relay. */
  async function saveList(next) {
    setState({ phase: 'busy' });
    try {
      const answer = await put('/api/relays', { relays: next });
      setSavedHere(answer.relays);
      setEditing(null);
      setState({ phase: 'replanning' });
    } catch (error) {
      setState({ phase: 'error', error, problems: problemsByRelay(error, next) });
    }
  }

  function saveDraft(draft) {
    const list = relays ?? [];
    if (editing.relay) return saveList(list.map((r) => (r.id === editing.relay.id ? { ...r, ...draft } : r)));
    const id = uniqueId(slugOf(`${draft.source}-${draft.start.replace(':', '')}`, 'tiep-am'), list.map((r) => r.id));
    return saveList([...list, { id, ...draft }]);
  }

  function remove(relay) {
    if (!confirm(t('relays.list.deleteConfirm', { sentence: relaySentence(relay, words) }))) return;
    saveList((relays ?? []).filter((r) => r.id !== relay.id));
  }

  const open = (relay) => { setState({ phase: 'idle' }); setEditing({ relay }); };
  const problems = state.phase === 'error' ? state.problems : {};
  const formRelayId = editing ? editing.relay?.id ?? null : undefined;
  // A refusal naming the relay in the form shows in the form; one naming another relay, under it.
  const formProblems = editing && state.phase === 'error'
    ? (formRelayId ? problems[formRelayId] : Object.entries(problems).find(([id]) => !relays?.some((r) => r.id === id))?.[1]) ?? {}
    : {};
  const listProblems = Object.fromEntries(Object.entries(problems).filter(([id]) => id !== formRelayId && relays?.some((r) => r.id === id)));
  const refusalPlaced = state.phase === 'error' && Object.keys(problems).length > 0;

  let relayBody;
  if (loaded.error && !relays) relayBody = html`<${ErrorNote} error=${loaded.error} onRetry=${loaded.reload} />`;
  else if (!relays || !sources.data) relayBody = html`<${Loading} />`;
  else {
    relayBody = html`<${RelayList} relays=${relays} words=${words} canEdit=${canEdit && !editing} problems=${listProblems}
      onEdit=${open} onDelete=${remove} />
      ${editing ? html`<${RelayForm} key=${editing.relay?.id ?? 'new'} relay=${editing.relay} sources=${sourceList} zones=${zones} items=${items}
          problems=${formProblems} refusal=${state.phase === 'error' ? state.error : null} busy=${busy}
          onSave=${saveDraft} onCancel=${() => { setEditing(null); setState({ phase: 'idle' }); }} />`
        : canEdit ? html`<div class="actions">
          <button type="button" aria-disabled=${sourceList.length ? 'false' : 'true'} aria-describedby=${sourceList.length ? undefined : 'relay-need-source'}
            onClick=${() => sourceList.length && open(null)}>${t('relays.list.add')}</button>
          ${sourceList.length ? null : html`<small id="relay-need-source" class="hint">${t('relays.list.needSource')}</small>`}
        </div>` : null}`;
  }

  return html`<section class="card relays" aria-labelledby="relays-title">
    <h2 id="relays-title">${t('relays.title')}</h2>
    <p class="hint">${canEdit ? t('relays.intro.edit') : t('relays.intro.readOnly')}</p>
    ${sources.error && !sources.data ? html`<${ErrorNote} error=${sources.error} onRetry=${sources.reload} />` : null}
    ${sources.data ? html`<${SourcePanel} sources=${sourceList} canEdit=${canEdit} onChanged=${sources.reload} />` : null}
    <section class="relay-part" aria-labelledby="relay-list-title">
      <h3 id="relay-list-title">${t('relays.list.title')}</h3>
      <p class="hint">${t('relays.list.hint')}</p>
      ${relayBody}
      <div role="status" aria-live="polite"><${ReplanStatus} phase=${state.phase} /></div>
      ${state.phase === 'error' && !refusalPlaced ? html`<${ErrorNote} error=${state.error} />` : null}
      ${refusalPlaced ? html`<div class="error" role="alert"><p>${t('relays.refused.marked')}</p></div>` : null}
    </section>
  </section>`;
}
