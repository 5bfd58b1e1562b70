/**
 * CAP 1.2 parsing and validation (issue 10, decisions §6): the fixtures are real CAP 1.2 documents;
 * each rule of the standard broken on its own comes back as a problem at the element that broke it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCap } from '../../src/cap/capParse.ts';
import { parseCapTime } from '../../src/cap/capXmlNode.ts';
import type { CapAlert, CapProblem } from '../../src/cap/capAlert.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cap');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function alertOf(text: string): CapAlert {
  const result = parseCap(text);
  if (!result.ok) throw new Error(`expected a valid alert: ${JSON.stringify(result.problems)}`);
  return result.alert;
}
function problemsOf(text: string): CapProblem[] {
  const result = parseCap(text);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.problems;
}

/** The storm alert with one piece of it replaced (each test breaks one rule). */
const storm = fixture('storm-alert.xml');
const edit = (from: string | RegExp, to: string) => {
  const edited = storm.replace(from, to);
  if (edited === storm) throw new Error(`nothing to replace: ${String(from)}`);
  return edited;
};

describe('a valid CAP 1.2 alert', () => {
  it('reads every element of the storm warning, typed', () => {
    const a = alertOf(storm);
    expect(a).toMatchObject({ identifier: 'KTTV-2026-BAO05-001', sender: 'canhbao@kttv.gov.vn', status: 'Actual', msgType: 'Alert', scope: 'Public', code: ['IPAWSv1.0'] });
    expect(a.sent).toEqual({ text: '2026-10-12T07:55:00+07:00', ms: Date.parse('2026-10-12T00:55:00Z') });
    expect(a.info).toHaveLength(2);
    const vi = a.info[0]!;
    expect(vi).toMatchObject({ language: 'vi-VN', category: ['Met'], event: 'Bão số 5', responseType: ['Shelter', 'Evacuate'], urgency: 'Immediate', severity: 'Extreme', certainty: 'Observed' });
    expect(vi.expires?.ms).toBe(Date.parse('2026-10-12T13:00:00Z'));
    expect(vi.headline).toBe('Bão số 5 sắp đổ bộ, gió giật cấp 12');
    expect(vi.eventCode).toEqual([{ valueName: 'VN-KTTV', value: 'BAO' }]);
    expect(vi.area[0]!.geocode.map((g) => g.value)).toEqual(['20194', '20197']);
    expect(vi.area[0]!.polygon).toHaveLength(1);
  });

  it('reads a namespace prefix (cap:alert) and the references of an Update', () => {
    const a = alertOf(fixture('storm-update.xml'));
    expect(a.msgType).toBe('Update');
    expect(a.references).toEqual([
      { sender: 'canhbao@kttv.gov.vn', identifier: 'KTTV-2026-BAO05-001', sent: { text: '2026-10-12T07:55:00+07:00', ms: Date.parse('2026-10-12T00:55:00Z') } },
    ]);
  });

  it('accepts every fixture but the bad one', () => {
    for (const name of ['storm-alert', 'storm-update', 'storm-cancel', 'flood-priority', 'other-ward', 'drill', 'no-audio', 'landslide-alert']) {
      expect(parseCap(fixture(`${name}.xml`)).ok, name).toBe(true);
    }
  });

  it('keeps identifiers as text ("007" stays "007") and language defaults to en-US', () => {
    const a = alertOf(edit('<identifier>KTTV-2026-BAO05-001</identifier>', '<identifier>007</identifier>').replace('<language>vi-VN</language>', ''));
    expect(a.identifier).toBe('007');
    expect(a.info[0]!.language).toBe('en-US');
  });

  it('reads the same instant from different offsets', () => {
    expect(parseCapTime('2026-10-12T07:55:00+07:00')!.ms).toBe(parseCapTime('2026-10-12T00:55:00-00:00')!.ms);
  });
});

describe('an invalid document names what is wrong', () => {
  it('lists every problem of the bad fixture at its element', () => {
    expect(problemsOf(fixture('bad.xml')).map((p) => p.path)).toEqual([
      'alert/sent', 'alert/info[1]/urgency', 'alert/info[1]/severity', 'alert/info[1]/area[1]/geocode[1]/value',
    ]);
  });

  const cases: [string, string, RegExp][] = [
    ['a missing required element', edit(/<sender>.*<\/sender>/, ''), /^alert\/sender$/],
    ['an identifier with a space', edit('KTTV-2026-BAO05-001<', 'KTTV 2026<'), /^alert\/identifier$/],
    ['a status outside the enumeration', edit('<status>Actual</status>', '<status>Real</status>'), /^alert\/status$/],
    ['a msgType outside the enumeration', edit('<msgType>Alert</msgType>', '<msgType>Warning</msgType>'), /^alert\/msgType$/],
    ['sent in UTC written with Z', edit('<sent>2026-10-12T07:55:00+07:00</sent>', '<sent>2026-10-12T00:55:00Z</sent>'), /^alert\/sent$/],
    ['a day that does not exist', edit('<expires>2026-10-12T20:00:00+07:00</expires>', '<expires>2026-02-30T20:00:00+07:00</expires>'), /^alert\/info\[1\]\/expires$/],
    ['a certainty missing', edit('<certainty>Observed</certainty>', ''), /^alert\/info\[1\]\/certainty$/],
    ['no category', edit('<category>Met</category>', ''), /^alert\/info\[1\]\/category$/],
    ['a category outside the enumeration', edit('<category>Met</category>', '<category>Weather</category>'), /^alert\/info\[1\]\/category\[1\]$/],
    ['references not sender,identifier,sent', edit('<incidents>', '<references>canhbao@kttv.gov.vn,KTTV-1</references><incidents>'), /^alert\/references$/],
    ['an area without areaDesc', edit(/<areaDesc>Phường.*<\/areaDesc>/, ''), /^alert\/info\[1\]\/area\[1\]\/areaDesc$/],
    ['an open polygon', edit('16.07,108.23 16.07,108.21<', '16.07,108.23 16.08,108.22<'), /^alert\/info\[1\]\/area\[1\]\/polygon\[1\]$/],
    ['Restricted scope without restriction', edit('<scope>Public</scope>', '<scope>Restricted</scope>'), /^alert\/restriction$/],
    ['an element CAP 1.2 does not have', edit('<scope>Public</scope>', '<scope>Public</scope><priority>high</priority>'), /^alert\/priority$/],
    ['sender given twice', edit('<sender>canhbao@kttv.gov.vn</sender>', '<sender>a@b</sender><sender>c@d</sender>'), /^alert\/sender$/],
  ];
  it.each(cases)('%s', (_what, text, path) => {
    const problems = problemsOf(text);
    expect(problems.some((p) => path.test(p.path)), JSON.stringify(problems)).toBe(true);
  });

  it('refuses a resource without mimeType and an embedded resource that is not base64', () => {
    const flood = fixture('flood-priority.xml');
    expect(problemsOf(flood.replace('<mimeType>audio/mpeg</mimeType>', '')).map((p) => p.path)).toEqual(['alert/info[1]/resource[1]/mimeType']);
    expect(problemsOf(flood.replace(/<uri>.*<\/uri>/, '<derefUri>không phải base64!</derefUri>')).map((p) => p.path)).toEqual(['alert/info[1]/resource[1]/derefUri']);
  });

  it('refuses what is not a CAP 1.2 alert at all', () => {
    expect(problemsOf('')[0]).toMatchObject({ path: 'document' });
    expect(problemsOf('<alert><identifier>x</alert>')[0]!.problem).toMatch(/not well-formed XML/);
    expect(problemsOf(storm.replace('cap:1.2', 'cap:1.1'))[0]).toMatchObject({ path: 'alert', problem: expect.stringMatching(/urn:oasis:names:tc:emergency:cap:1\.1/) });
    expect(problemsOf('<feed xmlns="http://www.w3.org/2005/Atom"/>')[0]).toMatchObject({ path: 'feed' });
  });
});
