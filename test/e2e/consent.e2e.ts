// Start consent: the first start of a stdio connector asks in a native modal that shows what will
// run; Cancel leaves it unstarted with a way back, Reconnect asks again, an approval is remembered
// for that exact command line, and a changed argument asks again. The scripted server appends its
// pid to a file when it starts, so "did not run" is checked, not assumed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { foldBuiltins } from './connectorAuditor';
import {
  clickDialogButton,
  contextMenu,
  expandRow,
  SELECTORS,
  TIMEOUT,
  treeRow,
  waitForChildren,
  waitUntil,
  type Workbench,
  openWorkbench,
  childLabels,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';
const home = process.env.CONNECTOR_AUDITOR_HOME ?? '';
const settingsFile = process.env.E2E_USER_SETTINGS ?? '';
const workspace = process.env.E2E_WORKSPACE ?? '';
const privateRegistry = path.join(home, 'connectors.json');
const server = path.resolve('test/fixtures/servers/scripted-server.mjs');
const NAME = 'consent-demo';

function writeRegistry(extraArgs: string[], startedFile: string): void {
  const entry = {
    name: NAME,
    description: 'A stdio server that asks before it starts',
    command: 'node',
    args: [server, '--started-file', startedFile, '--tools', '2', ...extraArgs],
    env: { DEMO_MODE: 'e2e', DEMO_API_KEY: 'value-never-shown' },
  };
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(privateRegistry, JSON.stringify({ connectors: [entry] }, null, 2));
}

const starts = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').length : 0);

/** The open modal's message and detail, as a person reads them. */
async function dialogText(wb: Workbench): Promise<{ message: string; detail: string }> {
  const dialog = wb.page.locator(SELECTORS.dialog);
  await dialog.waitFor({ state: 'visible' });
  // innerText keeps the detail's line breaks, as the person sees them.
  const message = (await dialog.locator('.dialog-message-text').innerText()).trim();
  const detail = (await dialog.locator('.dialog-message-detail').innerText()).trim();
  return { message, detail };
}

describe(`Start consent for stdio connectors (${theme} theme)`, () => {
  let wb: Workbench;
  let savedRegistry: string | undefined;
  let savedSettings: string;
  const startedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-e2e-consent-')), 'started');

  before(async () => {
    assert.ok(home && settingsFile && workspace, 'run-e2e sets CONNECTOR_AUDITOR_HOME, E2E_USER_SETTINGS and E2E_WORKSPACE');
    savedRegistry = fs.existsSync(privateRegistry) ? fs.readFileSync(privateRegistry, 'utf8') : undefined;
    savedSettings = fs.readFileSync(settingsFile, 'utf8');
    // The runner switches the question off for the other files; this one is about it.
    fs.writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(savedSettings), 'connectorAuditor.security.confirmServerStart': true }, null, 2));
    writeRegistry([], startedFile);
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
    fs.writeFileSync(settingsFile, savedSettings);
    if (savedRegistry === undefined) fs.rmSync(privateRegistry, { force: true });
    else fs.writeFileSync(privateRegistry, savedRegistry);
  });

  it('asks before the first start, showing command, arguments, working directory and env keys; Cancel runs nothing', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('consent-first', async () => {
      await foldBuiltins(wb.page);
      await expandRow(treeRow(wb.page, NAME));
      const { message, detail } = await dialogText(wb);
      assert.strictEqual(message, `Start the MCP server "${NAME}"?`);
      assert.match(detail, /^Command: node$/m);
      assert.ok(detail.includes(server) && detail.includes('--started-file') && detail.includes('--tools'), detail);
      assert.ok(detail.includes(`Working directory: ${workspace}`), detail);
      assert.match(detail, /^Environment keys: DEMO_API_KEY, DEMO_MODE$/m);
      // The names (never values) of what it inherits from VS Code's environment: PATH, not the secrets.
      assert.match(detail, /^Inherited from your environment: (\S+, )*PATH(, \S+)*$/m);
      assert.doesNotMatch(detail, /^Inherited from.*\b(MISTRAL_API_KEY|GITHUB_TOKEN|CONNECTOR_AUDITOR_SECRET_\w+)\b/m);
      assert.ok(detail.includes(`Defined in your private registry ${privateRegistry}`), detail);
      assert.ok(!detail.includes('value-never-shown'), 'environment values are never shown');
      await wb.screenshot('consent-modal');

      await clickDialogButton(wb.page, 'Cancel');
      const [row] = await waitForChildren(wb.page, NAME, 1);
      assert.match(row, /^Not started: you declined to run "node"\. Reconnect to be asked again\.$/);
      assert.strictEqual(starts(startedFile), 0, 'the server process never ran');
      await wb.screenshot('consent-declined');
    }),
  );

  it('Reconnect asks again, and Start Server lists the tools', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('consent-reconnect', async () => {
      await contextMenu(treeRow(wb.page, NAME), 'Reconnect');
      const { message } = await dialogText(wb);
      assert.strictEqual(message, `Start the MCP server "${NAME}"?`);
      await clickDialogButton(wb.page, 'Start Server');
      assert.deepStrictEqual(await waitForChildren(wb.page, NAME, 2), ['tool-000', 'tool-001']);
      assert.strictEqual(starts(startedFile), 1);
    }),
  );

  it('a second start of the same command line does not ask', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('consent-remembered', async () => {
      await contextMenu(treeRow(wb.page, NAME), 'Reconnect');
      // The server starts a second time without any dialog in between.
      await waitUntil(
        async () => starts(startedFile),
        (n) => n === 2,
        'the second start',
      );
      assert.strictEqual(await wb.page.locator(SELECTORS.dialog).isVisible(), false);
      assert.deepStrictEqual(await waitForChildren(wb.page, NAME, 2), ['tool-000', 'tool-001']);
    }),
  );

  it('a changed argument asks again', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('consent-changed', async () => {
      writeRegistry(['--banner'], startedFile);
      // The registry follows the file; the expanded row starts the new command line, which asks.
      const { detail } = await dialogText(wb);
      assert.ok(detail.includes('--banner'), detail);
      assert.strictEqual(starts(startedFile), 2, 'nothing new ran before the answer');
      await wb.screenshot('consent-changed-argument');
      await clickDialogButton(wb.page, 'Start Server');
      await waitUntil(
        async () => starts(startedFile),
        (n) => n === 3,
        'the changed server to start',
      );
      await waitUntil(
        () => childLabels(wb.page, NAME),
        (c) => c.join() === 'tool-000,tool-001',
        'the tools after the change',
      );
      await wb.screenshot('consent-started');
    }),
  );
});
