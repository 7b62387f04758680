import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');
const SCRIPT = join(REPO, 'scripts', 'check-layers.mjs');

function checkLayers(cwd: string) {
  return spawnSync(process.execPath, [SCRIPT], { cwd, encoding: 'utf8' });
}

describe('layering: core/, protocol/ and cli/ never import vscode', () => {
  let fake: string;
  before(async () => {
    fake = await mkdtemp(join(tmpdir(), 'ca-layers-'));
  });
  after(async () => {
    await rm(fake, { recursive: true, force: true });
  });

  it('passes on the real source tree', () => {
    const r = checkLayers(REPO);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /layers ok/);
  });

  it('fails and names the file and line when core imports vscode', async () => {
    await mkdir(join(fake, 'src', 'core'), { recursive: true });
    await writeFile(join(fake, 'src', 'core', 'good.ts'), "import { readFile } from 'node:fs';\n");
    await writeFile(join(fake, 'src', 'core', 'bad.ts'), "// helper\nimport * as vscode from 'vscode';\nexport const x = vscode;\n");
    const r = checkLayers(fake);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /src[\\/]core[\\/]bad\.ts:2:/);
    assert.doesNotMatch(r.stderr, /good\.ts/);
  });

  it('also catches require() and dynamic import() of vscode', async () => {
    const dir = join(fake, 'dynamic');
    await mkdir(join(dir, 'src', 'protocol'), { recursive: true });
    await writeFile(join(dir, 'src', 'protocol', 'lazy.ts'), "export const load = () => import('vscode');\n");
    await writeFile(join(dir, 'src', 'protocol', 'old.js'), 'const vscode = require("vscode");\n');
    const r = checkLayers(dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /lazy\.ts:1:/);
    assert.match(r.stderr, /old\.js:1:/);
  });
});
