// A topic's frequency rule as one plain sentence: "Ít nhất 3, nhiều nhất 5 lần mỗi tuần, ở mọi khu vực."
import { fmtDate } from '../../lib/format.js';
import { t } from '../../lib/i18n.js';

/** How many plays, per what: the sentence's first clause. */
function countClause(rule) {
  const params = { min: rule.min, max: rule.max, period: t(`topics.period.${rule.per}`) };
  if (rule.max === null || rule.max === undefined) return rule.min > 0 ? t('topics.rule.atLeast', params) : t('topics.rule.noTarget', params);
  if (rule.min === rule.max) return t('topics.rule.exactly', params);
  return rule.min > 0 ? t('topics.rule.between', params) : t('topics.rule.atMost', params);
}

function datesClause(rule) {
  if (rule.from && rule.to) return t('topics.rule.fromTo', { from: fmtDate(rule.from), to: fmtDate(rule.to) });
  if (rule.from) return t('topics.rule.from', { from: fmtDate(rule.from) });
  if (rule.to) return t('topics.rule.until', { to: fmtDate(rule.to) });
  return null;
}

/** `zoneName(id)` names a zone (its id when unknown). */
export function ruleSentence(input, zoneName = (id) => id) {
  // While a field is being typed it may be empty: read it as 0 rather than print a gap.
  const rule = { ...input, min: Number(input.min) || 0 };
  const clauses = [
    countClause(rule),
    rule.peakOnly && rule.min > 0 ? t('topics.rule.peakOnly') : null,
    datesClause(rule),
    rule.zones?.length ? t('topics.rule.zones', { zones: rule.zones.map(zoneName).join(', ') }) : t('topics.rule.allZones'),
  ];
  return `${clauses.filter(Boolean).join(', ')}.`;
}
