import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cvss3BaseScore, ratingOf } from '../../src/core/builtins/supplyChain/cvss';
import { prepareOsvQuery } from '../../src/core/builtins/supplyChain/osvQuery';
import { describeRange, summariseVulnerability } from '../../src/core/builtins/supplyChain/osvSummary';
import type { OsvVulnerability } from '../../src/core/builtins/supplyChain/osvModel';

describe('supply chain: CVSS v3 base scores', () => {
  it('matches the scores published for well-known vectors', () => {
    const cases: Array<[string, number]> = [
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
      ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', 7.4], // CVE-2020-8203
      ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2], // CVE-2021-23337
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 5.3], // CVE-2020-28500
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H', 9.1], // CVE-2019-10744
      ['CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1], // typical reflected XSS
      ['CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    ];
    for (const [vector, score] of cases) assert.equal(cvss3BaseScore(vector)?.score, score, vector);
  });

  it('rates scores as the specification does', () => {
    assert.deepEqual([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(ratingOf), ['none', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });

  it('does not score what it cannot', () => {
    assert.equal(cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P'), undefined, 'v2');
    assert.equal(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), undefined, 'v4');
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L'), undefined, 'incomplete');
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), undefined, 'bad value');
  });
});

describe('supply chain: OSV queries', () => {
  it('builds a package query with OSV spelling, and a label', () => {
    const p = prepareOsvQuery({ ecosystem: 'pypi', name: 'jinja2', version: '2.4.1' });
    assert.deepEqual(p.query, { package: { ecosystem: 'PyPI', name: 'jinja2' }, version: '2.4.1' });
    assert.equal(p.label, 'PyPI/jinja2@2.4.1');
    assert.deepEqual(p.focus, { ecosystem: 'PyPI', name: 'jinja2' });
  });

  it('sends a purl as given and focuses on the package it names', () => {
    const p = prepareOsvQuery({ purl: 'pkg:npm/%40types/node@20.1.0' });
    assert.deepEqual(p.query, { package: { purl: 'pkg:npm/%40types/node@20.1.0' } });
    assert.deepEqual(p.focus, { ecosystem: 'npm', name: '@types/node' });
    assert.deepEqual(prepareOsvQuery({ purl: 'pkg:npm/lodash', version: '4.17.15' }).query, { package: { purl: 'pkg:npm/lodash' }, version: '4.17.15' });
  });

  it('queries a full commit hash, lower-cased', () => {
    const hash = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';
    assert.deepEqual(prepareOsvQuery({ commit: hash }).query, { commit: hash.toLowerCase() });
  });

  it('refuses ambiguous or incomplete queries with a reason', () => {
    assert.throws(() => prepareOsvQuery({}), /Give one of/);
    assert.throws(() => prepareOsvQuery({ name: 'lodash', ecosystem: 'npm', purl: 'pkg:npm/lodash' }), /only one of a package, a purl or a commit/);
    assert.throws(() => prepareOsvQuery({ name: 'lodash' }), /Which ecosystem/);
    assert.throws(() => prepareOsvQuery({ ecosystem: 'npm' }), /package name/);
    assert.throws(() => prepareOsvQuery({ purl: 'pkg:npm/lodash@4.17.15', version: '4.17.15' }), /already has version 4\.17\.15/);
    assert.throws(() => prepareOsvQuery({ commit: 'abc123' }), /not a full commit hash/);
    assert.throws(() => prepareOsvQuery({ purl: 'lodash@4' }), /must start with "pkg:"/);
    assert.deepEqual(prepareOsvQuery({ name: ' ', ecosystem: '', commit: 'a'.repeat(40) }).query, { commit: 'a'.repeat(40) }, 'blank fields do not count');
  });
});

describe('supply chain: OSV summaries', () => {
  const record: OsvVulnerability = {
    id: 'GHSA-p6mc-m468-83gw',
    modified: '2024-03-11T05:18:57Z',
    published: '2020-07-15T19:15:48Z',
    aliases: ['CVE-2020-8203'],
    summary: 'Prototype Pollution in lodash',
    details: 'Long text. '.repeat(400),
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'npm', name: 'lodash' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '3.7.0' }, { fixed: '4.17.19' }] }],
        versions: ['3.7.0', '4.17.15'],
      },
      { package: { ecosystem: 'npm', name: 'lodash-es' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.20' }] }] },
    ],
    references: [1, 2, 3, 4, 5].map((n) => ({ type: 'WEB', url: `https://example.com/${n}` })),
    database_specific: { severity: 'HIGH', cwe_ids: ['CWE-1321'] },
  };

  it('keeps what an audit weighs, for the package asked about', () => {
    const s = summariseVulnerability(record, { focus: [{ ecosystem: 'npm', name: 'lodash' }] });
    assert.equal(s.url, 'https://osv.dev/vulnerability/GHSA-p6mc-m468-83gw');
    assert.deepEqual(s.aliases, ['CVE-2020-8203']);
    assert.deepEqual(s.severity, {
      cvss: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 7.4, rating: 'high' }],
      database: 'HIGH',
    });
    assert.deepEqual(s.affected, [{ package: 'lodash', ecosystem: 'npm', ranges: ['SEMVER: >=3.7.0 <4.17.19'], fixed: ['4.17.19'], versionsListed: 2 }]);
    assert.equal(s.otherAffected, 1);
    assert.equal(s.references?.length, 3, 'references capped');
    assert.equal(s.details, undefined, 'details only in the full view');
  });

  it('gives the full record (details truncated) when asked for one vulnerability', () => {
    const s = summariseVulnerability(record, { full: true });
    assert.equal(s.affected.length, 2);
    assert.match(s.details ?? '', /… \(truncated; see https:\/\/osv\.dev\/vulnerability\/GHSA-p6mc-m468-83gw\)$/);
    assert.ok((s.details ?? '').length < 2100);
    assert.deepEqual(s.cwes, ['CWE-1321']);
    assert.equal(s.references?.length, 5);
  });

  it('marks withdrawn records and falls back to details when there is no summary', () => {
    const s = summariseVulnerability({ id: 'PYSEC-1', withdrawn: '2023-01-01T00:00:00Z', details: 'First sentence here. Second one.', affected: [] });
    assert.equal(s.withdrawn, '2023-01-01T00:00:00Z');
    assert.equal(s.summary, 'First sentence here.');
    assert.deepEqual(s.severity, {});
  });

  it('matches PyPI names as PyPI does', () => {
    const v: OsvVulnerability = {
      id: 'PYSEC-2',
      affected: [{ package: { ecosystem: 'PyPI', name: 'Zope.Interface' } }, { package: { ecosystem: 'PyPI', name: 'other' } }],
    };
    const s = summariseVulnerability(v, { focus: [{ ecosystem: 'PyPI', name: 'zope-interface' }] });
    assert.deepEqual(
      s.affected.map((a) => a.package),
      ['Zope.Interface'],
    );
  });

  it('reads range events as intervals', () => {
    assert.equal(describeRange({ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }), 'SEMVER: <4.17.21');
    assert.equal(
      describeRange({ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2' }, { introduced: '2.0' }, { last_affected: '2.3' }] }),
      'ECOSYSTEM: >=1.0 <1.2, >=2.0 <=2.3',
    );
    assert.equal(describeRange({ type: 'SEMVER', events: [{ introduced: '1.2.0' }] }), 'SEMVER: >=1.2.0 (no fix)');
    assert.equal(describeRange({ type: 'SEMVER', events: [{ introduced: '0' }] }), 'SEMVER: all versions (no fix)');
    assert.equal(
      describeRange({ type: 'GIT', repo: 'https://github.com/a/b', events: [{ introduced: 'abc' }, { fixed: 'def' }] }),
      'GIT https://github.com/a/b: >=abc <def',
    );
    assert.equal(describeRange({ type: 'SEMVER', events: [] }), '');
  });
});
