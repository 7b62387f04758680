// Tool pinning, as a person meets it: a connector's tools are pinned at their first listing; the
// server then changes a tool's description (its args change, as an update would), the connector
// reconnects, the tree holds the changed tool, Review opens a pinned ↔ now diff, and Accept
// Tool Change in the diff's title bar clears the hold.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { foldBuiltins } from './connectorAuditor';
import {
  answerInputBox,
  clickDialogButton,
  contextMenu,
  expandRow,
  hoverRow,
  openWorkbench,
  pickQuickItem,
  plainText,
  runCommand,
  SELECTORS,
  TIMEOUT,
  treeRow,
  waitForChildren,
  waitUntil,
  type Workbench,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';
const home = process.env.CONNECTOR_AUDITOR_HOME ?? '';
const privateRegistry = path.join(home, 'connectors.json');
const pinsFile = path.join(home, 'tool-pins.json');
const SCRIPTED = path.resolve('test/fixtures/servers/scripted-server.mjs');
const NAME = 'rugpull';

function writeRegistry(...extra: string[]): void {
  fs.mkdirSync(home, { recursive: true });
  const entry = { name: NAME, description: 'A server whose tool-001 changes', command: process.execPath, args: [SCRIPTED, ...extra, '--tools', '2'] };
  fs.writeFileSync(privateRegistry, `${JSON.stringify({ connectors: [entry] }, null, 2)}\n`);
}

/** The aria-label of a tool row under the connector: "name, badges…, description". */
async function toolAria(wb: Workbench, tool: string): Promise<string> {
  return (await treeRow(wb.page, tool).getAttribute('aria-label')) ?? '';
}

function pinnedDescription(): string | undefined {
  const pins = JSON.parse(fs.readFileSync(pinsFile, 'utf8')) as { connectors: Record<string, { tools: Record<string, { tool: { description?: string } }> }> };
  return pins.connectors[`private:${NAME}`]?.tools['tool-001']?.tool.description;
}

describe(`Tool pins: review and accept a changed tool (${theme} theme)`, () => {
  let wb: Workbench;
  let saved: string | undefined;
  before(async () => {
    assert.ok(home, 'run-e2e sets CONNECTOR_AUDITOR_HOME');
    saved = fs.existsSync(privateRegistry) ? fs.readFileSync(privateRegistry, 'utf8') : undefined;
    fs.rmSync(pinsFile, { force: true });
    writeRegistry();
    // A folder of its own, so only this connector (and the built-ins) are in the tree.
    wb = await openWorkbench({ folder: fs.mkdtempSync(path.join(os.tmpdir(), 'ca-e2e-pins-')) });
  });
  after(async () => {
    if (saved === undefined) fs.rmSync(privateRegistry, { force: true });
    else fs.writeFileSync(privateRegistry, saved);
    await wb?.close();
  });

  it('pins at the first listing, holds the changed tool after a reconnect, shows the diff and accepts it', { timeout: 4 * TIMEOUT }, () =>
    wb.guard('pins', async () => {
      await foldBuiltins(wb.page);
      await expandRow(treeRow(wb.page, NAME));
      assert.deepStrictEqual(await waitForChildren(wb.page, NAME, 2), ['tool-000', 'tool-001']);
      await waitUntil(
        async () => fs.existsSync(pinsFile) && pinnedDescription(),
        (d) => d === 'Tool number 1',
        'the first listing to pin the tools',
      );
      assert.doesNotMatch(await toolAria(wb, 'tool-001'), /review/);

      // The rug pull: the same connector now describes tool-001 differently. The registry
      // watcher replaces the session (a reconnect) and the tree lists the tools again.
      writeRegistry('--describe-v2');
      const held = await waitUntil(
        () => toolAria(wb, 'tool-001').catch(() => ''),
        (a) => /changed · review/.test(a),
        'tool-001 to be held',
      );
      assert.doesNotMatch(await toolAria(wb, 'tool-000'), /review/, 'the unchanged tool stays trusted');
      assert.match(held, /version 2/);
      await wb.screenshot('pins-held-row');

      const hover = await hoverRow(treeRow(wb.page, 'tool-001'));
      assert.match(plainText(await hover.innerText()), /Changed since you accepted it \(description\)\. Held: not offered to the agent/);
      await wb.screenshot('pins-held-tooltip');
      await wb.page.keyboard.press('Escape');

      // A direct call of the held tool asks first, says why, and offers no session-wide Allow.
      await contextMenu(treeRow(wb.page, 'tool-001'), 'Call Tool');
      await answerInputBox(wb.page, 'hello');
      const dialog = wb.page.locator(SELECTORS.dialog);
      await dialog.waitFor({ state: 'visible' });
      const dialogText = plainText(await dialog.innerText());
      assert.match(dialogText, /Run "tool-001" on rugpull\?/);
      assert.match(dialogText, /This tool changed since you accepted it\. Review Tool Change… in the Connectors view shows how\./);
      // The platform decides the buttons' order; what matters is that there is no "Allow for this Session".
      assert.deepStrictEqual((await wb.page.locator(SELECTORS.dialogButton).allInnerTexts()).map((b) => b.trim()).sort(), ['Allow', 'Deny']);
      await wb.screenshot('pins-held-confirm');
      await clickDialogButton(wb.page, 'Deny');

      await contextMenu(treeRow(wb.page, 'tool-001'), 'Review Tool Change');
      const tab = wb.page.locator('.tabs-container .tab', { hasText: 'tool-001 (pinned ↔ now)' });
      await tab.waitFor();
      const diff = wb.page.locator('.monaco-diff-editor');
      await diff.waitFor();
      await waitUntil(
        async () => plainText(await diff.innerText()),
        (t) => t.includes('Tool number 1, version 2') && t.includes('Tool number 1'),
        'both sides of the diff',
      );
      await wb.screenshot('pins-review-diff');

      await wb.page.locator('.editor-actions .action-label[aria-label="Accept Tool Change"]').click();
      await tab.waitFor({ state: 'detached' });
      await waitUntil(
        () => toolAria(wb, 'tool-001').catch(() => ''),
        (a) => a.startsWith('tool-001') && !/review/.test(a),
        'the hold to clear',
      );
      assert.match(pinnedDescription() ?? '', /version 2/, 'the accepted version is pinned in the file the CLI shares');
      await wb.screenshot('pins-accepted');
    }),
  );

  it("Reset Tool Pins… asks first, then forgets the connector's pins", { timeout: 2 * TIMEOUT }, () =>
    wb.guard('pins-reset', async () => {
      await runCommand(wb.page, 'Connector Auditor: Reset Tool Pins');
      await pickQuickItem(wb.page, NAME);
      const message = await clickDialogButton(wb.page, 'Reset');
      assert.match(message, new RegExp(`Reset the tool pins of ${NAME}\\?`));
      // Resetting redraws the tree, whose listing pins the tools again as they are now.
      await waitUntil(
        async () => fs.existsSync(pinsFile) && pinnedDescription(),
        (d) => typeof d === 'string' && /version 2/.test(d),
        'the tools to be pinned again',
      );
    }),
  );
});
