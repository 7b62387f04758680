// A report location opened from the chat (host/chat/openLocation.ts) passes locationFile: only a
// relative path inside a workspace folder, through the workspace tools' own confinement.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { locationFile } from '../../src/core/builtins/workspace/locationFile';
import { WorkspacePathError } from '../../src/core/builtins/workspace/pathErrors';
import { fixtureWorkspace, type FixtureWorkspace } from '../helpers/workspaceFixture';

describe('report locations opened in the editor', () => {
  let ws: FixtureWorkspace | undefined;
  afterEach(() => ws?.dispose());

  const roots = (w: FixtureWorkspace) => [{ name: 'project', path: w.dir }];
  const refused = (w: FixtureWorkspace, path: string, message: RegExp) =>
    assert.rejects(locationFile(roots(w), path), (err: unknown) => err instanceof WorkspacePathError && message.test(err.message), path);

  it('opens a relative path inside the folder, links inside followed', async () => {
    ws = await fixtureWorkspace({ 'package-lock.json': '{}', 'src/a.ts': 'a' });
    await ws.link('src/alias.ts', `${ws.dir}/src/a.ts`);
    assert.equal(await locationFile(roots(ws), 'package-lock.json'), `${ws.dir}/package-lock.json`);
    assert.equal(await locationFile(roots(ws), './src/alias.ts'), `${ws.dir}/src/a.ts`);
  });

  it('refuses "..", absolute paths (even inside), links out, left-out files and folders', async () => {
    ws = await fixtureWorkspace({ 'src/a.ts': 'a', '.git/config': 'x', 'node_modules/m/index.js': 'x' });
    await ws.write('../outside/secret.txt', 'outside');
    await ws.link('src/escape.txt', `${ws.outside}/secret.txt`);
    for (const p of ['../outside/secret.txt', 'src/../../outside/secret.txt', 'src\\..\\..\\outside\\secret.txt']) await refused(ws, p, /climbs out/);
    for (const p of [`${ws.dir}/src/a.ts`, '/etc/passwd', 'C:\\Windows\\win.ini', '\\\\server\\share\\x']) await refused(ws, p, /absolute path/);
    await refused(ws, 'src/escape.txt', /outside the workspace/);
    await refused(ws, '.git/config', /left out/);
    await refused(ws, 'node_modules/m/index.js', /left out/);
    await refused(ws, 'src', /is a folder/);
    await refused(ws, 'src/missing.ts', /No file/);
  });

  it('with no folder open, says so', async () => {
    await assert.rejects(locationFile([], 'a.ts'), /No folder is open/);
  });
});
