// `connector-auditor audit TARGET --studio` end to end: the real CLI main() (and once the built
// bundle), the fake Mistral Studio with server-everything behind its "everything" connector, and
// server-everything over stdio as a local connector offered as a function tool.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXAMPLE_ADVISORY } from '../fixtures/mistralStudio/scriptedAuditor';
import { startStudioFixture, type StudioFixture } from '../fixtures/mistralStudio/server';
import { startEverything } from '../helpers/everythingServer';
import { errorLine, REPO, sandbox, stdioEverything, type Sandbox } from './cli-harness';

describe('connector-auditor audit --studio', () => {
  let fixture: StudioFixture;
  let everything: Awaited<ReturnType<typeof startEverything>>;
  let box: Sandbox;
  let config: string;
  before(async () => {
    [fixture, everything, box] = await Promise.all([startStudioFixture(), startEverything('streamableHttp'), sandbox()]);
    const reference = fixture.seed(1, 'everything', `http://127.0.0.1:${everything.port}/mcp`)[0];
    reference.name = 'everything';
    fixture.seed(1, 'tracker')[0].name = 'issue-tracker';
    box.env.MISTRAL_API_KEY = fixture.key;
    box.env.CONNECTOR_AUDITOR_MISTRAL_URL = fixture.url;
    config = await box.file('connectors.json', { connectors: [stdioEverything()] });
  });
  after(async () => {
    await fixture.close();
    await everything.stop();
    await box.dispose();
  });

  const starts = () =>
    fixture.requests.filter((r) => r.path === '/v1/conversations').map((r) => JSON.parse(r.body) as { tools: Array<Record<string, unknown>>; model: string });

  it('--yes: Mistral pauses on the held Studio tool, it is allowed, the local tool runs here, and the report is on stdout', async () => {
    const transcript = join(box.dir, 'studio.jsonl');
    const r = await box.run(['--config', config, '--yes', 'audit', 'acme/widgets', '--studio', '--studio-connector', 'everything', '--transcript', transcript]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^# Audit of acme\/widgets/);
    assert.match(r.out, /\*\*Verdict: ADOPT WITH CAUTION\*\*/);
    // The held tool is the first one the default policy (unlessReadOnly) asks about that stays off the internet.
    assert.match(r.out, /toggle-simulated-logging on everything returned: \S/);
    assert.ok(r.out.includes(EXAMPLE_ADVISORY), r.out);
    assert.match(r.out, /everything\\_\\_echo returned: Echo: from the Studio agent/);

    assert.match(
      r.err,
      /Auditing acme\/widgets with mistral-studio:mistral-medium-latest at http:\/\/127\.0\.0\.1:\d+; on Mistral's side: everything, web_search/,
    );
    assert.match(r.err, /\? everything \(Mistral Studio\) › toggle-simulated-logging requires confirmation/);
    assert.match(r.err, /everything \(Mistral Studio\) › toggle-simulated-logging: allowed \(--yes\)/);
    assert.match(r.err, /→ everything › echo/);
    assert.match(r.err, /Finished \(\d+ rounds?, .*\): ADOPT WITH CAUTION/);

    const start = starts().at(-1)!;
    assert.equal(start.model, 'mistral-medium-latest');
    const connectorTool = start.tools.find((t) => t.type === 'connector') as { connector_id: string; tool_configuration: { requires_confirmation: string[] } };
    assert.equal(connectorTool.connector_id, fixture.connectors.find((c) => c.name === 'everything')!.id);
    assert.deepEqual(connectorTool.tool_configuration.requires_confirmation, [
      'gzip-file-as-resource',
      'toggle-simulated-logging',
      'toggle-subscriber-updates',
      'simulate-research-query',
    ]);
    assert.equal(start.tools.filter((t) => t.type === 'connector').length, 1, '--studio-connector attaches only that one');

    const lines = (await readFile(transcript, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; model?: string; verdict?: string });
    assert.equal(lines[0].model, 'mistral-studio:mistral-medium-latest');
    assert.equal(lines.at(-1)!.verdict, 'ADOPT WITH CAUTION');
    assert.ok(!lines.some((l) => JSON.stringify(l).includes(fixture.key)), 'the key is never recorded');
  });

  it('without a terminal the held tool is denied, and the audit still ends with a report that says so', async () => {
    const before = fixture.requests.length;
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', '--studio', '--no-web-search', '--connectors', 'everything']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /toggle-simulated-logging: denied \(no terminal to ask; pass --yes to allow it\)/);
    assert.match(r.out, /toggle-simulated-logging on everything could not be checked: the call was denied\./);
    assert.ok(!r.out.includes(EXAMPLE_ADVISORY), 'no web_search, so no advisory');
    const sent = fixture.requests
      .slice(before)
      .filter((q) => q.path.startsWith('/v1/conversations'))
      .map((q) => JSON.parse(q.body) as Record<string, unknown>);
    assert.ok(!(sent[0].tools as Array<{ type: string }>).some((t) => t.type === 'web_search'));
    assert.deepEqual(
      (sent[1].tool_confirmations as Array<{ confirmation: string }>).map((c) => c.confirmation),
      ['deny'],
    );
    // Every Studio connector when none is named: the canned issue tracker too.
    assert.equal((sent[0].tools as Array<{ type: string }>).filter((t) => t.type === 'connector').length, 2);
  });

  it('exits 3 naming MISTRAL_API_KEY when it is not set, before any request', async () => {
    const before = fixture.requests.length;
    const key = box.env.MISTRAL_API_KEY;
    delete box.env.MISTRAL_API_KEY;
    try {
      const r = await box.run(['--config', config, 'audit', 'acme/widgets', '--studio']);
      assert.equal(r.code, 3);
      assert.match(
        errorLine(r.err),
        /MISTRAL_API_KEY is not set: audit --studio runs on Mistral's Conversations API\. Set the MISTRAL_API_KEY environment variable/,
      );
    } finally {
      box.env.MISTRAL_API_KEY = key;
    }
    assert.equal(fixture.requests.length, before);
  });

  it('exits 3 when Mistral rejects the key', async () => {
    const key = box.env.MISTRAL_API_KEY;
    box.env.MISTRAL_API_KEY = 'not-the-key';
    try {
      const r = await box.run(['--config', config, 'audit', 'acme/widgets', '--studio']);
      assert.equal(r.code, 3);
      assert.match(errorLine(r.err), /Mistral rejected the API key \(HTTP 401\)/);
    } finally {
      box.env.MISTRAL_API_KEY = key;
    }
  });

  it('an unknown --studio-connector is a usage error naming the connectors there are', async () => {
    const r = await box.run(['--config', config, 'audit', 'acme/widgets', '--studio', '--studio-connector', 'nope']);
    assert.equal(r.code, 1);
    assert.match(errorLine(r.err), /Mistral Studio has no connector "nope" \(it has: everything, issue-tracker\)/);
  });

  it('refuses options that do not fit Studio mode', async () => {
    const a = await box.run(['audit', 'x', '--studio', '--provider', 'openai']);
    assert.equal(a.code, 1);
    assert.match(errorLine(a.err), /audit --studio runs on Mistral; --provider openai does not apply/);
    const b = await box.run(['audit', 'x', '--no-web-search']);
    assert.equal(b.code, 1);
    assert.match(errorLine(b.err), /--no-web-search applies to audit --studio only/);
    const c = await box.run(['tools', 'list', '--studio']);
    assert.equal(c.code, 1);
    assert.match(errorLine(c.err), /--studio applies to audit only/);
  });

  it('works from the built CLI bundle (dist/cli.js), where the SDK is inlined', async () => {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, encoding: 'utf8', timeout: 180_000 });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    const cli = join(REPO, 'dist', 'cli.js');
    assert.ok(existsSync(cli));
    const child = spawn(
      process.execPath,
      [cli, '--config', config, '--yes', 'audit', 'acme/widgets', '--studio', '--studio-connector', 'everything', '--format', 'json'],
      { cwd: box.cwd, env: box.env },
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, err);
    const report = JSON.parse(out) as { verdict: string; findings: Array<{ sources: string[] }> };
    assert.equal(report.verdict, 'ADOPT WITH CAUTION');
    assert.ok(
      report.findings.some((f) => f.sources.includes('studio everything/toggle-simulated-logging')),
      out + err,
    );
  });
});
