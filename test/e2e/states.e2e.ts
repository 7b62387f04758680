// What a person sees when there is nothing yet, and when things are broken: the welcome view,
// a connector whose command is missing, a server that dies at start, an invalid entry, and a file
// that is not JSON at all. Each must say what is wrong and leave the rest usable.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { foldBuiltins, openConnectorsView } from './connectorAuditor';
import {
  childLabels,
  expandRow,
  openWorkbench,
  pickQuickItem,
  quickPickLabels,
  runCommand,
  SELECTORS,
  TIMEOUT,
  treeRow,
  waitForChildren,
  waitForQuickInputTitle,
  waitUntil,
  type Workbench,
} from './workbench';
import { EVERYTHING_TOOLS } from './connectorAuditor';

const theme = process.env.E2E_THEME ?? 'light';
const home = process.env.CONNECTOR_AUDITOR_HOME;
const privateRegistry = home ? path.join(home, 'connectors.json') : '';

function writeRegistry(text: string): void {
  fs.mkdirSync(path.dirname(privateRegistry), { recursive: true });
  fs.writeFileSync(privateRegistry, text);
}

describe(`Connectors view: empty and error states (${theme} theme)`, () => {
  let wb: Workbench;
  let saved: string | undefined;
  before(async () => {
    assert.ok(home, 'run-e2e sets CONNECTOR_AUDITOR_HOME');
    saved = fs.existsSync(privateRegistry) ? fs.readFileSync(privateRegistry, 'utf8') : undefined;
    writeRegistry('{ "connectors": [] }\n');
    // A folder of its own, without .vscode/connectors.json, so nothing is registered at all.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-e2e-empty-'));
    // …but with a VS Code mcp.json to import from.
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(
      path.join(folder, '.vscode', 'mcp.json'),
      JSON.stringify(
        {
          inputs: [{ id: 'api-token', type: 'promptString', description: 'API token', password: true }],
          servers: {
            'everything imported': {
              type: 'stdio',
              command: 'node',
              args: [path.resolve('node_modules/@modelcontextprotocol/server-everything/dist/index.js'), 'stdio'],
            },
            remote: { type: 'http', url: 'https://mcp.example.invalid/mcp', headers: { Authorization: 'Bearer ${input:api-token}' } },
          },
        },
        null,
        2,
      ),
    );
    wb = await openWorkbench({ folder });
  });
  after(async () => {
    if (saved === undefined) fs.rmSync(privateRegistry, { force: true });
    else writeRegistry(saved);
    await wb?.close();
  });

  it('with no connectors of their own, a person sees the built-ins and is offered Add and Import', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('welcome', async () => {
      await openConnectorsView(wb.page);
      assert.deepStrictEqual(await waitForChildren(wb.page, 'Built-in', 4), ['github', 'web', 'supply_chain', 'workspace']);
      assert.deepStrictEqual(await waitForChildren(wb.page, 'Private', 2), ['Add Connector…', 'Import from mcp.json…']);
      await wb.screenshot('welcome-empty');
      await wb.page.locator(`${SELECTORS.sidebar} ${SELECTORS.listRow}`, { hasText: 'Add Connector…' }).click();
      await waitForQuickInputTitle(wb.page, /Add Connector/);
      await wb.page.keyboard.press('Escape');
    }),
  );

  it('imports servers from the workspace mcp.json after showing what it will add', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('import', async () => {
      await foldBuiltins(wb.page);
      await runCommand(wb.page, 'Connector Auditor: Import from mcp.json');
      await pickQuickItem(wb.page, 'VS Code (workspace .vscode/mcp.json)');
      await waitForQuickInputTitle(wb.page, /^Import from/);
      assert.deepStrictEqual((await quickPickLabels(wb.page)).sort(), ['everything-imported', 'remote']);
      await wb.screenshot('import-preview');
      await wb.page.keyboard.press('Enter');
      await pickQuickItem(wb.page, 'Private');
      await treeRow(wb.page, 'everything-imported').waitFor();
      await treeRow(wb.page, 'remote').waitFor();
      const file = fs.readFileSync(privateRegistry, 'utf8');
      assert.match(file, /\$\{secret:api-token\}/, 'the ${input:…} became a ${secret:…} placeholder');
      await expandRow(treeRow(wb.page, 'everything-imported'));
      await waitForChildren(wb.page, 'everything-imported', EVERYTHING_TOOLS.length);
      await wb.screenshot('import-done');
    }),
  );

  it('explains a missing command, a server that dies and an invalid entry, in words', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('error-states', async () => {
      writeRegistry(`// written by the e2e test
{
  "connectors": [
    { "name": "ghost", "description": "A server that is not installed", "command": "no-such-mcp-server", "args": ["--port", "1"] },
    { "name": "dies-at-once", "command": "node", "args": ["-e", "console.error('fatal: missing API_URL'); process.exit(2)"] },
    { "name": "half-done", "transport": "http" }
  ]
}
`);
      await openConnectorsView(wb.page);
      await expandRow(treeRow(wb.page, 'ghost'));
      const ghost = await waitUntil(
        () => childLabels(wb.page, 'ghost'),
        (c) => c.length === 1,
        'the ghost error line',
      );
      assert.match(ghost[0], /Command not found: "no-such-mcp-server"/);

      await expandRow(treeRow(wb.page, 'dies-at-once'));
      const dies = await waitUntil(
        () => childLabels(wb.page, 'dies-at-once'),
        (c) => c.length === 1,
        'the exit explanation',
      );
      assert.match(dies[0], /exited with code 2 during start-up\. Last output: fatal: missing API_URL/);

      const invalid = wb.page.locator(`${SELECTORS.sidebar} ${SELECTORS.listRow}`, { hasText: 'half-done' });
      await invalid.waitFor();
      assert.match(await invalid.innerText(), /needs a "url"/);
      await wb.screenshot('error-states');
    }),
  );

  it('shows a file that is not JSON with its line, and recovers when it is fixed', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('broken-file', async () => {
      writeRegistry('{\n  "connectors": [\n    { "name": "oops", "command": "node" \n  ]\n}\n');
      const problem = wb.page.locator(`${SELECTORS.sidebar} ${SELECTORS.listRow}`, { hasText: 'Invalid JSON' });
      await problem.waitFor();
      assert.match(await problem.innerText(), /line 4/);
      await wb.screenshot('broken-file');

      writeRegistry('{ "connectors": [ { "name": "fixed", "command": "node", "enabled": false } ] }\n');
      await treeRow(wb.page, 'fixed').waitFor();
      assert.strictEqual(await problem.count(), 0);
    }),
  );
});
