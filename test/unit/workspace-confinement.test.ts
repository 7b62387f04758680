// The workspace connector's confinement: paths given to its tools can neither climb out with "..",
// nor name an absolute place outside, nor escape through a symbolic link, and walks skip links
// (so a link loop cannot hang them). Fixture folders are built in a temp dir per test.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confinedFile } from '../../src/core/builtins/workspace/confinement';
import { walkFiles } from '../../src/core/builtins/workspace/fileWalker';
import { IgnoreRules } from '../../src/core/builtins/workspace/ignoreRules';
import { WorkspacePathError } from '../../src/core/builtins/workspace/pathErrors';
import { locate, resolveRoots, type ResolvedRoot } from '../../src/core/builtins/workspace/workspaceRoots';
import { fixtureWorkspace, type FixtureWorkspace } from '../helpers/workspaceFixture';

describe('workspace confinement', () => {
  let ws: FixtureWorkspace | undefined;
  afterEach(() => ws?.dispose());

  const single = async (w: FixtureWorkspace): Promise<ResolvedRoot[]> => resolveRoots([{ name: 'project', path: w.dir }]);
  const open = async (w: FixtureWorkspace, path: string) => {
    const roots = await single(w);
    const { root, rel } = locate(roots, path);
    return confinedFile(root, rel, new IgnoreRules(root.real), path);
  };
  const refused = async (w: FixtureWorkspace, path: string, message: RegExp) =>
    assert.rejects(open(w, path), (err: unknown) => err instanceof WorkspacePathError && message.test(err.message));

  it('refuses ".." however it is spelled, before touching the disk', async () => {
    ws = await fixtureWorkspace({ 'src/a.ts': 'a' });
    await ws.write('../outside/secret.txt', 'outside');
    for (const path of ['../outside/secret.txt', 'src/../../outside/secret.txt', 'src\\..\\..\\outside\\secret.txt', './..', 'src/..']) {
      await refused(ws, path, /climbs out with "\.\."/);
    }
  });

  it('takes an absolute path inside the workspace and refuses one outside', async () => {
    ws = await fixtureWorkspace({ 'src/a.ts': 'a' });
    assert.equal(await open(ws, `${ws.dir}/src/a.ts`), `${ws.dir}/src/a.ts`);
    await refused(ws, '/etc/passwd', /outside the workspace/);
    await refused(ws, `${ws.outside}/x`, /outside the workspace/);
  });

  it('refuses a symbolic link that points outside, and follows one that stays inside', async () => {
    ws = await fixtureWorkspace({ 'src/a.ts': 'inside' });
    await ws.write('../outside/secret.txt', 'outside');
    await ws.link('src/escape.txt', `${ws.outside}/secret.txt`);
    await ws.link('src/escape-dir', ws.outside);
    await ws.link('src/alias.ts', `${ws.dir}/src/a.ts`);
    await refused(ws, 'src/escape.txt', /symbolic link to a place outside the workspace/);
    await refused(ws, 'src/escape-dir/secret.txt', /symbolic link to a place outside the workspace/);
    assert.equal(await open(ws, 'src/alias.ts'), `${ws.dir}/src/a.ts`);
  });

  it("refuses a link that resolves to a left-out file (.git, .gitignore'd)", async () => {
    ws = await fixtureWorkspace({ '.git/config': '[core]', '.gitignore': '.env\n', '.env': 'X=1' });
    await ws.link('config-alias', `${ws.dir}/.git/config`);
    await ws.link('env-alias', `${ws.dir}/.env`);
    await refused(ws, '.git/config', /left out/);
    await refused(ws, 'config-alias', /left out/);
    await refused(ws, 'env-alias', /left out/);
    await refused(ws, '.env', /left out/);
  });

  it('a link loop named directly is refused as a loop', async () => {
    ws = await fixtureWorkspace({ 'a.ts': 'a' });
    await ws.link('loop-a', `${ws.dir}/loop-b`);
    await ws.link('loop-b', `${ws.dir}/loop-a`);
    await refused(ws, 'loop-a', /symbolic link loop/);
  });

  it('walks skip every symbolic link: one pointing outside is not listed, a folder loop ends', async () => {
    ws = await fixtureWorkspace({ 'src/a.ts': 'a', 'src/deep/b.ts': 'b' });
    await ws.write('../outside/secret.txt', 'outside');
    await ws.link('src/escape-dir', ws.outside);
    await ws.link('src/escape.txt', `${ws.outside}/secret.txt`);
    await ws.link('src/deep/loop', `${ws.dir}/src`);
    await ws.link('src/deep/self', '.');
    const [root] = await single(ws);
    const walked = await walkFiles(root, new IgnoreRules(root.real), { patterns: ['**/*'], maxFiles: 1000 });
    assert.deepEqual(walked, { files: ['src/a.ts', 'src/deep/b.ts'], truncated: false });
  });

  it('refuses a glob that starts at "/" or climbs out', async () => {
    ws = await fixtureWorkspace({ 'a.ts': 'a' });
    const [root] = await single(ws);
    for (const pattern of ['../**/*', '/etc/*', 'src/../../*']) {
      await assert.rejects(walkFiles(root, new IgnoreRules(root.real), { patterns: [pattern], maxFiles: 10 }), /must stay inside the workspace/, pattern);
    }
  });

  it('with several folders, a path starts with a folder name; duplicate names are told apart', async () => {
    ws = await fixtureWorkspace({ 'api/x.ts': 'x', 'web/app/y.ts': 'y' });
    const roots = await resolveRoots([
      { name: 'api', path: `${ws.dir}/api` },
      { name: 'app', path: `${ws.dir}/web/app` },
      { name: 'app', path: `${ws.dir}/api` },
      { name: 'gone', path: `${ws.dir}/missing` },
    ]);
    assert.deepEqual(
      roots.map((r) => r.name),
      ['api', 'app', 'app~2'],
    );
    assert.deepEqual(locate(roots, 'app/y.ts'), { root: roots[1], rel: 'y.ts' });
    assert.throws(() => locate(roots, 'x.ts'), /does not start with a workspace folder name; the folders are: api, app, app~2/);
    assert.throws(() => locate(roots, 'api/../app/y.ts'), /climbs out/);
  });
});
