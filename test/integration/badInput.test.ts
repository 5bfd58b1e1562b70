/**
 * Bad input on every route (issue 12, Bad input): the routes and their parameters come from the
 * OpenAPI document the daemon serves, so no route is missed. fast-check throws generated payloads —
 * wrong types, huge strings, Vietnamese in NFC and NFD, zero-width and right-to-left marks, negative
 * and huge numbers, impossible dates and times, missing fields — at each one as the admin. Every
 * answer must be below 500, a 4xx must say what is wrong in words, and a refused request must leave
 * the database as it was.
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../support/fakeClock.ts';
import { propertyRuns } from '../support/propertyRuns.ts';
import { ADMIN_PASSWORD, bearer, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string }[];
  hasBody: boolean;
}

/** Routes whose admitted call never ends (an event stream) or ends the caller's own token. */
const SKIP = new Set(['GET /api/events', 'POST /api/auth/logout', 'DELETE /api/auth/session']);
/** Rows that refused requests may still write: the audit trail of attempts, and token use stamps. */
const MAY_CHANGE = new Set(['audit', 'tokens']);

const nasty = fc.oneof(
  fc.constantFrom(
    '', ' ', '\u200b', '\u202e\u0645\u0631\u062d\u0628\u0627', 'Tổ dân phố'.normalize('NFD'), 'Tổ dân phố', '2026-02-30',
    '2026-13-01', '25:61', '-1', '1e309', 'NaN', 'null', '../../etc/passwd', '%00', '<script>', '\ud800', 'x'.repeat(10_000),
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1.5, 1e300),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('id', 'name', 'zones', 'items', 'at', 'from', 'to', 'windows', 'rules', 'days', 'start', 'end', 'password', 'username', 'role'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

let t: TestDaemon;
let token: string;
let operations: Operation[] = [];

beforeAll(async () => {
  t = await startTestDaemon({ clock: fakeClock('2026-12-03T09:00:00+07:00') });
  token = await t.login('admin', ADMIN_PASSWORD);
  const doc = (await t.daemon.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, params: op.parameters ?? [], hasBody: op.requestBody !== undefined || ['post', 'put', 'patch'].includes(method) })),
  ).filter((op) => op.path.startsWith('/api/') && !SKIP.has(`${op.method} ${op.path}`));
});
afterAll(() => t?.close());

/** Every row of every table (the test's database is small): a refused request must not move one. */
function fingerprint(): string {
  const db = t.daemon.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return tables
    .filter((x) => !MAY_CHANGE.has(x.name))
    .map(({ name }) => `${name}:${JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).raw().all())}`)
    .join('|');
}

/** A lone surrogate cannot be percent-encoded as UTF-8: send the bytes of one instead (invalid UTF-8). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function requestFor(op: Operation, pathValues: string[], queryValues: string[], body: unknown): InjectOptions {
  let i = 0;
  const url = op.path.replace(/\{(\w+)\}/g, () => encode(pathValues[i++] ?? 'x'));
  const query = op.params.filter((p) => p.in === 'query').map((p, k) => `${p.name}=${encode(queryValues[k] ?? '')}`).join('&');
  return {
    method: op.method as InjectOptions['method'],
    url: query ? `${url}?${query}` : url,
    headers: bearer(token),
    ...(op.hasBody && { payload: JSON.stringify(body), headers: { ...bearer(token), 'content-type': 'application/json' } }),
  };
}

describe('generated bad input on every route of the OpenAPI document', () => {
  it('never answers 5xx, says what is wrong, and changes nothing when it refuses', async () => {
    expect(operations.length).toBeGreaterThan(40);
    const runs = propertyRuns('LOA_BAD_INPUT_RUNS', 25);
    const failures: string[] = [];
    let thrown = 0;
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(fc.array(nasty, { minLength: 3, maxLength: 3 }), fc.array(nasty, { minLength: 8, maxLength: 8 }), jsonValue, async (pathValues, queryValues, body) => {
          const before = fingerprint();
          const res = await t.daemon.app.inject(requestFor(op, pathValues, queryValues, body));
          thrown++;
          const where = `${op.method} ${op.path} → ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${where}: ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400 && res.statusCode < 500) {
            const message = (res.json() as { message?: unknown }).message;
            if (typeof message !== 'string' || message.length < 5) failures.push(`${where}: no message`);
            if (fingerprint() !== before) failures.push(`${where}: the database changed on a refused request`);
          }
        }),
        { numRuns: runs },
      );
    }
    console.log(`bad input: ${operations.length} operations × ${runs} runs = ${thrown} requests`);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 240_000);
});
