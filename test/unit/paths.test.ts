import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { privateRegistryDir, privateRegistryFile, workspaceRegistryFile } from '../../src/core/connectors/paths';

const HOME = '/home/alice';

describe('privateRegistryDir', () => {
  it('uses CONNECTOR_AUDITOR_HOME on every platform when set', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      assert.equal(privateRegistryDir({ CONNECTOR_AUDITOR_HOME: '/ci/registry', XDG_CONFIG_HOME: '/x', APPDATA: 'C:\\A' }, platform, HOME), '/ci/registry');
    }
  });

  it('on Linux, uses XDG_CONFIG_HOME when set', () => {
    assert.equal(privateRegistryDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', HOME), join('/xdg', 'connector-auditor'));
  });

  it('on Linux, falls back to ~/.config when XDG_CONFIG_HOME is unset or empty', () => {
    assert.equal(privateRegistryDir({}, 'linux', HOME), join(HOME, '.config', 'connector-auditor'));
    assert.equal(privateRegistryDir({ XDG_CONFIG_HOME: '' }, 'linux', HOME), join(HOME, '.config', 'connector-auditor'));
  });

  it('on macOS, uses ~/Library/Application Support', () => {
    assert.equal(privateRegistryDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin', HOME), join(HOME, 'Library', 'Application Support', 'connector-auditor'));
  });

  it('on Windows, uses APPDATA, or the roaming AppData folder under home', () => {
    assert.equal(
      privateRegistryDir({ APPDATA: 'C:\\Users\\alice\\AppData\\Roaming' }, 'win32', 'C:\\Users\\alice'),
      join('C:\\Users\\alice\\AppData\\Roaming', 'connector-auditor'),
    );
    assert.equal(privateRegistryDir({}, 'win32', HOME), join(HOME, 'AppData', 'Roaming', 'connector-auditor'));
  });
});

describe('registry files', () => {
  it('puts connectors.json in the private registry folder', () => {
    assert.equal(privateRegistryFile({ CONNECTOR_AUDITOR_HOME: '/ci/registry' }), join('/ci/registry', 'connectors.json'));
  });

  it('puts the workspace file in .vscode/connectors.json', () => {
    assert.equal(workspaceRegistryFile('/repo'), join('/repo', '.vscode', 'connectors.json'));
  });
});
