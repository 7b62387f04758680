// Issue 7 in the CLI: the built dist/cli.js, run as a process in a folder whose
// ./.vscode/connectors.json names a real stdio server that leaves a marker file when it starts.
// Without trust the connector is listed but its server never runs (no marker); --trust-workspace
// or CONNECTOR_AUDITOR_TRUST_WORKSPACE=1 starts it; `audit` does not offer its tools to the model.
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeModel, type FakeModelServer } from '../fixtures/fakeModel/server';
import type { AuditReport } from '../../src/core/audit/report';
import { REPO, errorLine, sandbox, type Sandbox } from './cli-harness';

const CLI = join(REPO, 'dist', 'cli.js');
const SCRIPTED = join(REPO, 'test', 'fixtures', 'servers', 'scripted-server.mjs');
const REFUSAL =
  'connector-auditor: "ws" comes from ./.vscode/connectors.json, which is not trusted: pass --trust-workspace (or set CONNECTOR_AUDITOR_TRUST_WORKSPACE=1) after reading it.';

interface Exit {
  code: number | null;
  out: string;
  err: string;
}

function runBuilt(box: Sandbox, argv: string[], env: Record<string, string | undefined> = {}): Promise<Exit> {
  const child = spawn(process.execPath, [CLI, ...argv], { cwd: box.cwd, env: { ...box.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

const REPORT: AuditReport = { target: 'acme/widgets', verdict: 'ADOPT WITH CAUTION', summary: 'Nothing found.', findings: [] };

describe('the CLI and an untrusted ./.vscode/connectors.json', () => {
  let box: Sandbox;
  /** Written by the workspace connector's server when (if) it starts. */
  let wsMarker: string;
  let privateMarker: string;
  let fake: FakeModelServer | undefined;

  before(() => {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
  });

  beforeEach(async () => {
    box = await sandbox();
    delete box.env.CONNECTOR_AUDITOR_TRUST_WORKSPACE;
    delete box.env.OPENAI_API_KEY;
    delete box.env.MISTRAL_API_KEY;
    wsMarker = join(box.dir, 'ws-started');
    privateMarker = join(box.dir, 'private-started');
    await mkdir(join(box.cwd, '.vscode'), { recursive: true });
    await writeFile(
      join(box.cwd, '.vscode', 'connectors.json'),
      JSON.stringify({ connectors: [{ name: 'ws', command: process.execPath, args: [SCRIPTED, '--tools', '1', '--started-file', wsMarker] }] }),
    );
    // The person's own registry: a connector of theirs, and no built-ins (they would reach the network in an audit).
    await mkdir(box.home, { recursive: true });
    await writeFile(
      join(box.home, 'connectors.json'),
      JSON.stringify({
        connectors: [{ name: 'mine', command: process.execPath, args: [SCRIPTED, '--tools', '1', '--started-file', privateMarker] }],
        builtins: { github: { enabled: false }, web: { enabled: false }, supply_chain: { enabled: false }, workspace: { enabled: false } },
      }),
    );
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await box.dispose();
  });

  it('lists the workspace connector but never starts it: connectors list, tools list, tools list ws, tools call ws', async () => {
    const list = await runBuilt(box, ['connectors', 'list']);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /^ws\tshared_workspace\tenabled\t/m);
    assert.match(list.err, /note: "ws" comes from \.\/\.vscode\/connectors\.json, which is not trusted, and will not be started: pass --trust-workspace/);

    const tools = await runBuilt(box, ['tools', 'list']);
    assert.equal(tools.code, 0, tools.err);
    assert.match(tools.out, /^mine \(1 tool, scripted 1\.0\.0 over stdio\)$/m, 'the private connector is started as before');
    assert.match(tools.out, /^ws \(not started\)\n {2}"ws" comes from \.\/\.vscode\/connectors\.json, which is not trusted: pass --trust-workspace/m);

    const json = await runBuilt(box, ['--json', 'tools', 'list']);
    assert.equal(json.code, 0, json.err);
    assert.deepEqual(
      (JSON.parse(json.out) as Array<{ connector: string }>).map((r) => r.connector),
      ['mine'],
    );
    assert.match(json.err, /note: not started: "ws" comes from \.\/\.vscode\/connectors\.json/);

    const named = await runBuilt(box, ['tools', 'list', 'ws']);
    assert.equal(named.code, 1);
    assert.equal(errorLine(named.err), REFUSAL);

    const call = await runBuilt(box, ['tools', 'call', 'ws', 'tool-000', '--arg', 'text=hi']);
    assert.equal(call.code, 1);
    assert.equal(errorLine(call.err), REFUSAL);
    assert.equal(call.out, '');

    assert.ok(existsSync(privateMarker), 'the private connector did start');
    assert.equal(existsSync(wsMarker), false, 'the workspace connector never started');
  });

  it('--trust-workspace starts it', async () => {
    const call = await runBuilt(box, ['--trust-workspace', 'tools', 'call', 'ws', 'tool-000', '--arg', 'text=hi']);
    assert.equal(call.code, 0, call.err);
    assert.match(call.out, /ws › tool-000/);
    assert.ok(existsSync(wsMarker), 'the workspace connector started');
  });

  it('CONNECTOR_AUDITOR_TRUST_WORKSPACE=1 starts it; 0 does not; another value is refused', async () => {
    const off = await runBuilt(box, ['tools', 'list', 'ws'], { CONNECTOR_AUDITOR_TRUST_WORKSPACE: '0' });
    assert.equal(off.code, 1);
    assert.equal(errorLine(off.err), REFUSAL);
    const typo = await runBuilt(box, ['tools', 'list', 'ws'], { CONNECTOR_AUDITOR_TRUST_WORKSPACE: 'yes' });
    assert.equal(typo.code, 1);
    assert.equal(errorLine(typo.err), 'connector-auditor: CONNECTOR_AUDITOR_TRUST_WORKSPACE is 1 (trust ./.vscode/connectors.json) or 0, not "yes".');
    assert.equal(existsSync(wsMarker), false);

    const on = await runBuilt(box, ['tools', 'list'], { CONNECTOR_AUDITOR_TRUST_WORKSPACE: '1' });
    assert.equal(on.code, 0, on.err);
    assert.match(on.out, /^ws \(1 tool, scripted 1\.0\.0 over stdio\)$/m);
    assert.ok(existsSync(wsMarker), 'the workspace connector started');
  });

  it("--config naming the same file, and --stdio, are the person's choice and start without the flag", async () => {
    const viaConfig = await runBuilt(box, ['--config', join('.vscode', 'connectors.json'), 'tools', 'list', 'ws']);
    assert.equal(viaConfig.code, 0, viaConfig.err);
    assert.ok(existsSync(wsMarker), '--config started it');
    const adhocMarker = join(box.dir, 'adhoc-started');
    const adhoc = await runBuilt(box, ['--stdio', `${process.execPath} ${SCRIPTED} --started-file ${adhocMarker}`, 'tools', 'list']);
    assert.equal(adhoc.code, 0, adhoc.err);
    assert.ok(existsSync(adhocMarker), '--stdio started it');
  });

  it('audit offers the model only trusted connectors and says on stderr which were left out and why', async () => {
    fake = await startFakeModel([{ toolCalls: [{ name: 'submit_audit_report', arguments: REPORT as unknown as Record<string, unknown> }] }]);
    const model = ['--provider', 'openai', '--base-url', fake.baseUrl, '--model', 'fake-model'];
    const r = await runBuilt(box, ['audit', 'acme/widgets', ...model]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\*\*Verdict: ADOPT WITH CAUTION\*\*/);
    const offered = (fake.requests[0].body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    assert.ok(offered.includes('mine__tool-000'), offered.join(','));
    assert.ok(!offered.some((name) => name.startsWith('ws__')), `the untrusted connector's tools were offered: ${offered.join(',')}`);
    assert.match(r.err, /left out: "ws" comes from \.\/\.vscode\/connectors\.json, which is not trusted: pass --trust-workspace/);
    assert.doesNotMatch(r.err, /Connecting .*\bws\b/, 'it does not claim to connect the untrusted connector');
    assert.equal(existsSync(wsMarker), false, 'the workspace connector never started');

    // Named in --connectors, it is refused before the model is asked anything.
    const named = await runBuilt(box, ['audit', 'acme/widgets', ...model, '--connectors', 'ws']);
    assert.equal(named.code, 1);
    assert.equal(errorLine(named.err), REFUSAL);
    assert.equal(fake.requests.length, 1);
    assert.equal(existsSync(wsMarker), false);
  });

  it("audit with --trust-workspace offers the workspace connector's tools", async () => {
    fake = await startFakeModel([{ toolCalls: [{ name: 'submit_audit_report', arguments: REPORT as unknown as Record<string, unknown> }] }]);
    const r = await runBuilt(box, ['--trust-workspace', 'audit', 'acme/widgets', '--provider', 'openai', '--base-url', fake.baseUrl, '--model', 'fake-model']);
    assert.equal(r.code, 0, r.err);
    const offered = (fake.requests[0].body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    assert.ok(offered.includes('ws__tool-000') && offered.includes('mine__tool-000'), offered.join(','));
    assert.doesNotMatch(r.err, /left out/);
    assert.ok(existsSync(wsMarker));
  });
});
