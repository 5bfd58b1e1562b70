/**
 * The plan worker's thread (started by planRunner.ts): the plan service over its own connection to
 * the station's database. A replan reads a month of history, plans, validates and writes its whole
 * save in one transaction: seconds for a large station, during which the daemon's thread keeps the
 * zones' frames flowing. Requests are served one at a time, in the order they were sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Writable } from 'node:stream';
import { pino, type Level } from 'pino';
import { ApiError } from '../errors.ts';
import { openDatabase } from '../storage/db.ts';
import { StationEvents, type StationEventMap } from '../stationEvents.ts';
import { createPlanService, type ReplanRequest } from './planService.ts';
import type { PlanReply, PlanRequest, PlanWorkerData, ReplanSummary } from './planRunner.ts';

const port = parentPort!;
const data = workerData as PlanWorkerData;
const db = openDatabase(data.dbFile);
// The daemon's logger lives on its own thread: log lines go there as messages.
const lines = new Writable({
  write(chunk: Buffer, _encoding, done) {
    port.postMessage({ log: chunk.toString('utf8') } satisfies PlanReply);
    done();
  },
});
const log = pino({ level: data.logLevel as Level | 'silent' }, lines);
const events = new StationEvents();
let nowMs = 0;
// A request is planned as of the instant it was asked at (the daemon's clock then).
const service = createPlanService({ db, clock: { now: () => nowMs, at: () => () => {} }, tz: data.tz, log, events });
let saved: StationEventMap['plan:saved'][0][] = [];
events.on('plan:saved', (e) => saved.push(e));

port.on('message', (req: PlanRequest | 'close') => {
  if (req === 'close') {
    db.close();
    port.close();
    return;
  }
  nowMs = req.nowMs;
  saved = [];
  let reply: PlanReply;
  try {
    reply = { id: req.id, ok: true, value: serve(req), saved };
  } catch (err) {
    reply = { id: req.id, ok: false, error: errorOf(err), saved };
  }
  port.postMessage(reply);
});

/** Runs the call; a replan answers with its counts, not the slots the daemon's thread would only count. */
function serve(req: PlanRequest): unknown {
  if (req.method === 'replan') {
    const { from, to, slots, shortfalls, run } = service.replan(req.args[0] as ReplanRequest);
    return { from, to, slots: slots.length, shortfalls: shortfalls.length, run } satisfies ReplanSummary;
  }
  return (service[req.method] as (...args: unknown[]) => unknown)(...req.args);
}

/** An error as data: an ApiError keeps its status, code and details for the daemon to answer with. */
function errorOf(err: unknown): Extract<PlanReply, { ok: false }>['error'] {
  if (err instanceof ApiError) {
    return { message: err.message, api: { statusCode: err.statusCode, code: err.code, params: err.params, details: err.details, headers: err.headers } };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}
