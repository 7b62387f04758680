// Workspace trust (run by scripts/run-e2e.mjs in a code-server of its own, with trust ON): in
// Restricted Mode the workspace's stdio connector is listed but never started — not by expanding
// it, not by Reconnect, not by Call Tool — and once the person trusts the folder it starts. The
// scripted server appends its pid to a file when it starts, so "never ran" is checked.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { foldBuiltins } from './connectorAuditor';
import {
  contextMenu,
  expandRow,
  openWorkbench,
  pickQuickItem,
  runCommand,
  SELECTORS,
  TIMEOUT,
  treeRow,
  waitForChildren,
  waitUntil,
  type Workbench,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';
const workspace = process.env.E2E_WORKSPACE ?? '';
const server = path.resolve('test/fixtures/servers/scripted-server.mjs');
const NAME = 'workspace-server';
const startedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-e2e-trust-')), 'started');
const starts = () => (fs.existsSync(startedFile) ? fs.readFileSync(startedFile, 'utf8').trim().split('\n').length : 0);

describe(`Workspace connectors in an untrusted workspace (${theme} theme)`, () => {
  let wb: Workbench;
  before(async () => {
    assert.ok(workspace, 'run-e2e sets E2E_WORKSPACE');
    // What a cloned repository could ship: a connector that runs a command from the workspace.
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'connectors.json'),
      JSON.stringify({ connectors: [{ name: NAME, command: 'node', args: [server, '--started-file', startedFile, '--tools', '2'] }] }, null, 2),
    );
    wb = await openWorkbench();
  });
  after(async () => wb?.close());

  it('opens the folder in Restricted Mode (not trusted yet)', { timeout: 2 * TIMEOUT }, () =>
    wb.guard('trust-restricted', async () => {
      // code-server opens an unknown folder restricted, with a banner, instead of asking at start.
      await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
    }),
  );

  it('lists the workspace connector as not started and never runs it', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('trust-untrusted', async () => {
      await foldBuiltins(wb.page);
      const row = treeRow(wb.page, NAME);
      await row.waitFor();
      assert.strictEqual(await row.getAttribute('aria-label'), `${NAME}, not started: workspace not trusted`);
      await expandRow(row);
      assert.deepStrictEqual(await waitForChildren(wb.page, NAME, 1), ['Manage Workspace Trust…']);
      await wb.screenshot('trust-untrusted-row');

      // Explicit actions refuse too, with a message that says how to get further.
      const refusal = `"${NAME}" is from the workspace, which is not trusted: trust the workspace to start it (Manage Workspace Trust).`;
      const toast = wb.page.locator(SELECTORS.notificationToast, { hasText: refusal });
      await contextMenu(row, 'Reconnect');
      await toast.first().waitFor();
      // VS Code folds identical notifications into one, so the next refusal needs a clean slate.
      await runCommand(wb.page, 'Notifications: Clear All Notifications');
      await toast.first().waitFor({ state: 'hidden' });
      await runCommand(wb.page, 'Connector Auditor: Call Tool');
      await pickQuickItem(wb.page, NAME);
      await toast.first().waitFor();
      await wb.screenshot('trust-refused');
      assert.strictEqual(starts(), 0, 'the workspace server never ran');
    }),
  );

  it('starts the connector once the person trusts the folder', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('trust-granted', async () => {
      await wb.page.locator(`${SELECTORS.sidebar} ${SELECTORS.listRow}`, { hasText: 'Manage Workspace Trust' }).click();
      const trust = wb.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^\s*Trust\s*$/ }).first();
      await trust.waitFor();
      await wb.screenshot('trust-editor');
      await trust.click();
      const row = treeRow(wb.page, NAME);
      await waitUntil(
        () => row.getAttribute('aria-label'),
        (l) => l !== `${NAME}, not started: workspace not trusted`,
        'the row to leave the untrusted state',
      );
      await expandRow(row);
      assert.deepStrictEqual(await waitForChildren(wb.page, NAME, 2), ['tool-000', 'tool-001']);
      assert.strictEqual(starts(), 1);
      await runCommand(wb.page, 'View: Close Modal Editor');
      await trust.waitFor({ state: 'hidden' });
      await wb.screenshot('trust-granted');
    }),
  );
});
