/**
 * CAP 1.2 documents: XML text → a validated alert, or the list of what is wrong with it. XML is
 * read by fast-xml-parser (entity expansion bounded by its defaults); namespace prefixes
 * ("cap:alert") are allowed, the namespace itself must be CAP 1.2's.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CapParseResult } from './capAlert.ts';
import { REPEATABLE } from './capXmlNode.ts';
import { validateAlert } from './capValidate.ts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** The root element of an XML document: its local name and namespace (null when it has none). */
export interface XmlRoot {
  name: string;
  namespace: string | null;
  /** The whole tree, namespace prefixes removed, attributes and text kept as strings. */
  tree: Record<string, unknown>;
}

const rootReader = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false });
/** The content reader: local names, strings only ("007" stays "007"), repeatable elements as lists. */
const contentReader = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATABLE.has(name),
});

/**
 * Reads an XML document's root element; a string saying what is wrong when the text is not
 * well-formed XML.
 */
export function readXmlRoot(text: string, contentParser: XMLParser = contentReader): XmlRoot | string {
  if (text.trim() === '') return 'the document is empty';
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) return `not well-formed XML (line ${wellFormed.err.line}, column ${wellFormed.err.col}): ${wellFormed.err.msg}`;
  let raw: Record<string, unknown>;
  let tree: Record<string, unknown>;
  try {
    raw = rootReader.parse(text) as Record<string, unknown>;
    tree = contentParser.parse(text) as Record<string, unknown>;
  } catch (err) {
    return `not readable XML: ${(err as Error).message}`;
  }
  const qualified = Object.keys(raw).find((k) => !k.startsWith('?') && !k.startsWith('#') && !k.startsWith('!'));
  if (!qualified) return 'the document has no root element';
  const [prefix, local] = qualified.includes(':') ? (qualified.split(':', 2) as [string, string]) : [null, qualified];
  const attrs = raw[qualified];
  const attr = (name: string) => (attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>)[`@_${name}`] : undefined);
  const ns = attr(prefix ? `xmlns:${prefix}` : 'xmlns');
  return { name: local, namespace: typeof ns === 'string' ? ns : null, tree };
}

/** Parses and validates a CAP 1.2 alert. */
export function parseCap(text: string): CapParseResult {
  const root = readXmlRoot(text);
  if (typeof root === 'string') return { ok: false, problems: [{ path: 'document', problem: root }] };
  if (root.name !== 'alert') return { ok: false, problems: [{ path: root.name, problem: 'the root element must be alert (a CAP 1.2 alert)' }] };
  if (root.namespace !== CAP_NAMESPACE) {
    const given = root.namespace === null ? 'no namespace' : `namespace ${root.namespace}`;
    return { ok: false, problems: [{ path: 'alert', problem: `has ${given}; a CAP 1.2 alert is in ${CAP_NAMESPACE}` }] };
  }
  const alert = root.tree.alert;
  if (!alert || typeof alert !== 'object' || Array.isArray(alert)) return { ok: false, problems: [{ path: 'alert', problem: 'is empty' }] };
  return validateAlert(alert as Record<string, unknown>);
}
