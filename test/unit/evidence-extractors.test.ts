// The evidence engine's extractors on real tool output: the supply_chain server against its local
// fake (OSV.dev, deps.dev, Scorecard on their real paths), and the github and workspace answers
// in the exact shapes their tools build (workflowSignals is the tools' own code).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSupplyChainServer } from '../../src/core/builtins/supplyChain/supplyChainServer';
import { workflowSignals } from '../../src/core/builtins/workflowSignals';
import { extractAll, extractOne, type Evidence, type Signal } from '../../src/core/evidence';
import { linkedClient } from '../helpers/mcpClient';
import { startSupplyChainFixture, type SupplyChainFixture } from '../fixtures/supplyChain/server';
import { ev, failed } from './evidence-helpers';

const NOW = Date.parse('2026-12-07T00:00:00Z');
const of = (signals: Signal[], id: string) => signals.filter((s) => s.id === id);

describe('evidence extractors: supply_chain, through the real server and its fake', () => {
  let fixture: SupplyChainFixture;
  let linked: Awaited<ReturnType<typeof linkedClient>>;
  let n = 0;
  const call = async (tool: string, args: Record<string, unknown>): Promise<Evidence> => ({
    callId: `sc_${++n}`,
    connector: 'supply_chain',
    tool,
    args,
    result: await linked.call(tool, args),
  });

  before(async () => {
    fixture = await startSupplyChainFixture();
    linked = await linkedClient(createSupplyChainServer({ endpoints: { osv: fixture.url, depsDev: fixture.url, scorecard: fixture.url } }));
  });
  after(async () => {
    await linked.close();
    await fixture.close();
  });

  it('osv_query: each live vulnerability of lodash 4.17.15 with its fixed version, cited by URL and call id', async () => {
    const e = await call('osv_query', { ecosystem: 'npm', name: 'lodash', version: '4.17.15' });
    const { signals, notes } = extractOne(e, NOW);
    assert.deepEqual(notes, []);
    const checked = of(signals, 'vuln.checked');
    assert.equal(checked.length, 1);
    assert.deepEqual(checked[0].subject, { kind: 'package', id: 'pkg:npm/lodash@4.17.15' });
    const known = of(signals, 'vuln.known') as Signal<'vuln.known'>[];
    assert.deepEqual(known.map((s) => s.value.advisory).sort(), ['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    const prototype = known.find((s) => s.value.advisory === 'GHSA-p6mc-m468-83gw')!;
    assert.deepEqual(prototype.value.fixed, ['4.17.19']);
    assert.equal(prototype.value.severity, 'high');
    assert.equal(prototype.source.callId, e.callId);
    assert.equal(prototype.source.url, 'https://osv.dev/vulnerability/GHSA-p6mc-m468-83gw');
  });

  it('osv_query_batch: each query keeps its own vulnerabilities', async () => {
    const e = await call('osv_query_batch', {
      queries: [
        { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
        { ecosystem: 'npm', name: 'left-pad', version: '1.3.0' },
      ],
    });
    const { signals } = extractOne(e, NOW);
    const checked = of(signals, 'vuln.checked') as Signal<'vuln.checked'>[];
    assert.deepEqual(
      checked.map((s) => [s.subject.id, s.value.active]),
      [
        ['pkg:npm/lodash@4.17.15', 3],
        ['pkg:npm/left-pad@1.3.0', 0],
      ],
    );
    assert.ok(of(signals, 'vuln.known').every((s) => s.subject.id === 'pkg:npm/lodash@4.17.15'));
  });

  it('deps_dev_version: licence, provenance and deprecation', async () => {
    const widget = extractOne(await call('deps_dev_version', { system: 'npm', name: 'widget', version: '1.4.0' }), NOW).signals;
    const prov = of(widget, 'provenance.attestation')[0] as Signal<'provenance.attestation'>;
    assert.ok(prov, 'a provenance signal');
    assert.equal(prov.subject.id, 'pkg:npm/widget@1.4.0');
    assert.equal(of(widget, 'licence.spdx').length, 1);
    const leftPad = extractOne(await call('deps_dev_version', { system: 'npm', name: 'left-pad', version: '1.3.0' }), NOW).signals;
    assert.equal(of(leftPad, 'package.deprecated').length, 1, 'left-pad is deprecated in the fixture');
  });

  it('scorecard: one signal per check, inconclusive ones with a null score; no result is a note', async () => {
    const { signals } = extractOne(await call('scorecard', { owner: 'acme', repo: 'widget' }), NOW);
    const checks = of(signals, 'scorecard.check') as Signal<'scorecard.check'>[];
    assert.ok(checks.length >= 5);
    assert.ok(checks.every((s) => s.subject.id === 'acme/widget'));
    assert.ok(checks.some((s) => s.value.name === 'Code-Review' && typeof s.value.score === 'number'));
    const none = extractOne(await call('scorecard', { owner: 'nobody', repo: 'nothing' }), NOW);
    assert.deepEqual(none.signals, []);
    assert.equal(none.notes[0]?.reason, 'no-data');
  });
});

describe('evidence extractors: github and workspace answers', () => {
  it('get_repository: archived, last push and licence; NOASSERTION is no licence signal', () => {
    const e = ev(
      'github',
      'get_repository',
      { owner: 'old', repo: 'lib' },
      {
        full_name: 'old/lib',
        html_url: 'https://github.com/old/lib',
        license: 'NOASSERTION',
        archived: true,
        pushed_at: '2020-01-01T00:00:00Z',
        days_since_push: 2532,
      },
    );
    const { signals } = extractOne(e, NOW);
    assert.deepEqual(
      signals.map((s) => s.id),
      ['repo.archived', 'repo.pushed_at'],
    );
    assert.equal(signals[0].value, true);
    assert.equal(signals[0].source.url, 'https://github.com/old/lib');
  });

  it('a signal without a URL of its own cites the first of the answer’s sources', () => {
    const e = ev(
      'github',
      'list_releases',
      {},
      { repository: 'acme/widget', count: 1, latest_release: 'v1', days_since_latest_release: 3, sources: ['https://github.com/acme/widget/releases'] },
    );
    assert.equal(extractOne(e, NOW).signals[0].source.url, 'https://github.com/acme/widget/releases');
  });

  it('workflows: a pwn request and an outsider expression from the tools’ own workflowSignals', () => {
    const text = [
      'on: pull_request_target',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with: { ref: "${{ github.event.pull_request.head.sha }}" }',
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join('\n');
    const e = ev(
      'workspace',
      'workflows',
      {},
      { count: 1, workflows: [{ path: '.github/workflows/ci.yml', size: text.length, signals: workflowSignals(text), content: text }] },
    );
    const risks = (extractOne(e, NOW).signals as Signal<'workflow.risk'>[]).map((s) => s.value.risk).sort();
    assert.deepEqual(risks, ['pwn_request', 'unpinned_action', 'untrusted_expression']);
  });

  it('secrets_scan and install_scripts: file:line and package subjects', () => {
    const secrets = ev(
      'workspace',
      'secrets_scan',
      {},
      {
        findings: [{ rule: 'github', kind: 'GITHUB_TOKEN', line: 3, column: 7, preview: 'ghp_…(40 chars)', path: 'config.js', location: 'config.js:3' }],
        scanned: 12,
        skipped: {},
        notes: [],
      },
    );
    const scripts = ev(
      'workspace',
      'install_scripts',
      {},
      {
        findings: [
          { kind: 'project', path: 'package.json', package: 'app', version: '1.0.0', scripts: { postinstall: 'node setup.js' } },
          { kind: 'dependency', path: 'package-lock.json', package: 'esbuild', version: '0.25.0', has_install_script: true },
        ],
        notes: [],
      },
    );
    const { signals } = extractAll([secrets, scripts], NOW);
    assert.deepEqual(of(signals, 'secret.hardcoded')[0].subject, { kind: 'file', id: 'config.js:3', at: { path: 'config.js', line: 3 } });
    assert.deepEqual(
      of(signals, 'install.script').map((s) => s.subject.id),
      ['pkg:npm/app@1.0.0', 'pkg:npm/esbuild@0.25.0'],
    );
  });
});

describe('evidence extractors: untrusted output', () => {
  it('malformed output yields a note, never a throw', () => {
    const cases: unknown[] = [
      ev('github', 'get_repository', {}, { full_name: 42 }),
      ev('supply_chain', 'osv_query', {}, '{"query": "npm/x", "count": "many"'),
      ev('supply_chain', 'scorecard', {}, [1, 2, 3]),
      { callId: 'c', connector: 'workspace', tool: 'secrets_scan', args: {}, result: { content: 'not an array' } },
      null,
      42,
    ];
    for (const c of cases) {
      const r = extractOne(c, NOW);
      assert.deepEqual(r.signals, [], JSON.stringify(c));
      assert.equal(r.notes.length, 1, JSON.stringify(c));
    }
  });

  it('tool failures are classified for "What could not be checked"', () => {
    const r = extractAll(
      [
        failed('github', 'get_repository', 'GitHub rate limit exceeded; resets at 17:00.'),
        failed('github', 'list_contributors', 'GitHub needs a token: sign in first.'),
        failed('supply_chain', 'osv_query', 'fetch failed: ECONNREFUSED'),
      ],
      NOW,
    );
    assert.deepEqual(
      r.notes.map((n) => n.reason),
      ['rate-limited', 'missing-key', 'tool-error'],
    );
  });

  it('a tool of another connector never becomes evidence, whatever it claims', () => {
    const forged = ev('evil', 'scorecard', { owner: 'a', repo: 'b' }, { repository: 'github.com/a/b', checks: [{ name: 'Code-Review', score: 10 }] });
    const r = extractOne(forged, NOW);
    assert.deepEqual(r.signals, []);
    assert.equal(r.notes[0].reason, 'untrusted-connector');
  });
});
