// The CLI against a server that misbehaves on purpose (test/fixtures/servers/cli-faults.mjs):
// a tool that never answers, a server that dies mid-call, a 20 MB result, malformed JSON-RPC.
// Each fault must end with its exit code and one clear line on stderr, never a hang.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { KeptSessions } from '../../src/cli/main';
import { FAULTS_SERVER, errorLine, sandbox, type Sandbox } from './cli-harness';
import { isAlive as alive } from '../helpers/processes';

describe('CLI fault handling', () => {
  let box: Sandbox;
  let config: string;
  const cli = (...argv: string[]) => box.run(['--config', config, ...argv]);

  before(async () => {
    box = await sandbox();
    config = await box.file('connectors.json', { connectors: [{ name: 'faults', command: process.execPath, args: [FAULTS_SERVER] }] });
  });
  after(() => box?.dispose());

  it('a tool that never answers: --timeout 300 → exit 7 naming the timeout and the fix; the server was told to cancel', async () => {
    const r = await cli('--verbose', '--timeout', '300', 'tools', 'call', 'faults', 'never-answers');
    assert.equal(r.code, 7, r.err);
    assert.equal(errorLine(r.err), 'connector-auditor: "never-answers" did not answer within 0.3 s; raise "timeouts.call" (or --timeout) if it is just slow.');
    assert.ok(r.ms < 5000, `${Math.round(r.ms)} ms`);
    // The server's stderr (shown with --verbose) proves notifications/cancelled reached it.
    assert.match(r.err, /\[stderr\] cancelled \d+/);
    assert.equal(r.out, '');
  });

  it('after a timeout the same session still answers the next call', async () => {
    const sessions = new KeptSessions();
    try {
      const first = await box.run(['--config', config, '--timeout', '300', 'tools', 'call', 'faults', 'never-answers'], { sessions });
      assert.equal(first.code, 7, first.err);
      const second = await box.run(['--config', config, 'tools', 'call', 'faults', 'echo', '--arg', 'text=still here'], { sessions });
      assert.equal(second.code, 0, second.err);
      assert.match(second.out, /echo: still here/);
    } finally {
      await sessions.dispose();
    }
  });

  it('a server that dies mid-call → exit 4 with the exit code and its last words; no process left behind', async () => {
    const pidFile = `${box.dir}/dies.pid`;
    const dies = await box.file('dies.json', { connectors: [{ name: 'faults', command: process.execPath, args: [FAULTS_SERVER, '--pid-file', pidFile] }] });
    const r = await box.run(['--config', dies, 'tools', 'call', 'faults', 'dies']);
    assert.equal(r.code, 4, r.err);
    assert.match(errorLine(r.err), /^connector-auditor: The server exited with code 3\. Last output: fatal: the database connection was lost/);
    assert.equal(r.err.trimEnd().split('\n').length, 1, 'one line');
    assert.equal(alive(Number(await readFile(pidFile, 'utf8'))), false);
  });

  it('a 20 MB text result completes and is shown truncated with a note', { timeout: 30_000 }, async () => {
    const r = await cli('tools', 'call', 'faults', 'huge');
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.length < 200_000, `human output stays small (${r.out.length} chars)`);
    assert.match(r.out, /… \[truncated: showing 97\.7 KB of 20\.0 MB\]/);
    assert.ok(r.ms < 20_000, `no freeze (${Math.round(r.ms)} ms)`);
  });

  it('--json prints the 20 MB result in full, as received', { timeout: 30_000 }, async () => {
    const r = await cli('--json', 'tools', 'call', 'faults', 'huge');
    assert.equal(r.code, 0, r.err);
    const result = JSON.parse(r.out) as CallToolResult;
    assert.equal((result.content[0] as { text: string }).text.length, 20 * 1024 * 1024);
  });

  describe('malformed JSON-RPC answers', () => {
    it('a result that is not a CallToolResult → exit 5, one line naming the field', async () => {
      const r = await cli('tools', 'call', 'faults', 'bad-result');
      assert.equal(r.code, 5, r.err);
      assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
      assert.match(errorLine(r.err), /"bad-result" failed: .*"content".*expected array/);
    });

    it("a JSON-RPC error object → exit 5 with the server's message", async () => {
      const r = await cli('tools', 'call', 'faults', 'error-response');
      assert.equal(r.code, 5, r.err);
      assert.match(errorLine(r.err), /"error-response" failed: MCP error -32603: the database is on fire/);
    });

    it('structuredContent that breaks the declared outputSchema → exit 5', async () => {
      const r = await cli('tools', 'call', 'faults', 'lying-structured');
      assert.equal(r.code, 5, r.err);
      assert.match(errorLine(r.err), /Structured content does not match the tool's output schema/);
    });

    it('a non-JSON line or a JSON-RPC 1.0 message instead of the answer → the call times out (exit 7), the garbage is logged', async () => {
      for (const tool of ['garbage-answer', 'wrong-version']) {
        const r = await cli('--verbose', '--timeout', '500', 'tools', 'call', 'faults', tool);
        assert.equal(r.code, 7, `${tool}: ${r.err}`);
        assert.match(r.err, /\[stdout, not JSON-RPC\]/);
      }
    });
  });

  it('a tool result with isError → printed, then exit 5 with its text on stderr', async () => {
    const r = await cli('tools', 'call', 'faults', 'is-error');
    assert.equal(r.code, 5);
    assert.match(r.out, /\*\*The tool reported an error\*\*/);
    assert.equal(errorLine(r.err), 'connector-auditor: "is-error" on "faults" reported an error: quota exceeded for this key');
    const j = await cli('--json', 'tools', 'call', 'faults', 'is-error');
    assert.equal(j.code, 5);
    assert.equal((JSON.parse(j.out) as CallToolResult).isError, true);
  });

  it('Ctrl+C during a call that never answers → exit 130 and the server is told to cancel', async () => {
    const controller = new AbortController();
    let interruptedAt = 0;
    const r = await box.run(['--config', config, '--verbose', 'tools', 'call', 'faults', 'never-answers'], {
      signal: controller.signal,
      onErr: (_chunk, all) => {
        if (interruptedAt || !/\[stderr\] received \d+/.test(all)) return;
        interruptedAt = performance.now();
        controller.abort();
      },
    });
    assert.ok(interruptedAt, `the call reached the server: ${r.err}`);
    assert.equal(r.code, 130, r.err);
    assert.match(errorLine(r.err), /Interrupted/);
    assert.match(r.err, /\[stderr\] cancelled \d+/);
    assert.ok(performance.now() - interruptedAt < 3000, `${Math.round(performance.now() - interruptedAt)} ms after the interrupt`);
  });

  it('Ctrl+C while connecting to a server that never initializes → exit 130, the process is stopped', async () => {
    const hangs = await box.file('hangs.json', {
      connectors: [{ name: 'hangs', command: process.execPath, args: [`${__dirname}/../fixtures/servers/hangs.mjs`] }],
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const r = await box.run(['--config', hangs, 'tools', 'list', 'hangs'], { signal: controller.signal });
    assert.equal(r.code, 130, r.err);
    assert.ok(r.ms < 3000, `${Math.round(r.ms)} ms`);
  });

  describe('arguments and names', () => {
    it('missing required argument → exit 1 naming the field, before anything is sent', async () => {
      const r = await cli('tools', 'call', 'faults', 'echo');
      assert.equal(r.code, 1);
      assert.equal(errorLine(r.err), 'connector-auditor: echo: Invalid arguments: "text" is required.');
    });

    it('a wrong type in --args-json → exit 1 naming the field', async () => {
      const r = await cli('tools', 'call', 'faults', 'echo', '--args-json', '{"text": 42}');
      assert.equal(r.code, 1);
      assert.match(errorLine(r.err), /"text" must be string/);
    });

    it('--args-json that is not a JSON object → exit 1', async () => {
      for (const bad of ['{nope', '[1,2]', '"text"']) {
        const r = await cli('tools', 'call', 'faults', 'echo', '--args-json', bad);
        assert.equal(r.code, 1, bad);
        assert.match(errorLine(r.err), /--args-json/);
      }
    });

    it('--arg without "=" → exit 1', async () => {
      const r = await cli('tools', 'call', 'faults', 'echo', '--arg', 'text');
      assert.equal(r.code, 1);
      assert.match(errorLine(r.err), /--arg "text" is not key=value/);
    });

    it('an unknown tool → exit 1 listing what the connector offers', async () => {
      const r = await cli('tools', 'call', 'faults', 'nope');
      assert.equal(r.code, 1);
      assert.match(errorLine(r.err), /"faults" has no tool "nope"\. It offers: echo, never-answers/);
    });

    it('an excluded tool → exit 1 saying so', async () => {
      const excl = await box.file('excluded.json', {
        connectors: [{ name: 'faults', command: process.execPath, args: [FAULTS_SERVER], toolConfiguration: { exclude: ['echo'] } }],
      });
      const r = await box.run(['--config', excl, 'tools', 'call', 'faults', 'echo', '--arg', 'text=x']);
      assert.equal(r.code, 1);
      assert.match(errorLine(r.err), /"echo" is excluded/);
      const list = await box.run(['--config', excl, '--json', 'tools', 'list', 'faults']);
      const rows = JSON.parse(list.out) as Array<{ name: string; included: boolean }>;
      assert.equal(rows.find((t) => t.name === 'echo')?.included, false);
      assert.equal(rows.find((t) => t.name === 'huge')?.included, true);
    });

    it('an unknown connector → exit 1 naming the known ones', async () => {
      const r = await cli('tools', 'call', 'nosuch', 'echo');
      assert.equal(r.code, 1);
      assert.match(errorLine(r.err), /No connector named "nosuch" \(there are: faults\)\. Run "connector-auditor connectors list"/);
    });
  });
});

describe('CLI authentication errors', () => {
  let box: Sandbox;
  let server: import('node:http').Server;
  let port: number;
  before(async () => {
    box = await sandbox();
    const { createServer } = await import('node:http');
    server = createServer((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end('unauthorized');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await box?.dispose();
  });

  it('HTTP 401 → exit 3 naming the refused credentials, for tools list and tools call', async () => {
    const list = await box.run(['--url', `http://127.0.0.1:${port}/mcp`, 'tools', 'list']);
    assert.equal(list.code, 3, list.err);
    assert.match(errorLine(list.err), /refused the credentials \(HTTP 401\)/);
    const call = await box.run(['--url', `http://127.0.0.1:${port}/mcp`, 'tools', 'call', 'echo']);
    assert.equal(call.code, 3, call.err);
  });

  it('a secret placeholder is read from CONNECTOR_AUDITOR_SECRET_<NAME>; unset → exit 4 naming the variable', async () => {
    const config = await box.file('secret.json', {
      connectors: [{ name: 'withsecret', command: process.execPath, args: [FAULTS_SERVER], env: { TOKEN: '${secret:api-token}' } }],
    });
    const missing = await box.run(['--config', config, 'tools', 'list', 'withsecret']);
    assert.equal(missing.code, 4);
    assert.match(errorLine(missing.err), /CONNECTOR_AUDITOR_SECRET_API_TOKEN/);
    const set = await box.run(['--config', config, 'tools', 'list', 'withsecret'], { env: { ...box.env, CONNECTOR_AUDITOR_SECRET_API_TOKEN: 'abc' } });
    assert.equal(set.code, 0, set.err);
  });
});

describe('CLI answering a server that asks for input (elicitation)', () => {
  let box: Sandbox;
  let config: string;
  before(async () => {
    box = await sandbox();
    config = await box.file('connectors.json', { connectors: [{ name: 'faults', command: process.execPath, args: [FAULTS_SERVER] }] });
  });
  after(() => box?.dispose());

  const text = (out: string) => JSON.parse((JSON.parse(out) as CallToolResult).content.map((c) => (c as { text: string }).text).join('')) as unknown;

  it('--yes accepts the form with its defaults', async () => {
    const r = await box.run(['--config', config, '--json', '--yes', 'tools', 'call', 'faults', 'asks']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(text(r.out), { action: 'accept', content: { colour: 'blue' } });
  });

  it('without --yes or a terminal the capability is not declared, so the server does not ask', async () => {
    const r = await box.run(['--config', config, 'tools', 'call', 'faults', 'asks']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /the client declared no elicitation capability/);
  });

  it('on a terminal the person sees the question and the defaults: y accepts, n declines', async () => {
    for (const [answer, expected] of [
      ['y\n', { action: 'accept', content: { colour: 'blue' } }],
      ['n\n', { action: 'decline' }],
    ] as const) {
      const { PassThrough } = await import('node:stream');
      const stdin = new PassThrough();
      const r = await box.run(['--config', config, '--json', 'tools', 'call', 'faults', 'asks'], {
        stdin,
        tty: { stdin: true, stderr: true },
        onErr: (_c, all) => all.endsWith('Accept these values? [y/N] ') && stdin.write(answer),
      });
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, /"faults" asks for input: Which colour should the report use\?\n {2}colour \(required\): "blue"\n/);
      assert.deepEqual(text(r.out), expected);
    }
  });
});
