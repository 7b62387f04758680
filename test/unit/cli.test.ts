import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { MASK } from '../../src/core/util/redact';

const EVERYTHING_ENTRY = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

let dir: string;
let home: string;
const savedHome = process.env.CONNECTOR_AUDITOR_HOME;
let n = 0;

async function config(text: string): Promise<string> {
  const file = join(dir, `connectors-${++n}.json`);
  await writeFile(file, text);
  return file;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ca-cli-'));
  // Never read the real user's registry.
  home = join(dir, 'home');
  process.env.CONNECTOR_AUDITOR_HOME = home;
});
after(async () => {
  if (savedHome === undefined) delete process.env.CONNECTOR_AUDITOR_HOME;
  else process.env.CONNECTOR_AUDITOR_HOME = savedHome;
  await rm(dir, { recursive: true, force: true });
});

describe('connector-auditor CLI: usage', () => {
  it('--help prints usage and exits 0', async () => {
    const r = await run('--help');
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: connector-auditor/);
    assert.match(r.out, /connectors list/);
    assert.match(r.out, /tools list CONNECTOR/);
    assert.equal(r.err, '');
  });

  it('an unknown command exits 2 with the command named and usage on stderr', async () => {
    const r = await run('--config', await config('{ "connectors": [] }'), 'frobnicate', 'now');
    assert.equal(r.code, 2);
    assert.match(r.err, /Unknown command: frobnicate now/);
    assert.match(r.err, /Usage: connector-auditor/);
    assert.equal(r.out, '');
  });

  it('an unknown option exits 2', async () => {
    const r = await run('--frobnicate', 'connectors', 'list');
    assert.equal(r.code, 2);
    assert.match(r.err, /frobnicate/);
  });

  it('a missing --config file exits 3 naming it', async () => {
    const missing = join(dir, 'nope.json');
    const r = await run('--config', missing, 'connectors', 'list');
    assert.equal(r.code, 3);
    assert.ok(r.err.includes(`Config file not found: ${missing}`), r.err);
  });
});

describe('connector-auditor CLI: connectors list', () => {
  it('--json lists every entry with visibility, enabled state and a masked target', async () => {
    const file = await config(
      JSON.stringify({
        connectors: [
          { name: 'local', description: 'Local files', command: 'npx', args: ['-y', 'fs-server', '--token', 'literal-token-123'] },
          { name: 'remote', url: 'https://bob:hunter22@example.com/mcp?api_key=zzz999&v=2', enabled: false },
        ],
      }),
    );
    const r = await run('--config', file, 'connectors', 'list', '--json');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    for (const secret of ['literal-token-123', 'hunter22', 'zzz999']) assert.ok(!r.out.includes(secret), `${secret} leaked`);
    const list = JSON.parse(r.out) as Array<Record<string, unknown>>;
    assert.deepEqual(
      list.map((c) => [c.name, c.visibility, c.enabled, c.description, c.file]),
      [
        ['local', 'private', true, 'Local files', file],
        ['remote', 'private', false, null, file],
      ],
    );
    assert.equal(list[0].target, `npx -y fs-server --token ${MASK}`);
    assert.match(String(list[1].target), /^https:\/\/bob:.*@example\.com\/mcp\?.*v=2/);
  });

  it('--json reports the transport with the same word whether it is written or inferred', async () => {
    const file = await config(
      JSON.stringify({
        connectors: [
          { name: 'inferred-stdio', command: 'node' },
          { name: 'explicit-stdio', transport: 'stdio', command: 'node' },
          { name: 'inferred-http', url: 'https://example.com/mcp' },
          { name: 'explicit-http', transport: 'http', url: 'https://example.com/mcp' },
        ],
      }),
    );
    const r = await run('--config', file, '--json', 'connectors', 'list');
    assert.equal(r.code, 0, r.err);
    const list = JSON.parse(r.out) as Array<{ name: string; transport: string }>;
    assert.deepEqual(
      list.map((c) => [c.name, c.transport]),
      [
        ['inferred-stdio', 'stdio'],
        ['explicit-stdio', 'stdio'],
        ['inferred-http', 'http'],
        ['explicit-http', 'http'],
      ],
    );
  });

  it('prints one tab-separated line per connector without --json', async () => {
    const file = await config(JSON.stringify({ connectors: [{ name: 'a', command: 'node', args: ['s.js'] }, { name: 'b', url: 'https://e.com/mcp', enabled: false }] }));
    const r = await run('--config', file, 'connectors', 'list');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.trimEnd().split('\n'), ['a\tprivate\tenabled\tnode s.js', 'b\tprivate\tdisabled\thttps://e.com/mcp']);
  });

  it('says where to add connectors when there are none', async () => {
    const file = await config('{ "connectors": [] }');
    const r = await run('--config', file, 'connectors', 'list');
    assert.equal(r.code, 0);
    assert.ok(r.out.includes('No connectors.') && r.out.includes(file), r.out);
  });

  it('a broken config exits 3 with file:line:column of the error on stderr', async () => {
    const file = await config('{\n  "connectors": [\n    { "name": "a" "command": "x" }\n  ]\n}\n');
    const r = await run('--config', file, 'connectors', 'list');
    assert.equal(r.code, 3);
    assert.ok(r.err.includes(`error: ${file}:3:19: Invalid JSON`), r.err);
  });

  it('an invalid entry exits 3 but the valid ones are still listed', async () => {
    const file = await config('{\n  "connectors": [\n    { "name": "ok", "command": "x" },\n    { "name": "bad", "url": "ftp://x" }\n  ]\n}\n');
    const r = await run('--config', file, '--json', 'connectors', 'list');
    assert.equal(r.code, 3);
    assert.deepEqual((JSON.parse(r.out) as Array<{ name: string }>).map((c) => c.name), ['ok']);
    assert.ok(r.err.includes(`${file}:4:`) && r.err.includes('Connector "bad"'), r.err);
  });

  it('without --config reads the private registry from CONNECTOR_AUDITOR_HOME', async () => {
    await mkdir(home, { recursive: true });
    await writeFile(join(home, 'connectors.json'), JSON.stringify({ connectors: [{ name: 'from-home', command: 'node' }] }));
    try {
      const r = await run('--json', 'connectors', 'list');
      const mine = (JSON.parse(r.out) as Array<{ name: string; visibility: string; file: string }>).filter((c) => c.visibility === 'private');
      assert.deepEqual(mine.map((c) => [c.name, c.file]), [['from-home', join(home, 'connectors.json')]]);
    } finally {
      await rm(join(home, 'connectors.json'), { force: true });
    }
  });
});

describe('connector-auditor CLI: tools list', () => {
  it('connects to a stdio server and prints one line per tool', async () => {
    const file = await config(JSON.stringify({ connectors: [{ name: 'everything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] }] }));
    const r = await run('--config', file, 'tools', 'list', 'everything');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines.length, 13, r.out);
    for (const line of lines) assert.match(line, /^[A-Za-z0-9_-]+\t/);
    assert.ok(lines.some((l) => l.startsWith('echo\t')), r.out);
  });

  it('an unknown connector exits 3 and points at connectors list', async () => {
    const file = await config(JSON.stringify({ connectors: [{ name: 'everything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] }] }));
    const r = await run('--config', file, 'tools', 'list', 'nosuch');
    assert.equal(r.code, 3);
    assert.match(r.err, /No connector named "nosuch"/);
    assert.match(r.err, /connectors list/);
    assert.equal(r.out, '');
  });

  it('a disabled connector exits 3 without starting it', async () => {
    const marker = join(dir, 'started');
    const file = await config(
      JSON.stringify({
        connectors: [{ name: 'off', enabled: false, command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`] }],
      }),
    );
    const r = await run('--config', file, 'tools', 'list', 'off');
    assert.equal(r.code, 3);
    assert.match(r.err, /"off" is disabled/);
    assert.equal(existsSync(marker), false, 'the server process was not started');
  });

  it('a server that cannot start exits 4 with the reason', async () => {
    const file = await config(JSON.stringify({ connectors: [{ name: 'ghost', command: join(dir, 'no-such-binary') }] }));
    const r = await run('--config', file, 'tools', 'list', 'ghost');
    assert.equal(r.code, 4);
    assert.match(r.err, /^ghost: /m);
  });
});
