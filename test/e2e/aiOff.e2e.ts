// VS Code's "chat.disableAIFeatures": people who turn AI off still browse connectors and call
// tools. scripts/run-e2e.mjs gives this file a code-server of its own with the setting on. The
// tree must appear (activation may not wait on the language-model API), a direct call must work,
// and the chat must say why no VS Code model is offered and what else there is.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { CHAT, chatFrame } from './auditorChat';
import { EVERYTHING_TOOLS, foldBuiltins, openConnectorsView } from './connectorAuditor';
import {
  answerInputBox,
  expandRow,
  openWorkbench,
  pickQuickItem,
  plainText,
  quickPickLabels,
  runCommand,
  SELECTORS,
  TIMEOUT,
  treeRow,
  waitForChildren,
  waitForNextStep,
  waitForQuickInputTitle,
  waitUntil,
  type Workbench,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';

describe(`With VS Code's AI features off (${theme} theme)`, () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => wb?.close());

  it('shows the tree in a folder without connectors (activated by opening the view)', { timeout: 3 * TIMEOUT }, async () => {
    // No .vscode/connectors.json: nothing activates the extension at start-up, the view does.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-e2e-ai-off-'));
    const other = await openWorkbench({ folder: empty });
    try {
      await other.guard('ai-off-empty-folder', async () => {
        await openConnectorsView(other.page);
        await treeRow(other.page, 'Built-in').waitFor();
        await waitForChildren(other.page, 'Built-in', 4);
        await other.screenshot('ai-off-empty-folder');
      });
    } finally {
      await other.close();
    }
  });

  it('shows the Connectors tree and lists a connector’s tools', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('ai-off-tree', async () => {
      await openConnectorsView(wb.page);
      await treeRow(wb.page, 'Built-in').waitFor();
      await foldBuiltins(wb.page);
      await expandRow(treeRow(wb.page, 'everything'));
      const tools = await waitForChildren(wb.page, 'everything', EVERYTHING_TOOLS.length);
      assert.deepStrictEqual([...tools].sort(), [...EVERYTHING_TOOLS].sort());
      // No progress bar left spinning over the view.
      await waitUntil(
        () => wb.page.locator(`${SELECTORS.sidebar} .monaco-progress-container.active`).count(),
        (n) => n === 0,
        'the view to finish loading',
      );
      await wb.screenshot('ai-off-tree');
    }),
  );

  it('calls a tool from the palette', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('ai-off-call', async () => {
      await runCommand(wb.page, 'Connector Auditor: Call Tool');
      await pickQuickItem(wb.page, 'everything');
      await waitForQuickInputTitle(wb.page, /^Call Tool on everything/);
      await pickQuickItem(wb.page, 'get-sum');
      const first = await waitForQuickInputTitle(wb.page, /^get-sum \(1\/2\)/);
      await answerInputBox(wb.page, '2');
      await waitForNextStep(wb.page, first);
      await answerInputBox(wb.page, '3');
      const editor = wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      await waitUntil(
        () => editor.innerText().then(plainText, () => ''),
        (t) => /The sum of 2 and 3 is 5/.test(t),
        'the result document',
      );
      await wb.screenshot('ai-off-call');
    }),
  );

  it('the chat says the AI features are off and offers the other providers', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('ai-off-chat', async () => {
      await runCommand(wb.page, 'View: Close All Editors');
      await openConnectorsView(wb.page);
      const frame = await chatFrame(wb.page);
      const model = frame.locator(CHAT.modelButton);
      const title = await waitUntil(
        () => model.getAttribute('title').then((t) => t ?? ''),
        (t) => /AI features are off/.test(t),
        'the model button to say why',
      );
      assert.match(plainText(title), /chat\.disableAIFeatures/);
      await wb.screenshot('ai-off-chat');
      await model.click();
      const labels = await waitUntil(
        () => quickPickLabels(wb.page),
        (l) => l.length > 0,
        'the model picker',
      );
      assert.ok(
        labels.some((l) => /Mistral/.test(l)),
        `Mistral is offered: ${labels.join(' | ')}`,
      );
      assert.ok(
        labels.some((l) => /OpenAI-compatible/.test(l)),
        `an OpenAI-compatible server is offered: ${labels.join(' | ')}`,
      );
      await wb.screenshot('ai-off-model-picker');
      await wb.page.keyboard.press('Escape');
    }),
  );
});
