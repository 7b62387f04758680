// audit_dependencies end to end: a real MCP client → the supply_chain server built by
// createBuiltinServer (so the workspace wiring is the one the front ends get) → real HTTP to the
// fixture that plays OSV.dev and deps.dev, over a project whose lockfile holds a vulnerable direct
// dependency (lodash 4.17.15) and a malicious transitive one (flatmap-streamz, via widget).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createBuiltinServer, type BuiltinServices } from '../../src/core/builtins/builtinServers';
import { linkedClient } from '../helpers/mcpClient';
import { fixtureWorkspace, type FixtureWorkspace } from '../helpers/workspaceFixture';
import { startSupplyChainFixture, type SupplyChainFixture } from '../fixtures/supplyChain/server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk the tool's JSON answer
type Json = any;

const PACKAGE_JSON = JSON.stringify(
  { name: 'shop', version: '1.0.0', dependencies: { lodash: '4.17.15', widget: '^1.4.0' }, devDependencies: { 'left-pad': '^1.3.0' } },
  null,
  2,
);

const PACKAGE_LOCK = JSON.stringify(
  {
    name: 'shop',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'shop', version: '1.0.0', dependencies: { lodash: '4.17.15', widget: '^1.4.0' }, devDependencies: { 'left-pad': '^1.3.0' } },
      'node_modules/lodash': { version: '4.17.15', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz', integrity: 'sha512-lodash' },
      'node_modules/widget': {
        version: '1.4.0',
        resolved: 'https://registry.npmjs.org/widget/-/widget-1.4.0.tgz',
        integrity: 'sha512-widget',
        dependencies: { 'flatmap-streamz': '^0.1.0' },
      },
      'node_modules/flatmap-streamz': {
        version: '0.1.1',
        resolved: 'https://registry.npmjs.org/flatmap-streamz/-/flatmap-streamz-0.1.1.tgz',
        integrity: 'sha512-fms',
        hasInstallScript: true,
      },
      'node_modules/left-pad': { version: '1.3.0', resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz', integrity: 'sha512-lp', dev: true },
    },
  },
  null,
  2,
);

describe('supply_chain: audit_dependencies over the workspace', () => {
  let osv: SupplyChainFixture;
  let project: FixtureWorkspace;
  let linked: Awaited<ReturnType<typeof linkedClient>>;
  const call = async (args: Record<string, unknown> = {}, onprogress?: (p: { progress: number; total?: number }) => void): Promise<Json> => {
    const r = (await linked.client.callTool(
      { name: 'audit_dependencies', arguments: args },
      CallToolResultSchema,
      onprogress ? { onprogress } : {},
    )) as CallToolResult;
    assert.ok(!r.isError, linked.text(r));
    return JSON.parse((r.content[0] as { text: string }).text);
  };

  before(async () => {
    osv = await startSupplyChainFixture();
    project = await fixtureWorkspace({ 'package.json': PACKAGE_JSON, 'package-lock.json': PACKAGE_LOCK });
    const services = {
      supplyChain: () => ({ endpoints: { osv: osv.url, depsDev: osv.url, scorecard: osv.url } }),
      workspace: () => ({ roots: () => [{ name: 'shop', path: project.dir }], trusted: () => false }),
    } as Partial<BuiltinServices> as BuiltinServices;
    linked = await linkedClient(await createBuiltinServer('supply_chain', services));
  });
  after(async () => {
    await linked?.close();
    await project?.dispose();
    await osv?.close();
  });

  it('is listed read-only and open-world', async () => {
    const { tools } = await linked.client.listTools();
    const tool = tools.find((t) => t.name === 'audit_dependencies');
    assert.ok(tool);
    assert.equal(tool.annotations?.readOnlyHint, true);
    assert.equal(tool.annotations?.openWorldHint, true);
  });

  it('reports the malicious transitive dependency first, then lodash with its fixed versions, with progress', async () => {
    const start = osv.requests.length;
    const progress: Array<{ progress: number; total?: number }> = [];
    const r = await call({}, (p) => progress.push(p));
    const sent = osv.requests.slice(start);

    assert.equal(sent.filter((q) => q.path === '/v1/querybatch').length, 1, 'one batch for four packages');
    const queried = (sent.find((q) => q.path === '/v1/querybatch')!.body as Json).queries.map((q: Json) => `${q.package.name}@${q.version}`);
    assert.deepEqual(queried.sort(), ['flatmap-streamz@0.1.1', 'left-pad@1.3.0', 'lodash@4.17.15', 'widget@1.4.0']);
    const details = sent.filter((q) => q.path.startsWith('/v1/vulns/')).map((q) => decodeURIComponent(q.path.slice('/v1/vulns/'.length)));
    assert.equal(new Set(details).size, details.length, 'each record fetched once');
    assert.ok(details.includes('MAL-2025-3141'));
    const depsDev = sent.filter((q) => q.path.startsWith('/v3/')).map((q) => decodeURIComponent(q.path));
    assert.deepEqual(
      depsDev.sort(),
      [
        '/v3/systems/npm/packages/left-pad/versions/1.3.0',
        '/v3/systems/npm/packages/lodash/versions/4.17.15',
        '/v3/systems/npm/packages/widget/versions/1.4.0',
      ],
      'deps.dev for direct dependencies only',
    );

    assert.equal(r.totals.packages, 4);
    assert.equal(r.totals.direct, 3);
    assert.equal(r.totals.malwarePackages, 1);
    assert.equal(r.totals.vulnerablePackages, 3, 'flatmap-streamz, lodash and widget');
    assert.equal(r.totals.packagesByWorstSeverity.critical, 1);
    assert.equal(r.totals.packagesByWorstSeverity.high, 1);

    assert.equal(r.malware.length, 1);
    assert.equal(r.malware[0].package, 'flatmap-streamz@0.1.1');
    assert.equal(r.malware[0].direct, false);
    assert.deepEqual(r.malware[0].via, ['widget']);
    assert.match(r.malware[0].manifest, /^package-lock\.json:\d+$/);
    assert.equal(r.malware[0].advisories[0].id, 'MAL-2025-3141');

    const [first, second] = r.vulnerable;
    assert.equal(first.package, 'lodash@4.17.15', 'high before medium');
    assert.equal(first.worst, 'high');
    assert.equal(first.upgradeTo, '4.17.21');
    const pp = first.vulnerabilities.find((v: Json) => v.id === 'GHSA-p6mc-m468-83gw');
    assert.deepEqual(pp, {
      id: 'GHSA-p6mc-m468-83gw',
      severity: 'high',
      cvss: '7.4 (CVSS 3.1)',
      fixed: '4.17.19',
      summary: 'Prototype Pollution in lodash',
      aliases: ['CVE-2020-8203'],
      url: 'https://osv.dev/vulnerability/GHSA-p6mc-m468-83gw',
    });
    assert.equal(second.package, 'widget@1.4.0');
    assert.equal(second.withoutFix, 1, 'the widget advisory has no fix');

    assert.equal(r.directDependencies.checked, 3);
    assert.deepEqual(r.directDependencies.licences, { MIT: 2, WTFPL: 1 });
    assert.deepEqual(r.directDependencies.withVerifiedProvenance, ['widget']);
    assert.deepEqual(r.directDependencies.scorecards, [
      { package: 'widget', repository: 'github.com/acme/widget', score: 6.8, url: 'https://scorecard.dev/viewer/?uri=github.com/acme/widget' },
    ]);
    const scorecards = sent.filter((q) => q.path.startsWith('/projects/')).map((q) => q.path);
    assert.equal(scorecards.length, new Set(scorecards).size, 'one Scorecard request per repository');
    assert.ok(scorecards.includes('/projects/github.com/acme/widget'));
    assert.ok(
      r.notes.some((n: string) => /not trusted/.test(n)),
      'the untrusted workspace is said',
    );
    assert.ok(r.sources.includes('https://osv.dev/vulnerability/MAL-2025-3141'));

    assert.ok(progress.length >= 2, `progress notifications: ${JSON.stringify(progress)}`);
    const lastProgress = progress[progress.length - 1];
    assert.equal(lastProgress.progress, lastProgress.total, 'the last one is complete');
  });

  it('answers a repeated audit from the cache without a request, and filters by scope', async () => {
    const start = osv.requests.length;
    const again = await call();
    assert.equal(osv.requests.length, start, 'no request to OSV or deps.dev');
    assert.equal(again.totals.malwarePackages, 1);

    const direct = await call({ scope: 'direct', max_results: 1 });
    assert.equal(direct.totals.packages, 3);
    assert.equal(direct.malware.length, 0, 'the malware is transitive');
    assert.equal(direct.vulnerable.length, 1);
    assert.ok(
      direct.notes.some((n: string) => /1 more vulnerable packages left out/.test(n)),
      JSON.stringify(direct.notes),
    );
    const prod = await call({ scope: 'prod' });
    assert.equal(prod.totals.packages, 3, 'left-pad is dev-only');
  });
});
