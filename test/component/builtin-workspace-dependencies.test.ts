// The workspace connector's dependency tools through a real MCP client: a project with an npm
// lockfile made by npm itself (test/fixtures/lockfiles/npm-v3) and a Go module, in two roots.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createWorkspaceServer } from '../../src/core/builtins/workspace/workspaceServer';
import { linkedClient } from '../helpers/mcpClient';
import { fixtureWorkspace, type FixtureWorkspace } from '../helpers/workspaceFixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk the tools' JSON answers
type Json = any;
const fixture = (rel: string) => readFileSync(`${__dirname}/../fixtures/lockfiles/${rel}`, 'utf8');

describe('workspace connector: manifests and dependencies', () => {
  let app: FixtureWorkspace;
  let svc: FixtureWorkspace;
  let linked: Awaited<ReturnType<typeof linkedClient>>;
  const call = async (tool: string, args: Record<string, unknown> = {}): Promise<Json> => {
    const r = (await linked.client.callTool({ name: tool, arguments: args })) as CallToolResult;
    assert.ok(!r.isError, linked.text(r));
    return JSON.parse((r.content[0] as { text: string }).text);
  };

  before(async () => {
    app = await fixtureWorkspace({
      'package.json': fixture('npm-v3/package.json'),
      'package-lock.json': fixture('npm-v3/package-lock.json'),
      'packages/util/package.json': fixture('npm-v3/packages/util/package.json'),
      'node_modules/debug/package.json': '{"name":"debug"}',
    });
    svc = await fixtureWorkspace({ 'go.mod': fixture('go/go.mod'), 'go.sum': fixture('go/go.sum') });
    linked = await linkedClient(
      createWorkspaceServer({
        roots: () => [
          { name: 'app', path: app.dir },
          { name: 'svc', path: svc.dir },
        ],
        trusted: () => true,
      }),
    );
  });
  after(async () => {
    await linked?.close();
    await app?.dispose();
    await svc?.dispose();
  });

  it('lists the manifests and lockfiles of every root, not those in node_modules', async () => {
    const r = await call('list_manifests');
    const paths = r.manifests.map((m: Json) => m.path).sort();
    assert.deepEqual(paths, ['app/package-lock.json', 'app/package.json', 'app/packages/util/package.json', 'svc/go.mod', 'svc/go.sum']);
    const lock = r.manifests.find((m: Json) => m.path === 'app/package-lock.json');
    assert.equal(lock.lockfile, true);
    assert.equal(lock.ecosystem, 'npm');
    assert.ok(lock.dependencies > 5, JSON.stringify(lock));
  });

  it('reads the resolved versions with direct/dev, purl, the line in the lockfile and the way in', async () => {
    const r = await call('read_dependencies', { ecosystem: 'npm', page_size: 1000 });
    const ms = r.dependencies.filter((d: Json) => d.name === 'ms');
    assert.deepEqual(ms.map((d: Json) => d.version).sort(), ['2.0.0', '2.1.3'], 'the direct ms and the nested one debug brings');
    const nested = ms.find((d: Json) => d.version === '2.1.3');
    assert.equal(nested.lockPath, 'node_modules/debug/node_modules/ms');
    assert.deepEqual(nested.via, ['debug']);
    assert.equal(r.dependencies.find((d: Json) => d.name === 'left-pad').direct, true);
    assert.equal(nested.purl, 'pkg:npm/ms@2.1.3');
    assert.equal(nested.manifest, 'app/package-lock.json');
    const lines = fixture('npm-v3/package-lock.json').split('\n');
    assert.match(lines[nested.line - 1], new RegExp(`"${nested.lockPath}"`), 'line points at the entry');
    const types = r.dependencies.find((d: Json) => d.name === '@types/ms');
    assert.equal(types.dev, true);
    assert.equal(types.purl.startsWith('pkg:npm/%40types/ms@'), true);
  });

  it('filters by scope and pages', async () => {
    const direct = await call('read_dependencies', { scope: 'direct', ecosystem: 'npm' });
    assert.ok(direct.dependencies.every((d: Json) => d.direct));
    assert.ok(direct.dependencies.some((d: Json) => d.name === 'left-pad'));
    const first = await call('read_dependencies', { page_size: 2 });
    assert.equal(first.dependencies.length, 2);
    assert.match(first.more, /offset 2/);
    const go = await call('read_dependencies', { ecosystem: 'Go' });
    assert.ok(go.total > 0 && go.dependencies.every((d: Json) => d.manifest === 'svc/go.mod' || d.manifest === 'svc/go.sum'));
  });

  it('install_scripts names the dependencies whose lockfile entry runs scripts', async () => {
    const r = await call('install_scripts');
    const dep = r.findings.find((f: Json) => f.kind === 'dependency' && f.package === 'core-js');
    assert.deepEqual(dep, { kind: 'dependency', path: 'app/package-lock.json', package: 'core-js', version: '3.37.1', has_install_script: true });
  });

  it('a broken lockfile gives a warning and what could be read, never a failed call', async () => {
    await svc.write('Cargo.lock', '[[package]]\nname = "serde"\nversion = ');
    const r = await call('list_manifests');
    assert.ok(
      r.warnings.some((w: string) => /Cargo\.lock/.test(w)),
      JSON.stringify(r.warnings),
    );
  });
});
