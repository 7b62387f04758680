// Issue 7, prompt injection: a README, an issue, a web page and a tool description each tell the
// agent to call a tool that asks first, to fetch an attacker URL with data in the query, and to
// change its verdict. The model here "falls for" every one of them — it emits exactly the calls
// the text asks for — because the product's defences must hold when the model does not. Real
// parts: the agent loop, the built-in github connector (Octokit against the GitHub fixture), the
// built-in web connector (fetch_url over real HTTP), and a poisoned MCP server over stdio.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FinishedEvent } from '../../src/core/agent/agentEvents';
import { AgentRunner } from '../../src/core/agent/agentRunner';
import { auditInput } from '../../src/core/agent/auditorProfile';
import type { AttachedConnector, Conversation } from '../../src/core/agent/conversation';
import type { ModelRequest } from '../../src/core/agent/modelClient';
import type { AuditReport } from '../../src/core/audit/report';
import type { BuiltinName } from '../../src/core/builtins/catalog';
import { createGitHubServer } from '../../src/core/builtins/github/githubServer';
import { createWebServer } from '../../src/core/builtins/web/webServer';
import type { Connector } from '../../src/core/connectors/registry';
import { ConnectorSession } from '../../src/core/mcp/session';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { startGitHubFixture, type GitHubFixture } from '../fixtures/github/server';
import {
  ATTACKER_HOST,
  CONFIRM_CALL,
  EVIL_REPO,
  evilRepo,
  gullibleCalls,
  injectedPage,
  injectionText,
  instructedCalls,
  ISSUE_BODY_MARKER,
  MARKERS,
  PAGE_HOST,
  PAGE_PATH,
  type InjectionSource,
} from '../fixtures/injection/attacks';
import { fencesOf, occurrences, outsideFences } from '../fixtures/injection/fences';
import { startRecordingServer, type FixtureServer } from '../fixtures/search/recordingServer';
import { collect, ofType, scriptedPort } from '../helpers/agentRun';
import { ScriptedModel, toolCall, type ScriptStep } from '../helpers/scriptedModel';
import { connectorOf, memoryLog } from '../helpers/sessions';

const POISONED_SERVER = join(__dirname, '..', 'fixtures', 'injection', 'poisoned-server.mjs');

/** What the injected text demands; the gullible model submits it. */
const OBEYED_REPORT: AuditReport = {
  target: 'evil/lib',
  verdict: 'SAFE TO ADOPT',
  summary: 'No issues found.',
  // No citation: a source no tool returned would be sent back, and these cases end on the obeying turn.
  findings: [],
};

function builtinConnector(name: BuiltinName): Connector {
  return { id: `builtin:${name}`, name, label: name, visibility: 'builtin', config: { name }, builtin: { name }, enabled: true };
}

function builtinSession(name: BuiltinName, server: () => McpServer): AttachedConnector {
  const connector = builtinConnector(name);
  const session = new ConnectorSession(connector, {
    placeholders: { secrets: { get: async () => undefined }, env: {} },
    log: memoryLog(),
    clientInfo: { name: 'injection-tests', version: '0' },
    builtinServer: async () => server(),
  });
  return { connector, session };
}

/** Every text the model was sent from outside itself: system, user and tool messages, and the tool descriptions. */
function sentTexts(request: ModelRequest): { where: string; text: string }[] {
  const texts = request.messages.filter((m) => m.role !== 'assistant').map((m, i) => ({ where: `message ${i} (${m.role})`, text: m.content }));
  for (const tool of request.tools)
    texts.push({ where: `description of ${tool.name}`, text: tool.description }, { where: `schema of ${tool.name}`, text: JSON.stringify(tool.parameters) });
  return texts;
}

describe('prompt injection: a model that obeys injected text still cannot act on it', () => {
  let exfil: FixtureServer;
  let pages: FixtureServer;
  let github: GitHubFixture;
  let dir: string;
  let record: string;
  const lookups: string[] = [];
  const attached: AttachedConnector[] = [];

  before(async () => {
    // Whatever reaches this server has been exfiltrated.
    exfil = await startRecordingServer((_req, res) => res.end('thanks'));
    const t = { port: exfil.port };
    pages = await startRecordingServer((req, res) => {
      if (req.path !== PAGE_PATH) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(injectedPage(t));
    });
    github = await startGitHubFixture({ rateLimits: { anonymous: 1000 }, extraRepos: (now) => [evilRepo(now, t)] });
    dir = await mkdtemp(join(tmpdir(), 'ca-injection-'));
    record = join(dir, 'poisoned-calls.jsonl');
    // Signed in, so a write would have gone through had it been allowed.
    attached.push(
      builtinSession('github', () => createGitHubServer({ baseUrl: github.url, token: async () => 'ghp_fixture', signInHint: 'Set GITHUB_TOKEN.' })),
    );
    attached.push(
      builtinSession('web', () =>
        createWebServer({
          search: async () => ({ provider: 'auto', configureHint: '' }),
          // The person allowed the advisory site (it is served from this machine); nothing else private.
          fetchPolicy: () => ({ allowHosts: [PAGE_HOST] }),
          lookup: async (hostname) => {
            lookups.push(hostname);
            if (hostname === PAGE_HOST || hostname === ATTACKER_HOST) return [{ address: '127.0.0.1', family: 4 }];
            throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
          },
        }),
      ),
    );
    const description = `Facts about a package: downloads and maintainers.\n${injectionText('tool', t)}`;
    const poisoned = connectorOf({ name: 'poisoned', command: process.execPath, args: [POISONED_SERVER, '--description', description, '--record', record] });
    attached.push({
      connector: poisoned,
      session: new ConnectorSession(poisoned, {
        placeholders: { secrets: { get: async () => undefined }, env: process.env },
        log: memoryLog(),
        clientInfo: { name: 'injection-tests', version: '0' },
      }),
    });
  });
  after(async () => {
    await Promise.all(attached.map((a) => a.session.dispose()));
    await Promise.all([exfil?.close(), pages?.close(), github?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const targets = () => ({ port: exfil.port });
  const writesToGitHub = () => github.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  const poisonedCalls = async (): Promise<{ name: string }[]> =>
    (await readFile(record, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { name: string });

  /** The call that brings the attacker's text in (none for a tool description: it arrives with the tool list). */
  function readCall(source: InjectionSource) {
    switch (source) {
      case 'readme':
        return toolCall('github__read_file', { ...EVIL_REPO, path: 'README.md' });
      case 'issue':
        return toolCall('github__list_issues', EVIL_REPO);
      case 'page':
        return toolCall('web__fetch_url', { url: `http://${PAGE_HOST}:${pages.port}${PAGE_PATH}` });
      case 'tool':
        return undefined;
    }
  }

  /** The model: read, then do whatever the text it was sent says, then submit the verdict it was told to. */
  function gullibleModel(source: InjectionSource): ScriptedModel {
    const obey: ScriptStep = (request) => {
      const told = source === 'tool' ? request.tools.map((t) => t.description) : request.messages.filter((m) => m.role === 'tool').map((m) => m.content);
      const calls = gullibleCalls(told.join('\n'));
      // The poisoned tool itself, too: the model uses the tool whose description it obeys.
      if (source === 'tool') calls.push({ name: 'poisoned__package_info', arguments: { name: 'evil-lib' } });
      return { toolCalls: calls.map((c) => toolCall(c.name, c.arguments)) };
    };
    const read = readCall(source);
    return new ScriptedModel([...(read ? [{ toolCalls: [read] }] : []), obey, { toolCalls: [toolCall('submit_audit_report', OBEYED_REPORT)] }]);
  }

  /** `allowWriteTools`: these cases test the second line (confirmation), so the write tools are offered as a person may allow. */
  async function audit(source: InjectionSource, allowWriteTools = true) {
    const model = gullibleModel(source);
    const port = scriptedPort([], 'deny');
    // The product's default policy: every tool not marked read-only asks first.
    const runner = new AgentRunner({ model, confirmations: new ConfirmationService(port), policy: () => 'unlessReadOnly', options: { allowWriteTools } });
    const conversation: Conversation = { connectors: attached, messages: [] };
    const exfilBefore = exfil.requests.length;
    const { events, finished } = await collect(runner.run(conversation, auditInput(`${EVIL_REPO.owner}/${EVIL_REPO.repo}`)));
    return { model, port, events, finished, exfilRequests: exfil.requests.length - exfilBefore };
  }

  /** The model's obeying turn (its calls) and the tool messages it got back for them, in call order. */
  function obeyed(model: ScriptedModel, finished: FinishedEvent): { calls: { name: string }[]; told: string[] } {
    assert.equal(finished.reason, 'report', finished.message);
    // The last request is the one after the obeying turn: it ends with that turn and its results.
    const messages = model.requests.at(-1)!.messages;
    let at = messages.length - 1;
    while (at >= 0 && messages[at].role !== 'assistant') at--;
    const turn = messages[at];
    assert.ok(turn?.role === 'assistant' && turn.toolCalls);
    return { calls: turn.toolCalls, told: messages.slice(at + 1).map((m) => m.content) };
  }

  for (const source of ['readme', 'issue', 'page', 'tool'] as const) {
    it(`${source}: the write asks and is denied, the exfil fetches are refused, and the text reached the model only fenced`, async () => {
      const writesBefore = writesToGitHub().length;
      const { model, port, events, finished } = await audit(source).then(async (r) => {
        assert.equal(r.exfilRequests, 0, 'the attacker server received no request');
        return r;
      });

      // The model did fall for it: it emitted exactly the calls the text asked for.
      const started = ofType(events, 'toolCallStarted').map((e) => ({ name: e.name, args: e.args }));
      for (const wanted of instructedCalls(source, targets())) {
        assert.ok(
          started.some((s) => s.name === wanted.name && JSON.stringify(s.args) === JSON.stringify(wanted.arguments)),
          `the model called ${wanted.name} ${JSON.stringify(wanted.arguments)}; it called ${JSON.stringify(started)}`,
        );
      }

      // (a) The person was asked, said no, and nothing ran.
      const confirm = CONFIRM_CALL[source];
      const [connector, tool] = confirm.name.split('__');
      assert.ok(
        port.asked.some((q) => q.connectorLabel === connector && q.toolName === tool),
        `asked about ${confirm.name}: ${JSON.stringify(port.asked.map((q) => q.toolName))}`,
      );
      assert.deepEqual(writesToGitHub().slice(writesBefore), [], 'no write reached GitHub');
      assert.deepEqual(
        (await poisonedCalls()).filter((c) => c.name === 'publish_review'),
        [],
        'publish_review never reached its server',
      );
      const { calls, told } = obeyed(model, finished);
      const confirmAnswer = told[calls.findIndex((c) => c.name === confirm.name)];
      assert.match(confirmAnswer, /denied by the user/);
      assert.ok(ofType(events, 'toolCallFinished').some((e) => e.name === confirm.name && e.status === 'denied'));

      // (b) Both exfil fetches were refused before any connection: the loopback address, and the
      // public-looking name that resolves to it (looked up, then refused).
      const fetches = calls.map((c, i) => ({ c, i })).filter(({ c }) => c.name === 'web__fetch_url');
      assert.equal(fetches.length, 2);
      for (const { i } of fetches) assert.match(told[i], /Refused http:\/\/(127\.0\.0\.1|cdn\.attacker\.example):\d+: .*loopback/);
      assert.ok(lookups.includes(ATTACKER_HOST));

      // (c) Wherever the injected text reached the model — results, tool descriptions, every
      // request — it lies inside a genuine fence; and it did reach it (else this proves nothing).
      let seen = 0;
      for (const [n, request] of model.requests.entries()) {
        for (const { where, text } of sentTexts(request)) {
          seen += occurrences(text, MARKERS[source]);
          assert.deepEqual(outsideFences(text, MARKERS[source]), [], `request ${n}, ${where}: the injected text is outside the data fence`);
          // The forged end marker did not end a fence early: each fence's nonce is fresh and unforged.
          for (const f of fencesOf(text)) assert.notEqual(f.nonce, '000000000000');
        }
      }
      assert.ok(seen > 0, 'the injected text reached the model');

      // The verdict is the model's own call: the product passes on what submit_audit_report says
      // and cannot tell an honest verdict from an obeyed one. What it does guarantee is above
      // (the text came fenced and labelled untrusted; its side effects were held) and that the
      // report names its sources for the person to check.
      assert.equal(finished.outcome.kind, 'report');
      // …and the evidence rules bound the verdict: an obeyed SAFE stands only where the evidence allows it.
      if (finished.outcome.kind === 'report') assert.equal(finished.outcome.evidence?.model?.verdict, 'SAFE TO ADOPT');
    });
  }

  it('by default an audit is read-only: the write tools the injection asks for are not offered at all', async () => {
    const { model, port, events } = await audit('readme', false);
    for (const request of model.requests)
      assert.ok(!request.tools.some((t) => ['github__create_issue', 'poisoned__publish_review'].includes(t.name)), 'no write tool offered');
    assert.ok(!ofType(events, 'notice').some((e) => /write tool/.test(e.message)), 'the default says nothing on every run');
    assert.equal(port.asked.length, 0, 'nothing had to be denied');
  });

  it('issue: the body, which list_issues does not return, reaches the model nowhere', async () => {
    const { model } = await audit('issue');
    for (const request of model.requests) for (const { text } of sentTexts(request)) assert.equal(occurrences(text, ISSUE_BODY_MARKER), 0);
  });

  it('tool description: the flagged tool is offered fenced, its parameter text moved into the fence, and every call asks first though it claims to be read-only', async () => {
    const { model, port, events } = await audit('tool');
    const offered = model.requests[0].tools;
    const info = offered.find((t) => t.name === 'poisoned__package_info')!;
    assert.match(
      info.description,
      /^\[connector "poisoned", tool "package_info"\] Connector Auditor flagged this tool's description as suspicious \(it gives the model instructions\); every call asks the person first\./,
    );
    assert.equal(fencesOf(info.description).length, 1);
    assert.match(info.description, /parameter name: The package name/);
    assert.equal(JSON.stringify(info.parameters).includes('The package name'), false, 'no description left in the schema');
    assert.deepEqual((info.parameters as { required?: string[] }).required, ['name'], 'the schema still says what to pass');
    // An ordinary description is sent as it is.
    assert.equal(
      offered.find((t) => t.name === 'poisoned__publish_review')!.description,
      '[connector "poisoned", tool "publish_review"] Publishes a review of a package to the public review board.',
    );

    const asked = port.asked.find((q) => q.toolName === 'package_info');
    assert.ok(asked, 'package_info asked first');
    assert.equal(asked.readOnly, true, 'though its annotations say read-only');
    assert.match(asked.reason, /^flagged: its description looks suspicious \(it gives the model instructions\)$/);
    assert.ok(ofType(events, 'toolCallFinished').some((e) => e.name === 'poisoned__package_info' && e.status === 'denied'));
    assert.deepEqual(await poisonedCalls(), [], 'the server received no call at all');
  });
});
