// A confirmation never approves what the person could not see: arguments longer than the dialog
// shows are cut with the hidden size stated, Allow is not offered until the full arguments were
// opened, and the question comes back (with Allow) once their tab is closed.
import * as assert from 'assert';
import { after, before, describe, it } from 'node:test';
import { openConnectorsView } from './connectorAuditor';
import {
  answerInputBox,
  clickDialogButton,
  openWorkbench,
  pickQuickItem,
  plainText,
  runCommand,
  SELECTORS,
  TIMEOUT,
  treeRow,
  waitForNextStep,
  waitForQuickInputTitle,
  waitUntil,
  type Workbench,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';
// Harmless text, then the part that matters, past what the dialog shows.
const NAME = `${'report-'.repeat(400)}; rm -rf ~`;

describe(`Confirmations with long arguments (${theme} theme)`, () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
    // The palette offers the extension's commands once it has loaded the connectors.
    await openConnectorsView(wb.page);
    await treeRow(wb.page, 'everything').waitFor();
  });
  after(async () => wb?.close());

  it('cuts the arguments with the hidden size, shows them in full, then asks again with Allow', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('long-arguments', async () => {
      await runCommand(wb.page, 'Connector Auditor: Call Tool');
      await pickQuickItem(wb.page, 'everything');
      await waitForQuickInputTitle(wb.page, /^Call Tool on everything/);
      await pickQuickItem(wb.page, 'gzip-file-as-resource');
      // One step per field: the long name, then the defaults of the others.
      let step = await waitForQuickInputTitle(wb.page, /^gzip-file-as-resource \(1\//);
      await answerInputBox(wb.page, NAME);
      for (let i = 0; i < 2; i++) {
        step = await waitForNextStep(wb.page, step).catch(() => '');
        if (!step) break;
        const box = wb.page.locator(`${SELECTORS.quickInputBox}:visible`);
        if (await box.count()) await box.press('Enter');
        else await wb.page.keyboard.press('Enter');
      }

      const dialog = wb.page.locator(SELECTORS.dialog);
      await dialog.waitFor({ state: 'visible' });
      const first = plainText(await dialog.innerText());
      assert.match(first, /more characters \([\d,]+ in all\) not shown/);
      assert.doesNotMatch(first, /rm -rf/, 'the tail is past the cut');
      const buttons = await wb.page.locator(SELECTORS.dialogButton).allInnerTexts();
      assert.deepStrictEqual(buttons.map((b) => b.trim()).sort(), ['Deny', 'Show Full Arguments']);
      await wb.screenshot('confirm-long-arguments');

      await clickDialogButton(wb.page, 'Show Full Arguments');
      const editor = wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      await waitUntil(
        () => editor.innerText().then(plainText, () => ''),
        (t) => /Arguments of "gzip-file-as-resource"/.test(t),
        'the arguments tab',
      );
      // The tail is there to be read (the editor may wrap or scroll: search the model text).
      await wb.page.keyboard.press('Control+End');
      await waitUntil(
        () => editor.innerText().then(plainText, () => ''),
        (t) => /rm -rf ~/.test(t),
        'the end of the arguments',
      );
      await wb.screenshot('confirm-long-arguments-full');

      // Closing the arguments tab is how the person says they have read them.
      const tab = wb.page.locator('.tabs-container .tab', { hasText: 'arguments-gzip-file-as-resource' }).first();
      await tab.hover();
      await tab.locator('.tab-actions .action-label').first().click();
      await dialog.waitFor({ state: 'visible' });
      const again = await wb.page.locator(SELECTORS.dialogButton).allInnerTexts();
      assert.ok(
        again.some((b) => b.trim() === 'Allow'),
        `Allow is offered once the arguments were shown: ${again.join(' | ')}`,
      );
      await clickDialogButton(wb.page, 'Deny');
      await wb.page.locator(SELECTORS.notificationToast, { hasText: 'was denied' }).first().waitFor();
    }),
  );
});
