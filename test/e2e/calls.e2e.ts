// Direct tool calls as a person makes them: Call Tool… from the palette with schema-driven
// inputs and a result document; a tool that asks first, denied then allowed through the native
// modal; and excluding a tool from the tree's context menu.
import * as assert from 'assert';
import { after, before, describe, it } from 'node:test';
import { foldBuiltins, openConnectorsView } from './connectorAuditor';
import {
  answerInputBox,
  clickDialogButton,
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

async function activeEditorText(wb: Workbench): Promise<string> {
  return plainText(await wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText());
}

async function callFromPalette(wb: Workbench, tool: string): Promise<void> {
  await runCommand(wb.page, 'Connector Auditor: Call Tool');
  await pickQuickItem(wb.page, 'everything');
  await waitForQuickInputTitle(wb.page, /^Call Tool on everything/);
  await pickQuickItem(wb.page, tool);
}

describe(`Direct tool calls (${theme} theme)`, () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
    // The built-ins are covered by builtins.e2e.ts; folded, they leave the view to the tools here.
    await foldBuiltins(wb.page);
    await openConnectorsView(wb.page);
    await expandRow(treeRow(wb.page, 'everything'));
    await waitForChildren(wb.page, 'everything', 13);
  });
  after(async () => {
    await wb?.close();
  });

  it('calls get-sum from the palette with typed numbers and shows the result', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('call-get-sum', async () => {
      await callFromPalette(wb, 'get-sum');
      const first = await waitForQuickInputTitle(wb.page, /^get-sum \(1\/2\)/);
      await answerInputBox(wb.page, 'two');
      // The box refuses the value and says why; the step does not advance.
      await waitUntil(
        () =>
          wb.page
            .locator(SELECTORS.quickInputMessage)
            .innerText()
            .catch(() => ''),
        (t) => /"a" must be a number/.test(t),
        'the validation message',
      );
      assert.match(await wb.page.locator(SELECTORS.quickInputTitle).innerText(), /get-sum \(1\/2\)/);
      await answerInputBox(wb.page, '2');
      await waitForNextStep(wb.page, first);
      await answerInputBox(wb.page, '40');
      const text = await waitUntil(
        () => activeEditorText(wb).catch(() => ''),
        (t) => /The sum of 2 and 40 is 42/.test(t),
        'the result document',
      );
      assert.match(text, /# get-sum · everything/);
      assert.match(text, /Completed in \d+ ms/);
      await wb.screenshot('call-result');
    }),
  );

  it('runs get-sum again from the History', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('history', async () => {
      await runCommand(wb.page, 'Connector Auditor: Show Tool Call History');
      await waitForQuickInputTitle(wb.page, /^Tool Call History/);
      await wb.screenshot('call-history');
      await pickQuickItem(wb.page, 'get-sum');
      // A second result document opens for the re-run, with the same answer.
      await waitUntil(
        () =>
          wb.page
            .locator('.tabs-container .tab')
            .allInnerTexts()
            .catch(() => [] as string[]),
        (tabs) => tabs.some((t) => /get-sum-everything-2/.test(t)),
        'the second get-sum result',
      );
      assert.match(await activeEditorText(wb), /The sum of 2 and 40 is 42/);
    }),
  );

  it('asks before get-env: Deny stops it, Allow runs it', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('confirm-get-env', async () => {
      await callFromPalette(wb, 'get-env');
      await wb.page.locator(SELECTORS.dialog).waitFor({ state: 'visible' });
      const dialogText = plainText(await wb.page.locator(SELECTORS.dialog).innerText());
      assert.match(dialogText, /Run "get-env" on everything\?/);
      assert.match(dialogText, /listed in requiresConfirmation/);
      await wb.screenshot('confirm-modal');
      await clickDialogButton(wb.page, 'Deny');
      const toast = wb.page.locator(SELECTORS.notificationToast, { hasText: 'was denied' });
      await toast.waitFor();

      await callFromPalette(wb, 'get-env');
      await wb.page.locator(SELECTORS.dialog).waitFor({ state: 'visible' });
      await clickDialogButton(wb.page, 'Allow');
      await waitUntil(
        () => activeEditorText(wb).catch(() => ''),
        (t) => /# get-env · everything/.test(t) && /PATH/.test(t),
        'the get-env result',
      );
    }),
  );

  it('excludes a tool from the context menu and shows it excluded', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('exclude-tool', async () => {
      await openConnectorsView(wb.page);
      await contextMenu(treeRow(wb.page, 'get-tiny-image'), 'Exclude Tool');
      await waitUntil(
        () =>
          treeRow(wb.page, 'get-tiny-image')
            .getAttribute('aria-label')
            .catch(() => ''),
        (label) => /excluded/.test(label ?? ''),
        'get-tiny-image to show as excluded',
      );
      await wb.screenshot('tool-excluded');
      await contextMenu(treeRow(wb.page, 'get-tiny-image'), 'Include Tool');
      await waitUntil(
        () =>
          treeRow(wb.page, 'get-tiny-image')
            .getAttribute('aria-label')
            .catch(() => ''),
        (label) => !/excluded/.test(label ?? ''),
        'get-tiny-image to be included again',
      );
    }),
  );
});
