// The Connectors sidebar as a person uses it: browse the sample workspace's connector and its
// tools, add a connector with the wizard, remove it again. Runs once per theme (scripts/run-e2e.mjs).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { addStdioConnector, EVERYTHING_TOOLS, foldBuiltins, openConnectorsView, removeConnector } from './connectorAuditor';
import { contextMenu, expandRow, hoverRow, openWorkbench, plainText, TIMEOUT, treeRow, waitForChildren, waitUntil, type Workbench } from './workbench';

const theme = process.env.E2E_THEME ?? 'light';
const NEW_CONNECTOR = 'e2e-second';
// The private registry lives in a temp dir (run-e2e sets CONNECTOR_AUDITOR_HOME for code-server and for us).
const privateRegistry = process.env.CONNECTOR_AUDITOR_HOME && path.join(process.env.CONNECTOR_AUDITOR_HOME, 'connectors.json');
const serverEverything = path.resolve('node_modules/@modelcontextprotocol/server-everything/dist/index.js');

describe(`Connectors sidebar (${theme} theme)`, () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
    // The built-ins are covered by builtins.e2e.ts; folded, they leave the view to the tools here.
    await foldBuiltins(wb.page);
  });
  after(async () => {
    await wb?.close();
  });

  it('lists the 13 tools of the sample "everything" connector', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('everything-tools', async () => {
      await openConnectorsView(wb.page);
      await expandRow(treeRow(wb.page, 'everything'));
      const tools = await waitForChildren(wb.page, 'everything', EVERYTHING_TOOLS.length);
      assert.deepStrictEqual([...tools].sort(), [...EVERYTHING_TOOLS].sort());
      await wb.screenshot('sidebar-everything-tools');
    }),
  );

  it('explains a tool in its tooltip: what it does and its arguments', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('tool-tooltip', async () => {
      await openConnectorsView(wb.page);
      const hover = await hoverRow(treeRow(wb.page, 'get-sum'));
      const text = plainText(await hover.innerText());
      assert.match(text, /get-sum/);
      assert.match(text, /Returns the sum of two numbers/);
      assert.match(text, /Arguments/);
      assert.match(text, /a\W+number \(required\) — First number/);
      await wb.screenshot('tool-tooltip');
      await wb.page.mouse.move(900, 600);
    }),
  );

  it("shows a connector's log: how it was started and what the server wrote", { timeout: 3 * TIMEOUT }, () =>
    wb.guard('show-log', async () => {
      await openConnectorsView(wb.page);
      await contextMenu(treeRow(wb.page, 'everything'), 'Show Log');
      const output = wb.page.locator('[id="workbench.panel.output"] .view-lines');
      const log = await waitUntil(
        () => output.innerText().then(plainText, () => ''),
        (t) => /connected over stdio/.test(t),
        'the connector log',
      );
      assert.match(log, /starting node .*server-everything/);
      assert.match(log, /\[stderr\] Starting default \(STDIO\) server/);
      await wb.screenshot('connector-log');
      await wb.page.keyboard.press('Control+J'); // close the panel again
    }),
  );

  it('adds a stdio connector with the Add Connector wizard', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('add-connector', async () => {
      await openConnectorsView(wb.page);
      await addStdioConnector(wb.page, {
        name: NEW_CONNECTOR,
        commandLine: `node ${serverEverything} stdio`,
        visibility: 'Private',
      });
      await treeRow(wb.page, NEW_CONNECTOR).waitFor();
      // It works, too: expanding it starts the server and lists the same tools.
      await expandRow(treeRow(wb.page, NEW_CONNECTOR));
      await waitForChildren(wb.page, NEW_CONNECTOR, EVERYTHING_TOOLS.length);
      if (privateRegistry) assert.match(fs.readFileSync(privateRegistry, 'utf8'), new RegExp(`"${NEW_CONNECTOR}"`));
      await wb.screenshot('sidebar-connector-added');
    }),
  );

  it('removes that connector through its context menu and the modal confirmation', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('remove-connector', async () => {
      await openConnectorsView(wb.page);
      const message = await removeConnector(wb.page, NEW_CONNECTOR, () => wb.screenshot('remove-confirmation'));
      assert.match(message, new RegExp(NEW_CONNECTOR));
      assert.strictEqual(await treeRow(wb.page, NEW_CONNECTOR).count(), 0);
      await treeRow(wb.page, 'everything').waitFor(); // the rest of the tree is still there
      if (privateRegistry) assert.doesNotMatch(fs.readFileSync(privateRegistry, 'utf8'), new RegExp(`"${NEW_CONNECTOR}"`));
      await wb.screenshot('sidebar-connector-removed');
    }),
  );
});
