// The CLI end to end (its exported main(), in-process) against server-everything over stdio,
// Streamable HTTP and SSE: listing, calls with coerced arguments, structured content, images,
// cancellation half way through a long operation, and confirmation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startEverything } from '../helpers/everythingServer';
import { EVERYTHING_ENTRY, errorLine, sandbox, stdioEverything, type Sandbox } from './cli-harness';

interface ToolRow {
  connector: string;
  name: string;
  description: string | null;
  inputSchema: { type: string; properties?: Record<string, unknown> };
  annotations: { readOnlyHint?: boolean } | null;
  included: boolean;
  requiresConfirmation: boolean;
  warnings: string[];
  pin: string;
}

interface Transport {
  name: string;
  start(): Promise<{ entry: Record<string, unknown>; stop: () => Promise<void> }>;
}

const TRANSPORTS: Transport[] = [
  { name: 'stdio', start: async () => ({ entry: stdioEverything(), stop: async () => {} }) },
  {
    name: 'Streamable HTTP',
    start: async () => {
      const s = await startEverything('streamableHttp');
      return { entry: { name: 'everything', transport: 'http', url: `http://127.0.0.1:${s.port}/mcp` }, stop: s.stop };
    },
  },
  {
    name: 'SSE',
    start: async () => {
      const s = await startEverything('sse');
      return { entry: { name: 'everything', transport: 'sse', url: `http://127.0.0.1:${s.port}/sse` }, stop: s.stop };
    },
  },
];

const quote = (s: string) => `"${s}"`;
const STDIO_LINE = `${quote(process.execPath)} ${quote(EVERYTHING_ENTRY)} stdio`;

for (const transport of TRANSPORTS) {
  describe(`CLI against server-everything over ${transport.name}`, () => {
    let box: Sandbox;
    let stop: () => Promise<void>;
    let config: string;
    const cli = (...argv: string[]) => box.run(['--config', config, ...argv]);

    before(async () => {
      box = await sandbox();
      const server = await transport.start();
      stop = server.stop;
      // get-env is read-only in this server-everything, so it asks first because the file says so.
      config = await box.file('connectors.json', { connectors: [{ ...server.entry, toolConfiguration: { requiresConfirmation: ['get-env'] } }] });
    });
    after(async () => {
      await stop?.();
      await box?.dispose();
    });

    it('tools list --json: every tool with schema, annotations, inclusion and confirmation', async () => {
      const r = await cli('tools', 'list', 'everything', '--json');
      assert.equal(r.code, 0, r.err);
      const rows = JSON.parse(r.out) as ToolRow[];
      assert.equal(rows.length, 13, rows.map((t) => t.name).join(','));
      for (const row of rows) {
        assert.deepEqual(Object.keys(row).sort(), [
          'annotations',
          'connector',
          'description',
          'included',
          'inputSchema',
          'name',
          'pin',
          'requiresConfirmation',
          'warnings',
        ]);
        assert.equal(row.connector, 'everything');
        assert.equal(row.pin, 'trusted', `the first listing pins every tool: ${row.name}`);
        assert.deepEqual(row.warnings, [], `the reference server's descriptions are plain: ${row.name}`);
        assert.equal(row.inputSchema.type, 'object');
        assert.equal(row.included, true);
      }
      const byName = new Map(rows.map((t) => [t.name, t]));
      assert.equal(byName.get('echo')?.requiresConfirmation, false, 'read-only and not listed');
      assert.equal(byName.get('get-env')?.requiresConfirmation, true, 'listed in requiresConfirmation');
      assert.equal(byName.get('toggle-simulated-logging')?.annotations?.readOnlyHint, false);
      assert.equal(byName.get('toggle-simulated-logging')?.requiresConfirmation, true, 'not read-only: asks under unlessReadOnly');
    });

    it('tools list without --json: one aligned line per tool with its flags', async () => {
      const r = await cli('tools', 'list', 'everything');
      assert.equal(r.code, 0, r.err);
      const lines = r.out.trimEnd().split('\n');
      assert.equal(lines.length, 13, r.out);
      assert.match(
        lines.find((l) => l.startsWith('echo '))!,
        /\[read-only\]\s+Echoes back/,
      );
      assert.match(
        lines.find((l) => l.startsWith('get-env '))!,
        /\[read-only, asks first\]/,
      );
    });

    it('calls echo', async () => {
      const r = await cli('tools', 'call', 'everything', 'echo', '--arg', 'message=hello from the CLI');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^# everything › echo\n/);
      assert.match(r.out, /Echo: hello from the CLI/);
      const j = await cli('tools', 'call', 'everything', 'echo', '--args-json', '{"message":"as json"}', '--json');
      assert.equal(j.code, 0, j.err);
      const result = JSON.parse(j.out) as CallToolResult;
      assert.deepEqual(result.content, [{ type: 'text', text: 'Echo: as json' }]);
    });

    it('get-sum: --arg values become numbers because the schema says so', async () => {
      const r = await cli('tools', 'call', 'everything', 'get-sum', '--arg', 'a=2', '--arg', 'b=3', '--json');
      assert.equal(r.code, 0, r.err);
      const result = JSON.parse(r.out) as CallToolResult;
      assert.equal(result.content[0].type, 'text');
      assert.match((result.content[0] as { text: string }).text, /\b5\b/);
      const bad = await cli('tools', 'call', 'everything', 'get-sum', '--arg', 'a=two', '--arg', 'b=3');
      assert.equal(bad.code, 1);
      assert.match(errorLine(bad.err), /"a" must be a number/);
    });

    it('get-structured-content: structuredContent arrives (validated by the client against the outputSchema)', async () => {
      const r = await cli('tools', 'call', 'everything', 'get-structured-content', '--arg', 'location=Chicago', '--json');
      assert.equal(r.code, 0, r.err);
      const result = JSON.parse(r.out) as CallToolResult;
      const sc = result.structuredContent as { temperature: number; conditions: string; humidity: number };
      assert.equal(typeof sc.temperature, 'number');
      assert.equal(typeof sc.conditions, 'string');
      const human = await cli('tools', 'call', 'everything', 'get-structured-content', '--arg', 'location=Chicago');
      assert.equal(human.code, 0, human.err);
      assert.match(human.out, /## Structured content\n\n```json\n\{\n {2}"temperature"/);
    });

    it('get-tiny-image: the human output names the image type and size instead of dumping base64', async () => {
      const r = await cli('tools', 'call', 'everything', 'get-tiny-image');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /### Image \d\n\nimage\/png, [\d.]+ (B|KB) \(binary, not shown as text\)/);
      assert.ok(!r.out.includes('iVBORw0KGgo'), 'no base64 in human output');
      const j = await cli('tools', 'call', 'everything', 'get-tiny-image', '--json');
      const result = JSON.parse(j.out) as CallToolResult;
      const image = result.content.find((c) => c.type === 'image') as { mimeType: string; data: string };
      assert.equal(image.mimeType, 'image/png');
      assert.ok(image.data.startsWith('iVBORw0KGgo'), 'the JSON keeps the data as received');
    });

    it('trigger-long-running-operation cancelled half way: exit 130, promptly', async () => {
      const controller = new AbortController();
      let abortedAt = 0;
      const r = await box.run(
        ['--config', config, '--verbose', 'tools', 'call', 'everything', 'trigger-long-running-operation', '--arg', 'duration=10', '--arg', 'steps=5'],
        {
          signal: controller.signal,
          onErr: (_chunk, all) => {
            if (!abortedAt && /progress 2\/5/.test(all)) {
              abortedAt = performance.now();
              controller.abort();
            }
          },
        },
      );
      assert.ok(abortedAt > 0, `progress was reported: ${r.err.slice(-500)}`);
      assert.equal(r.code, 130, r.err);
      assert.match(errorLine(r.err), /Interrupted: The call to "trigger-long-running-operation" was cancelled/);
      assert.equal(r.out, '', 'no result printed');
      assert.doesNotMatch(r.err, /progress 4\/5/);
      assert.ok(r.ms < 8000, `finished before the operation would have (${Math.round(r.ms)} ms)`);
      assert.ok(performance.now() - abortedAt < 3000, 'exits within moments of the abort');
    });

    it('get-env (listed in requiresConfirmation): denied without a terminal or --yes (exit 6), runs with --yes', async () => {
      const denied = await cli('tools', 'call', 'everything', 'get-env');
      assert.equal(denied.code, 6);
      assert.equal(denied.out, '');
      assert.match(errorLine(denied.err), /"get-env" on "everything" was denied: .*no terminal to ask; pass --yes/);
      const allowed = await cli('tools', 'call', 'everything', 'get-env', '--yes', '--json');
      assert.equal(allowed.code, 0, allowed.err);
      const result = JSON.parse(allowed.out) as CallToolResult;
      assert.match((result.content[0] as { text: string }).text, /"PATH"/);
    });

    it('a tool that is not read-only asks first under the default policy; CONNECTOR_AUDITOR_CONFIRMATION changes that', async () => {
      const r = await cli('tools', 'call', 'everything', 'toggle-simulated-logging');
      assert.equal(r.code, 6);
      assert.match(errorLine(r.err), /pass --yes/);
      const listedOnly = await box.run(['--config', config, 'tools', 'call', 'everything', 'toggle-simulated-logging'], {
        env: { ...box.env, CONNECTOR_AUDITOR_CONFIRMATION: 'listedOnly' },
      });
      assert.equal(listedOnly.code, 0, listedOnly.err);
      const always = await box.run(['--config', config, 'tools', 'call', 'everything', 'echo', '--arg', 'message=x'], {
        env: { ...box.env, CONNECTOR_AUDITOR_CONFIRMATION: 'always' },
      });
      assert.equal(always.code, 6, 'even a read-only tool asks under "always"');
    });
  });
}

describe('CLI confirmation prompt on a terminal (stdio)', () => {
  let box: Sandbox;
  let config: string;
  before(async () => {
    box = await sandbox();
    config = await box.file('connectors.json', { connectors: [stdioEverything({ toolConfiguration: { requiresConfirmation: ['get-env'] } })] });
  });
  after(() => box?.dispose());

  const withAnswer = async (answer: string | undefined) => {
    const stdin = new PassThrough();
    let prompted = false;
    const r = await box.run(['--config', config, 'tools', 'call', 'everything', 'get-env'], {
      stdin,
      tty: { stdin: true, stderr: true },
      onErr: (_c, all) => {
        if (!prompted && all.includes('Allow? [y/N] ')) {
          prompted = true;
          if (answer === undefined) stdin.end();
          else stdin.write(answer);
        }
      },
    });
    return { ...r, prompted };
  };

  it('asks y/N on stderr, naming tool, connector, reason and arguments; "y" runs the tool', async () => {
    const r = await withAnswer('y\n');
    assert.ok(r.prompted);
    assert.match(r.err, /Run "get-env" on "everything"\? \[read-only\] It asks first: listed in requiresConfirmation\.\nArguments: \{\}\nAllow\? \[y\/N\] /);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /"PATH"/);
  });

  it('anything but y/yes denies (exit 6) without suggesting --yes', async () => {
    for (const answer of ['\n', 'n\n', 'maybe\n']) {
      const r = await withAnswer(answer);
      assert.equal(r.code, 6, `answer ${JSON.stringify(answer)}`);
      assert.match(errorLine(r.err), /was denied\.$/);
      assert.equal(r.out, '');
    }
  });

  it('end of input at the prompt denies', async () => {
    const r = await withAnswer(undefined);
    assert.equal(r.code, 6);
  });

  it('Ctrl+C at the prompt exits 130 (the wait is cancelled, not answered)', async () => {
    const controller = new AbortController();
    const r = await box.run(['--config', config, 'tools', 'call', 'everything', 'get-env'], {
      stdin: new PassThrough(),
      tty: { stdin: true, stderr: true },
      signal: controller.signal,
      onErr: (_c, all) => all.includes('Allow? [y/N] ') && controller.abort(),
    });
    assert.equal(r.code, 130, r.err);
  });
});

describe('CLI confirmation prompt: long arguments and hidden characters (stdio)', () => {
  let box: Sandbox;
  let config: string;
  before(async () => {
    box = await sandbox();
    config = await box.file('connectors.json', { connectors: [stdioEverything({ toolConfiguration: { requiresConfirmation: ['echo'] } })] });
  });
  after(() => box?.dispose());

  /** Answers each prompt (a line ending in "] ") with the next of `answers`. */
  const call = (message: string, answers: string[]) => {
    const stdin = new PassThrough();
    let prompts = 0;
    return box.run(['--config', config, 'tools', 'call', 'everything', 'echo', '--arg', `message=${message}`], {
      stdin,
      tty: { stdin: true, stderr: true },
      onErr: (chunk) => {
        if (/\] $/.test(chunk)) {
          prompts += 1;
          stdin.write(answers[prompts - 1] ?? '\n');
        }
      },
    });
  };

  it('a cut prompt says how much is hidden and takes y only after v printed everything', async () => {
    const message = `${'x'.repeat(5000)} rm -rf ~`;
    const r = await call(message, ['y\n', 'v\n', 'y\n']);
    assert.equal(r.code, 0, r.err);
    const total = JSON.stringify({ message }, null, 2).length;
    assert.ok(
      r.err.includes(`… ${(total - 2000).toLocaleString('en-US')} more characters (${total.toLocaleString('en-US')} in all) not shown`),
      r.err.slice(0, 300),
    );
    assert.ok(r.err.includes('type v to print them in full and be asked again. [v/N] '));
    assert.ok(r.err.includes('The arguments were cut: type v to print all of them first, or n to deny. [v/N] '));
    assert.ok(r.err.indexOf('rm -rf ~') > r.err.indexOf('All 5,'), 'the tail is printed only after v');
    assert.match(r.out, /Echo: x+ rm -rf ~/);
  });

  it('hidden characters in the arguments are marked and named, and denying still works', async () => {
    const r = await call('hi\u200Bthere', ['n\n']);
    assert.equal(r.code, 6, r.err);
    assert.ok(r.err.includes('"message": "hi⟨U+200B⟩there"'), r.err);
    assert.match(r.err, /Invisible characters are shown as ⟨U\+…⟩ marks \(the arguments: U\+200B\)/);
    assert.ok(!r.err.includes('\u200B'), 'never printed raw');
  });
});

describe('CLI ad-hoc connectors and other MCP configuration formats', () => {
  let box: Sandbox;
  let http: { port: number; stop: () => Promise<void> };
  let sse: { port: number; stop: () => Promise<void> };
  before(async () => {
    box = await sandbox();
    [http, sse] = await Promise.all([startEverything('streamableHttp'), startEverything('sse')]);
  });
  after(async () => {
    await Promise.all([http?.stop(), sse?.stop()]);
    await box?.dispose();
  });

  it('--stdio: tools list needs no CONNECTOR; tools call works with and without "adhoc"', async () => {
    const list = await box.run(['--stdio', STDIO_LINE, 'tools', 'list', '--json']);
    assert.equal(list.code, 0, list.err);
    const rows = JSON.parse(list.out) as ToolRow[];
    assert.equal(rows.length, 13);
    assert.ok(rows.every((r) => r.connector === 'adhoc'));
    const short = await box.run(['--stdio', STDIO_LINE, 'tools', 'call', 'echo', '--arg', 'message=short']);
    assert.equal(short.code, 0, short.err);
    assert.match(short.out, /Echo: short/);
    const named = await box.run(['--stdio', STDIO_LINE, 'tools', 'call', 'adhoc', 'echo', '--arg', 'message=named']);
    assert.equal(named.code, 0, named.err);
    assert.match(named.out, /Echo: named/);
    const other = await box.run(['--stdio', STDIO_LINE, 'tools', 'call', 'everything', 'echo']);
    assert.equal(other.code, 1);
    assert.match(errorLine(other.err), /No connector named "everything": with --stdio or --url the only connector is "adhoc"/);
  });

  it('--url: Streamable HTTP, and SSE with --transport sse', async () => {
    const h = await box.run(['--url', `http://127.0.0.1:${http.port}/mcp`, 'tools', 'call', 'echo', '--arg', 'message=over http']);
    assert.equal(h.code, 0, h.err);
    assert.match(h.out, /Echo: over http/);
    const s = await box.run(['--url', `http://127.0.0.1:${sse.port}/sse`, '--transport', 'sse', '--header', 'X-Test: 1', 'tools', 'list']);
    assert.equal(s.code, 0, s.err);
    assert.equal(s.out.trimEnd().split('\n').length, 13);
  });

  it('--config reads a VS Code mcp.json (servers) and a Claude Desktop file (mcpServers)', async () => {
    const vscode = await box.file(
      'mcp.json',
      `// VS Code workspace MCP configuration\n{\n  "servers": {\n    "remote everything": { "type": "http", "url": "http://127.0.0.1:${http.port}/mcp" }\n  }\n}\n`,
    );
    const list = await box.run(['--config', vscode, '--json', 'connectors', 'list']);
    assert.equal(list.code, 0, list.err);
    const [entry] = JSON.parse(list.out) as Array<{ name: string; transport: string; file: string }>;
    assert.equal(entry.transport, 'http');
    assert.equal(entry.file, vscode);
    const call = await box.run(['--config', vscode, 'tools', 'call', entry.name, 'get-sum', '--arg', 'a=20', '--arg', 'b=22']);
    assert.equal(call.code, 0, call.err);
    assert.match(call.out, /\b42\b/);

    const claude = await box.file('claude_desktop_config.json', {
      mcpServers: { everything: { command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] } },
    });
    const tools = await box.run(['--config', claude, 'tools', 'list', 'everything']);
    assert.equal(tools.code, 0, tools.err);
    assert.equal(tools.out.trimEnd().split('\n').length, 13);
  });

  it('tools list without CONNECTOR connects to every enabled connector in parallel and reports the broken one', async () => {
    const marker = `${box.dir}/disabled-started`;
    const config = await box.file('many.json', {
      connectors: [
        stdioEverything(),
        { name: 'remote', url: `http://127.0.0.1:${http.port}/mcp` },
        { name: 'ghost', command: `${box.dir}/no-such-server` },
        { name: 'off', enabled: false, command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`] },
      ],
    });
    const r = await box.run(['--config', config, 'tools', 'list', '--json']);
    assert.equal(r.code, 4, 'a connector failed to start');
    const rows = JSON.parse(r.out) as ToolRow[];
    assert.equal(rows.filter((t) => t.connector === 'everything').length, 13);
    assert.equal(rows.filter((t) => t.connector === 'remote').length, 13);
    assert.ok(!rows.some((t) => t.connector === 'ghost' || t.connector === 'off'));
    assert.match(errorLine(r.err), /^connector-auditor: ghost: Command not found/);
    const { existsSync } = await import('node:fs');
    assert.equal(existsSync(marker), false, 'a disabled connector is not started');

    const human = await box.run(['--config', config, 'tools', 'list']);
    assert.match(human.out, /^everything \(13 tools, .* over stdio\)\n {2}echo /m);
    assert.match(human.out, /^remote \(13 tools, .* over http\)$/m);
  });
});
