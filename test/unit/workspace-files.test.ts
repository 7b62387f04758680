// What the workspace connector leaves out and how it reads: .git and node_modules always, the root
// and nested .gitignore files as git applies them, binaries by a NUL byte in the first 8 KB, and the
// pure parts of install_scripts and secrets_scan (lifecycle scripts, masking).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { looksBinary, readTextFile } from '../../src/core/builtins/workspace/fileContent';
import { walkFiles } from '../../src/core/builtins/workspace/fileWalker';
import { IgnoreRules } from '../../src/core/builtins/workspace/ignoreRules';
import { looksRandom, shannonEntropy } from '../../src/core/builtins/workspace/genericSecretRule';
import { lifecycleScriptsOf } from '../../src/core/builtins/workspace/lifecycleScripts';
import { maskSecret, scanForSecrets } from '../../src/core/builtins/workspace/secretScanner';
import { resolveRoots } from '../../src/core/builtins/workspace/workspaceRoots';
import { fakeCredentials, fixtureWorkspace, type FixtureWorkspace } from '../helpers/workspaceFixture';

describe('workspace ignore rules', () => {
  let ws: FixtureWorkspace | undefined;
  afterEach(() => ws?.dispose());

  const walk = async (w: FixtureWorkspace, patterns = ['**/*'], maxFiles = 1000) => {
    const [root] = await resolveRoots([{ name: 'p', path: w.dir }]);
    return walkFiles(root, new IgnoreRules(root.real), { patterns, maxFiles });
  };

  it('leaves out .git, node_modules (at any depth) and what the root and nested .gitignore files say', async () => {
    ws = await fixtureWorkspace({
      '.git/HEAD': 'ref: refs/heads/main',
      '.gitignore': 'dist/\n*.log\n!keep.log\n/root-only.txt\n',
      'dist/bundle.js': 'x',
      'app.log': 'x',
      'keep.log': 'kept',
      'root-only.txt': 'x',
      'src/root-only.txt': 'kept: the pattern is anchored to the root',
      'node_modules/left-pad/index.js': 'x',
      'packages/a/node_modules/x/index.js': 'x',
      'packages/a/.gitignore': 'generated/\n*.tmp\n!important.log\n',
      'packages/a/generated/out.js': 'x',
      'packages/a/src/index.ts': 'x',
      'packages/a/scratch.tmp': 'x',
      'packages/a/important.log': 'un-ignored by the deeper file',
      'packages/b/scratch.tmp': "kept: the nested rule is packages/a's only",
    });
    const { files } = await walk(ws);
    assert.deepEqual(files, [
      '.gitignore',
      'keep.log',
      'packages/a/.gitignore',
      'packages/a/important.log',
      'packages/a/src/index.ts',
      'packages/b/scratch.tmp',
      'src/root-only.txt',
    ]);
  });

  it('a glob that starts inside an ignored folder finds nothing there (git cannot re-include under an ignored folder)', async () => {
    ws = await fixtureWorkspace({ '.gitignore': 'build/\n!build/keep.js\n', 'build/keep.js': 'x', 'build/sub/a.js': 'x', 'src/a.js': 'x' });
    assert.deepEqual((await walk(ws, ['build/**/*'])).files, []);
    assert.deepEqual((await walk(ws, ['**/*.js'])).files, ['src/a.js']);
  });

  it('IgnoreRules.ignoresPath checks every folder on the way', async () => {
    ws = await fixtureWorkspace({ '.gitignore': 'secret/\n', 'a/.gitignore': '*.key\n' });
    const rules = new IgnoreRules(ws.dir);
    assert.equal(await rules.ignoresPath('secret/notes.txt', false), true);
    assert.equal(await rules.ignoresPath('a/b/c.key', false), true);
    assert.equal(await rules.ignoresPath('b/c.key', false), false);
    assert.equal(await rules.ignoresPath('x/.git/config', false), true);
    assert.equal(await rules.ignoresPath('x/node_modules', true), true);
  });

  it('stops at maxFiles and says the list is partial', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, '0')}.txt`] = 'x';
    ws = await fixtureWorkspace(files);
    const walked = await walk(ws, ['**/*'], 10);
    assert.equal(walked.truncated, true);
    assert.equal(walked.files.length, 10);
  });
});

describe('workspace file reading', () => {
  let ws: FixtureWorkspace | undefined;
  afterEach(() => ws?.dispose());

  it('a NUL byte in the first 8 KB means binary; one after it does not', () => {
    assert.equal(looksBinary(Buffer.from('plain text\n')), false);
    assert.equal(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), true);
    const late = Buffer.alloc(9000, 0x61);
    late[8500] = 0;
    assert.equal(looksBinary(late), false);
  });

  it('reads text (without a BOM), and reports binaries and files over the cap without their content', async () => {
    ws = await fixtureWorkspace({ 'a.txt': '\uFEFFhello\n', 'b.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]), 'big.txt': 'x'.repeat(2048) });
    assert.deepEqual(await readTextFile(`${ws.dir}/a.txt`, 1024), { kind: 'text', text: 'hello\n', size: 9 });
    assert.deepEqual(await readTextFile(`${ws.dir}/b.png`, 1024), { kind: 'binary', size: 5 });
    assert.deepEqual(await readTextFile(`${ws.dir}/big.txt`, 1024), { kind: 'too-large', size: 2048 });
  });
});

describe('install scripts and secret masking', () => {
  it('keeps the lifecycle scripts only, and names the implicit node-gyp install', () => {
    const text = JSON.stringify({ name: 'x', version: '1.0.0', scripts: { test: 'node --test', postinstall: 'node setup.js', prepare: 'husky', install: '' } });
    assert.deepEqual(lifecycleScriptsOf(text, false), { name: 'x', version: '1.0.0', scripts: { postinstall: 'node setup.js', prepare: 'husky' } });
    assert.equal(lifecycleScriptsOf(JSON.stringify({ name: 'native' }), true).implicitInstall, 'node-gyp rebuild (binding.gyp is present)');
    assert.equal(lifecycleScriptsOf(JSON.stringify({ scripts: { install: 'make' } }), true).implicitInstall, undefined);
    assert.deepEqual(lifecycleScriptsOf(JSON.stringify({ scripts: 'nonsense' }), false), { scripts: {} });
    assert.throws(() => lifecycleScriptsOf('{ not json', false));
  });

  it('a masked preview is the first four characters and the length; a short value shows none', () => {
    const value = ['gh', 'p_'].join('') + 'x'.repeat(36);
    assert.equal(maskSecret(value), 'ghp_…(40 chars)');
    assert.equal(maskSecret('hunter2'), '…(7 chars)');
  });

  it('a generic secret is long, mixed and high-entropy; words, placeholders and paths are not', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.equal(looksRandom(['Zx9q', 'T4mB', 'w8Kp', 'L2vR', 'n7Yc', 'H3sD'].join('')), true);
    for (const value of [
      'thisisaverylongpassword',
      'changeme-please-now',
      '${API_TOKEN_FROM_ENV}',
      'your-api-key-goes-here',
      './config/secrets.json',
      'aaaaaaaaaaaaaaaa1',
      'connectorAuditor.setOpenAiApiKey',
    ]) {
      assert.equal(looksRandom(value), false, value);
    }
  });

  it('the generic rule reads quoted values in code and bare ones on .env lines, and yields to a specific rule', async () => {
    const { generic, github } = fakeCredentials();
    const text = [`export API_TOKEN=${generic}`, 'const config = { token: env.GITHUB_TOKEN_FROM_ENVIRONMENT };', `const token = "${github}";`, ''].join('\n');
    const found = (await scanForSecrets(text, '/tmp/settings.env')).map((f) => [f.rule, f.line, f.preview]);
    assert.deepEqual(found, [
      ['generic-high-entropy-secret', 1, `${generic.slice(0, 4)}…(32 chars)`],
      ['github', 3, `${github.slice(0, 4)}…(40 chars)`],
    ]);
  });
});
