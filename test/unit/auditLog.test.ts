/**
 * The audit log's writer on an in-memory database: secrets left out or hidden wherever they sit,
 * only the fields a change touched, the actor's name kept as it was, and a label on the admin page
 * for every action it can record.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NOUNS, AUDIT_ACTIONS, createAuditLog, sameValue } from '../../src/audit/auditLog.ts';
import { redactSecrets } from '../../src/audit/redact.ts';
import { audit as auditWords } from '../../src/i18n/ui/audit.ts';
import { listAuditRows } from '../../src/storage/audit.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { insertUser } from '../../src/storage/users.ts';
import { fakeClock } from '../support/fakeClock.ts';

describe('redactSecrets', () => {
  it('leaves passwords and tokens out, hides keys and URL passwords, wherever they are nested', () => {
    const value = {
      password: 'p1', passwordHash: 'scrypt$…', token: 't1', user: { username: 'a', liveToken: 'l1' },
      outputs: [{ type: 'http', key: 'k-123456789' }, { type: 'icecast', url: 'icecast://source:hackme@host:8000/m' }],
      relays: [{ source: 'https://relay:s3cret@radio.example/live.mp3' }],
      note: 'pushed to icecast://u:pw@h/m and http://x.example/plain',
    };
    const out = redactSecrets(value);
    const text = JSON.stringify(out);
    for (const secret of ['p1', 'scrypt', 't1', 'l1', 'k-123456789', 'hackme', 's3cret', ':pw@']) expect(text).not.toContain(secret);
    expect(out).toMatchObject({
      user: { username: 'a' },
      outputs: [{ type: 'http', key: '***', hasKey: true }, { url: 'icecast://source:***@host:8000/m' }],
      relays: [{ source: 'https://relay:***@radio.example/live.mp3' }],
      note: 'pushed to icecast://u:***@h/m and http://x.example/plain',
    });
  });
});

describe('createAuditLog', () => {
  const setup = () => {
    const db = openDatabase(':memory:');
    insertUser(db, { id: 'usr_1', username: 'vanhanh', passwordHash: 'x', role: 'operator', unit: null, disabled: false, createdAt: 0 });
    return { db, log: createAuditLog({ db, clock: fakeClock('2026-12-03T09:00:00+07:00') }) };
  };

  it('keeps only the fields that changed, compared before redaction, and the actor\'s name', () => {
    const { db, log } = setup();
    const before = { name: 'A', outputs: [{ type: 'http', key: 'old-key-123' }], windows: [{ start: '06:00', end: '07:00' }] };
    const after = { windows: [{ end: '07:00', start: '06:00' }], outputs: [{ type: 'http', key: 'new-key-456' }], name: 'A' };
    log.record({ id: 'usr_1' }, 'zone.put', { type: 'zone', id: 'tdp-1' }, before, after, { zones: ['tdp-1', 'tdp-1'] });
    const [row] = listAuditRows(db, { limit: 10, offset: 0 }).rows;
    expect(row).toMatchObject({ actorId: 'usr_1', actorName: 'vanhanh', action: 'zone.put', targetType: 'zone', targetId: 'tdp-1', zones: ['tdp-1'] });
    // The windows are the same whatever the key order; the key changed, and shows so, hidden on both sides.
    expect(JSON.parse(row!.before!)).toEqual({ outputs: [{ type: 'http', key: '***', hasKey: true }] });
    expect(JSON.parse(row!.after!)).toEqual({ outputs: [{ type: 'http', key: '***', hasKey: true }] });
  });

  it('names the command line, the daemon and a login name that is no user\'s', () => {
    const { db, log } = setup();
    log.record('cli', 'plan.run', { type: 'plan' }, null, { slots: 1 });
    log.record('system', 'zone.put', { type: 'zone', id: 'z' }, null, { id: 'z' });
    log.record({ id: null, username: 'ke-la' }, 'auth.login-failed', { type: 'user' }, null, { reason: 'unknown-user' }, { address: '10.0.0.9' });
    const rows = listAuditRows(db, { limit: 10, offset: 0 }).rows;
    expect(rows.map((r) => [r.actorId, r.actorName])).toEqual([[null, 'ke-la'], [null, 'system'], [null, 'cli']]);
    expect(rows[0]!.address).toBe('10.0.0.9');
  });

  it('compares values whatever their key order', () => {
    expect(sameValue({ a: 1, b: [{ x: 1, y: 2 }] }, { b: [{ y: 2, x: 1 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: null })).toBe(false);
  });
});

describe('the admin page\'s words for the audit log', () => {
  it('has a label for every action and every noun the filter offers', () => {
    const missing = [
      ...AUDIT_ACTIONS.map((a) => `audit.action.${a}`),
      ...AUDIT_ACTION_NOUNS.map((n) => `audit.noun.${n}`),
    ].filter((key) => !(key in auditWords));
    expect(missing).toEqual([]);
  });
});
