/**
 * The CAP 1.2 rules (OASIS CAP 1.2 §3.2 and its XML schema) over a parsed `alert` element: required
 * elements, enumerations, dateTimes with offsets, the `references` form, areas and geocodes,
 * resources. The result is a typed alert, or every problem found with its element path.
 */
import {
  CAP_CATEGORIES, CAP_CERTAINTIES, CAP_MSG_TYPES, CAP_RESPONSE_TYPES, CAP_SCOPES, CAP_SEVERITIES, CAP_STATUSES, CAP_URGENCIES,
} from '../domain/cap.ts';
import type { CapAlert, CapArea, CapInfo, CapParseResult, CapProblem, CapReference, CapResource, CapValuePair } from './capAlert.ts';
import { CapNode, parseCapTime } from './capXmlNode.ts';

/** identifier and sender: "MUST NOT include spaces, commas or restricted characters (< and &)". */
const PLAIN_ID = /^[^\s,<&]+$/;
/** RFC 3066 language tags ("vi", "vi-VN", "en-US"). */
const LANGUAGE = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
/** RFC 2046 type/subtype, parameters allowed. */
const MIME_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;.*)?$/;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
const SHA1_HEX = /^[0-9a-fA-F]{40}$/;
/** Signatures and encryption (XML-DSig / XML-Enc) may close an alert; Loa does not check them. */
const SIGNATURE_ELEMENTS = ['Signature', 'EncryptedData'];

function plainId(node: CapNode, name: string): string | null {
  const text = node.text(name, true);
  if (text !== null && !PLAIN_ID.test(text)) node.problem(name, 'must not contain spaces, commas, < or &');
  return text;
}

/** "sender,identifier,sent sender,identifier,sent …" */
function readReferences(node: CapNode): CapReference[] {
  const text = node.text('references');
  if (text === null) return [];
  return text.split(/\s+/).filter(Boolean).flatMap((group) => {
    const parts = group.split(',');
    const sent = parts.length === 3 ? parseCapTime(parts[2]!) : null;
    if (parts.length !== 3 || !parts[0] || !parts[1] || !sent) {
      node.problem('references', `"${group}" is not sender,identifier,sent (sent a dateTime with an offset)`);
      return [];
    }
    return [{ sender: parts[0], identifier: parts[1], sent }];
  });
}

function readPairs(node: CapNode, name: string): CapValuePair[] {
  return node.children(name).flatMap((pair) => {
    const valueName = pair.text('valueName', true);
    const value = pair.text('value', true);
    pair.rejectUnknown();
    return valueName !== null && value !== null ? [{ valueName, value }] : [];
  });
}

/** "lat,lon" within range. */
function isPoint(text: string): boolean {
  const parts = text.split(',');
  if (parts.length !== 2 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return false;
  const [lat, lon] = parts.map(Number) as [number, number];
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

function readArea(node: CapNode): CapArea | null {
  const areaDesc = node.text('areaDesc', true);
  const polygon = node.texts('polygon');
  polygon.forEach((p, i) => {
    const points = p.trim().split(/\s+/);
    if (points.length < 4 || !points.every(isPoint) || points[0] !== points[points.length - 1]) {
      node.problem(`polygon[${i + 1}]`, 'must be at least four "lat,lon" pairs, the first and last the same');
    }
  });
  const circle = node.texts('circle');
  circle.forEach((c, i) => {
    const [centre, radius, ...rest] = c.trim().split(/\s+/);
    if (!centre || !isPoint(centre) || !radius || !/^\d+(\.\d+)?$/.test(radius) || rest.length) node.problem(`circle[${i + 1}]`, 'must be "lat,lon radius-in-km"');
  });
  const geocode = readPairs(node, 'geocode');
  const altitude = node.number('altitude');
  const ceiling = node.number('ceiling');
  if (ceiling !== null && altitude === null) node.problem('ceiling', 'needs an altitude');
  node.rejectUnknown();
  return areaDesc === null ? null : { areaDesc, polygon, circle, geocode, altitude, ceiling };
}

function readResource(node: CapNode): CapResource | null {
  const resourceDesc = node.text('resourceDesc', true);
  const mimeType = node.text('mimeType', true);
  if (mimeType !== null && !MIME_TYPE.test(mimeType)) node.problem('mimeType', `"${mimeType}" is not a MIME type such as audio/mpeg`);
  const sizeText = node.text('size');
  const size = sizeText === null ? null : /^\d+$/.test(sizeText) ? Number(sizeText) : (node.problem('size', 'must be a whole number of bytes'), null);
  const uri = node.text('uri');
  const derefUri = node.text('derefUri');
  if (derefUri !== null && !BASE64.test(derefUri)) node.problem('derefUri', 'must be base64');
  const digest = node.text('digest');
  if (digest !== null && !SHA1_HEX.test(digest)) node.problem('digest', 'must be a SHA-1 hash in hex (40 characters)');
  node.rejectUnknown();
  return resourceDesc === null || mimeType === null ? null : { resourceDesc, mimeType, size, uri, derefUri, digest };
}

function readInfo(node: CapNode): CapInfo | null {
  const language = node.text('language') ?? 'en-US';
  if (!LANGUAGE.test(language)) node.problem('language', `"${language}" is not a language code such as vi or vi-VN`);
  const category = node.allOf('category', CAP_CATEGORIES, 1);
  const event = node.text('event', true);
  const responseType = node.allOf('responseType', CAP_RESPONSE_TYPES);
  const urgency = node.oneOf('urgency', CAP_URGENCIES, true);
  const severity = node.oneOf('severity', CAP_SEVERITIES, true);
  const certainty = node.oneOf('certainty', CAP_CERTAINTIES, true);
  const info = {
    language, category, event, responseType, urgency, severity, certainty,
    audience: node.text('audience'),
    eventCode: readPairs(node, 'eventCode'),
    effective: node.time('effective'),
    onset: node.time('onset'),
    expires: node.time('expires'),
    senderName: node.text('senderName'),
    headline: node.text('headline'),
    description: node.text('description'),
    instruction: node.text('instruction'),
    web: node.text('web'),
    contact: node.text('contact'),
    parameter: readPairs(node, 'parameter'),
    resource: node.children('resource').map(readResource).filter((r) => r !== null),
    area: node.children('area').map(readArea).filter((a) => a !== null),
  };
  node.rejectUnknown();
  if (!event || !urgency || !severity || !certainty || category.length === 0) return null;
  return { ...info, event, urgency, severity, certainty };
}

/**
 * Validates the `alert` element's tree. `problems` gets every rule broken; the alert is returned
 * only when there is none.
 */
export function validateAlert(tree: Record<string, unknown>): CapParseResult {
  const problems: CapProblem[] = [];
  const node = new CapNode('alert', tree, problems);
  const identifier = plainId(node, 'identifier');
  const sender = plainId(node, 'sender');
  const sent = node.time('sent', true);
  const status = node.oneOf('status', CAP_STATUSES, true);
  const msgType = node.oneOf('msgType', CAP_MSG_TYPES, true);
  const scope = node.oneOf('scope', CAP_SCOPES, true);
  const restriction = node.text('restriction');
  const addresses = node.text('addresses');
  if (scope === 'Restricted' && restriction === null) node.problem('restriction', 'is required when scope is Restricted');
  if (scope === 'Private' && addresses === null) node.problem('addresses', 'is required when scope is Private');
  const rest = {
    source: node.text('source'),
    restriction, addresses,
    code: node.texts('code'),
    note: node.text('note'),
    references: readReferences(node),
    incidents: node.text('incidents'),
    info: node.children('info').map(readInfo),
  };
  node.rejectUnknown(SIGNATURE_ELEMENTS);
  if (problems.length || !identifier || !sender || !sent || !status || !msgType || !scope) {
    return { ok: false, problems: problems.length ? problems : [{ path: 'alert', problem: 'is incomplete' }] };
  }
  const alert: CapAlert = { identifier, sender, sent, status, msgType, scope, ...rest, info: rest.info.filter((i) => i !== null) };
  return { ok: true, alert };
}
