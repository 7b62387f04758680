// The Auditor Chat's host side inside a real extension host: contributions, the editor panel,
// webview messages that must be dropped, and an audit against the fake model server that ends
// in the history.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ConnectorAuditorApi } from '../../src/extension';
import type { AuditReport } from '../../src/core/audit/report';
import type { HostMessage } from '../../src/protocol/chatMessages';
import { startFakeModel, type FakeModelServer } from '../fixtures/fakeModel/server';

const EXTENSION_ID = 'connector-auditor.connector-auditor';
const CHAT_COMMANDS = ['auditRepository', 'newChat', 'showChatHistory', 'openChatInEditor', 'stopAudit'].map((c) => `connectorAuditor.${c}`);
const REPORT: AuditReport = {
  target: 'acme/widget',
  verdict: 'ADOPT WITH CAUTION',
  summary: 'Scripted by the integration test.',
  // No citation: the scripted model calls no tool, and a source no tool returned would be sent back.
  findings: [],
};

describe('Auditor Chat', () => {
  let api: ConnectorAuditorApi;
  before(async () => {
    const ext = vscode.extensions.getExtension<ConnectorAuditorApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
  });

  it('contributes the chat view in the Connector Auditor container, and its commands', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { views: Record<string, { id: string; type?: string }[]> } };
    const views = pkg.contributes.views.connectorAuditor;
    assert.deepStrictEqual(
      views.map((v) => v.id),
      ['connectorAuditor.connectors', 'connectorAuditor.chat'],
    );
    assert.strictEqual(views[1].type, 'webview');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(
      CHAT_COMMANDS.filter((c) => !registered.has(c)),
      [],
    );
  });

  it('opens the chat in an editor panel, once', async () => {
    await vscode.commands.executeCommand('connectorAuditor.openChatInEditor');
    await vscode.commands.executeCommand('connectorAuditor.openChatInEditor');
    assert.strictEqual(api.chat.panelOpen(), true);
    // The tab model follows the panel asynchronously; the view type is prefixed by the workbench.
    const chatTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('connectorAuditor.chatPanel'));
    await waitFor(() => chatTabs().length > 0, 'the chat tab');
    assert.deepStrictEqual(
      chatTabs().map((t) => t.label),
      ['Auditor Chat'],
    );
    await vscode.window.tabGroups.close(chatTabs());
    await waitFor(() => !api.chat.panelOpen(), 'the panel to close');
  });

  it('drops invalid webview messages without acting on them, and keeps answering', async () => {
    const before = api.chat.currentId();
    for (const raw of [
      'garbage',
      null,
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'send', text: '   ' },
      { type: 'runFix', itemId: '', fixId: 'x' },
    ]) {
      assert.deepStrictEqual(await api.chat.webviewMessage(raw), [], JSON.stringify(raw));
    }
    const [state] = await api.chat.webviewMessage({ type: 'ready' });
    assert.ok(state?.type === 'state');
    assert.strictEqual(state.state.chatId, before);
    assert.deepStrictEqual(await api.chat.webviewMessage({ type: 'runFix', requestId: 7, itemId: 'none', fixId: 'none' }), [
      { type: 'response', requestId: 7, ok: false, error: 'That action is no longer available.' },
    ]);
    const link = await api.chat.webviewMessage({ type: 'openLink', requestId: 8, href: 'command:workbench.action.terminal.new' });
    assert.ok(link[0]?.type === 'response' && !link[0].ok, 'a command: link is refused');
  });

  describe('with a fake OpenAI-compatible model', () => {
    let fake: FakeModelServer;
    const model = () => vscode.workspace.getConfiguration('connectorAuditor.model');
    before(async () => {
      fake = await startFakeModel([{ text: 'Looking at acme/widget.', toolCalls: [{ name: 'submit_audit_report', arguments: REPORT }] }], {
        dialect: 'openai',
      });
      await model().update('provider', 'openai', vscode.ConfigurationTarget.Global);
      await model().update('baseUrl', fake.baseUrl, vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await model().update('provider', undefined, vscode.ConfigurationTarget.Global);
      await model().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
      await fake.close();
    });

    it('runs an audit from a send message, and the finished chat is in the history with its verdict', async () => {
      await api.chat.webviewMessage({ type: 'newChat' });
      const answers: HostMessage[] = await api.chat.webviewMessage({ type: 'send', requestId: 1, text: 'Audit acme/widget' });
      assert.deepStrictEqual(answers, [{ type: 'response', requestId: 1, ok: true }]);
      await api.chat.whenIdle();
      const kinds = api.chat.items().map((i) => i.kind);
      assert.strictEqual(kinds[0], 'user');
      assert.ok(kinds.includes('report'), `items: ${kinds.join(', ')}`);
      assert.strictEqual(fake.requests.length, 1);
      const history = await api.chat.history();
      const entry = history.find((h) => h.id === api.chat.currentId());
      assert.ok(entry, 'the chat was saved');
      assert.strictEqual(entry.title, 'Audit acme/widget');
      assert.strictEqual(entry.verdict, 'ADOPT WITH CAUTION');
      assert.strictEqual(history[0].id, entry.id, 'newest first');
    });
  });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
