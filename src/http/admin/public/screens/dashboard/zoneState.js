// A zone's state in words: airing an emergency bulletin, on air, idle, output down, dead air or not playing, and why.
import { t } from '../../lib/i18n.js';
import { fmtDateTime, fmtTime, todayLocal } from '../../lib/format.js';

/** "http:/stream/tdp-1" → "luồng HTTP /stream/tdp-1"; icecast:// and rtp:// names read as they are. */
export function outputLabel(name) {
  return name.startsWith('http:/') ? t('dashboard.output.http', { path: name.slice('http:'.length) }) : name;
}

/** "05:30" today, "03/12/2026 05:30" another day. */
export function whenLabel(iso) {
  return iso.slice(0, 10) === todayLocal() ? fmtTime(iso) : fmtDateTime(iso);
}

const off = (reason) => ({ tone: 'muted', label: t('dashboard.state.off'), reasons: [reason], details: [] });

/**
 * The zone's state for its card: `tone` (a badge class: ok, warn, bad, muted or emergency), a short
 * `label`, `reasons` in plain words and `details` (the drivers' own technical error texts, shown apart
 * since they are not translated).
 * `now` is GET /api/zones/:id/now (null until loaded); `playoutOn` is false when the daemon runs without players.
 */
export function zoneState(zone, now, playoutOn) {
  if (!zone.enabled) return off(t('dashboard.reason.disabled'));
  if (!playoutOn) return off(t('dashboard.reason.playoutOff'));
  const health = now?.health;
  if (!health) return off(t('dashboard.reason.noPlayer'));
  if (!health.outputs.length) return { tone: 'bad', label: t('dashboard.state.noOutput'), reasons: [t('dashboard.reason.noOutputs')], details: [] };

  const reasons = [];
  const details = [];
  const broken = health.outputs.filter((o) => o.state === 'down' || o.state === 'connecting');
  for (const o of broken) {
    const name = outputLabel(o.name);
    reasons.push(o.state === 'down' ? t('dashboard.reason.outputDown', { name }) : t('dashboard.reason.outputConnecting', { name }));
    if (o.lastError) details.push(`${name}: ${o.lastError}`);
  }
  if (health.silenceAlarm) reasons.push(t('dashboard.reason.silence', { title: now.current?.title ?? '' }));
  if (health.airtimeWritesPending > 0) reasons.push(t('dashboard.reason.airtimePending', { n: health.airtimeWritesPending }));

  let tone, label;
  if (broken.some((o) => o.state === 'down')) [tone, label] = ['bad', t('dashboard.state.down')];
  else if (health.silenceAlarm) [tone, label] = ['bad', t('dashboard.state.silence')];
  // A bulletin on air outranks the ordinary states: everyone looking at the page must see it (issue 10).
  else if (now.current?.source === 'emergency') [tone, label] = ['emergency', t('dashboard.state.emergency')];
  else if (now.current) [tone, label] = [broken.length || health.airtimeWritesPending ? 'warn' : 'ok', t('dashboard.state.onAir')];
  else [tone, label] = [broken.length || health.airtimeWritesPending ? 'warn' : 'muted', t('dashboard.state.idle')];

  if (!now.current && !health.silenceAlarm) {
    reasons.push(now.next
      ? t('dashboard.reason.idleNext', { when: whenLabel(now.next.start), title: now.next.title })
      : t('dashboard.reason.idleNothing'));
  }
  return { tone, label, reasons, details };
}

/** Where an entry comes from, in words. */
export function sourceLabel(entry) {
  if (entry.source === 'programme') return t('dashboard.source.programme');
  if (entry.source === 'emergency') return t('dashboard.source.emergency');
  if (entry.source === 'relay') return t('dashboard.source.relay');
  return entry.window ? t('dashboard.source.window', { window: entry.window.replace('-', '–') }) : t('dashboard.source.plan');
}
