// registry_package and inspect_package end to end: a real MCP client (in memory) → the
// supply_chain server → real HTTP to the fake npm registry and PyPI JSON API, then the tool
// answers through the evidence engine with no model.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createSupplyChainServer } from '../../src/core/builtins/supplyChain/supplyChainServer';
import { registryLocations } from '../../src/core/builtins/supplyChain/registry/registryLocations';
import { runEngine, type Evidence } from '../../src/core/evidence';
import { linkedClient } from '../helpers/mcpClient';
import { startRegistryFixture, type RegistryFixture } from '../fixtures/registry/server';

type Linked = Awaited<ReturnType<typeof linkedClient>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk the tools' JSON answers
type Json = any;

const NOW = Date.parse('2026-06-20T00:00:00Z');

describe('supply_chain registry tools (npm registry and PyPI fakes)', () => {
  let fixture: RegistryFixture;
  let linked: Linked;
  let seq = 0;

  const call = async (tool: string, args: Record<string, unknown>): Promise<{ json: Json; evidence: Evidence }> => {
    const result: CallToolResult = await linked.call(tool, args);
    assert.ok(!result.isError, `${tool} failed: ${linked.text(result)}`);
    return { json: JSON.parse(linked.text(result)), evidence: { callId: `c${++seq}`, connector: 'supply_chain', tool, args, result } };
  };
  const verdictOf = (evidence: Evidence[], id: string) => runEngine({ target: { kind: 'package', id }, evidence, now: NOW });

  before(async () => {
    fixture = await startRegistryFixture();
    const env = { CONNECTOR_AUDITOR_NPM_REGISTRY_URL: fixture.url, CONNECTOR_AUDITOR_PYPI_URL: fixture.url };
    linked = await linkedClient(
      createSupplyChainServer({
        registries: async () => registryLocations({ env }),
        artifactLimits: { maxUnpackedBytes: 32 * 1024 * 1024 },
      }),
    );
  });
  after(async () => {
    await linked.close();
    await fixture.close();
  });

  it('registry_package without a version: the latest, said so, with provenance and the previous release', async () => {
    const { json } = await call('registry_package', { ecosystem: 'npm', name: 'widget-lib' });
    assert.equal(json.version, '1.1.0');
    assert.match(json.note, /No version was given: this is the latest release, 1\.1\.0/);
    assert.equal(json.publisher, 'alice');
    assert.deepEqual(json.provenance, {
      present: true,
      predicateType: 'https://slsa.dev/provenance/v1',
      url: `${fixture.url}/-/npm/v1/attestations/widget-lib@1.1.0`,
    });
    assert.equal(json.previous.version, '1.0.0');
    assert.deepEqual(json.changes, []);
    assert.equal(json.lookAlike, undefined);
    assert.ok(json.sources.includes('https://www.npmjs.com/package/widget-lib/v/1.1.0'));
  });

  it('a scoped name is sent as @scope%2fname', async () => {
    const { json } = await call('registry_package', { ecosystem: 'npm', name: '@acme/scoped', version: '0.2.0' });
    assert.equal(json.name, '@acme/scoped');
    assert.ok(fixture.requests.includes('/@acme%2Fscoped') || fixture.requests.includes('/@acme%2fscoped'), fixture.requests.join(' '));
    assert.equal(json.note, undefined, 'a version was given');
  });

  it('the install-script + binary hijack: new publisher, provenance lost, a postinstall running a bundled ELF → AVOID', async () => {
    const meta = await call('registry_package', { ecosystem: 'npm', name: 'colorful-logger', version: '2.3.1' });
    assert.deepEqual(
      meta.json.changes.map((c: Json) => c.kind),
      ['publisher-changed', 'maintainers-changed', 'provenance-lost', 'install-script-added'],
    );
    const files = await call('inspect_package', { ecosystem: 'npm', name: 'colorful-logger', version: '2.3.1' });
    assert.equal(files.json.artifacts[0].integrity.verified, true);
    assert.deepEqual(
      files.json.installHooks.map((h: Json) => [h.hook, h.runs, h.runsBinary, h.newInThisRelease]),
      [['postinstall', ['setup.js'], true, true]],
    );
    assert.deepEqual(files.json.binaries, [{ file: 'lib/helper', format: 'elf', newInThisRelease: true }]);
    assert.equal(files.json.comparedWith.version, '2.3.0');
    const r = verdictOf([meta.evidence, files.evidence], 'colorful-logger@2.3.1');
    assert.equal(r.verdict, 'AVOID');
    assert.ok(r.ceilings.some((c) => c.check === 'install-time-code' && c.ceiling === 'AVOID'));
  });

  it('the npm typosquat expresss: flagged as express, and its preinstall collects the environment and sends it → AVOID', async () => {
    const meta = await call('registry_package', { ecosystem: 'npm', name: 'expresss' });
    assert.equal(meta.json.lookAlike.similarTo, 'express');
    const files = await call('inspect_package', { ecosystem: 'npm', name: 'expresss' });
    const chain = files.json.chains.find((c: Json) => c.kind === 'exfiltration');
    assert.equal(chain.file, 'pre.js');
    assert.equal(chain.installTime, true);
    assert.deepEqual(chain.capabilities, ['env-collection', 'encode', 'network']);
    const r = verdictOf([meta.evidence, files.evidence], 'expresss');
    assert.equal(r.verdict, 'AVOID');
    assert.equal(r.checks.find((c) => c.id === 'typosquat')!.status, 'warn');
  });

  it('a maintainer change that loses provenance is never SAFE', async () => {
    const meta = await call('registry_package', { ecosystem: 'npm', name: 'acme-utils' });
    assert.deepEqual(
      meta.json.changes.map((c: Json) => c.kind),
      ['publisher-changed', 'maintainers-changed', 'provenance-lost'],
    );
    const r = verdictOf([meta.evidence], 'acme-utils');
    assert.equal(r.checks.find((c) => c.id === 'release-changes')!.status, 'fail');
    assert.notEqual(r.verdict, 'SAFE TO ADOPT');
  });

  it('hostile tarballs: path traversal and a symlink out; a gzip bomb; an integrity mismatch (nothing inspected) → AVOID', async () => {
    const paths = await call('inspect_package', { ecosystem: 'npm', name: 'evil-paths' });
    assert.deepEqual(paths.json.hazards.map((h: Json) => h.kind).sort(), ['path-traversal', 'symlink']);
    assert.equal(verdictOf([paths.evidence], 'evil-paths').verdict, 'AVOID');

    const bomb = await call('inspect_package', { ecosystem: 'npm', name: 'bomb-pkg' });
    assert.deepEqual(
      bomb.json.hazards.map((h: Json) => h.kind),
      ['decompression-bomb'],
    );
    assert.equal(verdictOf([bomb.evidence], 'bomb-pkg').verdict, 'AVOID');

    const tampered = await call('inspect_package', { ecosystem: 'npm', name: 'tampered-pkg' });
    assert.equal(tampered.json.integrityMismatch, true);
    assert.equal(tampered.json.artifacts[0].integrity.verified, false);
    assert.equal(tampered.json.artifacts[0].inspected, false);
    assert.deepEqual(tampered.json.hazards, []);
    const r = verdictOf([tampered.evidence], 'tampered-pkg');
    assert.equal(r.verdict, 'AVOID');
    assert.ok(r.ceilings.some((c) => c.check === 'artifact-integrity'));
  });

  it('the PyPI typosquat reqeusts: flagged as requests; setup.py overrides install and sends the environment → AVOID', async () => {
    const meta = await call('registry_package', { ecosystem: 'pypi', name: 'reqeusts' });
    assert.equal(meta.json.lookAlike.similarTo, 'requests');
    assert.match(meta.json.provenance, /unknown/);
    const files = await call('inspect_package', { ecosystem: 'pypi', name: 'reqeusts' });
    assert.equal(files.json.artifacts[0].integrity.algorithm, 'sha256');
    assert.ok(files.json.hazards.some((h: Json) => h.kind === 'install-override'));
    assert.ok(files.json.chains.some((c: Json) => c.kind === 'exfiltration' && c.file === 'setup.py' && c.installTime));
    assert.equal(verdictOf([meta.evidence, files.evidence], 'reqeusts').verdict, 'AVOID');
  });

  it('a wheel whose .pth runs a download at every Python start', async () => {
    const files = await call('inspect_package', { ecosystem: 'pypi', name: 'sneaky-pth' });
    assert.ok(files.json.hazards.some((h: Json) => h.kind === 'pth-exec' && h.file === 'sneaky.pth'));
    assert.equal(verdictOf([files.evidence], 'sneaky-pth').verdict, 'AVOID');
  });

  it('healthy controls on both registries are not flagged', async () => {
    for (const [ecosystem, name] of [
      ['npm', 'widget-lib'],
      ['pypi', 'tidy-tables'],
    ]) {
      const meta = await call('registry_package', { ecosystem, name });
      const files = await call('inspect_package', { ecosystem, name });
      assert.deepEqual(files.json.hazards, [], name);
      assert.deepEqual(files.json.chains, [], name);
      assert.equal(
        files.json.artifacts.every((a: Json) => a.integrity.verified === true),
        true,
        name,
      );
      const r = verdictOf([meta.evidence, files.evidence], name);
      for (const id of ['artifact-integrity', 'install-time-code', 'package-contents', 'release-changes', 'typosquat'])
        assert.equal(r.checks.find((c) => c.id === id)!.status, 'pass', `${name}: ${id}`);
    }
    const pypi = await call('registry_package', { ecosystem: 'pypi', name: 'tidy-tables', version: '1.1.0' });
    assert.equal(pypi.json.version, '1.1.0');
    assert.equal(pypi.json.previous, null);
  });

  it('unknown packages and versions are tool errors that say what to fix', async () => {
    const none = await linked.call('registry_package', { ecosystem: 'npm', name: 'no-such-package-here' });
    assert.equal(none.isError, true);
    assert.match(linked.text(none), /has no package no-such-package-here/);
    const v = await linked.call('inspect_package', { ecosystem: 'npm', name: 'widget-lib', version: '9.9.9' });
    assert.match(linked.text(v), /no version 9\.9\.9; the latest is 1\.1\.0/);
  });
});
