// Settings that guard the person, read through the real configuration API: a workspace's
// .vscode/settings.json can make them stricter, never looser.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ConnectorAuditorApi } from '../../src/extension';

async function api(): Promise<ConnectorAuditorApi> {
  const ext = vscode.extensions.getExtension<ConnectorAuditorApi>('connector-auditor.connector-auditor');
  assert.ok(ext, 'extension installed');
  return ext.activate();
}

describe('safety settings from the workspace', () => {
  const config = () => vscode.workspace.getConfiguration('connectorAuditor');
  afterEach(() => config().update('confirmation.default', undefined, vscode.ConfigurationTarget.Workspace));

  it('ignores a workspace "listedOnly" that would silence confirmations', async () => {
    const ext = await api();
    await config().update('confirmation.default', 'listedOnly', vscode.ConfigurationTarget.Workspace);
    assert.strictEqual(config().inspect('confirmation.default')?.workspaceValue, 'listedOnly', 'the workspace value is written');
    assert.strictEqual(ext.confirmationPolicy(), 'unlessReadOnly');
  });

  it('lets a workspace make every tool ask first', async () => {
    const ext = await api();
    await config().update('confirmation.default', 'always', vscode.ConfigurationTarget.Workspace);
    assert.strictEqual(ext.confirmationPolicy(), 'always');
  });
});
