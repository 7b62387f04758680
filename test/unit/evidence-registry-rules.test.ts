// The rules over registry_package and inspect_package answers, with no model: what makes a
// release AVOID (a hard rule), what only warns, and that a healthy package is not flagged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runEngine, type Evidence } from '../../src/core/evidence';
import { ev, osvQuery } from './evidence-helpers';

const NOW = Date.parse('2026-06-20T00:00:00Z');
const SRC = 'https://www.npmjs.com/package/widget/v/1.1.0';

function registry(over: Record<string, unknown> = {}): Evidence {
  return ev(
    'supply_chain',
    'registry_package',
    { ecosystem: 'npm', name: 'widget' },
    {
      ecosystem: 'npm',
      name: 'widget',
      version: '1.1.0',
      isLatest: true,
      published: '2026-06-01T00:00:00Z',
      versionCount: 2,
      license: 'MIT',
      installScripts: {},
      provenance: { present: true, predicateType: 'https://slsa.dev/provenance/v1' },
      previous: { version: '1.0.0', installScripts: {} },
      changes: [],
      sources: [SRC, 'https://registry.npmjs.org/widget'],
      ...over,
    },
  );
}

function inspected(over: Record<string, unknown> = {}): Evidence {
  return ev(
    'supply_chain',
    'inspect_package',
    { ecosystem: 'npm', name: 'widget' },
    {
      ecosystem: 'npm',
      name: 'widget',
      version: '1.1.0',
      artifacts: [{ filename: 'widget-1.1.0.tgz', kind: 'npm-tarball', integrity: { verified: true, algorithm: 'sha512' }, inspected: true }],
      installHooks: [],
      hazards: [],
      binaries: [],
      chains: [],
      capabilities: { counts: {}, samples: [] },
      comparedWith: { version: '1.0.0' },
      sources: [SRC],
      ...over,
    },
  );
}

const run = (evidence: Evidence[], id = 'widget@1.1.0') => runEngine({ target: { kind: 'package', id }, evidence, now: NOW });
const check = (r: ReturnType<typeof run>, id: string) => r.checks.find((c) => c.id === id)!;
const binaryHook = (newInThisRelease: boolean | undefined) => ({
  hook: 'postinstall',
  command: 'node setup.js',
  runs: ['setup.js'],
  runsBinary: true,
  ...(newInThisRelease !== undefined ? { newInThisRelease } : {}),
});

describe('registry and artifact rules', () => {
  it('a healthy package with provenance and no scripts is not flagged (and with OSV clean it is SAFE TO ADOPT)', () => {
    const r = run([registry(), inspected(), osvQuery('widget', '1.1.0', [])]);
    for (const id of ['artifact-integrity', 'install-time-code', 'package-contents', 'release-changes', 'typosquat', 'provenance'])
      assert.equal(check(r, id).status, 'pass', id);
    assert.deepEqual(r.ceilings, []);
    assert.equal(r.verdict, 'SAFE TO ADOPT');
  });

  it('a release that added an install script running a bundled binary: AVOID (hard rule), with the release-change failing too', () => {
    const r = run([
      registry({
        installScripts: { postinstall: 'node setup.js' },
        provenance: { present: false },
        changes: [
          { kind: 'publisher-changed', detail: 'published by mallory; 1.0.0 was published by alice' },
          { kind: 'provenance-lost', detail: '1.0.0 was published with provenance; 1.1.0 has none' },
          { kind: 'install-script-added', detail: 'postinstall script new in 1.1.0: node setup.js' },
        ],
      }),
      inspected({ installHooks: [binaryHook(true)], binaries: [{ file: 'lib/helper', format: 'elf', newInThisRelease: true }] }),
      osvQuery('widget', '1.1.0', []),
    ]);
    assert.equal(check(r, 'install-time-code').status, 'fail');
    assert.equal(check(r, 'release-changes').status, 'fail');
    assert.ok(check(r, 'install-time-code').findings.some((f) => /runs a native binary.*new in this release/.test(f.claim) && f.sources[0] === SRC));
    assert.ok(r.ceilings.some((c) => c.check === 'install-time-code' && c.ceiling === 'AVOID'));
    assert.equal(r.verdict, 'AVOID');
  });

  it('a capability chain (environment → send) in an install script: AVOID even on a first release', () => {
    const r = run([
      inspected({
        installHooks: [{ hook: 'preinstall', command: 'node pre.js', runs: ['pre.js'], runsBinary: false }],
        chains: [
          {
            kind: 'exfiltration',
            file: 'pre.js',
            installTime: true,
            capabilities: ['env-collection', 'network'],
            lines: [3, 4],
            excerpt: 'JSON.stringify(process.env)',
          },
        ],
        comparedWith: { note: 'No earlier release to compare with.' },
      }),
    ]);
    assert.equal(check(r, 'install-time-code').status, 'fail');
    assert.equal(r.verdict, 'AVOID');
  });

  it('a long-standing binary launcher fails the check but is not a hard AVOID', () => {
    const r = run([inspected({ installHooks: [binaryHook(false)] })]);
    assert.equal(check(r, 'install-time-code').status, 'fail');
    assert.ok(!r.ceilings.some((c) => c.check === 'install-time-code'));
  });

  it('an ordinary install script warns; node-gyp alone warns less', () => {
    const plain = run([
      inspected({ installHooks: [{ hook: 'install', command: 'node build.js', runs: ['build.js'], runsBinary: false, newInThisRelease: false }] }),
    ]);
    assert.deepEqual([check(plain, 'install-time-code').status, check(plain, 'install-time-code').score], ['warn', 4]);
    const gyp = run([
      inspected({ installHooks: [{ hook: 'install', command: 'node-gyp rebuild', runs: ['binding.gyp'], runsBinary: false, implicit: true }] }),
    ]);
    assert.deepEqual([check(gyp, 'install-time-code').status, check(gyp, 'install-time-code').score], ['warn', 7]);
  });

  it('an integrity mismatch: AVOID, whatever else is clean', () => {
    const r = run([
      registry(),
      inspected({ artifacts: [{ filename: 'widget-1.1.0.tgz', integrity: { verified: false, algorithm: 'sha512' }, inspected: false }] }),
      osvQuery('widget', '1.1.0', []),
    ]);
    assert.equal(check(r, 'artifact-integrity').status, 'fail');
    assert.equal(r.verdict, 'AVOID');
  });

  it('hostile archives are AVOID; a chain in library code caps at ADOPT WITH CAUTION; a binary only warns', () => {
    for (const kind of ['path-traversal', 'decompression-bomb', 'device']) {
      const r = run([inspected({ hazards: [{ kind, severity: 'critical', detail: kind }] })]);
      assert.equal(r.verdict, 'AVOID', kind);
    }
    const chain = run([
      registry(),
      inspected({
        chains: [
          { kind: 'exfiltration', file: 'index.js', installTime: false, capabilities: ['host-info', 'network'], lines: [1, 2], excerpt: 'os.hostname()' },
        ],
      }),
      osvQuery('widget', '1.1.0', []),
    ]);
    assert.equal(check(chain, 'package-contents').status, 'fail');
    assert.ok(chain.ceilings.some((c) => c.check === 'package-contents' && c.ceiling === 'ADOPT WITH CAUTION'));
    assert.equal(chain.verdict, 'ADOPT WITH CAUTION');
    const bin = run([inspected({ hazards: [{ kind: 'native-binary', severity: 'medium', file: 'bin/x', detail: 'a native elf executable' }] })]);
    assert.equal(check(bin, 'package-contents').status, 'warn');
  });

  it('a look-alike name is never SAFE, however clean the rest', () => {
    const r = run(
      [
        registry({ name: 'expresss', sources: ['https://www.npmjs.com/package/expresss/v/1.1.0'] }),
        inspected({ name: 'expresss' }),
        osvQuery('expresss', '1.1.0', []),
      ],
      'expresss',
    );
    assert.equal(check(r, 'typosquat').status, 'warn');
    assert.ok(r.ceilings.some((c) => c.check === 'typosquat' && c.ceiling === 'ADOPT WITH CAUTION'));
    assert.equal(r.verdict, 'ADOPT WITH CAUTION');
  });

  it('a new publisher alone warns; lost provenance fails; nothing run means unknown, not pass', () => {
    const pub = run([registry({ changes: [{ kind: 'publisher-changed', detail: 'published by bob' }] })]);
    assert.equal(check(pub, 'release-changes').status, 'warn');
    const lost = run([registry({ provenance: { present: false }, changes: [{ kind: 'provenance-lost', detail: 'lost' }] })]);
    assert.equal(check(lost, 'release-changes').status, 'fail');
    assert.notEqual(lost.verdict, 'SAFE TO ADOPT');
    const none = run([osvQuery('widget', '1.1.0', [])]);
    for (const id of ['artifact-integrity', 'install-time-code', 'package-contents', 'release-changes']) assert.equal(check(none, id).status, 'unknown', id);
  });

  it('a registry answer of the wrong shape is a note, not a throw', () => {
    const r = run([ev('supply_chain', 'inspect_package', {}, { name: 'x' })]);
    assert.ok(r.notes.some((n) => n.reason === 'unreadable' && /inspect_package/.test(n.text)));
  });
});
