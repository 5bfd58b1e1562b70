/**
 * CAP feeds: what a feed URL serves (Atom, RSS, one alert) and the poller's timing on an injected
 * clock: every `everySeconds`, doubling after failures up to an hour, back to normal after a success,
 * each entry handed over once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { readFeedDocument } from '../../src/cap/capFeedDocument.ts';
import { createCapFeeds, pollDelayMs } from '../../src/cap/capFeeds.ts';
import type { CapAnswer } from '../../src/cap/capOutcome.ts';
import { fakeClock } from '../support/fakeClock.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cap');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const FEED = 'http://canhbao.test/feed.atom';

const atom = (entries: { id: string; updated: string; href: string }[]) => `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title><updated>2026-10-12T08:00:00+07:00</updated>
${entries.map((e) => `<entry><id>${e.id}</id><title>x</title><updated>${e.updated}</updated><link type="application/cap+xml" href="${e.href}"/></entry>`).join('\n')}
</feed>`;

describe('reading a feed document', () => {
  it('finds the CAP link of each Atom entry, relative links resolved, oldest first', () => {
    const doc = readFeedDocument(atom([
      { id: 'b', updated: '2026-10-12T09:00:00+07:00', href: '/cap/b.xml' },
      { id: 'a', updated: '2026-10-12T08:00:00+07:00', href: 'http://other.test/a.xml' },
    ]), FEED);
    expect(doc).toEqual({
      kind: 'entries',
      entries: [
        { key: 'a|2026-10-12T08:00:00+07:00', url: 'http://other.test/a.xml', updatedMs: Date.parse('2026-10-12T01:00:00Z') },
        { key: 'b|2026-10-12T09:00:00+07:00', url: 'http://canhbao.test/cap/b.xml', updatedMs: Date.parse('2026-10-12T02:00:00Z') },
      ],
    });
  });

  it('prefers the cap+xml link over an HTML page of the same entry', () => {
    const doc = readFeedDocument(fixture('feed.atom.xml'), 'http://loa-test.invalid/feed.atom');
    expect(doc).toMatchObject({ kind: 'entries', entries: [{ url: 'http://loa-test.invalid/cap/sat-lo-dat.xml' }] });
  });

  it('reads RSS items, a single CAP alert, and says what else is not a feed', () => {
    const rss = '<rss version="2.0"><channel><title>t</title><item><guid>g1</guid><link>http://canhbao.test/1.xml</link></item></channel></rss>';
    expect(readFeedDocument(rss, FEED)).toMatchObject({ kind: 'entries', entries: [{ key: 'g1|', url: 'http://canhbao.test/1.xml' }] });
    expect(readFeedDocument(fixture('storm-alert.xml'), FEED)).toMatchObject({ kind: 'alert' });
    expect(readFeedDocument('<html><body/></html>', FEED)).toMatchObject({ kind: 'unknown', problem: expect.stringMatching(/html/) });
    expect(readFeedDocument('<feed', FEED)).toMatchObject({ kind: 'unknown' });
  });
});

describe('the poller', () => {
  it('backs off by doubling up to an hour', () => {
    expect([0, 1, 2, 3].map((f) => pollDelayMs(60, f))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(pollDelayMs(60, 12)).toBe(3_600_000);
    expect(pollDelayMs(7200, 3)).toBe(7_200_000);
  });

  it('polls on the clock, backs off while the feed fails, and hands each entry over once', async () => {
    const clock = fakeClock('2026-10-12T08:00:00+07:00');
    const served: Record<string, () => Response> = {};
    const asked: string[] = [];
    const fetchFake = (async (url: URL | string) => {
      asked.push(String(url));
      const make = served[String(url)];
      return make ? make() : new Response('no', { status: 404 });
    }) as typeof fetch;
    const received: string[] = [];
    const feeds = createCapFeeds({
      clock, log: pino({ level: 'silent' }), timeoutMs: 1000, maxBytes: 1_000_000, fetch: fetchFake,
      settings: () => ({ feeds: [{ url: FEED, everySeconds: 60 }], owner: { id: 'usr_1', username: 'admin', role: 'admin' } }),
      receive: async (xml) => {
        received.push(/<identifier>([^<]+)</.exec(xml)![1]!);
        return { status: 201, body: {}, failure: null } as unknown as CapAnswer;
      },
    });
    const step = async (ms: number) => {
      clock.advance(ms);
      await feeds.idle();
    };
    feeds.start();
    await step(0);
    expect(feeds.status()[0]).toMatchObject({ failures: 1, lastError: expect.stringMatching(/404/) });
    await step(60_000); // not yet: the second try waits 2 minutes
    expect(asked).toHaveLength(1);
    await step(60_000);
    expect(asked).toHaveLength(2);
    expect(feeds.status()[0]!.failures).toBe(2);

    served[FEED] = () => new Response(atom([{ id: 'e1', updated: '2026-10-12T08:01:00+07:00', href: '/cap/1.xml' }]), { headers: { etag: '"v1"' } });
    served['http://canhbao.test/cap/1.xml'] = () => new Response(fixture('storm-alert.xml'));
    await step(240_000);
    expect(received).toEqual(['KTTV-2026-BAO05-001']);
    expect(feeds.status()[0]).toMatchObject({ failures: 0, lastError: null });
    await step(60_000); // the same entry again: not handed over, its document not even fetched
    expect(received).toEqual(['KTTV-2026-BAO05-001']);
    expect(asked.filter((u) => u.endsWith('/cap/1.xml'))).toHaveLength(1);
    feeds.stop();
    const before = asked.length;
    await step(600_000);
    expect(asked).toHaveLength(before);
  });
});
