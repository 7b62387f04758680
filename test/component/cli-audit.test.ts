// `connector-auditor audit` end to end, in-process: the real CLI main(), server-everything over
// stdio as the connector, and the scripted fake model server behind the real `openai` and
// `@mistralai/mistralai` SDKs.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { chooseModel } from '../../src/cli/audit/modelChoice';
import { runFailure } from '../../src/cli/audit/modelErrors';
import type { CliError } from '../../src/cli/exitCodes';
import type { FinishedEvent } from '../../src/core/agent/agentEvents';
import { ModelError } from '../../src/core/agent/modelClient';
import type { AuditReport } from '../../src/core/audit/report';
import { closedPort } from '../fixtures/fakeModel/collect';
import { startFakeModel, type Dialect, type FakeModelServer, type FakeToolCall, type FakeTurn } from '../fixtures/fakeModel/server';
import { EVERYTHING_ENTRY, errorLine, sandbox, stdioEverything, type Sandbox } from './cli-harness';

const REPORT: AuditReport = {
  target: 'acme/widgets',
  verdict: 'ADOPT WITH CAUTION',
  summary: 'The echo service answers and the arithmetic is right.',
  findings: [
    { analysis: 'quality', severity: 'info', claim: 'get-sum adds correctly.', sources: ['tool everything__get-sum'] },
    { analysis: 'security', severity: 'medium', claim: 'The environment could not be inspected.', sources: ['tool everything__get-sum'] },
  ],
};
const submit = (report: AuditReport = REPORT): FakeToolCall => ({ name: 'submit_audit_report', arguments: report as unknown as Record<string, unknown> });
/** The report citing the tool the scripted model did call (a citation of anything else is sent back). */
const citing = (tool: string): AuditReport => ({ ...REPORT, findings: REPORT.findings.map((f) => ({ ...f, sources: [`tool ${tool}`] })) });
const uncited: AuditReport = { ...REPORT, findings: [] };
const call = (name: string, args: Record<string, unknown> = {}, id?: string): FakeToolCall => ({ name, arguments: args, ...(id ? { id } : {}) });

const OPENAI_KEY = 'sk-test-openai-0123456789abcdef';
const MISTRAL_KEY = 'mistral-test-key-0123456789abcdef';
const quote = (s: string) => `"${s}"`;

/** The tool messages of the n-th request (0-based) the fake model received, in either dialect. */
function toolMessages(fake: FakeModelServer, n: number): string[] {
  const messages = fake.requests[n].body.messages as { role: string; content: string | null }[];
  return messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
}

describe('connector-auditor audit', () => {
  let box: Sandbox;
  let config: string;
  let fake: FakeModelServer | undefined;

  beforeEach(async () => {
    box = await sandbox();
    // Whatever the developer's shell holds, each test says which keys exist.
    delete box.env.MISTRAL_API_KEY;
    delete box.env.OPENAI_API_KEY;
    config = await box.file('connectors.json', { connectors: [stdioEverything({ toolConfiguration: { requiresConfirmation: ['get-env'] } })] });
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await box.dispose();
  });

  async function serve(turns: FakeTurn[], dialect: Dialect = 'openai'): Promise<FakeModelServer> {
    fake = await startFakeModel(turns, { dialect });
    return fake;
  }
  const openai = (f: FakeModelServer) => ['--provider', 'openai', '--base-url', f.baseUrl, '--model', 'fake-model'];
  const mistral = (f: FakeModelServer) => ['--provider', 'mistral', '--base-url', f.url];

  it('runs a full audit: two server-everything tools, then the report in Markdown on stdout', async () => {
    const f = await serve([
      { text: 'Checking the service.', toolCalls: [call('everything__echo', { message: 'hello' }), call('everything__get-sum', { a: 2, b: 3 })] },
      { toolCalls: [submit()] },
    ]);
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...openai(f)]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^# Audit of acme\/widgets/);
    assert.match(r.out, /\*\*Verdict: ADOPT WITH CAUTION\*\*/);
    assert.ok(r.out.includes('tool everything\\_\\_get-sum'), r.out);

    assert.equal(f.requests.length, 2);
    assert.equal(f.requests[0].body.model, 'fake-model');
    assert.match(JSON.stringify(f.requests[0].body.messages), /Audit acme\/widgets/);
    const offered = (f.requests[0].body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    assert.ok(offered.includes('everything__echo') && offered.includes('submit_audit_report'), offered.join(','));
    const [echo, sum] = toolMessages(f, 1);
    assert.match(echo, /Echo: hello/);
    assert.match(sum, /5/);

    assert.match(r.err, /^Auditing acme\/widgets with openai:fake-model at http:\/\/127\.0\.0\.1:\d+\/v1$/m);
    assert.match(r.err, /^ {2}everything: ready, 13 tools offered$/m);
    assert.match(r.err, /^Round 1\/25 \(14 tools offered\)$/m);
    assert.match(r.err, /^ {2}→ everything › echo \{"message":"hello"\}$/m);
    assert.match(r.err, /^ {2}← everything › echo: ok in \d+ ms — Echo: hello$/m);
    assert.match(r.err, /^ {2}← everything › get-sum: ok in \d+ ms/m);
    assert.match(r.err, /^Report submitted: ADOPT WITH CAUTION$/m);
    assert.match(r.err, /^Finished \(2 rounds, .*\): ADOPT WITH CAUTION$/m);
    assert.doesNotMatch(r.err, /Checking the service/, 'the streamed text only with --verbose');
  });

  it('--provider mistral with --format json: the AuditReport JSON, through the Mistral SDK', async () => {
    box.env.MISTRAL_API_KEY = MISTRAL_KEY;
    const f = await serve([{ toolCalls: [call('everything__echo', { message: 'hi' })] }, { toolCalls: [submit(citing('everything__echo'))] }], 'mistral');
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...mistral(f), '--format', 'json', '--verbose']);
    assert.equal(r.code, 0, r.err);
    const { target, verdict, summary, findings } = JSON.parse(r.out) as AuditReport;
    assert.deepEqual({ target, verdict, summary, findings }, citing('everything__echo'));
    assert.equal(f.requests[0].dialect, 'mistral');
    assert.equal(f.requests[0].body.model, 'mistral-medium-latest');
    assert.equal(f.requests[0].headers.authorization, `Bearer ${MISTRAL_KEY}`);
    assert.match(toolMessages(f, 1)[0], /Echo: hi/);
    assert.match(r.err, /^ {2}Tokens: \d+ in, \d+ out/m, '--verbose shows usage');
  });

  it('the default provider is mistral when MISTRAL_API_KEY is set, and --json means --format json', async () => {
    box.env.MISTRAL_API_KEY = MISTRAL_KEY;
    const f = await serve([{ text: 'Done looking.', toolCalls: [submit(uncited)] }], 'mistral');
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', '--base-url', f.url, '--json', '--verbose']);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).verdict, 'ADOPT WITH CAUTION');
    assert.match(r.err, /with mistral:mistral-medium-latest/);
    assert.match(r.err, /Done looking\./, '--verbose streams the model text');
  });

  it('--out writes the report atomically and says where; --stdio is the ad-hoc connector', async () => {
    const f = await serve([{ toolCalls: [call('adhoc__echo', { message: 'ad hoc' })] }, { toolCalls: [submit(citing('adhoc__echo'))] }]);
    const out = join(box.dir, 'reports', 'audit.md');
    const r = await box.run(['--stdio', `${quote(process.execPath)} ${quote(EVERYTHING_ENTRY)} stdio`, 'audit', 'acme/widgets', ...openai(f), '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    const written = await readFile(out, 'utf8');
    assert.match(written, /\*\*Verdict: ADOPT WITH CAUTION\*\*/);
    assert.ok(r.err.includes(`Report written to ${out}`), r.err);
    assert.match(toolMessages(f, 1)[0], /Echo: ad hoc/);
  });

  it('--transcript writes JSON Lines with the API key masked everywhere', async () => {
    box.env.MISTRAL_API_KEY = MISTRAL_KEY;
    const f = await serve(
      [
        { text: `My key is ${MISTRAL_KEY}.`, toolCalls: [call('everything__echo', { message: `key ${MISTRAL_KEY}` })] },
        { toolCalls: [submit(citing('everything__echo'))] },
      ],
      'mistral',
    );
    const file = join(box.dir, 'logs', 'run.jsonl');
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...mistral(f), '--transcript', file, '--verbose']);
    assert.equal(r.code, 0, r.err);
    const text = await readFile(file, 'utf8');
    const lines = text.trimEnd().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { type: string });
    const types = new Set(records.map((rec) => rec.type));
    for (const type of ['run', 'message', 'toolCall', 'toolResult', 'usage', 'end']) assert.ok(types.has(type), `a ${type} record`);
    assert.equal(records.at(-1)?.type, 'end');
    assert.ok(!text.includes(MISTRAL_KEY), 'the key is not in the transcript');
    assert.ok(text.includes('••••••'), 'it was masked where it appeared');
    assert.ok(!r.err.includes(MISTRAL_KEY) && !r.out.includes(MISTRAL_KEY), 'nor on stdout or stderr');
    assert.ok(r.err.includes(`Transcript written to ${file}`), r.err);
  });

  it('exits 8 when the model gives no verdict even after the reminder, with the report saying so', async () => {
    const f = await serve([{ text: 'It looks fine to me.' }, { text: 'Really, it is fine.' }]);
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...openai(f)]);
    assert.equal(r.code, 8, r.err);
    assert.match(r.out, /\*\*Verdict: UNDETERMINED\*\*/);
    assert.match(r.out, /Really, it is fine\./, "the model's last answer, as context");
    assert.equal(f.requests.length, 2);
    assert.equal(f.requests[1].body.tool_choice, 'required', 'the reminder round asks for the report');
    assert.match(r.err, /^Round 2\/25: reminding the model to submit its report$/m);
    assert.match(r.err, /^Finished without a verdict \(2 rounds, .*\)\. The verdict is undetermined/m);
  });

  it('exits 3 with one line naming MISTRAL_API_KEY when it is missing, before starting anything', async () => {
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', '--provider', 'mistral']);
    assert.equal(r.code, 3);
    assert.equal(r.out, '');
    assert.equal(r.err.split('\n').filter(Boolean).length, 1, r.err);
    assert.match(errorLine(r.err), /^connector-auditor: MISTRAL_API_KEY is not set/);
  });

  it('with no model configured the rules audit alone, say how to add a model, and name what they could not check', async () => {
    const r = await box.run(['--config', config, 'audit', 'acme/widgets']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /with the evidence rules alone: no model is configured \(set MISTRAL_API_KEY or OPENAI_API_KEY, or pass --base-url/);
    // --config leaves the built-ins out: the rules have nothing to weigh, so they cannot call it safe.
    assert.match(r.out, /\*\*Verdict: ADOPT WITH CAUTION\*\*/);
    assert.match(r.out, /No check had evidence/);
  });

  it('exits 3 when the endpoint rejects the key (401), without showing the key', async () => {
    box.env.OPENAI_API_KEY = OPENAI_KEY;
    const f = await serve([{ status: 401 }]);
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...openai(f)]);
    assert.equal(r.code, 3, r.err);
    assert.match(errorLine(r.err), /rejected the API key \(HTTP 401\)\. Set OPENAI_API_KEY to a valid key\./);
    assert.equal(f.requests[0].headers.authorization, `Bearer ${OPENAI_KEY}`);
    assert.ok(!r.err.includes(OPENAI_KEY));
    assert.equal(r.out, '');
  });

  it('exits 4 when the model endpoint cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', '--base-url', url]);
    assert.equal(r.code, 4, r.err);
    assert.match(errorLine(r.err), /Cannot reach the OpenAI-compatible server at http:\/\/127\.0\.0\.1:\d+\/v1/);
  });

  it('exits 5 on another provider error (a 400 the model server sends)', async () => {
    const f = await serve([{ status: 400, message: 'tools are not supported by this model' }]);
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...openai(f)]);
    assert.equal(r.code, 5, r.err);
    assert.match(errorLine(r.err), /refused the request \(HTTP 400\).*tools are not supported/);
  });

  it('a tool that requires confirmation is denied without --yes (no terminal); the model is told and the run completes', async () => {
    const f = await serve([{ toolCalls: [call('everything__get-env')] }, { toolCalls: [submit(citing('everything__get-env'))] }]);
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...openai(f)]);
    assert.equal(r.code, 0, r.err);
    assert.match(toolMessages(f, 1)[0], /denied by the user/);
    assert.doesNotMatch(toolMessages(f, 1)[0], /"PATH"/);
    const lines = r.err.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const started = at(/^ {2}→ everything › get-env/);
    const asked = at(/^ {2}\? everything › get-env requires confirmation$/);
    const answered = at(/^ {2}everything › get-env: denied \(no terminal to ask; pass --yes to allow it\)$/);
    const finished = at(/^ {2}← everything › get-env: denied in/);
    assert.ok(started >= 0 && started < asked && asked < answered && answered < finished, r.err);
    assert.match(r.out, /\*\*Verdict: ADOPT WITH CAUTION\*\*/);
  });

  it('--yes allows it', async () => {
    const f = await serve([{ toolCalls: [call('everything__get-env')] }, { toolCalls: [submit(citing('everything__get-env'))] }]);
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...openai(f), '--yes']);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(toolMessages(f, 1)[0], /denied/);
    assert.match(r.err, /^ {2}everything › get-env: allowed \(--yes\)$/m);
  });

  it('on a terminal it asks y/N after the lines about the call, and the answer is said', async () => {
    const f = await serve([{ toolCalls: [call('everything__get-env')] }, { toolCalls: [submit(citing('everything__get-env'))] }]);
    const stdin = new PassThrough();
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...openai(f)], {
      tty: { stdin: true, stderr: true },
      stdin,
      onErr: (chunk) => {
        if (chunk.endsWith('Allow? [y/N] ')) stdin.write('y\n');
      },
    });
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /\? everything › get-env requires confirmation\nRun "get-env" on "everything"\?.*\n[\s\S]*Allow\? \[y\/N\] {3}everything › get-env: allowed\n/,
    );
    assert.doesNotMatch(toolMessages(f, 1)[0], /denied/);
  });

  it('Ctrl+C during a tool call cancels it and exits 130 promptly', async () => {
    const f = await serve([
      { toolCalls: [call('everything__trigger-long-running-operation', { duration: 20, steps: 20 })] },
      { toolCalls: [submit(citing('everything__trigger-long-running-operation'))] },
    ]);
    const abort = new AbortController();
    let startedAt = 0;
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...openai(f)], {
      signal: abort.signal,
      onErr: (chunk) => {
        if (chunk.includes('→ everything › trigger-long-running-operation')) {
          startedAt = performance.now();
          setTimeout(() => abort.abort(), 200);
        }
      },
    });
    assert.equal(r.code, 130, r.err);
    assert.ok(startedAt > 0);
    assert.ok(performance.now() - startedAt < 3000, `ended ${Math.round(performance.now() - startedAt)} ms after the call started`);
    assert.match(errorLine(r.err), /^connector-auditor: Interrupted: the audit was cancelled\.$/);
    assert.equal(f.requests.length, 1, 'the model was not asked again');
    assert.equal(r.out, '');
  });

  it('Ctrl+C while the model streams cancels the request and exits 130 promptly', async () => {
    const f = await serve([{ hang: true, text: 'Let me think' }]);
    const abort = new AbortController();
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', ...openai(f)], {
      signal: abort.signal,
      onErr: (chunk) => {
        if (chunk.startsWith('Round 1/25')) setTimeout(() => abort.abort(), 200);
      },
    });
    assert.equal(r.code, 130, r.err);
    assert.equal(await f.requests[0].closed, 'aborted', 'the model request was cut off');
  });

  it('--connectors nosuch exits 1 naming it', async () => {
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', '--connectors', 'nosuch', '--base-url', 'http://127.0.0.1:9/v1']);
    assert.equal(r.code, 1);
    assert.match(errorLine(r.err), /No connector named "nosuch" \(there are: everything\)/);
  });

  it('a connector that fails to start is reported and left out; the others still serve the audit', async () => {
    const ghost = { name: 'ghost', command: join(box.dir, 'no-such-binary') };
    const both = await box.file('both.json', { connectors: [stdioEverything(), ghost] });
    const f = await serve([{ toolCalls: [call('everything__echo', { message: 'still here' })] }, { toolCalls: [submit(citing('everything__echo'))] }]);
    const r = await box.run(['--config', both, 'audit', 'acme/widgets', ...openai(f), '--connectors', 'everything,ghost']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^ {2}warning: ghost: Command not found: .* — the audit goes on without "ghost"\.$/m);
    assert.match(toolMessages(f, 1)[0], /Echo: still here/);
    const offered = (f.requests[0].body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    assert.ok(!offered.some((n) => n.startsWith('ghost__')));
  });

  it('with no connector working the audit still runs, and says so', async () => {
    const only = await box.file('ghost.json', { connectors: [{ name: 'ghost', command: join(box.dir, 'no-such-binary') }] });
    const f = await serve([{ toolCalls: [submit(uncited)] }]);
    const r = await box.run(['--config', only, 'audit', 'acme/widgets', ...openai(f)]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /No connector is available: the model audits with only what it knows\./);
    assert.deepEqual(
      (f.requests[0].body.tools as { function: { name: string } }[]).map((t) => t.function.name),
      ['submit_audit_report'],
    );
  });
});

describe('connector-auditor audit: arguments', () => {
  let box: Sandbox;
  beforeEach(async () => {
    box = await sandbox();
  });
  afterEach(() => box.dispose());

  const refused = async (argv: string[], message: RegExp) => {
    const r = await box.run(argv);
    assert.equal(r.code, 1, `${argv.join(' ')}: ${r.err}`);
    assert.match(errorLine(r.err), message, argv.join(' '));
  };

  it('refuses what cannot mean anything, each with a one-line reason', async () => {
    await refused(
      ['audit'],
      /audit needs a TARGET \(owner\/repo, a repository URL, a package .*--workspace \[DIR\], --dependencies \[DIR\] or --connector NAME\)/,
    );
    await refused(['audit', ' '], /audit needs a TARGET .*it was empty/);
    await refused(['audit', 'a b'], /The TARGET of audit is one word/);
    await refused(['audit', 'a', 'b'], /audit takes one TARGET; unexpected "b"/);
    await refused(['audit', 'a', '--provider', 'claude'], /--provider is mistral or openai, not "claude"/);
    await refused(['audit', 'a', '--format', 'html'], /--format is md, json or sarif, not "html"/);
    await refused(['audit', 'a', '--format', 'md', '--json'], /either --json or --format md/);
    await refused(['audit', 'a', '--base-url', 'localhost:11434'], /--base-url must be an http or https URL/);
    await refused(['audit', 'a', '--base-url', 'not a url'], /--base-url is not a URL/);
    await refused(['audit', 'a', '--connectors', ' , '], /--connectors takes connector names/);
    await refused(['tools', 'list', '--provider', 'mistral'], /--provider applies to audit only/);
    await refused(['connectors', 'list', '--out', 'x.md'], /--out applies to audit only/);
    await refused(['audit', 'a', '--arg', 'x=1'], /--arg and --args-json apply to tools call only/);
  });

  it('--help documents audit', async () => {
    const r = await box.run(['audit', '--help']);
    assert.equal(r.code, 0);
    for (const text of [
      'audit TARGET',
      '--provider',
      '--base-url',
      '--connectors a,b',
      '--format md|json',
      '--transcript FILE',
      'MISTRAL_API_KEY',
      'OPENAI_API_KEY',
      '8 when the run ended without a verdict',
    ]) {
      assert.ok(r.out.includes(text), text);
    }
  });
});

describe('connector-auditor audit: choices and outcomes', () => {
  const finished = (reason: FinishedEvent['reason'], message?: string): FinishedEvent => ({
    type: 'finished',
    reason,
    message,
    outcome: { kind: 'undetermined', target: 't', reason: reason === 'report' ? 'error' : reason, message: message ?? '' },
    model: 'test-model',
    calls: { made: 0, failed: 0, denied: 0 },
    tools: [],
    rounds: 1,
    usage: { inputTokens: 0, outputTokens: 0 },
    durationMs: 1,
  });

  it('maps how a run ended to the exit code (no-verdict and step-limit print the report and exit 8 in the command)', () => {
    assert.equal(runFailure(finished('no-verdict'), undefined, false, []), undefined);
    assert.equal(runFailure(finished('step-limit'), undefined, false, []), undefined);
    assert.equal(runFailure(finished('cancelled'), undefined, false, [])?.exitCode, 130);
    assert.equal(runFailure(finished('error', 'x'), undefined, true, [])?.exitCode, 130, 'Ctrl+C wins');
    const codes = (['auth', 'unreachable', 'rateLimit', 'server', 'badRequest', 'contextTooLong'] as const).map((kind) =>
      runFailure(finished('error'), new ModelError(kind, `failed with sk-secret-value`), false, ['sk-secret-value'])!,
    );
    assert.deepEqual(
      codes.map((e) => e.exitCode),
      [3, 4, 5, 5, 5, 5],
    );
    assert.equal(codes[0].message, 'failed with ••••••');
    assert.equal(runFailure(finished('error', 'too many tools'), undefined, false, [])?.exitCode, 1);
  });

  it('chooses the provider, base URL and key from the options and the environment', () => {
    const base = { provider: undefined, model: undefined, baseUrl: undefined };
    assert.equal(chooseModel(base, { MISTRAL_API_KEY: 'm', OPENAI_API_KEY: 'o' }).config.provider, 'mistral');
    assert.deepEqual(chooseModel({ ...base, baseUrl: 'http://h:1/v1' }, {}).config, {
      provider: 'openai',
      model: undefined,
      baseUrl: 'http://h:1/v1',
      apiKey: undefined,
      keyHint: 'Set OPENAI_API_KEY to a valid key.',
    });
    assert.equal(chooseModel({ ...base, model: 'gpt-x' }, { OPENAI_API_KEY: 'o' }).url, 'https://api.openai.com/v1');
    assert.equal(chooseModel({ ...base, provider: 'openai' }, {}).url, 'http://127.0.0.1:11434/v1', 'Ollama without a key');
    assert.throws(
      () => chooseModel(base, { OPENAI_API_KEY: 'o' }),
      (e: CliError) => e.exitCode === 1 && /--model/.test(e.message),
    );
    assert.throws(
      () => chooseModel({ ...base, provider: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'm' }, {}),
      (e: CliError) => e.exitCode === 3 && /OPENAI_API_KEY/.test(e.message),
    );
    assert.throws(
      () => chooseModel({ ...base, provider: 'mistral' }, { MISTRAL_API_KEY: '  ' }),
      (e: CliError) => e.exitCode === 3 && /MISTRAL_API_KEY/.test(e.message),
    );
  });
});
