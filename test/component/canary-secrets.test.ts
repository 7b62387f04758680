// Issue 7: "A canary token placed in a connector header and in a model key never appears in logs,
// transcripts, reports, history, webview messages or error text" — here for the CLI, end to end,
// in-process: the real main(), the real OpenAI and Mistral SDKs against the scripted fake model,
// server-everything over Streamable HTTP (behind a proxy that records headers) and over stdio.
// Each canary is unique per test, so a hit can only come from this run. The tests also prove the
// canaries were really used (the model server saw the key, the MCP servers saw the header and
// the env, the mask stands where a canary was said), so a pass cannot mean the secret never left
// the environment.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditReport } from '../../src/core/audit/report';
import { MASK } from '../../src/core/util/redact';
import { startRecordingProxy, type RecordingProxy } from '../fixtures/canary/recordingProxy';
import { startFakeModel, type Dialect, type FakeModelServer, type FakeToolCall, type FakeTurn } from '../fixtures/fakeModel/server';
import { startEverything } from '../helpers/everythingServer';
import { errorLine, EVERYTHING_ENTRY, sandbox, stdioEverything, type Run, type Sandbox } from './cli-harness';

interface Canaries {
  /** The model's API key (OPENAI_API_KEY or MISTRAL_API_KEY). */
  modelKey: string;
  /** `X-Api-Key: ${secret:api-key}` of the HTTP connector. */
  header: string;
  /** `auth: { type: 'bearer', token: '${secret:bearer}' }` of the HTTP connector. */
  bearer: string;
  /** `env: { LEAK: '${secret:leak}' }` of the stdio connector: get-env puts it in a tool result. */
  leak: string;
}

// Not token-shaped (no sk-, ghp_ …), so only masking by known value can hide them.
const newCanaries = (): Canaries => ({
  modelKey: `canary-model-${randomUUID()}`,
  header: `canary-header-${randomUUID()}`,
  bearer: `canary-bearer-${randomUUID()}`,
  leak: `canary-leak-${randomUUID()}`,
});
const all = (c: Canaries): string[] => [c.modelKey, c.header, c.bearer, c.leak];

const REPORT: AuditReport = {
  target: 'acme/widget',
  verdict: 'ADOPT WITH CAUTION',
  summary: 'The echo service answers; the environment was inspected.',
  // No citation: most runs here call no tool, and a source no tool returned would be sent back.
  findings: [],
};
const submit = (report: AuditReport = REPORT): FakeToolCall => ({ name: 'submit_audit_report', arguments: report as unknown as Record<string, unknown> });
const call = (name: string, args: Record<string, unknown> = {}): FakeToolCall => ({ name, arguments: args });

const LEAKY_SERVER = join(__dirname, '..', 'fixtures', 'canary', 'leaky-server.mjs');

const KEY_VARIABLE: Record<Dialect, string> = { openai: 'OPENAI_API_KEY', mistral: 'MISTRAL_API_KEY' };
const modelFlags = (dialect: Dialect, f: FakeModelServer): string[] =>
  dialect === 'openai' ? ['--provider', 'openai', '--base-url', f.baseUrl, '--model', 'fake-model'] : ['--provider', 'mistral', '--base-url', f.url];

/** Fails naming where the canary was found, with the text around it (the whole output would drown it). */
function assertAbsent(text: string, where: string, canaries: readonly string[]): void {
  for (const canary of canaries) {
    const at = text.indexOf(canary);
    assert.ok(at < 0, `${where} holds the canary ${canary}: …${text.slice(Math.max(0, at - 200), at + canary.length + 100)}…`);
  }
}

/** Every file the run could have written (report, transcript, registry, anything else): "history" included. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const found: { path: string; text: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else if (entry.isFile()) found.push({ path, text: await readFile(path, 'utf8') });
  }
  return found;
}

/** The tool messages of the n-th request (0-based) the fake model received: what the model was told. */
function toolMessages(f: FakeModelServer, n: number): string[] {
  const { messages } = f.requests[n].body as { messages: { role: string; content: unknown }[] };
  return messages.filter((m) => m.role === 'tool').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
}

describe('canary secrets: the CLI audit never shows or stores the model key or connector secrets', () => {
  let everything: Awaited<ReturnType<typeof startEverything>>;
  before(async () => (everything = await startEverything('streamableHttp')));
  after(() => everything.stop());

  let box: Sandbox;
  let c: Canaries;
  let proxy: RecordingProxy | undefined;
  let fake: FakeModelServer | undefined;

  beforeEach(async () => {
    box = await sandbox();
    // Whatever the developer's shell holds, each test says which keys exist.
    delete box.env.MISTRAL_API_KEY;
    delete box.env.OPENAI_API_KEY;
    c = newCanaries();
    // The documented CLI source of `${secret:NAME}` (placeholders.ts envNameForSecret), spelled out
    // here rather than computed, so a change of that contract fails this test.
    box.env.CONNECTOR_AUDITOR_SECRET_API_KEY = c.header;
    box.env.CONNECTOR_AUDITOR_SECRET_BEARER = c.bearer;
    box.env.CONNECTOR_AUDITOR_SECRET_LEAK = c.leak;
  });
  afterEach(async () => {
    await fake?.close();
    await proxy?.close();
    fake = proxy = undefined;
    await box.dispose();
  });

  /** `remote` (HTTP, secret header and bearer) through the recording proxy, and `local` (stdio, secret env). */
  async function connectors(remote: RecordingProxy): Promise<string> {
    return box.file('connectors.json', {
      connectors: [
        {
          name: 'remote',
          transport: 'http',
          url: `${remote.url}/mcp`,
          headers: { 'X-Api-Key': '${secret:api-key}' },
          auth: { type: 'bearer', token: '${secret:bearer}' },
        },
        stdioEverything({ name: 'local', env: { LEAK: '${secret:leak}' } }),
      ],
    });
  }

  /** `audit acme/widget --yes --verbose` over the connectors in `config`, the model key a canary. */
  async function auditWith(config: string, dialect: Dialect, turns: FakeTurn[], extra: string[]): Promise<Run> {
    box.env[KEY_VARIABLE[dialect]] = c.modelKey;
    fake = await startFakeModel(turns, { dialect });
    return box.run(['--config', config, 'audit', 'acme/widget', ...modelFlags(dialect, fake), '--yes', '--verbose', ...extra]);
  }

  /** The same over `remote` and `local`; a test may have started its own proxy first. */
  async function audit(dialect: Dialect, turns: FakeTurn[], extra: string[]): Promise<Run> {
    proxy ??= await startRecordingProxy({ target: `http://127.0.0.1:${everything.port}` });
    return auditWith(await connectors(proxy), dialect, turns, extra);
  }

  /** stdout, stderr and every file in the sandbox: none may hold a canary. */
  async function assertNowhere(r: Run): Promise<void> {
    assertAbsent(r.out, 'stdout', all(c));
    assertAbsent(r.err, 'stderr (progress, --verbose logs, errors)', all(c));
    for (const file of await filesUnder(box.dir)) assertAbsent(file.text, file.path, all(c));
  }

  for (const dialect of ['openai', 'mistral'] as const) {
    for (const format of ['md', 'json'] as const) {
      it(`a full audit (${dialect}, ${format}): the canaries reach the model and both servers, and appear in no output, log, transcript or report`, async () => {
        const transcript = join(box.dir, 'logs', 'run.jsonl');
        const report = join(box.dir, 'reports', `audit.${format}`);
        // The model repeats what a person might have pasted (its text and its tool arguments), and
        // the tools answer with secrets of their own: the server's environment, and echoes.
        const r = await audit(
          dialect,
          [
            {
              text: `Looking at ${c.modelKey} and ${c.header} now.`,
              toolCalls: [
                call('remote__echo', { message: `header ${c.header} bearer ${c.bearer}` }),
                call('local__get-env'),
                call('local__echo', { message: c.modelKey }),
              ],
            },
            { toolCalls: [submit()] },
          ],
          ['--transcript', transcript, '--out', report, ...(format === 'json' ? ['--format', 'json'] : [])],
        );
        assert.equal(r.code, 0, r.err);

        // They were used: the key went to the model server, the header and bearer to the HTTP server …
        assert.equal(fake!.requests[0].headers.authorization, `Bearer ${c.modelKey}`);
        assert.ok(
          proxy!.seen.some((h) => h['x-api-key'] === c.header && h.authorization === `Bearer ${c.bearer}`),
          'the HTTP connector sent X-Api-Key and the bearer token',
        );
        // … and the stdio server had LEAK in its environment: get-env returned it, masked. (If a very
        // large environment ever pushes LEAK past the result budget, this is what fails.)
        const [echoed, env, keyEcho] = toolMessages(fake!, 1);
        assert.ok(env.includes(`"LEAK": "${MASK}"`), env);
        assert.match(echoed, new RegExp(`Echo: header ${MASK} bearer ${MASK}`));
        assert.match(keyEcho, new RegExp(`Echo: ${MASK}`));
        // Tool output is masked before the model reads it, so the model is never told a connector secret.
        for (const message of toolMessages(fake!, 1)) assertAbsent(message, 'a tool result sent to the model', all(c));

        // Nowhere a person or a file sees them …
        await assertNowhere(r);
        const transcriptText = await readFile(transcript, 'utf8');
        const reportText = await readFile(report, 'utf8');
        assertAbsent(transcriptText, 'the transcript', all(c));
        assertAbsent(reportText, 'the report', all(c));
        // … yet where they appeared, the mask stands in (so the sweep above did look at the right text).
        assert.ok(transcriptText.includes(MASK), 'the transcript masks them');
        assert.match(r.err, new RegExp(`→ remote › echo \\{"message":"header ${MASK} bearer ${MASK}"\\}`));
        assert.match(r.err, new RegExp(`Looking at ${MASK} and ${MASK} now\\.`), '--verbose streamed the text, masked');
        if (format === 'json') assert.equal((JSON.parse(reportText) as AuditReport).verdict, 'ADOPT WITH CAUTION');
        else assert.match(reportText, /\*\*Verdict: ADOPT WITH CAUTION\*\*/);
      });
    }

    it(`${dialect}: a 401 whose body quotes the key exits 3, and the error text does not`, async () => {
      const transcript = join(box.dir, 'run.jsonl');
      const r = await audit(dialect, [{ status: 401, message: `Incorrect API key provided: ${c.modelKey}` }], ['--transcript', transcript]);
      assert.equal(r.code, 3, r.err);
      assert.equal(fake!.requests[0].headers.authorization, `Bearer ${c.modelKey}`, 'the key was sent');
      assert.match(errorLine(r.err), new RegExp(`rejected the API key \\(HTTP 401\\)\\. Set ${KEY_VARIABLE[dialect]} to a valid key\\.`));
      await assertNowhere(r);
    });

    it(`${dialect}: a 400 whose body quotes the key exits 5; the error text keeps the server's words, masked`, async () => {
      const r = await audit(dialect, [{ status: 400, message: `key ${c.modelKey} may not use tools` }], []);
      assert.equal(r.code, 5, r.err);
      assert.match(errorLine(r.err), new RegExp(`refused the request \\(HTTP 400\\).*key ${MASK} may not use tools`));
      await assertNowhere(r);
    });
  }

  it('an HTTP connector whose server quotes the credentials in its error: the warning and logs do not', async () => {
    proxy = await startRecordingProxy({ rejectWith: 500 });
    const r = await audit('openai', [{ toolCalls: [submit()] }], []);
    assert.equal(r.code, 0, r.err);
    assert.ok(
      proxy.seen.some((h) => h['x-api-key'] === c.header && h.authorization === `Bearer ${c.bearer}`),
      'the credentials were sent',
    );
    assert.match(r.err, /warning: remote: .*— the audit goes on without "remote"\./);
    // The server's words reach the --verbose log, with what it quoted masked.
    assert.match(r.err, new RegExp(`\\[remote\\] warn: .*"x-api-key":"${MASK}","authorization":"Bearer ${MASK}"`));
    await assertNowhere(r);
  });

  /** A stdio connector whose one tool fails quoting `${secret:leak}` (see leaky-server.mjs). */
  const leaky = () =>
    box.file('leaky.json', { connectors: [{ name: 'leaky', command: process.execPath, args: [LEAKY_SERVER], env: { LEAK: '${secret:leak}' } }] });

  it('a tool error quoting a connector secret is masked on stderr and in the transcript', async () => {
    const config = await leaky();
    const transcript = join(box.dir, 'run.jsonl');
    const r = await auditWith(config, 'openai', [{ toolCalls: [call('leaky__fail')] }, { toolCalls: [submit()] }], ['--transcript', transcript]);
    assert.equal(r.code, 0, r.err);
    // The server had the secret and said it: the preview shows where, masked.
    assert.match(r.err, new RegExp(`← leaky › fail: error in .*the backend rejected the token ${MASK}`));
    await assertNowhere(r);
  });

  it('…and the model is not told it either (else it can repeat it in its report)', async () => {
    const r = await auditWith(await leaky(), 'openai', [{ toolCalls: [call('leaky__fail')] }, { toolCalls: [submit()] }], []);
    assert.equal(r.code, 0, r.err);
    const [told] = toolMessages(fake!, 1);
    assert.match(told, /the backend rejected the token/);
    assertAbsent(told, 'the tool message sent to the model', all(c));
  });

  it('a rate-limit answer that quotes the key is retried; the Retry line does not show the key', async () => {
    // Retry-After: 0, so the retry happens at once (no timing in this test).
    const r = await audit('openai', [{ status: 429, retryAfter: 0, message: `quota exceeded for ${c.modelKey}` }, { toolCalls: [submit()] }], []);
    assert.equal(r.code, 0, r.err);
    assert.equal(fake!.requests.length, 2, 'retried once');
    assert.match(r.err, /Retry: .*HTTP 429/);
    await assertNowhere(r);
    assert.match(r.err, new RegExp(`quota exceeded for ${MASK}`));
  });

  it('a report that quotes a canary has it masked in the report file', async () => {
    const quoting: AuditReport = {
      ...REPORT,
      summary: `Configured with ${c.header}. Key ${c.modelKey} in use.`,
    };
    const out = join(box.dir, 'audit.md');
    const r = await audit('openai', [{ toolCalls: [submit(quoting)] }], ['--out', out]);
    assert.equal(r.code, 0, r.err);
    await assertNowhere(r);
    assert.match(await readFile(out, 'utf8'), new RegExp(`Configured with ${MASK}\\.`));
  });

  it("an undetermined report quoting the model's last answer has the canary masked", async () => {
    const out = join(box.dir, 'audit.md');
    const r = await audit('openai', [{ text: `It uses ${c.header}.` }, { text: `Still ${c.header}.` }], ['--out', out]);
    assert.equal(r.code, 8, r.err);
    await assertNowhere(r);
    assert.match(await readFile(out, 'utf8'), new RegExp(`Still ${MASK}\\.`));
  });

  it('--verbose text: a canary split over two streamed chunks is still masked on stderr', async () => {
    const transcript = join(box.dir, 'run.jsonl');
    // Providers cut text into tokens wherever they like; a secret spans chunks as easily as not.
    const half = Math.floor(c.header.length / 2);
    const r = await audit(
      'openai',
      [{ text: ['Header ', c.header.slice(0, half), `${c.header.slice(half)} seen.`], toolCalls: [submit()] }],
      ['--transcript', transcript],
    );
    assert.equal(r.code, 0, r.err);
    await assertNowhere(r);
    assert.ok((await readFile(transcript, 'utf8')).includes(`Header ${MASK} seen.`), 'the transcript, which masks the whole message, does');
  });

  it("--verbose: a secret in a stdio connector's args is not in the line that says how it was started", async () => {
    // server-everything reads only its first argument (the transport) and ignores the flag after it.
    const config = await box.file('args.json', {
      connectors: [stdioEverything({ name: 'local', args: [EVERYTHING_ENTRY, 'stdio', '--token=${secret:leak}'] })],
    });
    const r = await auditWith(config, 'openai', [{ toolCalls: [submit()] }], []);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /\[local\] info: starting /);
    await assertNowhere(r);
  });
});
