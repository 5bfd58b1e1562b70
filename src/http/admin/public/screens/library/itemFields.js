// The metadata of an item as form controls: the upload form and the edit form share them.
import { html } from '../../lib/html.js';
import { stationInfo, t } from '../../lib/i18n.js';
import { Field } from '../../lib/ui.js';
import { KINDS, PRIORITIES, unitIsFixed } from './itemWords.js';

/**
 * Title, kind, priority, topics, ceremonial flag, unit, validity and note. `values` holds strings and
 * booleans (see formValuesOf); `onChange(next)` gets the whole new object. Ids start with `idPrefix`.
 */
export function ItemFields({ idPrefix, values, onChange, choices, user }) {
  const id = (name) => `${idPrefix}-${name}`;
  const set = (name) => (e) => onChange({ ...values, [name]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const toggleTopic = (topicId) => (e) => onChange({
    ...values,
    topics: e.currentTarget.checked ? [...values.topics, topicId] : values.topics.filter((x) => x !== topicId),
  });
  const topics = choices?.topics ?? [];
  const validHint = t('library.field.validHint', { tz: stationInfo().tz });

  return html`<div class="lib-fields">
    <${Field} id=${id('title')} label=${t('library.field.title')}>
      <input id=${id('title')} name="title" required maxlength="300" aria-required="true" value=${values.title} onInput=${set('title')} />
    </${Field}>
    <${Field} id=${id('kind')} label=${t('library.field.kind')}>
      <select id=${id('kind')} name="kind" value=${values.kind} onChange=${set('kind')}>
        ${KINDS.map((k) => html`<option value=${k}>${t(`library.kind.${k}`)}</option>`)}
      </select>
    </${Field}>
    <${Field} id=${id('priority')} label=${t('library.field.priority')} hint=${t('library.field.priorityHint')}>
      <select id=${id('priority')} name="priority" aria-describedby=${`${id('priority')}-hint`} value=${values.priority} onChange=${set('priority')}>
        ${PRIORITIES.map((p) => html`<option value=${p}>${t(`library.priority.${p}`)}</option>`)}
      </select>
    </${Field}>
    ${unitIsFixed(user)
      ? html`<p class="lib-unit-own">${t('library.field.unitOwn', { unit: user.unit ?? '—' })}</p>`
      : html`<${Field} id=${id('unit')} label=${t('library.field.unit')}>
          <input id=${id('unit')} name="unit" maxlength="200" list=${id('units')} value=${values.unit} onInput=${set('unit')} />
          <datalist id=${id('units')}>${(choices?.units ?? []).map((u) => html`<option value=${u} />`)}</datalist>
        </${Field}>`}
    <${Field} id=${id('validFrom')} label=${t('library.field.validFrom')} hint=${validHint}>
      <input id=${id('validFrom')} name="validFrom" type="datetime-local" aria-describedby=${`${id('validFrom')}-hint`} value=${values.validFrom} onInput=${set('validFrom')} />
    </${Field}>
    <${Field} id=${id('validUntil')} label=${t('library.field.validUntil')} hint=${validHint}>
      <input id=${id('validUntil')} name="validUntil" type="datetime-local" aria-describedby=${`${id('validUntil')}-hint`} value=${values.validUntil} onInput=${set('validUntil')} />
    </${Field}>
    <fieldset class="lib-topics">
      <legend>${t('library.field.topics')}</legend>
      ${topics.length
        ? topics.map((tp) => html`<label class="lib-check">
            <input type="checkbox" name="topics" value=${tp.id} checked=${values.topics.includes(tp.id)} onChange=${toggleTopic(tp.id)} />
            ${tp.name}
          </label>`)
        : html`<p class="muted">${t('library.field.topicsNone')}</p>`}
    </fieldset>
    <div class="field lib-ceremonial">
      <label class="lib-check">
        <input type="checkbox" id=${id('ceremonial')} name="ceremonial" aria-describedby=${`${id('ceremonial')}-hint`} checked=${values.ceremonial} onChange=${set('ceremonial')} />
        ${t('library.field.ceremonial')}
      </label>
      <small id=${`${id('ceremonial')}-hint`}>${t('library.field.ceremonialHint')}</small>
    </div>
    <div class="lib-wide">
      <${Field} id=${id('note')} label=${t('library.field.note')}>
        <textarea id=${id('note')} name="note" maxlength="4000" value=${values.note} onInput=${set('note')}></textarea>
      </${Field}>
    </div>
  </div>`;
}
