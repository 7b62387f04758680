// Mistral Studio in the Connectors view, as a person uses it: set the Mistral key, browse the
// workspace's Studio connectors (the fake Studio of scripts/run-e2e.mjs: "everything" is a real
// server-everything behind it, "issue-tracker" has canned tools), call a Studio tool from the tree
// and again from the History, be asked before a destructive one, create and delete a Studio
// connector, and be refused when publishing a local stdio connector. Removing the key hides it all.
import * as assert from 'assert';
import { after, before, describe, it } from 'node:test';
import { foldBuiltins, openConnectorsView } from './connectorAuditor';
import {
  answerInputBox,
  childLabels,
  clickDialogButton,
  collapseRow,
  contextMenu,
  expandRow,
  openWorkbench,
  pickQuickItem,
  plainText,
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
const FIXTURE = process.env.E2E_STUDIO_FIXTURE;
/** FIXTURE_KEYS.valid of test/fixtures/search/recordingServer.ts. */
const KEY = 'fixture-valid-key';
const GROUP = 'Mistral Studio';
const NEW_CONNECTOR = 'e2e-studio';

interface Recorded {
  method: string;
  path: string;
  body: string;
}

async function fixtureRequests(): Promise<Recorded[]> {
  const res = await fetch(`${FIXTURE}/__fixture/requests`);
  return (await res.json()) as Recorded[];
}

async function activeEditorText(wb: Workbench): Promise<string> {
  return plainText(await wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText());
}

function toast(wb: Workbench, text: string | RegExp) {
  return wb.page.locator(SELECTORS.notificationToast, { hasText: text });
}

describe(`Mistral Studio connectors (${theme} theme)`, () => {
  let wb: Workbench;
  before(async () => {
    assert.ok(FIXTURE, 'E2E_STUDIO_FIXTURE is not set: run through npm run test:e2e');
    wb = await openWorkbench();
    await foldBuiltins(wb.page);
    // The sample workspace has a local "everything" too; folded, the rows below are Studio's.
    await collapseRow(treeRow(wb.page, 'Workspace'));
  });
  after(async () => {
    await wb?.close();
  });

  it("setting the Mistral key shows the Mistral Studio group with the workspace's connectors", { timeout: 3 * TIMEOUT }, () =>
    wb.guard('studio-group', async () => {
      await runCommand(wb.page, 'Connector Auditor: Set Mistral API Key');
      await waitForQuickInputTitle(wb.page, /Mistral API Key/);
      await answerInputBox(wb.page, KEY);
      await toast(wb, 'API key saved').waitFor();
      await openConnectorsView(wb.page);
      const group = treeRow(wb.page, GROUP);
      await group.waitFor();
      await expandRow(group);
      const connectors = await waitForChildren(wb.page, GROUP, 2);
      assert.deepStrictEqual(connectors, ['everything', 'issue-tracker']);
      const tracker = plainText((await treeRow(wb.page, 'issue-tracker').innerText()) ?? '');
      assert.match(tracker, /shared/);
      await wb.screenshot('studio-group');
    }),
  );

  it("expands a Studio connector into its server's tools", { timeout: 3 * TIMEOUT }, () =>
    wb.guard('studio-tools', async () => {
      await expandRow(treeRow(wb.page, 'everything'));
      const tools = await waitForChildren(wb.page, 'everything', 13);
      for (const name of ['echo', 'get-sum', 'get-env']) assert.ok(tools.includes(name), `${name} in ${tools.join(', ')}`);
      await wb.screenshot('studio-tools');
    }),
  );

  it('calls echo from the tree through Studio and shows the result document', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('studio-call', async () => {
      const message = `hello through Studio (${theme})`;
      await contextMenu(treeRow(wb.page, 'echo'), 'Call Tool');
      await waitForQuickInputTitle(wb.page, /^echo/);
      await answerInputBox(wb.page, message);
      const text = await waitUntil(
        () => activeEditorText(wb).catch(() => ''),
        (t) => t.includes(`Echo: ${message}`),
        'the echo result document',
      );
      assert.match(text, /# echo · everything \(Mistral Studio\)/);
      const calls = (await fixtureRequests()).filter((r) => r.method === 'POST' && r.path === '/v1/connectors/everything/tools/echo/call');
      assert.equal(calls.length, 1, 'one call reached Studio');
      assert.deepStrictEqual(JSON.parse(calls[0].body), { arguments: { message } });
      await wb.screenshot('studio-call-result');
    }),
  );

  it('runs the Studio call again from the History, through Studio again', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('studio-history', async () => {
      await runCommand(wb.page, 'Connector Auditor: Show Tool Call History');
      await waitForQuickInputTitle(wb.page, /^Tool Call History/);
      const row = wb.page.locator(`${SELECTORS.quickInputRow}:visible`).first();
      assert.match(plainText(await row.innerText()), /echo[\s\S]*everything \(Mistral Studio\)/);
      await wb.screenshot('studio-history');
      await pickQuickItem(wb.page, 'echo');
      await waitUntil(
        async () => (await fixtureRequests()).filter((r) => r.method === 'POST' && r.path === '/v1/connectors/everything/tools/echo/call').length,
        (n) => n === 2,
        'the second echo call at Studio',
      );
    }),
  );

  it('asks before a destructive Studio tool with the same modal; Deny sends nothing', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('studio-confirm', async () => {
      await collapseRow(treeRow(wb.page, 'everything'));
      await expandRow(treeRow(wb.page, 'issue-tracker'));
      await waitForChildren(wb.page, 'issue-tracker', 2);
      await contextMenu(treeRow(wb.page, 'close_issue'), 'Call Tool');
      await waitForQuickInputTitle(wb.page, /^close_issue/);
      await answerInputBox(wb.page, '7');
      await wb.page.locator(SELECTORS.dialog).waitFor({ state: 'visible' });
      const dialog = plainText(await wb.page.locator(SELECTORS.dialog).innerText());
      assert.match(dialog, /close_issue/);
      assert.match(dialog, /issue-tracker \(Mistral Studio\)/);
      await wb.screenshot('studio-confirm');
      await clickDialogButton(wb.page, 'Deny');
      await toast(wb, 'was denied').waitFor();
      const calls = (await fixtureRequests()).filter((r) => r.path.endsWith('/tools/close_issue/call'));
      assert.equal(calls.length, 0, 'a denied call never reaches Studio');
    }),
  );

  it('creates a Studio connector with the command, and deletes it after the modal', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('studio-create-delete', async () => {
      await collapseRow(treeRow(wb.page, 'issue-tracker'));
      await runCommand(wb.page, 'Connector Auditor: Create Studio Connector');
      let step = await waitForQuickInputTitle(wb.page, /^Create Studio Connector \(1\/5\)/);
      await answerInputBox(wb.page, 'has space');
      await waitUntil(
        () =>
          wb.page
            .locator(SELECTORS.quickInputMessage)
            .innerText()
            .catch(() => ''),
        (t) => /letters, digits/.test(t),
        'the name validation message',
      );
      await answerInputBox(wb.page, NEW_CONNECTOR);
      step = await waitForNextStep(wb.page, step);
      await answerInputBox(wb.page, 'https://tools.example.com/mcp');
      step = await waitForNextStep(wb.page, step);
      await answerInputBox(wb.page, 'Made by the e2e test');
      step = await waitForNextStep(wb.page, step);
      await pickQuickItem(wb.page, 'Private');
      await waitForNextStep(wb.page, step);
      await pickQuickItem(wb.page, 'None');
      await toast(wb, `Created Studio connector "${NEW_CONNECTOR}"`).waitFor();
      await waitUntil(
        () => childLabels(wb.page, GROUP),
        (c) => c.includes(NEW_CONNECTOR),
        'the new connector in the group',
      );
      await wb.screenshot('studio-created');

      const deletes = async () => (await fixtureRequests()).filter((r) => r.method === 'DELETE').length;
      await contextMenu(treeRow(wb.page, NEW_CONNECTOR), 'Delete Studio Connector');
      await wb.page.locator(SELECTORS.dialog).waitFor({ state: 'visible' });
      const dialog = plainText(await wb.page.locator(SELECTORS.dialog).innerText());
      assert.match(dialog, new RegExp(`Delete the Studio connector "${NEW_CONNECTOR}"\\?`));
      assert.match(dialog, /removed from Mistral Studio/);
      await wb.screenshot('studio-delete-modal');
      await clickDialogButton(wb.page, 'Cancel');
      assert.equal(await deletes(), 0, 'Cancel sends nothing');
      await treeRow(wb.page, NEW_CONNECTOR).waitFor();

      await contextMenu(treeRow(wb.page, NEW_CONNECTOR), 'Delete Studio Connector');
      await clickDialogButton(wb.page, 'Delete');
      await treeRow(wb.page, NEW_CONNECTOR).waitFor({ state: 'detached' });
      assert.equal(await deletes(), 1);
    }),
  );

  it('refuses to publish a local stdio connector, saying why', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('studio-publish-stdio', async () => {
      await runCommand(wb.page, 'Notifications: Clear All Notifications');
      await collapseRow(treeRow(wb.page, GROUP));
      await expandRow(treeRow(wb.page, 'Workspace'));
      await contextMenu(treeRow(wb.page, 'everything'), 'Publish to Studio');
      const refusal = toast(wb, /stdio connector/);
      await refusal.waitFor();
      assert.match(plainText(await refusal.innerText()), /runs a command on this machine, and Mistral Studio runs connectors on its own servers/);
      await wb.screenshot('studio-publish-refused');
      const creates = (await fixtureRequests()).filter((r) => r.method === 'POST' && r.path === '/v1/connectors');
      assert.equal(creates.length, 1, 'only the e2e-studio create reached Studio');
    }),
  );

  it('removing the key hides the Mistral Studio group', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('studio-key-removed', async () => {
      await runCommand(wb.page, 'Connector Auditor: Remove Mistral API Key');
      await toast(wb, 'Mistral API key removed').waitFor();
      await treeRow(wb.page, GROUP).waitFor({ state: 'detached' });
    }),
  );
});
