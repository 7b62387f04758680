// The supply_chain connector end to end: a real MCP client (in memory) → the server → real HTTP to
// the fixture that plays OSV.dev, deps.dev and OpenSSF Scorecard on their real paths.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createSupplyChainServer, SUPPLY_CHAIN_TOOL_NAMES, type SupplyChainOptions } from '../../src/core/builtins/supplyChain/supplyChainServer';
import { linkedClient } from '../helpers/mcpClient';
import { startSupplyChainFixture, type SupplyChainFixture } from '../fixtures/supplyChain/server';
import { WIDGET_VULNERABLE_COMMIT } from '../fixtures/supplyChain/osvData';

type Linked = Awaited<ReturnType<typeof linkedClient>>;
// Answers are JSON the model reads; `any` (tests only) lets assertions reach into them without a
// type per answer, as the fake model's recorded bodies do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary API JSON
type Json = any;

describe('built-in supply_chain connector', () => {
  let fixture: SupplyChainFixture;
  let linked: Linked;

  const connect = (options: SupplyChainOptions = {}) =>
    linkedClient(createSupplyChainServer({ endpoints: { osv: fixture.url, depsDev: fixture.url, scorecard: fixture.url }, ...options }));
  const json = (r: CallToolResult): Json => {
    assert.ok(!r.isError, `tool failed: ${linked.text(r)}`);
    return JSON.parse(linked.text(r));
  };
  const requestsSince = (n: number) => fixture.requests.slice(n);

  before(async () => {
    fixture = await startSupplyChainFixture();
    linked = await connect();
  });
  after(async () => {
    await linked.close();
    await fixture.close();
  });

  it('lists its tools, read-only and open-world, each with a title and described fields', async () => {
    const { tools } = await linked.client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [...SUPPLY_CHAIN_TOOL_NAMES].sort());
    for (const t of tools) {
      assert.equal(t.annotations?.readOnlyHint, true, t.name);
      assert.equal(t.annotations?.openWorldHint, true, t.name);
      assert.ok(t.title || t.annotations?.title, `${t.name} has a title`);
      for (const [field, schema] of Object.entries(t.inputSchema.properties ?? {}))
        assert.ok((schema as { description?: string }).description, `${t.name}.${field} is described`);
    }
  });

  describe('osv_query', () => {
    it('lists the vulnerabilities of lodash 4.17.15, following OSV result pages', async () => {
      const start = fixture.requests.length;
      const r = json(await linked.call('osv_query', { ecosystem: 'npm', name: 'lodash', version: '4.17.15' }));
      assert.equal(r.query, 'npm/lodash@4.17.15');
      assert.deepEqual(r.vulnerabilities.map((v: Json) => v.id).sort(), ['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
      const posts = requestsSince(start).filter((q) => q.path === '/v1/query');
      assert.equal(posts.length, 2, 'the fixture pages two at a time');
      assert.ok((posts[1].body as Json).page_token, 'the second request carries the page token');

      const pp = r.vulnerabilities.find((v: Json) => v.id === 'GHSA-p6mc-m468-83gw');
      assert.deepEqual(pp.aliases, ['CVE-2020-8203']);
      assert.equal(pp.url, 'https://osv.dev/vulnerability/GHSA-p6mc-m468-83gw');
      assert.equal(pp.severity.database, 'HIGH');
      assert.deepEqual(pp.severity.cvss[0], { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 7.4, rating: 'high' });
      assert.deepEqual(
        pp.affected,
        [{ package: 'lodash', ecosystem: 'npm', ranges: ['SEMVER: >=3.7.0 <4.17.19'], fixed: ['4.17.19'] }],
        'only lodash, not lodash-es',
      );
      assert.equal(pp.otherAffected, 2);
      assert.ok(r.sources.includes(pp.url));
      assert.equal(r.vulnerabilities[0].severity.cvss[0].score, 7.4, 'most severe first');
    });

    it('says a clean result may also mean an unknown package', async () => {
      const r = json(await linked.call('osv_query', { ecosystem: 'npm', name: 'left-pad', version: '1.3.0' }));
      assert.equal(r.count, 0);
      assert.match(r.note, /no vulnerabilities for npm\/left-pad@1\.3\.0.*does not know/);
    });

    it('queries by purl', async () => {
      const start = fixture.requests.length;
      const r = json(await linked.call('osv_query', { purl: 'pkg:npm/lodash@4.17.15' }));
      assert.equal(r.count, 3);
      assert.deepEqual((requestsSince(start)[0].body as Json).package, { purl: 'pkg:npm/lodash@4.17.15' });
      assert.equal(r.vulnerabilities[0].affected[0].package, 'lodash', 'focused on the purl’s package');
    });

    it('queries by commit', async () => {
      const start = fixture.requests.length;
      const r = json(await linked.call('osv_query', { commit: WIDGET_VULNERABLE_COMMIT }));
      assert.deepEqual(
        r.vulnerabilities.map((v: Json) => v.id),
        ['GHSA-q8r4-wx2m-7v3c'],
      );
      assert.deepEqual(requestsSince(start)[0].body, { commit: WIDGET_VULNERABLE_COMMIT });
      assert.ok(r.vulnerabilities[0].affected[0].ranges.some((x: string) => x.startsWith('GIT https://github.com/acme/widget')));
    });

    it('refuses a query that mixes a package and a purl, before any request', async () => {
      const start = fixture.requests.length;
      const r = await linked.call('osv_query', { ecosystem: 'npm', name: 'lodash', purl: 'pkg:npm/lodash' });
      assert.equal(r.isError, true);
      assert.match(linked.text(r), /only one of a package, a purl or a commit/);
      assert.equal(fixture.requests.length, start);
    });

    it("passes OSV's own message on when it refuses a query", async () => {
      const r = await linked.call('osv_query', { ecosystem: 'Bogus', name: 'x' });
      assert.equal(r.isError, true);
      assert.equal(linked.text(r), 'OSV.dev refused the request (HTTP 400): Invalid ecosystem.');
    });
  });

  it('osv_query_batch answers many packages and looks each distinct vulnerability up once', async () => {
    const start = fixture.requests.length;
    const r = json(
      await linked.call('osv_query_batch', {
        queries: [
          { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
          { ecosystem: 'npm', name: 'lodash', version: '4.17.11' },
          { purl: 'pkg:npm/widget@1.4.0' },
          { ecosystem: 'npm', name: 'left-pad', version: '1.3.0' },
          { name: 'no-ecosystem' },
        ],
      }),
    );
    assert.equal(r.queries, 5);
    assert.equal(r.distinctVulnerabilities, 5);
    assert.deepEqual(
      r.results.map((x: Json) => x.count),
      [3, 4, 1, 0, undefined],
    );
    assert.match(r.results[4].error, /Which ecosystem/);
    const gets = requestsSince(start).filter((q) => q.method === 'GET' && q.path.startsWith('/v1/vulns/'));
    assert.equal(gets.length, 5, 'lodash’s shared ids are fetched once');
    assert.equal(new Set(gets.map((g) => g.path)).size, 5);
    assert.equal(requestsSince(start).filter((q) => q.path === '/v1/querybatch').length, 1);
    const widget = r.vulnerabilities.find((v: Json) => v.id === 'GHSA-q8r4-wx2m-7v3c');
    assert.equal(widget.severity.database, 'MODERATE');
    assert.deepEqual(widget.affected[0].ranges[0], 'SEMVER: >=1.2.0 (no fix)');
  });

  it('osv_get_vulnerability returns the full record, and names an unknown id', async () => {
    const r = json(await linked.call('osv_get_vulnerability', { id: 'GHSA-p6mc-m468-83gw' }));
    assert.equal(r.affected.length, 3);
    assert.match(r.details, /zipObjectDeep/);
    assert.deepEqual(r.cwes, ['CWE-1321', 'CWE-770']);
    assert.deepEqual(r.sources, ['https://osv.dev/vulnerability/GHSA-p6mc-m468-83gw']);
    const missing = await linked.call('osv_get_vulnerability', { id: 'GHSA-xxxx-xxxx-xxxx' });
    assert.equal(missing.isError, true);
    assert.match(linked.text(missing), /OSV\.dev has no vulnerability "GHSA-xxxx-xxxx-xxxx"/);
  });

  describe('deps.dev', () => {
    it('deps_dev_package lists recent versions, the default and a note on the rest', async () => {
      const r = json(await linked.call('deps_dev_package', { system: 'npm', name: 'lodash' }));
      assert.equal(r.defaultVersion, '4.17.21');
      assert.equal(r.latestPublished.version, '4.17.21');
      assert.equal(r.versionCount, 47);
      assert.equal(r.versions.length, 40);
      assert.equal(r.note, '7 more older versions left out (showing 40 of 47).');
      assert.equal(r.versions[0].version, '4.17.21');
      assert.equal(r.versions[0].default, true);
      assert.equal(r.url, 'https://deps.dev/npm/lodash');
    });

    it('encodes scoped names as one path segment', async () => {
      const start = fixture.requests.length;
      const r = json(await linked.call('deps_dev_package', { system: 'npm', name: '@acme/widget-utils' }));
      assert.equal(r.defaultVersion, '0.3.1');
      assert.equal(requestsSince(start)[0].path, '/v3/systems/npm/packages/%40acme%2Fwidget-utils');
    });

    it('names an unknown package', async () => {
      const r = await linked.call('deps_dev_package', { system: 'npm', name: 'no-such-package-xyz' });
      assert.equal(r.isError, true);
      assert.match(linked.text(r), /^deps\.dev has no npm package no-such-package-xyz\./);
    });

    it('deps_dev_version gives licences, advisories with titles, repository and URL', async () => {
      const r = json(await linked.call('deps_dev_version', { system: 'npm', name: 'lodash', version: '4.17.15' }));
      assert.deepEqual(r.licenses, ['MIT']);
      assert.equal(r.advisoryCount, 3);
      const pp = r.advisories.find((a: Json) => a.id === 'GHSA-p6mc-m468-83gw');
      assert.deepEqual(pp, {
        id: 'GHSA-p6mc-m468-83gw',
        url: 'https://osv.dev/vulnerability/GHSA-p6mc-m468-83gw',
        title: 'Prototype Pollution in lodash',
        aliases: ['CVE-2020-8203'],
        cvss3Score: 7.4,
      });
      assert.equal(r.repository, 'github.com/lodash/lodash');
      assert.equal(r.url, 'https://deps.dev/npm/lodash/4.17.15');
      assert.match(r.provenance, /none published/);
      assert.ok(r.sources.includes('https://deps.dev/npm/lodash/4.17.15'));
    });

    it('deps_dev_version shows provenance and deprecation', async () => {
      const widget = json(await linked.call('deps_dev_version', { system: 'npm', name: 'widget', version: '1.4.0' }));
      assert.equal(widget.provenance.slsa[0].verified, true);
      assert.equal(widget.provenance.slsa[0].sourceRepository, 'https://github.com/acme/widget');
      assert.deepEqual(
        widget.advisories.map((a: Json) => a.id),
        ['GHSA-q8r4-wx2m-7v3c'],
      );
      assert.equal(widget.isDefault, true);
      const leftPad = json(await linked.call('deps_dev_version', { system: 'npm', name: 'left-pad', version: '1.3.0' }));
      assert.equal(leftPad.isDeprecated, true);
      assert.equal(leftPad.deprecatedReason, 'use String.prototype.padStart()');
      assert.equal(leftPad.advisoryCount, 0);
    });

    it('tells an unknown version from an unknown package', async () => {
      const r = await linked.call('deps_dev_version', { system: 'npm', name: 'lodash', version: '9.9.9' });
      assert.equal(r.isError, true);
      assert.match(linked.text(r), /deps\.dev has npm package lodash but no version 9\.9\.9; its default version is 4\.17\.21/);
      const p = await linked.call('deps_dev_version', { system: 'npm', name: 'no-such-package-xyz', version: '1.0.0' });
      assert.match(linked.text(p), /^deps\.dev has no npm package no-such-package-xyz\./);
    });

    it('deps_dev_dependencies counts the graph and lists direct dependencies', async () => {
      const r = json(await linked.call('deps_dev_dependencies', { system: 'npm', name: 'widget', version: '1.4.0' }));
      assert.equal(r.nodeCount, 6);
      assert.equal(r.directCount, 4);
      assert.equal(r.indirectCount, 1);
      assert.deepEqual(
        r.direct.find((d: Json) => d.name === 'lodash'),
        { name: 'lodash', version: '4.17.21', requirement: '^4.17.21' },
      );
      assert.equal(r.indirect, undefined);
      assert.equal(r.url, 'https://deps.dev/npm/widget/1.4.0/dependencies');
      const withIndirect = json(await linked.call('deps_dev_dependencies', { system: 'npm', name: 'widget', version: '1.4.0', includeIndirect: true }));
      assert.deepEqual(withIndirect.indirect, [{ name: 'ms', version: '2.1.2' }]);
    });

    it('says which systems have dependency graphs', async () => {
      const r = await linked.call('deps_dev_dependencies', { system: 'nuget', name: 'Newtonsoft.Json', version: '13.0.1' });
      assert.equal(r.isError, true);
      assert.match(linked.text(r), /dependency graphs for npm, pypi, go, maven, cargo only, not nuget/);
    });

    it('rejects a system it does not know', async () => {
      const r = await linked.call('deps_dev_package', { system: 'cpan', name: 'Moose' });
      assert.equal(r.isError, true);
      assert.match(linked.text(r), /system/);
    });
  });

  describe('scorecard', () => {
    it('gives the overall score, the scanned commit and every check', async () => {
      const r = json(await linked.call('scorecard', { owner: 'acme', repo: 'widget' }));
      assert.equal(r.score, 6.8);
      assert.equal(r.repository, 'github.com/acme/widget');
      assert.match(r.commit, /^[0-9a-f]{40}$/);
      assert.ok(r.checks.length >= 15);
      const names = r.checks.map((c: Json) => c.name);
      for (const n of [
        'Branch-Protection',
        'Code-Review',
        'Dangerous-Workflow',
        'Maintained',
        'Pinned-Dependencies',
        'Security-Policy',
        'Token-Permissions',
        'Vulnerabilities',
      ])
        assert.ok(names.includes(n), n);
      const tokens = r.checks.find((c: Json) => c.name === 'Token-Permissions');
      assert.equal(tokens.score, 0);
      assert.match(tokens.reason, /excessive permissions/);
      assert.match(tokens.documentation, /docs\/checks\.md#token-permissions$/);
      assert.equal(r.checks.find((c: Json) => c.name === 'Packaging').score, 'inconclusive');
      assert.ok(r.below5.includes('Branch-Protection'));
      assert.equal(r.url, 'https://scorecard.dev/viewer/?uri=github.com/acme/widget');
    });

    it('says plainly when a repository has no published result', async () => {
      const r = await linked.call('scorecard', { owner: 'acme', repo: 'unscanned' });
      assert.ok(!r.isError, 'an absence of evidence, not a failure');
      assert.equal(
        linked.text(r),
        'No published Scorecard result for acme/unscanned (Scorecard only covers projects it has scanned); judge posture from other evidence.',
      );
    });
  });

  describe('failures read clearly', () => {
    it('a server error', async () => {
      const r = await linked.call('deps_dev_package', { system: 'npm', name: 'boom' });
      assert.equal(r.isError, true);
      assert.equal(linked.text(r), 'deps.dev had a server error (HTTP 500); try again later: Internal error.');
    });

    it('a service that does not answer', async () => {
      const quick = await connect({ timeoutMs: 700 });
      try {
        const r = await quick.call('scorecard', { owner: 'acme', repo: 'hang' });
        assert.equal(r.isError, true);
        assert.equal(quick.text(r), 'OpenSSF Scorecard did not answer within 1 s.');
      } finally {
        await quick.close();
      }
    });

    it('a service that cannot be reached', async () => {
      const port = await closedPort();
      const offline = await linkedClient(createSupplyChainServer({ endpoints: { osv: `http://127.0.0.1:${port}` } }));
      try {
        const r = await offline.call('osv_get_vulnerability', { id: 'GHSA-p6mc-m468-83gw' });
        assert.equal(r.isError, true);
        assert.match(offline.text(r), /^OSV\.dev could not be reached \(ECONNREFUSED\)\.$/);
      } finally {
        await offline.close();
      }
    });
  });
});

/** A port nothing listens on: bind one, note it, release it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
