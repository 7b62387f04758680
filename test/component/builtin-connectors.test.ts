// The built-in connectors as a person uses them from the CLI (the real main(), in-process): they
// are listed and configured like any connector, and an audit reads real evidence from the
// fixture servers. Also the rate-limit promise: the same audit again costs no GitHub requests
// that count against the limit (every read is answered 304 Not Modified).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FULL_AUDIT_TOOL_CALLS, auditScript } from '../fixtures/auditScript';
import { startFakeModel, type FakeModelServer } from '../fixtures/fakeModel/server';
import { startGitHubFixture } from '../fixtures/github/server';
import { startSupplyChainFixture } from '../fixtures/supplyChain/server';
import { errorLine, sandbox, type Sandbox } from './cli-harness';

describe('built-in connectors through the CLI', () => {
  let box: Sandbox;
  let github: Awaited<ReturnType<typeof startGitHubFixture>>;
  let supply: Awaited<ReturnType<typeof startSupplyChainFixture>>;
  let model: FakeModelServer;

  before(async () => {
    box = await sandbox();
    github = await startGitHubFixture();
    supply = await startSupplyChainFixture();
    model = await startFakeModel(auditScript(FULL_AUDIT_TOOL_CALLS), { dialect: 'openai' });
    Object.assign(box.env, {
      CONNECTOR_AUDITOR_GITHUB_API_URL: github.url,
      CONNECTOR_AUDITOR_OSV_URL: supply.url,
      CONNECTOR_AUDITOR_DEPS_DEV_URL: supply.url,
      CONNECTOR_AUDITOR_SCORECARD_URL: supply.url,
      OPENAI_API_KEY: 'sk-fake-0123456789',
    });
    delete box.env.GITHUB_TOKEN;
    delete box.env.GH_TOKEN;
    delete box.env.MISTRAL_API_KEY;
    // The reference API's own example: the github connector without delete_file.
    await mkdir(box.home, { recursive: true });
    await writeFile(
      join(box.home, 'connectors.json'),
      JSON.stringify({ connectors: [], builtins: { github: { toolConfiguration: { exclude: ['delete_file'] } } } }),
    );
  });
  after(async () => {
    await model?.close();
    await github?.close();
    await supply?.close();
    await box?.dispose();
  });

  it('a tool excluded in "builtins" is shown as excluded, never offered to the agent, and not callable', async () => {
    const list = await box.run(['--json', 'tools', 'list', 'github']);
    assert.equal(list.code, 0, list.err);
    const tools = JSON.parse(list.out) as { name: string; included: boolean }[];
    assert.deepEqual(
      tools.filter((t) => !t.included).map((t) => t.name),
      ['delete_file'],
    );
    assert.ok(tools.some((t) => t.name === 'create_or_update_file' && t.included));
    const before = github.requests.length;
    const call = await box.run([
      '--yes',
      'tools',
      'call',
      'github',
      'delete_file',
      '--arg',
      'owner=acme',
      '--arg',
      'repo=widget',
      '--arg',
      'path=README.md',
      '--arg',
      'message=x',
      '--arg',
      'sha=abc',
    ]);
    assert.equal(call.code, 1, call.err);
    assert.match(errorLine(call.err), /"delete_file" is excluded by the toolConfiguration of "github"/);
    assert.equal(github.requests.length, before, 'nothing reached GitHub');
  });

  it('a direct call reads the fixture repository and names its sources', async () => {
    const r = await box.run(['--json', 'tools', 'call', 'github', 'get_repository', '--arg', 'owner=acme', '--arg', 'repo=widget']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /https:\/\/github\.com\/acme\/widget/);
    assert.match(r.out, /MIT/);
  });

  it('a private repository without a token says to set GITHUB_TOKEN (exit 5: the tool answered an error)', async () => {
    const r = await box.run(['tools', 'call', 'github', 'get_repository', '--arg', 'owner=acme', '--arg', 'repo=secret']);
    assert.equal(r.code, 5, r.err);
    assert.match(r.out + r.err, /No repository acme\/secret on GitHub \(or it is private and you are not signed in\)\. Set GITHUB_TOKEN/);
  });

  it('an audit cites what the tools returned; the same audit again is answered 304 for every GitHub read', async () => {
    const argv = [
      'audit',
      'acme/widget',
      '--provider',
      'openai',
      '--base-url',
      model.baseUrl,
      '--model',
      'fake-auditor',
      '--connectors',
      'github,supply_chain',
      '--format',
      'json',
      // Write tools are offered only when allowed: this case checks that an excluded one stays out even then.
      '--allow-writes',
    ];
    const first = github.counts();
    const a = await box.run(argv);
    assert.equal(a.code, 0, a.err);
    const report = JSON.parse(a.out) as { verdict: string; findings: { sources: string[] }[] };
    const sources = report.findings.flatMap((f) => f.sources);
    assert.ok(sources.includes('https://github.com/acme/widget'), sources.join(', '));
    assert.ok(
      sources.some((s) => s.startsWith('https://osv.dev/vulnerability/GHSA-')),
      sources.join(', '),
    );
    assert.equal(report.verdict, 'ADOPT WITH CAUTION');
    const offered = (model.requests[0].body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    assert.ok(offered.includes('github__create_or_update_file') && !offered.includes('github__delete_file'), offered.join(', '));
    const afterFirst = github.counts();
    assert.ok(afterFirst.ok200 - first.ok200 >= FULL_AUDIT_TOOL_CALLS.filter((c) => c.name.startsWith('github__')).length, JSON.stringify(afterFirst));

    const b = await box.run(argv);
    assert.equal(b.code, 0, b.err);
    const afterSecond = github.counts();
    assert.equal(afterSecond.ok200 - afterFirst.ok200, 0, `no full answers the second time: ${JSON.stringify(github.requests.slice(-20))}`);
    assert.ok(afterSecond.notModified304 - afterFirst.notModified304 > 0, 'the reads were conditional');
    assert.equal(JSON.parse(b.out).verdict, report.verdict);
    await readFile(join(box.home, 'connectors.json'), 'utf8'); // the registry is untouched by audits
  });
});
