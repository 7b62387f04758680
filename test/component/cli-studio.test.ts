// `connector-auditor studio …` against the fake Mistral Studio API (the real SDK underneath),
// with server-everything behind one connector so a direct call really reaches an MCP server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startStudioFixture, type StudioFixture } from '../fixtures/mistralStudio/server';
import { startEverything } from '../helpers/everythingServer';
import { errorLine, REPO, sandbox, type Sandbox } from './cli-harness';

describe('connector-auditor studio', () => {
  let fixture: StudioFixture;
  let everything: Awaited<ReturnType<typeof startEverything>>;
  let box: Sandbox;
  before(async () => {
    [fixture, everything, box] = await Promise.all([startStudioFixture(), startEverything('streamableHttp'), sandbox()]);
    box.env.MISTRAL_API_KEY = fixture.key;
    box.env.CONNECTOR_AUDITOR_MISTRAL_URL = fixture.url;
  });
  after(async () => {
    await fixture.close();
    await everything.stop();
    await box.dispose();
  });

  /** Runs with a terminal whose person answers `answer` to the first y/N question. */
  const withAnswer = (argv: string[], answer: string) => {
    const stdin = new PassThrough();
    let asked = false;
    return box.run(argv, {
      stdin,
      tty: { stdin: true, stderr: true },
      onErr: (_c, all) => {
        if (!asked && /\[y\/N\] $/.test(all)) {
          asked = true;
          stdin.write(answer);
        }
      },
    });
  };

  it('creates a connector, lists it, updates it and deletes it after asking', async () => {
    const c = await box.run([
      'studio',
      'connectors',
      'create',
      'tracker',
      '--server',
      'https://tracker.example.com/mcp',
      '--description',
      'Team tracker',
      '--visibility',
      'shared_workspace',
      '--auth',
      'bearer',
    ]);
    assert.equal(c.code, 0, c.err);
    assert.match(c.out, /Created Studio connector "tracker" \(shared_workspace, id [0-9a-f-]{36}\)/);
    const stored = fixture.connectors.find((x) => x.name === 'tracker');
    assert.equal(stored?.visibility, 'shared_workspace');
    assert.deepEqual(stored?.authMethods, [{ method_type: 'bearer' }]);

    const l = await box.run(['studio', 'connectors', 'list']);
    assert.equal(l.code, 0, l.err);
    assert.match(l.out, /^tracker\s+shared_workspace\s+https:\/\/tracker\.example\.com\/mcp\s+Team tracker$/m);

    const u = await box.run(['studio', 'connectors', 'update', 'tracker', '--name', 'issues', '--visibility', 'private', '--json']);
    assert.equal(u.code, 0, u.err);
    const updated = JSON.parse(u.out) as { name: string; visibility: string; id: string };
    assert.equal(updated.name, 'issues');
    assert.equal(updated.visibility, 'private');
    assert.equal(updated.id, stored?.id);

    const refused = await box.run(['studio', 'connectors', 'delete', 'issues']);
    assert.equal(refused.code, 6);
    assert.match(errorLine(refused.err), /no terminal to ask; pass --yes/);
    const no = await withAnswer(['studio', 'connectors', 'delete', 'issues'], 'n\n');
    assert.equal(no.code, 6);
    assert.match(no.err, /Delete Studio connector "issues" \(private, https:\/\/tracker\.example\.com\/mcp\)/);
    assert.ok(
      fixture.connectors.some((x) => x.name === 'issues'),
      'kept after "n"',
    );

    const yes = await withAnswer(['studio', 'connectors', 'delete', 'issues'], 'y\n');
    assert.equal(yes.code, 0, yes.err);
    assert.match(yes.out, /Deleted Studio connector "issues"/);
    assert.ok(!fixture.connectors.some((x) => x.name === 'issues'));
  });

  it('lists a registry of 120 connectors across pages', async () => {
    const seeded = fixture.seed(120, 'bulk');
    const r = await box.run(['studio', 'connectors', 'list', '--json']);
    assert.equal(r.code, 0, r.err);
    const names = (JSON.parse(r.out) as Array<{ name: string }>).map((c) => c.name);
    assert.deepEqual(
      names.filter((n) => n.startsWith('bulk-')),
      seeded.map((s) => s.name),
    );
    const pages = fixture.requests.filter((q) => q.method === 'GET' && q.path === '/v1/connectors' && q.query.get('page_size'));
    assert.ok(
      pages.some((q) => q.query.get('cursor')),
      'the second page was asked for with the cursor',
    );
    for (const s of seeded) fixture.connectors.splice(fixture.connectors.indexOf(s), 1);
  });

  it('lists the tools of a connector backed by a real MCP server and calls one with typed --arg', async () => {
    const c = await box.run([
      'studio',
      'connectors',
      'create',
      'everything',
      '--server',
      `http://127.0.0.1:${everything.port}/mcp`,
      '--description',
      'server-everything',
    ]);
    assert.equal(c.code, 0, c.err);
    const l = await box.run(['studio', 'tools', 'list', 'everything']);
    assert.equal(l.code, 0, l.err);
    assert.match(l.out, /^echo\s+\[read-only\]\s+Echoes back the input string$/m);
    assert.match(l.out, /^toggle-simulated-logging\s+\[asks first\]\s+Toggles simulated/m);

    const call = await box.run(['studio', 'tools', 'call', 'everything', 'get-sum', '--arg', 'a=2', '--arg', 'b=40', '--yes']);
    assert.equal(call.code, 0, call.err);
    assert.match(call.out, /everything \(Mistral Studio\) › get-sum/);
    assert.match(call.out, /42/);
    const sent = fixture.requests.filter((q) => q.path === '/v1/connectors/everything/tools/get-sum/call').at(-1);
    assert.deepEqual(JSON.parse(sent!.body), { arguments: { a: 2, b: 40 } });
  });

  it('asks before a tool that is not read-only, and a "no" is exit 6 with nothing called', async () => {
    const path = '/v1/connectors/everything/tools/toggle-simulated-logging/call';
    const denied = await withAnswer(['studio', 'tools', 'call', 'everything', 'toggle-simulated-logging'], 'n\n');
    assert.equal(denied.code, 6);
    assert.match(denied.err, /Run "toggle-simulated-logging" on "everything \(Mistral Studio\)"\? It asks first: not marked read-only by the server\./);
    assert.equal(fixture.count(path), 0);
    const headless = await box.run(['studio', 'tools', 'call', 'everything', 'toggle-simulated-logging']);
    assert.equal(headless.code, 6);
    assert.match(errorLine(headless.err), /pass --yes to allow it/);
    assert.equal(fixture.count(path), 0);
    const allowed = await withAnswer(['studio', 'tools', 'call', 'everything', 'toggle-simulated-logging', '--args-json', '{}'], 'y\n');
    assert.equal(allowed.code, 0, allowed.err);
    assert.equal(fixture.count(path), 1);
    assert.match(allowed.out, /logging/i);
  });

  it('refuses arguments that do not fit the tool before calling it', async () => {
    const r = await box.run(['studio', 'tools', 'call', 'everything', 'get-sum', '--arg', 'a=two', '--yes']);
    assert.equal(r.code, 1);
    assert.match(errorLine(r.err), /get-sum: .*a/);
  });

  it('says a name is taken (409) and a connector or tool is unknown (404), exit 1', async () => {
    const taken = await box.run(['studio', 'connectors', 'create', 'everything', '--server', 'https://x.example.com/mcp', '--description', 'again']);
    assert.equal(taken.code, 1);
    assert.match(errorLine(taken.err), /A Studio connector named "everything" already exists in this workspace \(HTTP 409\)\. Choose another name/);
    const missing = await box.run(['studio', 'tools', 'list', 'nope']);
    assert.equal(missing.code, 1);
    assert.match(errorLine(missing.err), /no connector "nope" in this workspace \(HTTP 404/);
    const gone = await box.run(['studio', 'connectors', 'delete', 'nope', '--yes']);
    assert.equal(gone.code, 1);
    const tool = await box.run(['studio', 'tools', 'call', 'everything', 'nope', '--yes']);
    assert.equal(tool.code, 1);
    assert.match(errorLine(tool.err), /Studio connector "everything" has no tool "nope"\. It offers: .*echo/);
  });

  it('names MISTRAL_API_KEY when the key is missing or rejected (exit 3)', async () => {
    const saved = box.env.MISTRAL_API_KEY;
    try {
      delete box.env.MISTRAL_API_KEY;
      const none = await box.run(['studio', 'connectors', 'list']);
      assert.equal(none.code, 3);
      assert.match(errorLine(none.err), /No Mistral API key\. Set the MISTRAL_API_KEY environment variable/);
      box.env.MISTRAL_API_KEY = 'wrong-key';
      const wrong = await box.run(['studio', 'connectors', 'list']);
      assert.equal(wrong.code, 3);
      assert.match(errorLine(wrong.err), /Mistral rejected the API key \(HTTP 401\)\. Set the MISTRAL_API_KEY/);
    } finally {
      box.env.MISTRAL_API_KEY = saved;
    }
  });

  it('retries a 429 after Retry-After, telling so; still limited after the retries is exit 4', async () => {
    fixture.rateLimit(1, 0);
    const retried = await box.run(['studio', 'connectors', 'list', '--json']);
    assert.equal(retried.code, 0, retried.err);
    assert.match(retried.err, /rate limiting requests; retrying in 0 ms \(retry 1\)/);
    fixture.rateLimit(3, 0);
    const limited = await box.run(['studio', 'connectors', 'list']);
    assert.equal(limited.code, 4);
    assert.match(errorLine(limited.err), /rate limiting requests \(HTTP 429\)\. It asks to retry after 0 ms\. Wait and try again\./);
  });

  it('says when Mistral cannot be reached (exit 4), naming the URL', async () => {
    const saved = box.env.CONNECTOR_AUDITOR_MISTRAL_URL;
    try {
      box.env.CONNECTOR_AUDITOR_MISTRAL_URL = 'http://127.0.0.1:9';
      const r = await box.run(['studio', 'connectors', 'list']);
      assert.equal(r.code, 4);
      assert.match(errorLine(r.err), /Cannot reach Mistral at http:\/\/127\.0\.0\.1:9.*CONNECTOR_AUDITOR_MISTRAL_URL/);
    } finally {
      box.env.CONNECTOR_AUDITOR_MISTRAL_URL = saved;
    }
  });

  it('refuses bad input before any request', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['studio', 'connectors', 'create', 'x'], /needs --server URL/],
      [['studio', 'connectors', 'create', 'bad name', '--server', 'https://a.b', '--description', 'd'], /not a valid Studio connector name/],
      [['studio', 'connectors', 'create', 'x', '--server', 'ftp://a', '--description', 'd'], /--server must be an http\(s\) URL/],
      [['studio', 'connectors', 'update', 'x'], /changes nothing/],
      [['studio', 'connectors', 'create', 'x', '--server', 'https://a.b', '--description', 'd', '--auth', 'oauth2'], /--auth is none or bearer/],
      [['studio', 'tools', 'call', 'x'], /needs CONNECTOR and TOOL/],
      [['studio', 'connectors', 'list', '--stdio', 'node x'], /take no --stdio/],
      [['tools', 'list', '--server', 'https://a.b'], /--server applies to studio connectors create and update only/],
    ];
    const before = fixture.requests.length;
    for (const [argv, message] of cases) {
      const r = await box.run(argv);
      assert.equal(r.code, 1, argv.join(' '));
      assert.match(errorLine(r.err), message, argv.join(' '));
    }
    assert.equal(fixture.requests.length, before);
  });

  it('works from the built CLI bundle (dist/cli.js), where the SDK is inlined', async () => {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, encoding: 'utf8', timeout: 180_000 });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    const cli = join(REPO, 'dist', 'cli.js');
    assert.ok(existsSync(cli));
    const child = spawn(process.execPath, [cli, 'studio', 'tools', 'call', 'everything', 'echo', '--arg', 'message=bundled', '--yes', '--json'], {
      cwd: box.cwd,
      env: box.env,
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, err);
    assert.deepEqual(JSON.parse(out).content, [{ type: 'text', text: 'Echo: bundled' }]);
  });
});
