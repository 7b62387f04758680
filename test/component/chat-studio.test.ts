// A chat in Studio mode without VS Code: ChatSession over the real StudioAgentRunner and the real
// @mistralai/mistralai SDK against the fake Studio (startStudioFixture), whose "everything"
// connector relays to a real server-everything over Streamable HTTP; the confirmation goes
// through the shared ConfirmationService. And what a person sees when Studio cannot run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { attachSessions } from '../../src/core/chat/attachSessions';
import type { ChatPorts, StudioSetup } from '../../src/core/chat/chatPorts';
import { type ChatRecord } from '../../src/core/chat/chatRecord';
import { ChatSession, newChatRecord } from '../../src/core/chat/chatSession';
import { chooseStudioConnectors } from '../../src/core/chat/studioChoice';
import { StudioClient } from '../../src/core/studio/studioClient';
import { StudioError } from '../../src/core/studio/studioError';
import { studioToolConfiguration } from '../../src/core/studio/studioToolConfiguration';
import { ConfirmationService, type ConfirmationPort } from '../../src/core/tools/confirmation';
import type { ChatItem, ErrorItem, ReportItem, ToolItem } from '../../src/protocol/chatItems';
import { EXAMPLE_ADVISORY } from '../fixtures/mistralStudio/scriptedAuditor';
import { startStudioFixture, type StudioFixture } from '../fixtures/mistralStudio/server';
import { scriptedPort } from '../helpers/agentRun';
import { startEverything } from '../helpers/everythingServer';
import { connectorOf, EVERYTHING_ENTRY, memoryLog, sessionFor } from '../helpers/sessions';

const localConfig = { name: 'localeverything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] };

function sink(items: ChatItem[]) {
  return {
    item: (item: ChatItem) => {
      const at = items.findIndex((i) => i.id === item.id);
      if (at >= 0) items[at] = structuredClone(item);
      else items.push(structuredClone(item));
    },
    text: () => undefined,
    running: () => undefined,
    header: () => undefined,
  };
}

describe('ChatSession in Studio mode', () => {
  let fixture: StudioFixture;
  let everything: Awaited<ReturnType<typeof startEverything>>;
  const local = sessionFor(localConfig);

  before(async () => {
    [fixture, everything] = await Promise.all([startStudioFixture(), startEverything('streamableHttp')]);
    const [reference] = fixture.seed(1, 'everything', `http://127.0.0.1:${everything.port}/mcp`);
    reference.name = 'everything';
  });
  after(async () => {
    await local.session.dispose();
    await fixture.close();
    await everything.stop();
  });

  /** What the extension's port does, over the fixture: list, list tools, derive tool_configuration. */
  async function studioSetup(requireAll: boolean, ids?: readonly string[]): Promise<StudioSetup> {
    const client = new StudioClient({ apiKey: fixture.key, serverUrl: fixture.url });
    const { connectors } = await client.list();
    const attachments = await Promise.all(
      chooseStudioConnectors(connectors, ids).chosen.map(async (connector) => {
        const tools: Tool[] = await client.listTools(connector.id);
        return { connector, tools, toolConfiguration: studioToolConfiguration(tools, requireAll ? 'always' : 'listedOnly') };
      }),
    );
    return { api: { apiKey: fixture.key, serverUrl: fixture.url }, model: 'mistral-medium-latest', studioConnectors: attachments, webSearch: true };
  }

  function setup(opts: { port?: ConfirmationPort; studio?: ChatPorts['studio']; record?: ChatRecord; withLocal?: boolean }) {
    const items: ChatItem[] = [];
    const saved: ChatRecord[] = [];
    let modelChosen = 0;
    const ports: ChatPorts = {
      chooseModel: () => {
        modelChosen++;
        return Promise.reject(new Error('Studio mode never chooses the local model'));
      },
      attachConnectors: (_ids, signal) => attachSessions(opts.withLocal ? [{ connector: connectorOf(localConfig), session: local.session }] : [], signal),
      confirmations: new ConfirmationService(opts.port ?? scriptedPort()),
      policy: () => 'listedOnly',
      saver: { save: async (r) => void saved.push(structuredClone(r)) },
      log: memoryLog(),
      ...(opts.studio ? { studio: opts.studio } : {}),
    };
    const record = opts.record ?? newChatRecord();
    const session = new ChatSession(record, ports, sink(items));
    session.setMode('studio');
    return { session, items, saved, modelChosen: () => modelChosen };
  }

  const conversationRequests = () => fixture.requests.filter((r) => r.path.startsWith('/v1/conversations'));

  it('asks through the shared confirmation service, naming the Studio connector, runs the allowed tool on Studio, and keeps the Studio conversation for the next message', async () => {
    const port = scriptedPort(['allow']);
    const { session, items, saved, modelChosen } = setup({ port, studio: () => studioSetup(true) });
    const before = conversationRequests().length;
    await session.send('Audit acme/widget and submit your report.', 'acme/widget');

    assert.equal(modelChosen(), 0, 'the local model is not used');
    assert.equal(port.asked.length, 1, 'one modal for the pending Studio call');
    assert.equal(port.asked[0].toolName, 'echo');
    assert.match(port.asked[0].connectorLabel, /everything/);
    assert.match(port.asked[0].connectorLabel, /Mistral Studio/);

    const card = items.find((i): i is ToolItem => i.kind === 'tool' && i.tool === 'echo');
    assert.ok(card, 'the server-side call is a tool card like a local one');
    assert.equal(card.state, 'done');
    assert.match(card.connector ?? '', /everything/);
    const report = items.find((i): i is ReportItem => i.kind === 'report');
    assert.ok(report, `the run ends with a report card: ${JSON.stringify(items.map((i) => i.kind))}`);
    assert.equal(report.report.target, 'acme/widget');
    assert.ok(
      report.report.findings.some((f) => f.sources.includes(EXAMPLE_ADVISORY)),
      'its sources reach the card',
    );
    assert.equal(saved.at(-1)?.items.find((i) => i.kind === 'report')?.id, report.id, 'and the saved chat');

    const sent = conversationRequests().slice(before);
    const start = JSON.parse(sent[0].body) as { tools: Array<{ type: string; tool_configuration?: { requires_confirmation?: string[] } }> };
    assert.ok(
      start.tools.some((t) => t.type === 'web_search'),
      'web search is attached',
    );
    assert.ok(start.tools.find((t) => t.type === 'connector')?.tool_configuration?.requires_confirmation?.includes('echo'));
    const answer = sent.map((r) => JSON.parse(r.body) as { tool_confirmations?: Array<{ confirmation: string }> }).find((b) => b.tool_confirmations);
    assert.deepEqual(
      answer?.tool_confirmations?.map((c) => c.confirmation),
      ['allow'],
      'Studio was told allow',
    );

    const conversationId = session.record.studio?.conversationId;
    assert.ok(conversationId, 'the Studio conversation id is kept in the record');
    assert.equal(saved.at(-1)?.studio?.conversationId, conversationId, 'and saved');
    assert.equal(saved.at(-1)?.mode, 'studio');
    assert.ok(
      sent.slice(1).every((r) => r.path === `/v1/conversations/${conversationId}`),
      'the run appended to its own conversation',
    );

    // A follow-up message appends to the same Studio conversation instead of starting a new one.
    const beforeFollowUp = conversationRequests().length;
    await session.send('What else should I know?');
    const followUp = conversationRequests().slice(beforeFollowUp);
    assert.ok(followUp.length > 0);
    assert.equal(followUp[0].path, `/v1/conversations/${conversationId}`);
  });

  it('tells Studio "deny" when the person denies, and the card says denied', async () => {
    const port = scriptedPort(['deny']);
    const { session, items } = setup({ port, studio: () => studioSetup(true) });
    const before = conversationRequests().length;
    await session.send('Audit acme/gadget and submit your report.', 'acme/gadget');
    assert.equal(port.asked.length, 1);
    const card = items.find((i): i is ToolItem => i.kind === 'tool' && i.tool === 'echo');
    assert.equal(card?.state, 'denied');
    const bodies = conversationRequests()
      .slice(before)
      .map((r) => JSON.parse(r.body) as { tool_confirmations?: Array<{ confirmation: string }> });
    assert.deepEqual(
      bodies.find((b) => b.tool_confirmations)?.tool_confirmations?.map((c) => c.confirmation),
      ['deny'],
    );
  });

  it("offers the chat's local connectors to Studio as function tools", async () => {
    const { session, items } = setup({ studio: () => studioSetup(false), withLocal: true });
    const before = conversationRequests().length;
    await session.send('Audit acme/local and submit your report.', 'acme/local');
    const start = JSON.parse(conversationRequests()[before].body) as { tools: Array<{ type: string; function?: { name: string } }> };
    const functions = start.tools.filter((t) => t.type === 'function').map((t) => t.function?.name);
    assert.ok(functions.includes('localeverything__echo'), `local tools are offered as functions: ${functions.join(', ')}`);
    // The one Studio called back ran here, on the local server, as a card like any other.
    const localCard = items.find((i): i is ToolItem => i.kind === 'tool' && i.connector === 'localeverything');
    assert.equal(localCard?.state, 'done', JSON.stringify(items.filter((i) => i.kind === 'tool')));
    assert.ok(items.some((i) => i.kind === 'report'));
  });

  it('attaches only the Studio connectors the chat names', async () => {
    const [tracker] = fixture.seed(1, 'tracker');
    let asked: readonly string[] | undefined = ['not called'];
    const { session, items } = setup({
      studio: (ids) => {
        asked = ids;
        return studioSetup(false, ids);
      },
    });
    session.setStudioConnectorIds([tracker.id]);
    const before = conversationRequests().length;
    await session.send('Audit acme/tracked and submit your report.', 'acme/tracked');
    assert.deepEqual(asked, [tracker.id], "the port is told the chat's choice");
    const start = JSON.parse(conversationRequests()[before].body) as { tools: Array<{ type: string; connector_id?: string }> };
    assert.deepEqual(
      start.tools.filter((t) => t.type === 'connector').map((t) => t.connector_id),
      [tracker.id],
    );
    assert.ok(!items.some((i) => i.kind === 'tool' && /everything/.test(i.connector ?? '')), 'the other Studio connector is not used');
    assert.ok(items.some((i) => i.kind === 'report'));
  });

  it('without a Mistral key: an error item with "Set Mistral API Key…", and nothing is sent', async () => {
    const before = fixture.requests.length;
    const { session, items, modelChosen } = setup({
      studio: () =>
        Promise.reject(new StudioError('auth', 'Studio mode needs a Mistral API key. Run "Connector Auditor: Set Mistral API Key…" or set MISTRAL_API_KEY.')),
    });
    await session.send('Audit acme/widget');
    const error = items.find((i): i is ErrorItem => i.kind === 'error');
    assert.ok(error);
    assert.match(error.text, /needs a Mistral API key/);
    assert.deepEqual(
      error.fixes.map((f) => f.action),
      [{ type: 'setModelKey', provider: 'mistral' }, { type: 'retry' }],
    );
    assert.equal(modelChosen(), 0);
    assert.equal(fixture.requests.length, before);
  });

  it('a rejected key on the first request offers the same fix', async () => {
    const { session, items } = setup({
      studio: async () => ({ ...(await studioSetup(false)), api: { apiKey: 'wrong-key', serverUrl: fixture.url } }),
    });
    await session.send('Audit acme/widget');
    const error = items.find((i): i is ErrorItem => i.kind === 'error');
    assert.ok(error, `an error item: ${JSON.stringify(items.map((i) => i.kind))}`);
    assert.ok(
      error.fixes.some((f) => f.action.type === 'setModelKey' && f.action.provider === 'mistral'),
      JSON.stringify(error.fixes),
    );
    assert.ok(!JSON.stringify(items).includes(fixture.key));
  });

  it('a front end without Studio says so instead of running locally', async () => {
    const { session, items, modelChosen } = setup({});
    await session.send('Audit acme/widget');
    assert.equal(modelChosen(), 0);
    assert.match((items.find((i) => i.kind === 'error') as ErrorItem | undefined)?.text ?? '', /Mistral Studio is not available/);
  });
});
