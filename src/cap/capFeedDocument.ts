/**
 * PURE: what a CAP feed URL served. An Atom feed (RFC 4287) whose entries link CAP documents (the
 * way national warning services publish: `<link type="application/cap+xml" href="…"/>`), an RSS 2.0
 * channel doing the same, or one CAP alert on its own.
 */
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { readXmlRoot } from './capParse.ts';

/** One entry of a feed: a stable key (id and updated), the CAP document's URL, when it was updated. */
export interface FeedEntry {
  key: string;
  url: string | null;
  updatedMs: number | null;
}

export type FeedDocument =
  | { kind: 'alert'; key: string; xml: string }
  | { kind: 'entries'; entries: FeedEntry[] }
  | { kind: 'unknown'; problem: string };

const feedReader = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'entry' || name === 'link' || name === 'item',
});

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const asList = (v: unknown): Node[] => (Array.isArray(v) ? v.map(asNode) : v === undefined ? [] : [asNode(v)]);
/** An element's text whether or not it has attributes. */
const textOf = (v: unknown): string | null => {
  if (typeof v === 'string') return v || null;
  const t = asNode(v)['#text'];
  return typeof t === 'string' && t ? t : null;
};
const attr = (n: Node, name: string) => (typeof n[`@_${name}`] === 'string' ? (n[`@_${name}`] as string) : null);

function resolve(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

const timeOf = (text: string | null): number | null => {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
};

/** The CAP link of an Atom entry: typed cap+xml first, then any XML, then the alternate, then the first. */
function capLinkOf(entry: Node): string | null {
  const links = asList(entry.link);
  const pick =
    links.find((l) => /cap\+xml/i.test(attr(l, 'type') ?? '')) ??
    links.find((l) => /xml/i.test(attr(l, 'type') ?? '')) ??
    links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate') ??
    links[0];
  return pick ? attr(pick, 'href') : null;
}

function atomEntries(feed: Node, base: string): FeedEntry[] {
  return asList(feed.entry).map((e, i) => {
    const url = resolve(capLinkOf(e), base);
    const updated = textOf(e.updated) ?? textOf(e.published);
    return { key: `${textOf(e.id) ?? url ?? `#${i}`}|${updated ?? ''}`, url, updatedMs: timeOf(updated) };
  });
}

function rssEntries(rss: Node, base: string): FeedEntry[] {
  return asList(asNode(rss.channel).item).map((item, i) => {
    const enclosure = asList(item.enclosure)[0];
    const link: unknown = Array.isArray(item.link) ? item.link[0] : item.link;
    const href = (enclosure && attr(enclosure, 'url')) ?? textOf(link);
    const url = resolve(href, base);
    const date = textOf(item.pubDate);
    return { key: `${textOf(item.guid) ?? url ?? `#${i}`}|${date ?? ''}`, url, updatedMs: timeOf(date) };
  });
}

/**
 * Reads what a feed URL returned; `base` resolves relative links. Entries come oldest first (by
 * their updated time, else in reverse document order: feeds list the newest first), so an Update
 * arrives after the alert it updates.
 */
export function readFeedDocument(text: string, base: string): FeedDocument {
  const root = readXmlRoot(text, feedReader);
  if (typeof root === 'string') return { kind: 'unknown', problem: root };
  if (root.name === 'alert') return { kind: 'alert', key: createHash('sha1').update(text).digest('hex'), xml: text };
  const entries = root.name === 'feed' ? atomEntries(asNode(root.tree.feed), base) : root.name === 'rss' ? rssEntries(asNode(root.tree.rss), base) : null;
  if (!entries) return { kind: 'unknown', problem: `the root element ${root.name} is neither an Atom feed, an RSS channel nor a CAP alert` };
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => {
    if (a.e.updatedMs !== null && b.e.updatedMs !== null && a.e.updatedMs !== b.e.updatedMs) return a.e.updatedMs - b.e.updatedMs;
    return b.i - a.i;
  });
  return { kind: 'entries', entries: ordered.map((x) => x.e) };
}
