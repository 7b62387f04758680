// The extension is installed, activates, and registers its commands.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'connector-auditor.connector-auditor';
const COMMANDS = [
  'connectorAuditor.refresh',
  'connectorAuditor.addConnector',
  'connectorAuditor.importConnectors',
  'connectorAuditor.reconnect',
  'connectorAuditor.editConnector',
  'connectorAuditor.removeConnector',
  'connectorAuditor.enableConnector',
  'connectorAuditor.disableConnector',
  'connectorAuditor.showLog',
];

describe('activation', () => {
  it('the extension is installed', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not installed`);
  });

  it('activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('registers every command', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = COMMANDS.filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });
});
