/**
 * The soak's station: 50 zones with two windows a day, topics with rules, a library of short items
 * (seconds long, tones made once with ffmpeg and ingested through the real upload path), and the
 * people who run it (a submitter, a reviewer, an operator), all through the real daemon's API.
 */
import { readFile } from 'node:fs/promises';
import type { LightMyRequestResponse } from 'fastify';
import { getItem } from '../../src/storage/items.ts';
import { makeTone } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD, bearer, multipart, type TestDaemon } from '../support/testDaemon.ts';

export const TZ = 'Asia/Ho_Chi_Minh';
/** A Monday: the month runs 1–30 June 2026. */
export const FIRST_DATE = '2026-06-01';
export const ZONE_COUNT = 50;
export const zoneId = (i: number) => `tdp-${String(i).padStart(2, '0')}`;
export const ZONES = Array.from({ length: ZONE_COUNT }, (_, i) => zoneId(i + 1));
export const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
/** Every zone airs in the same two windows (as a ward's loudspeakers do): short, so a month fits in minutes. */
export const WINDOWS = [
  { days: ALL_DAYS, start: '05:30', end: '05:35', peak: true },
  { days: ALL_DAYS, start: '17:00', end: '17:05', peak: false },
];

/** Local instant of a date and "HH:MM[:SS]" in station time (UTC+7, no DST). */
export const local = (date: string, time: string) => Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}+07:00`);
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const TOPICS = [
  { id: 'an-ninh', name: 'An ninh trật tự', rules: [{ per: 'day', min: 1, max: 4 }] },
  { id: 'moi-truong', name: 'Vệ sinh môi trường', rules: [{ per: 'week', min: 5 }] },
  { id: 'dai-hoi', name: 'Đại hội Đảng các cấp', rules: [{ per: 'week', min: 4, max: 20, peakOnly: true }] },
  { id: 'suc-khoe', name: 'Y tế, sức khoẻ', rules: [{ per: 'week', min: 2 }] },
];

/** One library item: its tone, its metadata, and whether it is approved at the start or during the month. */
export interface LibraryItem {
  key: string;
  seconds: number;
  freq: number;
  topics: string[];
  priority: 'normal' | 'priority';
  kind: string;
  /** The day (0-based) it is approved at noon; 0 with `atStart`: approved before the month begins. */
  approveDay: number | null;
}

/** 48 items approved before the month, 12 approved during it (one a priority item), 3–8 s each. */
export function libraryPlan(): LibraryItem[] {
  const topicCycle = [['an-ninh'], ['moi-truong'], ['dai-hoi'], ['suc-khoe'], [], []];
  const items: LibraryItem[] = [];
  for (let i = 0; i < 60; i++) {
    const later = i >= 48;
    items.push({
      key: `t${i}`,
      seconds: 3 + (i % 6),
      freq: 300 + i * 17,
      topics: topicCycle[i % topicCycle.length]!,
      priority: i === 55 ? 'priority' : 'normal',
      kind: i % 5 === 0 ? 'thong-bao' : 'tin',
      approveDay: later ? 1 + (i - 48) * 2 : null,
    });
  }
  return items;
}

/** Calls the daemon's API as one of the station's people; each logs in again when asked to (new day, new session). */
export interface SoakApi {
  call(who: Person, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** The Authorization header of one of them now. */
  auth(who: Person): { authorization: string };
  relogin(): Promise<void>;
}
export type Person = 'admin' | 'reviewer' | 'operator' | 'submitter';

/** Logins the daemon takes from one address per minute of real time (src/http/routes/auth.ts: 30), less a margin. */
const LOGINS_PER_MINUTE = 24;

export async function soakApi(t: TestDaemon): Promise<SoakApi> {
  const tokens = new Map<Person, string>();
  const people: Person[] = ['reviewer', 'operator', 'submitter'];
  // A simulated day takes seconds of real time: the logins of a new day wait (real time) when they
  // would pass the login limit per address, which a fast machine otherwise reached by day 6.
  const recent: number[] = [];
  const paced = async <T>(login: () => Promise<T>): Promise<T> => {
    for (;;) {
      while (recent.length > 0 && recent[0]! < Date.now() - 60_000) recent.shift();
      if (recent.length < LOGINS_PER_MINUTE) break;
      await new Promise((r) => setTimeout(r, recent[0]! + 60_000 - Date.now() + 10));
    }
    recent.push(Date.now());
    return login();
  };
  // userToken logs the admin in, then the new user.
  for (const p of people) await paced(() => paced(() => t.userToken(`soak-${p}`, p)));
  const relogin = async () => {
    tokens.set('admin', await paced(() => t.login('admin', ADMIN_PASSWORD)));
    for (const p of people) tokens.set(p, await paced(() => t.login(`soak-${p}`, `soak-${p}-password`)));
  };
  await relogin();
  return {
    relogin,
    auth: (who) => bearer(tokens.get(who)!),
    call: (who, method, url, payload) =>
      t.daemon.app.inject({ method, url, headers: bearer(tokens.get(who)!), ...(payload && { payload }) }),
  };
}

/** Throws with the answer when the status is not the one expected (the soak cannot go on from a refused step). */
export function expectStatus(res: LightMyRequestResponse, status: number, what: string): LightMyRequestResponse {
  if (res.statusCode !== status) throw new Error(`${what}: HTTP ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res;
}

/** Zones, topics and policy through the API (the way an operator sets up a station). */
export async function setUpStation(api: SoakApi): Promise<void> {
  expectStatus(await api.call('admin', 'PUT', '/api/policy', { maxPlaysPerItemPerDay: 2, minRepeatGapMinutes: 60, horizonDays: 7 }), 200, 'policy');
  for (const topic of TOPICS) expectStatus(await api.call('admin', 'PUT', `/api/topics/${topic.id}`, topic), 200, `topic ${topic.id}`);
  for (const [i, id] of ZONES.entries()) {
    const zone = { name: `Tổ dân phố ${i + 1}`, windows: WINDOWS, outputs: [{ type: 'http', idle: 'silence' }] };
    expectStatus(await api.call('admin', 'PUT', `/api/zones/${id}`, zone), 200, `zone ${id}`);
  }
}

/**
 * Makes each item's tone once with ffmpeg, uploads it as the submitter and waits for ingest; returns
 * the item ids by key. Nothing is approved here.
 */
export async function uploadLibrary(t: TestDaemon, api: SoakApi, dir: string, plan: LibraryItem[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const item of plan) {
    const file = await makeTone(dir, { freq: item.freq, seconds: item.seconds, format: 'wav', name: `${item.key}.wav` });
    const body = multipart(
      { title: `Tin ${item.key}`, kind: item.kind, topics: item.topics.join(','), priority: item.priority },
      { name: `${item.key}.wav`, data: await readFile(file) },
    );
    const res = await t.daemon.app.inject({ method: 'POST', url: '/api/items', headers: { ...api.auth('submitter'), ...body.headers }, payload: body.payload });
    ids.set(item.key, (expectStatus(res, 202, `upload ${item.key}`).json() as { id: string }).id);
  }
  const deadline = Date.now() + 300_000;
  for (const [key, id] of ids) {
    while (getItem(t.daemon.db, id)?.status === 'processing') {
      if (Date.now() > deadline) throw new Error(`ingest of ${key} did not finish`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const status = getItem(t.daemon.db, id)?.status;
    if (status !== 'pending') throw new Error(`${key} ingested as ${status}`);
  }
  return ids;
}

