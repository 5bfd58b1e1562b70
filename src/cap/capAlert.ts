/**
 * A CAP 1.2 alert as Loa reads it, after validation (capValidate.ts): every required element is
 * there, every enumeration holds one of its values, every dateTime is parsed with its offset.
 */
import type { CAP_CATEGORIES, CAP_CERTAINTIES, CAP_MSG_TYPES, CAP_RESPONSE_TYPES, CAP_SCOPES, CAP_STATUSES, CapSeverity, CapUrgency } from '../domain/cap.ts';

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapScope = (typeof CAP_SCOPES)[number];
export type CapCategory = (typeof CAP_CATEGORIES)[number];
export type CapResponseType = (typeof CAP_RESPONSE_TYPES)[number];
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

/** A dateTime as written ("2026-10-12T14:00:00+07:00") and as an instant (epoch ms). */
export interface CapTime {
  text: string;
  ms: number;
}

/** An earlier alert named in `references`: "sender,identifier,sent". */
export interface CapReference {
  sender: string;
  identifier: string;
  sent: CapTime;
}

export interface CapValuePair {
  valueName: string;
  value: string;
}

export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  size: number | null;
  uri: string | null;
  /** Base64 of the resource itself (embedded audio). */
  derefUri: string | null;
  /** SHA-1 of the resource, hex. */
  digest: string | null;
}

export interface CapArea {
  areaDesc: string;
  polygon: string[];
  circle: string[];
  geocode: CapValuePair[];
  altitude: number | null;
  ceiling: number | null;
}

export interface CapInfo {
  /** RFC 3066 code; "en-US" when the element is absent (CAP's default). */
  language: string;
  category: CapCategory[];
  event: string;
  responseType: CapResponseType[];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  audience: string | null;
  eventCode: CapValuePair[];
  effective: CapTime | null;
  onset: CapTime | null;
  expires: CapTime | null;
  senderName: string | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  web: string | null;
  contact: string | null;
  parameter: CapValuePair[];
  resource: CapResource[];
  area: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: CapTime;
  status: CapStatus;
  msgType: CapMsgType;
  source: string | null;
  scope: CapScope;
  restriction: string | null;
  addresses: string | null;
  code: string[];
  note: string | null;
  references: CapReference[];
  incidents: string | null;
  info: CapInfo[];
}

/** What is wrong with a document: where (an element path like "alert/info[1]/urgency") and what. */
export interface CapProblem {
  path: string;
  problem: string;
}

export type CapParseResult = { ok: true; alert: CapAlert } | { ok: false; problems: CapProblem[] };

/** The identity of an alert as CAP defines it: (sender, identifier, sent). */
export const identityOf = (a: { sender: string; identifier: string; sent: CapTime }) => ({ sender: a.sender, identifier: a.identifier, sentMs: a.sent.ms });
