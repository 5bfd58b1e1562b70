// Chủ đề: the topics (chủ đề, chuyên mục) and how often each must air, every rule read as a sentence;
// an operator edits them, with the seed directives as presets.
import { useState } from 'preact/hooks';
import { get } from '../lib/api.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { ErrorNote, Loading, ScreenHeader, useAsync } from '../lib/ui.js';
import { ruleSentence } from './topics/ruleSentence.js';
import { TopicEditor } from './topics/topicEditor.js';

function TopicCard({ topic, zoneName, canEdit, navigate }) {
  const headingId = `topic-card-${topic.id}`;
  return html`<article class="card topics-card" aria-labelledby=${headingId}>
    <h2 id=${headingId}>${topic.name}</h2>
    <p class="muted"><code>${topic.id}</code></p>
    ${topic.rules.length
      ? html`<ul class="topics-sentences">${topic.rules.map((r) => html`<li>${ruleSentence(r, zoneName)}</li>`)}</ul>`
      : html`<p>${t('topics.rules.noneShort')}</p>`}
    ${canEdit ? html`<button type="button" aria-describedby=${headingId} onClick=${() => navigate('topics', { id: topic.id })}>${t('action.edit')}</button>` : null}
  </article>`;
}

export default function TopicsScreen({ user, params, navigate }) {
  const canEdit = user.permissions.includes('station:edit');
  const data = useAsync(() => Promise.all([get('/api/topics'), get('/api/zones')]).then(([a, b]) => ({ topics: a.topics, zones: b.zones })), []);
  // "Saved" outlives the editor (saving a new topic reopens it under its own id) but belongs to that topic.
  const [saved, setSaved] = useState(null);

  if (data.loading && !data.data) return html`<${Loading} />`;
  if (data.error) return html`<${ErrorNote} error=${data.error} onRetry=${data.reload} />`;
  const { topics, zones } = data.data;
  const zoneName = (id) => zones.find((z) => z.id === id)?.name ?? id;
  const creating = canEdit && params.new === '1';
  const selectedId = canEdit ? params.id : undefined;

  if (creating || selectedId) {
    const topic = topics.find((x) => x.id === selectedId);
    const back = html`<p><a href="#/topics">${t('topics.back')}</a></p>`;
    if (!creating && !topic) return html`${back}<div class="error" role="alert"><p>${t('topics.notFound', { id: selectedId })}</p></div>`;
    return html`${back}<${TopicEditor} key=${selectedId ?? 'new'} topic=${creating ? null : topic} zones=${zones} existingIds=${topics.map((x) => x.id)}
      savedNotice=${!creating && saved === selectedId ? t('state.saved') : ''} onSaving=${() => setSaved(null)}
      onSaved=${(x) => { setSaved(x.id); data.reload(); navigate('topics', { id: x.id }); }}
      onDeleted=${() => { data.reload(); navigate('topics'); }} />`;
  }

  return html`<${ScreenHeader} title=${t('topics.title')}>
      ${canEdit ? html`<button type="button" class="primary" onClick=${() => navigate('topics', { new: '1' })}>${t('topics.action.add')}</button>` : null}
    </${ScreenHeader}>
    <p class="hint">${t(canEdit ? 'topics.intro.edit' : 'topics.intro.read')}</p>
    ${topics.length
      ? html`<div class="grid">${topics.map((topic) => html`<${TopicCard} key=${topic.id} topic=${topic} zoneName=${zoneName} canEdit=${canEdit} navigate=${navigate} />`)}</div>`
      : html`<p>${t('topics.empty')}</p>`}
    <p class="hint">${t('topics.preset.ceremonial')} <a href="#/policy">${t('topics.preset.ceremonialLink')}</a></p>`;
}
