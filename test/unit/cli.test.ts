import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { parseCli, type CliArgs } from '../../src/cli/args';
import { configFromFlags, parseHeaders } from '../../src/cli/connectionFlags';
import { detectFormat } from '../../src/cli/configFile';
import { CliError, ExitCode, exitCodeForFailure, exitCodeForSessionError } from '../../src/cli/exitCodes';
import { confirmationPolicy } from '../../src/cli/policy';
import { PassThrough } from 'node:stream';
import { promptText, TerminalConfirmationPort } from '../../src/cli/confirmationPrompt';
import { progressReporter } from '../../src/cli/progress';
import { oneLine } from '../../src/cli/output';
import { untilAborted } from '../../src/cli/abort';
import type { ConfirmationRequest } from '../../src/core/tools/confirmation';
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
  // Not the repository's folder (its .vscode), and no terminal, whatever runs the tests.
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s), cwd: dir, tty: { stdin: false, stderr: false } });
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
    for (const command of ['connectors list', 'connectors add NAME', 'connectors remove NAME', 'tools list [CONNECTOR]', 'tools call CONNECTOR TOOL']) {
      assert.ok(r.out.includes(command), command);
    }
    assert.match(r.out, /Exit codes: 0 ok, 1 usage or configuration error, 2 audit verdict at or past --fail-on,\n3 authentication required/);
    // The rules the verdict follows are listed from rules.ts itself, hard rules included.
    assert.match(r.out, /Evidence rules[\s\S]*malware {23}Malware advisories\n {32}hard rule: Any malware advisory: AVOID\./);
    // How to start a cloned repository's connectors, once read: the flag and the variable for CI.
    assert.match(r.out, /--trust-workspace {5}Start the connectors of \.\/\.vscode\/connectors\.json/);
    assert.match(r.out, /CONNECTOR_AUDITOR_TRUST_WORKSPACE {3}1: as --trust-workspace/);
    assert.equal(r.err, '');
  });

  it('an unknown command exits 1 with one line naming it and pointing at --help', async () => {
    const r = await run('--config', await config('{ "connectors": [] }'), 'frobnicate', 'now');
    assert.equal(r.code, 1);
    assert.equal(r.err, 'connector-auditor: Unknown command: frobnicate now. Run "connector-auditor --help" for usage.\n');
    assert.equal(r.out, '');
  });

  it('an unknown option exits 1', async () => {
    const r = await run('--frobnicate', 'connectors', 'list');
    assert.equal(r.code, 1);
    assert.match(r.err, /^connector-auditor: Unknown option '--frobnicate'\. Run "connector-auditor --help" for usage\.\n$/);
  });

  it('no command exits 1', async () => {
    const r = await run();
    assert.equal(r.code, 1);
    assert.match(r.err, /No command given/);
  });

  it('--version prints a version', async () => {
    const r = await run('--version');
    assert.equal(r.code, 0);
    assert.match(r.out, /^\d+\.\d+\.\d+/);
  });

  it('a missing --config file exits 1 naming it', async () => {
    const missing = join(dir, 'nope.json');
    const r = await run('--config', missing, 'connectors', 'list');
    assert.equal(r.code, 1);
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
    const file = await config(
      JSON.stringify({
        connectors: [
          { name: 'a', command: 'node', args: ['s.js'] },
          { name: 'b', url: 'https://e.com/mcp', enabled: false },
        ],
      }),
    );
    const r = await run('--config', file, 'connectors', 'list');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.trimEnd().split('\n'), ['a\tprivate\tenabled\tnode s.js', 'b\tprivate\tdisabled\thttps://e.com/mcp']);
  });

  it('says where to add connectors when there are none', async () => {
    const file = await config('{ "connectors": [] }');
    const r = await run('--config', file, 'connectors', 'list');
    assert.equal(r.code, 0);
    assert.ok(r.out.includes('No connectors.') && r.out.includes(file), r.out);
    assert.ok(r.out.includes('connectors add'), r.out);
  });

  it('a broken config exits 1 with file:line:column of the error on stderr', async () => {
    const file = await config('{\n  "connectors": [\n    { "name": "a" "command": "x" }\n  ]\n}\n');
    const r = await run('--config', file, 'connectors', 'list');
    assert.equal(r.code, 1);
    assert.ok(r.err.includes(`error: ${file}:3:19: Invalid JSON`), r.err);
  });

  it('an invalid entry exits 1 but the valid ones are still listed', async () => {
    const file = await config('{\n  "connectors": [\n    { "name": "ok", "command": "x" },\n    { "name": "bad", "url": "ftp://x" }\n  ]\n}\n');
    const r = await run('--config', file, '--json', 'connectors', 'list');
    assert.equal(r.code, 1);
    assert.deepEqual(
      (JSON.parse(r.out) as Array<{ name: string }>).map((c) => c.name),
      ['ok'],
    );
    assert.ok(r.err.includes(`${file}:4:`) && r.err.includes('Connector "bad"'), r.err);
  });

  it('with --stdio the ad-hoc connector is the only one, and it has no file', async () => {
    const r = await run('--stdio', 'node server.js --port 1', '--json', 'connectors', 'list');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), [
      { name: 'adhoc', visibility: 'private', enabled: true, transport: 'stdio', target: 'node server.js --port 1', description: null, file: null },
    ]);
  });

  it('without --config reads the private registry from CONNECTOR_AUDITOR_HOME', async () => {
    await mkdir(home, { recursive: true });
    await writeFile(join(home, 'connectors.json'), JSON.stringify({ connectors: [{ name: 'from-home', command: 'node' }] }));
    try {
      const r = await run('--json', 'connectors', 'list');
      const mine = (JSON.parse(r.out) as Array<{ name: string; visibility: string; file: string }>).filter((c) => c.visibility === 'private');
      assert.deepEqual(
        mine.map((c) => [c.name, c.file]),
        [['from-home', join(home, 'connectors.json')]],
      );
    } finally {
      await rm(join(home, 'connectors.json'), { force: true });
    }
  });
});

describe('connector-auditor CLI: tools list', () => {
  it('connects to a stdio server and prints one line per tool, name first', async () => {
    const file = await config(JSON.stringify({ connectors: [{ name: 'everything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] }] }));
    const r = await run('--config', file, 'tools', 'list', 'everything');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines.length, 13, r.out);
    for (const line of lines) assert.match(line, /^[A-Za-z0-9_-]+ +\S/);
    assert.ok(
      lines.some((l) => l.startsWith('echo ')),
      r.out,
    );
  });

  it('an unknown connector exits 1 and points at connectors list', async () => {
    const file = await config(JSON.stringify({ connectors: [{ name: 'everything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] }] }));
    const r = await run('--config', file, 'tools', 'list', 'nosuch');
    assert.equal(r.code, 1);
    assert.match(r.err, /No connector named "nosuch"/);
    assert.match(r.err, /connectors list/);
    assert.equal(r.out, '');
  });

  it('a disabled connector exits 1 without starting it', async () => {
    const marker = join(dir, 'started');
    const file = await config(
      JSON.stringify({
        connectors: [{ name: 'off', enabled: false, command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`] }],
      }),
    );
    const r = await run('--config', file, 'tools', 'list', 'off');
    assert.equal(r.code, 1);
    assert.match(r.err, /"off" is disabled in .*; set "enabled": true to use it\./);
    assert.equal(existsSync(marker), false, 'the server process was not started');
  });

  it('a server that cannot start exits 4 with the reason', async () => {
    const file = await config(JSON.stringify({ connectors: [{ name: 'ghost', command: join(dir, 'no-such-binary') }] }));
    const r = await run('--config', file, 'tools', 'list', 'ghost');
    assert.equal(r.code, 4);
    assert.match(r.err, /^connector-auditor: ghost: Command not found: ".*no-such-binary"/m);
  });
});

describe('connector-auditor CLI: argument parsing', () => {
  const parse = (...argv: string[]): CliArgs => parseCli(argv);
  const usage = (argv: string[], message: RegExp) => {
    assert.throws(
      () => parseCli(argv),
      (e: unknown) => e instanceof CliError && e.exitCode === 1 && message.test(e.message),
      argv.join(' '),
    );
  };

  it('--trust-workspace is off unless given, before or after the command', () => {
    assert.equal(parse('tools', 'list').options.trustWorkspace, false);
    assert.equal(parse('--trust-workspace', 'tools', 'list').options.trustWorkspace, true);
    assert.equal(parse('audit', 'acme/widgets', '--trust-workspace').options.trustWorkspace, true);
  });

  it('global options may come before or after the command', () => {
    const a = parse('--json', '--timeout', '2500', 'tools', 'call', 'gh', 'search', '--arg', 'q=x', '--yes', '--arg', 'n=3', '--verbose');
    assert.deepEqual(a.command, { kind: 'tools call', connector: 'gh', tool: 'search', args: ['q=x', 'n=3'], argsJson: undefined });
    assert.equal(a.options.json, true);
    assert.equal(a.options.timeoutMs, 2500);
    assert.equal(a.options.yes, true);
    assert.equal(a.options.verbose, true);
  });

  it('the ad-hoc connector: CONNECTOR may be left out of tools call, and tools list takes none', () => {
    assert.deepEqual(parse('--stdio', 'node s.js', 'tools', 'call', 'echo').command, {
      kind: 'tools call',
      connector: 'adhoc',
      tool: 'echo',
      args: [],
      argsJson: undefined,
    });
    assert.deepEqual(parse('--url', 'http://h/mcp', 'tools', 'call', 'adhoc', 'echo').command, {
      kind: 'tools call',
      connector: 'adhoc',
      tool: 'echo',
      args: [],
      argsJson: undefined,
    });
    assert.deepEqual(parse('--url', 'http://h/sse', '--transport', 'sse', '--header', 'A: b', '--header', 'C: d', 'tools', 'list').options.connection, {
      stdio: undefined,
      url: 'http://h/sse',
      transport: 'sse',
      headers: ['A: b', 'C: d'],
    });
  });

  it('connectors add / remove with their options', () => {
    assert.deepEqual(parse('connectors', 'add', 'x', '--stdio', 'node x.js', '--description', 'X', '--visibility', 'shared_workspace').command, {
      kind: 'connectors add',
      name: 'x',
      description: 'X',
      visibility: 'shared_workspace',
    });
    assert.deepEqual(parse('connectors', 'remove', 'x').command, { kind: 'connectors remove', name: 'x', visibility: undefined });
  });

  it('refuses what cannot mean anything, each with a one-line reason', () => {
    usage(['tools', 'call', 'only-one'], /needs CONNECTOR and TOOL \(only "only-one" was given\)/);
    usage(['tools', 'call'], /needs CONNECTOR and TOOL/);
    usage(['tools', 'list', 'a', 'b'], /Unexpected argument "b" after "tools list"/);
    usage(['tools', 'call', 'a', 'b', 'c'], /Unexpected argument "c"/);
    usage(['--timeout', 'soon', 'tools', 'list'], /--timeout takes a positive number of milliseconds, not "soon"/);
    usage(['--timeout', '0', 'tools', 'list'], /--timeout takes a positive number/);
    usage(['--timeout', '1.5', 'tools', 'list'], /--timeout takes a positive number/);
    usage(['--stdio', 'a', '--url', 'http://h', 'tools', 'list'], /either --stdio or --url, not both/);
    usage(['--stdio', '  ', 'tools', 'list'], /--stdio needs a command line/);
    usage(['--transport', 'ws', '--url', 'http://h', 'tools', 'list'], /--transport is http or sse, not "ws"/);
    usage(['--transport', 'sse', 'tools', 'list'], /--transport applies to --url only/);
    usage(['--header', 'A: b', '--stdio', 'x', 'tools', 'list'], /--header applies to --url only/);
    usage(['--config', 'f.json', '--stdio', 'x', 'tools', 'list'], /either --config or --stdio\/--url/);
    usage(['connectors', 'list', '--arg', 'a=1'], /--arg and --args-json apply to tools call only/);
    usage(['tools', 'list', '--description', 'd'], /--description applies to connectors add only/);
    usage(['tools', 'list', '--visibility', 'private'], /--visibility applies to connectors add and connectors remove only/);
    usage(['connectors', 'add', 'x', '--stdio', 'y', '--visibility', 'team'], /--visibility is private or shared_workspace, not "team"/);
    usage(['connectors', 'add', 'x'], /needs --stdio "COMMAND LINE" or --url URL/);
    usage(['connectors', 'add'], /connectors add needs a connector NAME/);
    usage(['connectors', 'remove', 'x', '--stdio', 'y'], /connectors remove takes no --stdio or --url/);
    usage(['--config', 'f', '--visibility', 'private', 'connectors', 'remove', 'x'], /either --config or --visibility/);
    usage(['--json=yes', 'tools', 'list'], /--json/);
  });

  it('pins reset [CONNECTOR], and --accept-changes for tools call and audit only', () => {
    assert.deepEqual(parse('pins', 'reset').command, { kind: 'pins reset', connector: undefined });
    assert.deepEqual(parse('pins', 'reset', 'gh').command, { kind: 'pins reset', connector: 'gh' });
    assert.equal(parse('--accept-changes', 'tools', 'call', 'gh', 'search').options.acceptChanges, true);
    assert.equal(parse('audit', 'acme/w', '--accept-changes').options.acceptChanges, true);
    assert.equal(parse('tools', 'list').options.acceptChanges, false);
    usage(['tools', 'list', '--accept-changes'], /--accept-changes applies to tools call and audit only/);
    usage(['pins', 'reset', 'a', 'b'], /Unexpected argument "b" after "pins reset"/);
    usage(['--stdio', 'x', 'pins', 'reset'], /pins reset takes no --stdio or --url/);
  });

  it('--help and --version win over everything else', () => {
    assert.equal(parse('tools', 'call', '--help').command.kind, 'help');
    assert.equal(parse('--version', 'bogus').command.kind, 'version');
  });
});

describe('connector-auditor CLI: connection flags', () => {
  it('--stdio is split like a shell would, without a shell', () => {
    assert.deepEqual(configFromFlags('x', { stdio: `npx -y "@a/b c" --k 'v w'`, headers: [] }), {
      name: 'x',
      command: 'npx',
      args: ['-y', '@a/b c', '--k', 'v w'],
    });
    assert.deepEqual(configFromFlags('x', { stdio: 'server', headers: [] }, 'D'), { name: 'x', description: 'D', command: 'server' });
    assert.throws(() => configFromFlags('x', { stdio: 'a > out', headers: [] }), /--stdio: ">" is shell syntax/);
    assert.throws(() => configFromFlags('x', { stdio: 'a "open', headers: [] }), /Unterminated double quote/);
  });

  it("--inherit-env NAME (repeatable, or A,B) and --inherit-env all become the entry's inheritEnv", () => {
    const flags = (...argv: string[]) => parseCli(['connectors', 'add', 'x', '--stdio', 'node x.js', ...argv]).options.connection;
    assert.deepEqual(configFromFlags('x', flags('--inherit-env', 'GITHUB_TOKEN', '--inherit-env', 'AWS_PROFILE,AWS_REGION')), {
      name: 'x',
      command: 'node',
      args: ['x.js'],
      inheritEnv: ['GITHUB_TOKEN', 'AWS_PROFILE', 'AWS_REGION'],
    });
    assert.equal(configFromFlags('x', flags('--inherit-env', 'all')).inheritEnv, 'all');
    assert.equal(configFromFlags('x', flags()).inheritEnv, undefined);
    const refused = (argv: string[], message: RegExp) =>
      assert.throws(
        () => parseCli(argv),
        (e: CliError) => e.exitCode === ExitCode.usage && message.test(e.message),
      );
    refused(['connectors', 'add', 'x', '--url', 'https://h/mcp', '--inherit-env', 'A'], /--inherit-env applies to --stdio only/);
    refused(['connectors', 'add', 'x', '--stdio', 'n', '--inherit-env', 'all,GITHUB_TOKEN'], /give it alone/);
    refused(['connectors', 'add', 'x', '--stdio', 'n', '--inherit-env', 'TOKEN=abc123'], /names, not values \("TOKEN=…"\)/);
    refused(['connectors', 'add', 'x', '--stdio', 'n', '--inherit-env', ','], /needs a variable NAME or all/);
  });

  it('--url with transport and headers; the URL is validated by the connector schema', () => {
    assert.deepEqual(configFromFlags('x', { url: 'https://h/mcp', transport: 'sse', headers: ['Authorization: Bearer ${secret:t}', 'X-A:1'] }), {
      name: 'x',
      url: 'https://h/mcp',
      transport: 'sse',
      headers: { Authorization: 'Bearer ${secret:t}', 'X-A': '1' },
    });
    assert.throws(() => configFromFlags('x', { url: 'file:///etc/passwd', headers: [] }), /"url": the "url" must start with http:\/\/ or https:\/\//);
  });

  it('headers must be "Name: value"; a bad one is not echoed (it may hold a token)', () => {
    assert.deepEqual(parseHeaders(['A: b: c']), { A: 'b: c' });
    for (const bad of ['no colon secret-token-123', ': empty-name', 'Two words: x']) {
      assert.throws(
        () => parseHeaders([bad]),
        (e: unknown) => e instanceof CliError && /--header #1 is not "Name: value"/.test(e.message) && !e.message.includes(bad),
      );
    }
  });
});

describe('connector-auditor CLI: config format detection', () => {
  it('tells our connectors file from MCP configuration files', () => {
    assert.equal(detectFormat('{ "connectors": [] }'), 'connector-auditor');
    assert.equal(detectFormat('// c\n{ "servers": {} }'), 'mcp');
    assert.equal(detectFormat('{ "mcpServers": {} }'), 'mcp');
    assert.equal(detectFormat('{ "mcp": { "servers": {} } }'), 'mcp');
    assert.equal(detectFormat('{ "connectors": [], "servers": {} }'), 'connector-auditor');
    assert.equal(detectFormat('not json at all'), 'connector-auditor', 'our parser reports the error with its position');
  });
});

describe('connector-auditor CLI: exit codes and policy', () => {
  it('maps every ToolCallError failure to its exit code', () => {
    assert.deepEqual(
      (['unknown-tool', 'excluded', 'invalid-arguments', 'denied', 'connector', 'auth', 'timeout', 'cancelled', 'protocol'] as const).map(exitCodeForFailure),
      [1, 1, 1, 6, 4, 3, 7, 130, 5],
    );
    assert.equal(exitCodeForSessionError('https://h/mcp refused the credentials (HTTP 401). Check the connector\'s "auth" or "headers".'), ExitCode.auth);
    assert.equal(exitCodeForSessionError('Cannot reach https://h/mcp: connection refused. Is the server running?'), ExitCode.unreachable);
  });

  it('CONNECTOR_AUDITOR_CONFIRMATION picks the default policy; unknown values are a configuration error', () => {
    assert.equal(confirmationPolicy({}), 'unlessReadOnly');
    assert.equal(confirmationPolicy({ CONNECTOR_AUDITOR_CONFIRMATION: 'always' }), 'always');
    assert.equal(confirmationPolicy({ CONNECTOR_AUDITOR_CONFIRMATION: 'listedonly' }), 'listedOnly');
    assert.throws(
      () => confirmationPolicy({ CONNECTOR_AUDITOR_CONFIRMATION: 'never' }),
      /CONNECTOR_AUDITOR_CONFIRMATION is unlessReadOnly, always, listedOnly, not "never"/,
    );
  });

  it('an invalid CONNECTOR_AUDITOR_CONFIRMATION makes tools commands exit 1', async () => {
    const saved = process.env.CONNECTOR_AUDITOR_CONFIRMATION;
    process.env.CONNECTOR_AUDITOR_CONFIRMATION = 'sometimes';
    try {
      const r = await run('--config', await config('{ "connectors": [] }'), 'tools', 'list');
      assert.equal(r.code, 1);
      assert.match(r.err, /CONNECTOR_AUDITOR_CONFIRMATION is/);
    } finally {
      if (saved === undefined) delete process.env.CONNECTOR_AUDITOR_CONFIRMATION;
      else process.env.CONNECTOR_AUDITOR_CONFIRMATION = saved;
    }
  });
});

describe('connector-auditor CLI: confirmation port', () => {
  const request: ConfirmationRequest = {
    connectorId: 'private:gh',
    connectorLabel: 'gh',
    toolName: 'delete_repo',
    args: { repo: 'a/b', token: MASK },
    reason: 'not marked read-only by the server',
    readOnly: false,
    destructive: true,
  };
  const port = (o: { yes?: boolean; interactive?: boolean }) => {
    let written = '';
    const p = new TerminalConfirmationPort({
      yes: o.yes ?? false,
      interactive: o.interactive ?? false,
      stdin: () => {
        throw new Error('stdin must not be read');
      },
      write: (s) => (written += s),
    });
    return { p, written: () => written };
  };

  it('--yes allows without asking; without a terminal it denies without asking and remembers why', async () => {
    const yes = port({ yes: true });
    assert.equal(await yes.p.confirm(request), 'allow');
    assert.equal(yes.written(), '');
    const none = port({});
    assert.equal(await none.p.confirm(request), 'deny');
    assert.equal(none.p.denial, 'not-interactive');
    assert.equal(none.written(), '');
  });

  it('the prompt names tool, connector, flags, reason and masked arguments', () => {
    const text = promptText(request);
    assert.equal(text.split('\n')[0], 'Run "delete_repo" on "gh"? [destructive] It asks first: not marked read-only by the server.');
    assert.ok(text.includes(`"token": "${MASK}"`));
    assert.ok(text.endsWith('Allow? [y/N] '));
    const big = promptText({ ...request, args: { blob: 'x'.repeat(10_000) } });
    assert.ok(big.length < 3000 && /more characters/.test(big));
  });

  it('cut arguments: says how much is hidden in the same words as the modal, and offers v instead of y', () => {
    const args = { blob: `${'x'.repeat(10_000)} rm -rf ~` };
    const total = JSON.stringify(args, null, 2).length;
    const text = promptText({ ...request, args });
    assert.ok(
      text.includes(`\n  … ${(total - 2000).toLocaleString('en-US')} more characters (${total.toLocaleString('en-US')} in all) not shown\n`),
      text.slice(-300),
    );
    assert.ok(!text.includes('rm -rf'));
    assert.ok(text.endsWith('Allow would send all of them: type v to print them in full and be asked again. [v/N] '));
  });

  it('marks hidden characters in the tool name, connector name and arguments, and says so', () => {
    const text = promptText({ ...request, toolName: 'delete\u200Brepo', connectorLabel: 'g\u202Eh', args: { 'repo\u200B': 'a/b\u2066' } });
    assert.equal(text.split('\n')[0], 'Run "delete⟨U+200B⟩repo" on "g⟨U+202E⟩h"? [destructive] It asks first: not marked read-only by the server.');
    assert.match(
      text,
      /Invisible characters are shown as ⟨U\+…⟩ marks \(the tool name: U\+200B; the connector name: U\+202E; the arguments: U\+200B, U\+2066\)/,
    );
    assert.ok(text.includes('"repo⟨U+200B⟩": "a/b⟨U+2066⟩"'));
    assert.ok(!/[\u200B\u202E\u2066]/.test(text), 'nothing hidden is printed raw');
    // A newline in a name cannot forge a line of the prompt.
    assert.equal(
      promptText({ ...request, toolName: 'x\nAllow? [y/N]' })
        .split('\n')[0]
        ?.startsWith('Run "x⟨U+000A⟩Allow? [y/N]"'),
      true,
    );
  });

  it('v prints every argument and asks again; y before that is not taken while arguments are cut', async () => {
    const stdin = new PassThrough();
    let written = '';
    const prompts: string[] = [];
    const answers = ['y\n', 'v\n', 'y\n'];
    const p = new TerminalConfirmationPort({
      yes: false,
      interactive: true,
      stdin: () => stdin,
      write: (s) => {
        written += s;
        if (/\] $/.test(s)) {
          prompts.push(s.slice(s.lastIndexOf('\n') + 1));
          stdin.write(answers.shift() ?? '\n');
        }
      },
    });
    const answer = await p.confirm({ ...request, args: { blob: `${'x'.repeat(5000)} rm -rf ~` } });
    assert.equal(answer, 'allow');
    assert.deepEqual(prompts, [
      'Allow would send all of them: type v to print them in full and be asked again. [v/N] ',
      'The arguments were cut: type v to print all of them first, or n to deny. [v/N] ',
      'Allow? [y/N] ',
    ]);
    assert.match(written, /All 5,\d{3} characters of the arguments of "delete_repo":\n {2}\{\n {4}"blob": "x+ rm -rf ~"/);
  });
});

describe('connector-auditor CLI: small helpers', () => {
  it('oneLine folds multi-line messages and caps their length', () => {
    assert.equal(oneLine('a\n  b\r\nc'), 'a b c');
    assert.equal(oneLine('x'.repeat(5000)).length, 1001);
  });

  it('progress: lines with --verbose, one redrawn line on a terminal, nothing otherwise', () => {
    let out = '';
    const verbose = progressReporter((s) => (out += s), { verbose: true, terminal: false }, 'op');
    verbose.report({ progress: 1, total: 5, message: 'step\none' });
    verbose.done();
    assert.equal(out, 'op: progress 1/5 step one\n');
    out = '';
    const tty = progressReporter((s) => (out += s), { verbose: false, terminal: true }, 'op');
    tty.report({ progress: 2 });
    tty.done();
    assert.equal(out, '\r\x1b[Kop: progress 2\r\x1b[K');
    out = '';
    const quiet = progressReporter((s) => (out += s), { verbose: false, terminal: false }, 'op');
    quiet.report({ progress: 3 });
    quiet.done();
    assert.equal(out, '');
  });

  it('untilAborted rejects with exit 130 when the signal fires, and passes results through otherwise', async () => {
    const c = new AbortController();
    const pending = untilAborted(new Promise(() => {}), c.signal);
    c.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof CliError && e.exitCode === 130);
    assert.equal(await untilAborted(Promise.resolve(7), new AbortController().signal), 7);
    await assert.rejects(untilAborted(Promise.resolve(1), AbortSignal.abort()), (e: unknown) => e instanceof CliError && e.exitCode === 130);
  });
});
