import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as FastifyModule from 'fastify';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

/**
 * Path traversal tried on every route with a path parameter (issue 12, Security). The routes come
 * from the app itself: `buildServer()` takes no hooks, so the `fastify` factory is wrapped to add an
 * `onRoute` hook before anything registers; a route added later is tried without editing this file.
 */
const registered = vi.hoisted(() => [] as { method: string; url: string }[]);
vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof FastifyModule>();
  // The factory's overloads cannot be restated generically; the wrapper only adds a hook.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wrapped = ((opts?: any) => {
    const app = real.default(opts);
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) registered.push({ method, url: route.url });
    });
    return app;
  }) as typeof real.default;
  return { ...real, default: wrapped, fastify: wrapped };
});

const SENTINEL = 'loa-outside-sentinel-7f3a9c';
const OUTSIDE = 'outside-secret.txt';

/** Payloads put in place of a path parameter, exactly as they appear in the URL. */
function payloads(dir: string): { name: string; raw: string }[] {
  return [
    { name: 'dot-dot-slash (raw)', raw: '../../etc/passwd' },
    { name: 'dot-dot-slash %2F', raw: '..%2F..%2Fetc%2Fpasswd' },
    { name: 'deep enough for any temp dir', raw: '..%2F'.repeat(12) + 'etc%2Fpasswd' },
    { name: 'all percent-encoded', raw: '%2e%2e%2f%2e%2e%2fetc%2fpasswd' },
    { name: 'doubled dots', raw: '....//....//etc/passwd' },
    { name: 'backslashes (raw)', raw: '..\\..\\windows\\win.ini' },
    { name: 'backslashes %5C', raw: '..%5C..%5Cwindows%5Cwin.ini' },
    { name: 'absolute path', raw: encodeURIComponent('/etc/passwd') },
    { name: 'NUL byte', raw: '%00' },
    { name: 'NUL byte after a name', raw: 'x.mp3%00.txt' },
    { name: 'very long id', raw: 'a'.repeat(10_000) },
    // A file of our own just outside the data and audio directories, reached from either one.
    { name: 'sibling of the audio dir', raw: `..%2F${OUTSIDE}` },
    { name: 'two levels up', raw: `..%2F..%2F${OUTSIDE}` },
    { name: 'absolute path of our file', raw: encodeURIComponent(join(dir, OUTSIDE)) },
  ];
}

const REFUSALS = [400, 401, 403, 404, 405, 409, 413, 414, 422];

/**
 * Answers other than a refusal that a route gives by design, keyed `METHOD url`. None so far: no
 * payload is a valid id of any resource (the ids are slugs, uuids or integers), so every route must
 * refuse. Add an entry here, with its reason, only for a route whose normal answer differs.
 */
const EXCEPTIONS: Record<string, { statuses: number[]; reason: string }> = {};

/** `/api/items/:id/audio` → ['id']; `/api/docs/static/*` → ['*']. */
const paramsOf = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)|\*/g)].map((m) => m[1] ?? '*');
const fill = (url: string, value: string) => url.replace(/:[A-Za-z0-9_]+|\*/g, value);

describe('path traversal on every route with a path parameter', () => {
  let t: TestDaemon;
  let admin: string;

  beforeAll(async () => {
    t = await startTestDaemon({ clock: fakeClock('2026-05-18T10:00:00+07:00') });
    writeFileSync(join(t.dir, OUTSIDE), `${SENTINEL}\nroot:x:0:0:root:/root:/bin/sh\n`);
    admin = await t.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses every payload on every parameterised route, never a 5xx, never a file outside', async () => {
    const routes = registered.filter((r) => paramsOf(r.url).length > 0);
    const distinct = [...new Map(routes.map((r) => [`${r.method} ${r.url}`, r])).values()];
    // Guard against a vacuous pass: the hook saw the app's routes, and enough of them take an id.
    expect(registered.length).toBeGreaterThan(20);
    expect(distinct.length).toBeGreaterThan(5);

    const failures: string[] = [];
    const tried = new Set<string>();
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const route of distinct) {
      const key = `${route.method} ${route.url}`;
      const allowed = [...REFUSALS, ...(EXCEPTIONS[key]?.statuses ?? [])];
      for (const p of payloads(t.dir)) {
        const url = fill(route.url, p.raw);
        const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method);
        const res = await t.daemon.app.inject({
          method: route.method as 'GET',
          url,
          headers: bearer(admin),
          ...(hasBody && { payload: {} }),
        });
        requests++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        tried.add(key);
        const body = res.body;
        const what = `${key} [${p.name}] → ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`${what}: server error ${body.slice(0, 200)}`);
        else if (!allowed.includes(res.statusCode)) failures.push(`${what}: not a refusal`);
        if (body.includes('root:') || body.includes(SENTINEL) || body.includes('[fonts]')) {
          failures.push(`${what}: body carries a file from outside the data and audio directories`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every parameterised route was tried with every payload.
    expect(tried.size).toBe(distinct.length);
    expect(requests).toBe(distinct.length * payloads(t.dir).length);
    const answers = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(', ');
    console.info(`path traversal: ${distinct.length} routes × ${payloads(t.dir).length} payloads (${answers})\n  ${[...tried].join('\n  ')}`);
  });
});
