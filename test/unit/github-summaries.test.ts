import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { busFactor, daysSince, summariseCommitActivity, summariseSbom, type SpdxDocument } from '../../src/core/builtins/github/summaries';
import { workflowSignals } from '../../src/core/builtins/workflowSignals';
import { classifyBytes, decodeFileContent, formatBytes } from '../../src/core/builtins/github/fileContent';

describe('busFactor', () => {
  it('is the fewest contributors who together made at least half of the contributions', () => {
    assert.equal(busFactor([412, 120, 64, 20, 5]), 1);
    assert.equal(busFactor([50, 50]), 1, 'exactly half counts');
    assert.equal(busFactor([40, 30, 20, 10]), 2);
    assert.equal(busFactor([10, 10, 10, 10, 10, 10]), 3);
    assert.equal(busFactor([1, 30, 1, 30, 1, 30, 1]), 2, 'order of the input does not matter');
  });

  it('is undefined without contributions', () => {
    assert.equal(busFactor([]), undefined);
    assert.equal(busFactor([0, 0]), undefined);
  });
});

describe('summariseCommitActivity', () => {
  const week = (i: number, total: number) => ({ week: 1_700_000_000 + i * 604_800, total, days: [0, total, 0, 0, 0, 0, 0] });

  it('totals the year and the last 12 weeks, and counts the weeks since the last commit', () => {
    const weeks = Array.from({ length: 52 }, (_, i) => week(i, i === 30 ? 4 : i === 10 ? 6 : 0));
    const s = summariseCommitActivity(weeks);
    assert.equal(s.total_last_52_weeks, 10);
    assert.equal(s.total_last_12_weeks, 0);
    assert.equal(s.weeks_since_last_commit, 21);
    assert.equal(s.weeks_with_commits, 2);
    assert.equal(s.last_active_week, new Date((1_700_000_000 + 30 * 604_800) * 1000).toISOString().slice(0, 10));
    assert.equal(s.weekly_totals.length, 52);
  });

  it('sorts the weeks and says 0 when this week has commits, null when the year has none', () => {
    const shuffled = [week(2, 1), week(0, 5), week(1, 0)];
    const s = summariseCommitActivity(shuffled);
    assert.deepEqual(s.weekly_totals, [5, 0, 1]);
    assert.equal(s.weeks_since_last_commit, 0);
    const silent = summariseCommitActivity([week(0, 0), week(1, 0)]);
    assert.equal(silent.weeks_since_last_commit, null);
    assert.equal(silent.last_active_week, null);
  });
});

describe('summariseSbom', () => {
  const purl = (p: string) => [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p }];
  const doc: SpdxDocument = {
    spdxVersion: 'SPDX-2.3',
    name: 'com.github.acme/widget',
    creationInfo: { created: '2025-01-01T00:00:00Z', creators: ['Tool: GitHub.com-Dependency-Graph'] },
    packages: [
      { SPDXID: 'SPDXRef-root', name: 'com.github.acme/widget', licenseDeclared: 'MIT' },
      { SPDXID: 'SPDXRef-a', name: 'npm:a', versionInfo: '1.0.0', licenseConcluded: 'MIT', externalRefs: purl('pkg:npm/a@1.0.0') },
      { SPDXID: 'SPDXRef-b', name: 'npm:b', versionInfo: '2.0.0', licenseConcluded: 'NOASSERTION', licenseDeclared: 'Apache-2.0' },
      { SPDXID: 'SPDXRef-c', name: 'npm:c', versionInfo: '3.0.0', licenseConcluded: 'NOASSERTION' },
      { SPDXID: 'SPDXRef-d', name: 'npm:d' },
    ],
    relationships: [{ relationshipType: 'DESCRIBES', spdxElementId: 'SPDXRef-DOCUMENT', relatedSpdxElement: 'SPDXRef-root' }],
  };

  it('leaves out the package the document describes, reads licences past NOASSERTION, counts them all', () => {
    const s = summariseSbom(doc, 2);
    assert.equal(s.total_packages, 4);
    assert.equal(s.shown, 2);
    assert.deepEqual(s.packages, [
      { name: 'npm:a', version: '1.0.0', license: 'MIT', purl: 'pkg:npm/a@1.0.0' },
      { name: 'npm:b', version: '2.0.0', license: 'Apache-2.0', purl: null },
    ]);
    assert.deepEqual(s.licenses, { MIT: 1, 'Apache-2.0': 1, unknown: 2 });
    assert.deepEqual(s.generated_by, ['Tool: GitHub.com-Dependency-Graph']);
  });

  it('also recognises the root from documentDescribes', () => {
    const s = summariseSbom({ ...doc, relationships: [], documentDescribes: ['SPDXRef-root'] }, 10);
    assert.equal(s.total_packages, 4);
  });
});

describe('daysSince', () => {
  it('counts whole days, and is null for nothing or nonsense', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    assert.equal(daysSince('2025-03-08T13:00:00Z', now), 1);
    assert.equal(daysSince('2025-03-10T11:00:00Z', now), 0);
    assert.equal(daysSince(null, now), null);
    assert.equal(daysSince('not a date', now), null);
  });
});

describe('file contents', () => {
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

  it('decodes UTF-8 text, and calls NUL bytes or invalid UTF-8 binary', () => {
    assert.deepEqual(decodeFileContent({ size: 6, encoding: 'base64', content: b64('héllo') }), { kind: 'text', text: 'héllo' });
    assert.equal(decodeFileContent({ size: 4, encoding: 'base64', content: b64(Buffer.from([0x89, 0x50, 0x00, 0x47])) }).kind, 'binary');
    assert.deepEqual(classifyBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9])), { kind: 'binary', reason: 'it is not valid UTF-8 text' });
  });

  it('refuses by declared size before decoding (GitHub sends no content above 1 MB)', () => {
    assert.deepEqual(decodeFileContent({ size: 5 * 1024 * 1024, encoding: 'none', content: '' }), { kind: 'too-large', size: 5 * 1024 * 1024 });
    assert.deepEqual(decodeFileContent({ size: 300, encoding: 'base64', content: b64('x'.repeat(300)) }, 100), { kind: 'too-large', size: 300 });
  });

  it('formats sizes for people', () => {
    assert.equal(formatBytes(87), '87 bytes');
    assert.equal(formatBytes(200 * 1024), '200 KB');
    assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MB');
  });
});

describe('workflowSignals', () => {
  it('flags pull_request_target with a checkout of the head, unpinned actions, write-all and outsider text', () => {
    const s = workflowSignals(`on:
  pull_request_target:
    types: [opened]
permissions: write-all
jobs:
  x:
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: actions/setup-node@1d0ff469b7ec7b3cb9d8673fde0c81c44821de2a
      - uses: ./local-action
      - run: echo "\${{ github.event.issue.title }}" && echo \${{ secrets.NPM_TOKEN }}
`);
    assert.deepEqual(s.triggers, ['pull_request_target']);
    assert.equal(s.pull_request_target, true);
    assert.equal(s.checks_out_pull_request_head, true);
    assert.deepEqual(s.unpinned_actions, ['actions/checkout@v4']);
    assert.equal(s.pinned_actions, 1);
    assert.equal(s.write_all_permissions, true);
    assert.equal(s.declares_permissions, true);
    assert.deepEqual(s.untrusted_expressions, ['github.event.issue.title']);
    assert.deepEqual(s.secrets, ['NPM_TOKEN']);
  });

  it('reads the list form of on:, and ignores commented-out lines', () => {
    const s = workflowSignals(
      'on: [push, pull_request]\n# on: pull_request_target\njobs:\n  x:\n    steps:\n      # - uses: evil/action@main\n      - run: true\n',
    );
    assert.deepEqual(s.triggers, ['push', 'pull_request']);
    assert.equal(s.pull_request_target, false);
    assert.deepEqual(s.unpinned_actions, []);
    assert.equal(s.declares_permissions, false);
  });
});
