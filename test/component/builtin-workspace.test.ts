// The workspace connector end to end: a real MCP client (in memory) → the server → a fixture
// folder built in a temp dir. Every tool, its caps and refusals, the "not trusted" note, and the
// promise that a secret found never leaves masked (fake credentials made at run time).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { workflowSignals } from '../../src/core/builtins/workflowSignals';
import { createWorkspaceServer, WORKSPACE_TOOL_NAMES, type WorkspaceConnectorOptions } from '../../src/core/builtins/workspace/workspaceServer';
import { linkedClient } from '../helpers/mcpClient';
import { fakeCredentials, fixtureWorkspace, type FixtureWorkspace } from '../helpers/workspaceFixture';

type Linked = Awaited<ReturnType<typeof linkedClient>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk the tools' JSON answers
type Json = any;

const WORKFLOW = [
  'on:',
  '  pull_request_target:',
  'permissions: write-all',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '        with:',
  '          ref: ${{ github.event.pull_request.head.sha }}',
  '      - run: echo "${{ github.event.pull_request.title }}" && npm publish',
  '        env:',
  '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
  '',
].join('\n');

describe('built-in workspace connector', () => {
  let ws: FixtureWorkspace;
  let linked: Linked;
  const secrets = fakeCredentials();
  let trusted = true;

  const connect = (options: Partial<WorkspaceConnectorOptions> = {}) =>
    linkedClient(createWorkspaceServer({ roots: () => [{ name: 'project', path: ws.dir }], trusted: () => trusted, ...options }));
  const text = (r: CallToolResult) => linked.text(r);
  const ok = (r: CallToolResult) => {
    assert.ok(!r.isError, `tool failed: ${text(r)}`);
    return r;
  };
  const json = (r: CallToolResult): Json => JSON.parse((ok(r).content[0] as { text: string }).text);

  before(async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 25; i++) many[`many/file${String(i).padStart(2, '0')}.txt`] = `line ${i}\n`;
    ws = await fixtureWorkspace({
      ...many,
      '.gitignore': 'dist/\n.env\n',
      '.env': `GITHUB_TOKEN=${secrets.github}\n`,
      'dist/out.js': 'ignored',
      '.git/config': '[core]',
      'node_modules/dep/package.json': JSON.stringify({ name: 'dep', scripts: { postinstall: 'node steal.js' } }),
      'package.json': JSON.stringify({ name: 'fixture', version: '1.0.0', scripts: { postinstall: 'node scripts/setup.js', test: 'node --test' } }),
      'packages/native/package.json': JSON.stringify({ name: 'native' }),
      'packages/native/binding.gyp': '{}',
      'packages/plain/package.json': JSON.stringify({ name: 'plain', scripts: { build: 'tsc' } }),
      'src/config.ts': `export const region = 'eu-west-1';\nexport const accessKeyId = '${secrets.aws}';\nexport const gh = "${secrets.github}";\n`,
      'src/key.pem': `${secrets.privateKey}\n`,
      'src/settings.py': `DEBUG = True\nCLIENT_SECRET = '${secrets.generic}'\nDB_PASSWORD = 'changeme-please-now'\nCOMMIT = '${'ab12'.repeat(10)}'\n`,
      'src/search.ts': ['const a = price * (1 + rate);', 'const b = "a.b.c";', 'function Hello() {}', 'const hello = 1;', ''].join('\n'),
      'src/long.txt': `${'a'.repeat(40)}!\n`,
      'src/numbers.txt': Array.from({ length: 50 }, (_, i) => `n${i + 1}`).join('\n') + '\n',
      'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      'big.txt': 'x'.repeat(3000) + '\n',
      '.github/workflows/release.yml': WORKFLOW,
    });
    await ws.write('../outside/secret.txt', 'OUTSIDE-MARKER');
    await ws.link('src/escape.txt', `${ws.outside}/secret.txt`);
    linked = await connect({ limits: { maxReadBytes: 2048, maxReadLines: 20, maxScanBytes: 2048 } });
  });
  after(async () => {
    await linked?.close();
    await ws?.dispose();
  });

  it('lists its eight tools, each read-only and local, with a title and described fields', async () => {
    const { tools } = await linked.client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [...WORKSPACE_TOOL_NAMES].sort());
    for (const t of tools) {
      assert.equal(t.annotations?.readOnlyHint, true, t.name);
      assert.equal(t.annotations?.openWorldHint, false, t.name);
      assert.ok(t.title, `${t.name} has a title`);
      for (const [field, schema] of Object.entries(t.inputSchema.properties ?? {}))
        assert.ok((schema as { description?: string }).description, `${t.name}.${field} is described`);
    }
  });

  describe('list_files', () => {
    it('pages through a glob with sizes and a next offset', async () => {
      const first = text(ok(await linked.call('list_files', { glob: 'many/*.txt', page_size: 10 })));
      assert.match(first, /^25 files matching "many\/\*\.txt"; showing 1–10\.$/m);
      assert.match(first, /^many\/file00\.txt\t7 B$/m);
      assert.match(first, /^More: call again with offset 10/m);
      const last = text(ok(await linked.call('list_files', { glob: 'many/*.txt', page_size: 10, offset: 20 })));
      assert.match(last, /showing 21–25/);
      assert.match(last, /^many\/file24\.txt\t/m);
      assert.doesNotMatch(last, /More:/);
    });

    it("leaves out .git, node_modules, .gitignore'd files and symbolic links", async () => {
      const all = text(ok(await linked.call('list_files', { page_size: 1000 })));
      for (const hidden of ['.git/config', 'node_modules/', 'dist/out.js', '.env', 'escape.txt']) assert.ok(!all.includes(hidden), `${hidden} is left out`);
      assert.match(all, /^src\/config\.ts\t/m);
      assert.match(all, /^\.gitignore\t/m);
    });

    it('refuses a glob that climbs out', async () => {
      const r = await linked.call('list_files', { glob: '../outside/*' });
      assert.equal(r.isError, true);
      assert.match(text(r), /must stay inside the workspace/);
    });
  });

  describe('read_file', () => {
    it('returns numbered lines, a range, and how to read on', async () => {
      const whole = text(ok(await linked.call('read_file', { path: 'src/search.ts' })));
      assert.match(whole, /^src\/search\.ts \(4 lines, .*\); lines 1–4:$/m);
      assert.match(whole, /^3: function Hello\(\) \{\}$/m);
      const range = text(ok(await linked.call('read_file', { path: 'src/numbers.txt', start_line: 10, end_line: 12 })));
      assert.deepEqual(range.split('\n').slice(1, 4), ['10: n10', '11: n11', '12: n12']);
      assert.match(range, /More: lines 13–50 remain; call again with start_line 13/);
      const capped = text(ok(await linked.call('read_file', { path: 'src/numbers.txt' })));
      assert.match(capped, /lines 1–20:/, 'at most maxReadLines per call');
    });

    it('refuses binaries, oversize files, escapes and left-out files with the reason', async () => {
      const cases: [string, RegExp][] = [
        ['assets/logo.png', /binary file/],
        ['big.txt', /over the 2\.0 KB read_file reads; find the lines you need with search_code/],
        ['../outside/secret.txt', /climbs out/],
        [`${ws.outside}/secret.txt`, /outside the workspace/],
        ['src/escape.txt', /symbolic link to a place outside the workspace/],
        ['.git/config', /left out/],
        ['.env', /left out/],
        ['node_modules/dep/package.json', /left out/],
        ['src/missing.ts', /No file "src\/missing\.ts"/],
        ['src', /is a folder/],
      ];
      for (const [path, message] of cases) {
        const r = await linked.call('read_file', { path });
        assert.equal(r.isError, true, path);
        assert.match(text(r), message, path);
      }
      const everything = await Promise.all(['src/escape.txt', `${ws.outside}/secret.txt`].map((path) => linked.call('read_file', { path })));
      assert.ok(!JSON.stringify(everything).includes('OUTSIDE-MARKER'), 'nothing outside was read');
      const searched = await linked.call('search_code', { pattern: 'OUTSIDE-MARKER' });
      assert.match(text(searched), /^No matches/, 'nor searched through the link');
    });
  });

  describe('search_code', () => {
    it('finds a regular expression with path:line: text results', async () => {
      const r = text(ok(await linked.call('search_code', { pattern: 'function \\w+\\(', glob: 'src/**' })));
      assert.equal(r.split('\n')[0], 'src/search.ts:3: function Hello() {}');
    });

    it('searches literally for text full of regex metacharacters, and case-insensitively', async () => {
      const lit = text(ok(await linked.call('search_code', { pattern: '(1 + rate)', literal: true })));
      assert.equal(lit.split('\n')[0], 'src/search.ts:1: const a = price * (1 + rate);');
      const dots = text(ok(await linked.call('search_code', { pattern: '"a.b.c"', literal: true })));
      assert.match(dots, /^src\/search\.ts:2: /m);
      const ci = text(ok(await linked.call('search_code', { pattern: 'hello', ignore_case: true, glob: 'src/*.ts' })));
      assert.deepEqual(
        ci.split('\n').filter((l) => l.startsWith('src/')),
        ['src/search.ts:3: function Hello() {}', 'src/search.ts:4: const hello = 1;'],
      );
    });

    it('says an invalid pattern is invalid, and that nothing matched', async () => {
      const bad = await linked.call('search_code', { pattern: '(unclosed' });
      assert.equal(bad.isError, true);
      assert.match(text(bad), /not a valid JavaScript regular expression.*literal: true/);
      assert.match(text(ok(await linked.call('search_code', { pattern: 'zzz-not-there' }))), /^No matches in \d+ files\.$/m);
    });

    it('stops at the result cap and says more may be left out', async () => {
      const r = text(ok(await linked.call('search_code', { pattern: '^line', glob: 'many/*', max_results: 5 })));
      assert.equal(r.split('\n').filter((l) => l.startsWith('many/')).length, 5);
      assert.match(r, /Stopped at 5 matching lines \(the cap\): more may be left out/);
    });

    it('a catastrophically backtracking pattern is stopped by the time budget and says so', async () => {
      const slow = await connect({ limits: { searchTimeMs: 300 } });
      try {
        const r = await slow.call('search_code', { pattern: '^(a+)+$', glob: 'src/long.txt' });
        assert.ok(!r.isError, slow.text(r));
        assert.match(slow.text(r), /Search stopped after 0\.3 s \(0 of 1 files searched\): the results are partial/);
      } finally {
        await slow.close();
      }
    });
  });

  it("install_scripts lists the project's lifecycle scripts and the implicit node-gyp install, not node_modules'", async () => {
    const r = json(await linked.call('install_scripts'));
    assert.deepEqual(r.findings, [
      { kind: 'project', path: 'package.json', package: 'fixture', version: '1.0.0', scripts: { postinstall: 'node scripts/setup.js' } },
      { kind: 'project', path: 'packages/native/package.json', package: 'native', scripts: {}, implicit_install: 'node-gyp rebuild (binding.gyp is present)' },
    ]);
    assert.match(r.notes[0], /^3 package\.json files read\.$/);
  });

  it('workflows gives the same signals as the github connector for the same file', async () => {
    const r = json(await linked.call('workflows'));
    assert.equal(r.count, 1);
    const [wf] = r.workflows;
    assert.equal(wf.path, '.github/workflows/release.yml');
    assert.deepEqual(wf.signals, workflowSignals(WORKFLOW));
    assert.equal(wf.signals.pull_request_target, true);
    assert.equal(wf.signals.checks_out_pull_request_head, true);
    assert.deepEqual(wf.signals.unpinned_actions, ['actions/checkout@v4']);
    assert.equal(wf.content, WORKFLOW);
  });

  describe('secrets_scan', () => {
    it('finds the AWS key, the GitHub token and the private key with file:line and masked previews', async () => {
      const r = json(await linked.call('secrets_scan'));
      const found = r.findings.map((f: Json) => [f.rule, f.location, f.preview]);
      assert.deepEqual(found, [
        ['aws', 'src/config.ts:2', `${secrets.aws.slice(0, 4)}…(20 chars)`],
        ['github', 'src/config.ts:3', `${secrets.github.slice(0, 4)}…(40 chars)`],
        ['privatekey', 'src/key.pem:1', `----…(${secrets.privateKey.length} chars)`],
        ['generic-high-entropy-secret', 'src/settings.py:2', `${secrets.generic.slice(0, 4)}…(32 chars)`],
      ]);
      assert.ok(r.scanned > 30);
      assert.deepEqual(r.skipped, { binary: 1, too_large: 1, unreadable: 0, over_file_cap: 0 });
    });

    it("never returns a secret, or any long piece of one, in any tool's answer", async () => {
      const answers = [
        await linked.call('secrets_scan'),
        await linked.call('secrets_scan', { glob: 'src/**' }),
        await linked.call('read_file', { path: 'src/config.ts' }),
        await linked.call('read_file', { path: 'src/key.pem' }),
        await linked.call('read_file', { path: 'src/settings.py' }),
        await linked.call('search_code', { pattern: 'AKIA[A-Z0-9]{16}|gh[p]_|MII|CLIENT_SECRET' }),
        await linked.call('list_files', { page_size: 1000 }),
      ];
      const everything = answers.map((a) => JSON.stringify(a)).join('\n');
      for (const secret of [secrets.aws, secrets.github, secrets.privateKey.split('\n')[1], secrets.generic]) {
        assert.ok(!everything.includes(secret), 'the secret itself');
        assert.ok(!everything.includes(secret.slice(4, 14)), 'a piece of it past the preview');
      }
    });
  });

  it('read_file and search_code show a secret masked, keeping line numbers true', async () => {
    const config = text(ok(await linked.call('read_file', { path: 'src/config.ts' })));
    assert.match(config, new RegExp(`^2: export const accessKeyId = '«secret masked: ${secrets.aws.slice(0, 4)}…\\(20 chars\\)»';$`, 'm'));
    assert.match(config, /^3: export const gh = "«secret masked: ghp_…\(40 chars\)»";$/m);
    assert.match(config, /2 secrets in this file are masked/);
    const keyLines = secrets.privateKey.split('\n').length;
    const pem = text(ok(await linked.call('read_file', { path: 'src/key.pem' })));
    assert.match(pem, new RegExp(`^src/key\\.pem \\(${keyLines} lines`), "the line count is the file's");
    assert.match(pem, /^ ?1: «secret masked: ----…/m);
    const found = text(ok(await linked.call('search_code', { pattern: 'AKIA[A-Z0-9]{16}' })));
    assert.equal(found.split('\n')[0], `src/config.ts:2: export const accessKeyId = '«secret masked: ${secrets.aws.slice(0, 4)}…(20 chars)»';`);
  });

  it('in an untrusted workspace every answer, errors too, ends with the "not trusted" note', async () => {
    trusted = false;
    try {
      for (const [tool, args] of [
        ['list_files', {}],
        ['read_file', { path: '../x' }],
        ['workflows', {}],
      ] as const) {
        const r = await linked.call(tool, args);
        const last = r.content[r.content.length - 1] as { text: string };
        assert.match(last.text, /^This workspace is not trusted/, tool);
      }
    } finally {
      trusted = true;
    }
    const r = await linked.call('list_files', {});
    assert.equal(r.content.length, 1, 'a trusted workspace gets no note');
  });

  it('with several folders, paths start with the folder name; with none, every tool says so', async () => {
    const multi = await connect({
      roots: () => [
        { name: 'src', path: `${ws.dir}/src` },
        { name: 'many', path: `${ws.dir}/many` },
      ],
    });
    try {
      const list = multi.text(await multi.call('list_files', { glob: 'many/**', page_size: 2 }));
      assert.match(list, /^25 files matching "many\/\*\*"; showing 1–2\.\nmany\/file00\.txt\t/);
      assert.match(multi.text(await multi.call('read_file', { path: 'src/search.ts' })), /^src\/search\.ts \(4 lines/);
      assert.match(multi.text(await multi.call('search_code', { pattern: 'Hello' })), /^src\/search\.ts:3: function Hello/m);
    } finally {
      await multi.close();
    }
    const none = await connect({ roots: () => [] });
    try {
      const r = await none.call('list_files', {});
      assert.equal(r.isError, true);
      assert.match(none.text(r), /No folder is open/);
    } finally {
      await none.close();
    }
  });
});
