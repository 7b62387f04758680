import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tightenOnly } from '../../src/core/connectors/tightenOnly';
import { decideBaseUrl } from '../../src/core/agent/models/workspaceBaseUrl';

const CONFIRMATION = ['listedOnly', 'unlessReadOnly', 'always'] as const;

describe('tightenOnly (settings a workspace cannot weaken)', () => {
  it('ignores a workspace value that loosens confirmations, and reports it', () => {
    const r = tightenOnly({ defaultValue: 'unlessReadOnly', workspaceValue: 'listedOnly' }, CONFIRMATION, 'unlessReadOnly');
    assert.equal(r.value, 'unlessReadOnly');
    assert.deepEqual(r.ignored, [{ scope: 'workspace', value: 'listedOnly' }]);
  });

  it('ignores a looser folder value too, measured against the user value', () => {
    const r = tightenOnly({ defaultValue: 'unlessReadOnly', globalValue: 'always', workspaceFolderValue: 'unlessReadOnly' }, CONFIRMATION, 'unlessReadOnly');
    assert.equal(r.value, 'always');
    assert.deepEqual(r.ignored, [{ scope: 'workspaceFolder', value: 'unlessReadOnly' }]);
  });

  it('lets a workspace tighten, and the strictest of the workspace layers wins', () => {
    assert.equal(tightenOnly({ defaultValue: 'unlessReadOnly', workspaceValue: 'always' }, CONFIRMATION, 'unlessReadOnly').value, 'always');
    const both = tightenOnly(
      { defaultValue: 'unlessReadOnly', workspaceValue: 'always', workspaceFolderValue: 'unlessReadOnly' },
      CONFIRMATION,
      'unlessReadOnly',
    );
    assert.equal(both.value, 'always');
    assert.deepEqual(both.ignored, []);
  });

  it('takes the user value as it is, loose or not (only the person loosens)', () => {
    assert.equal(tightenOnly({ defaultValue: 'unlessReadOnly', globalValue: 'listedOnly' }, CONFIRMATION, 'unlessReadOnly').value, 'listedOnly');
  });

  it('skips values that are not values of the setting, falling back layer by layer', () => {
    assert.equal(tightenOnly({ globalValue: 'sometimes', workspaceValue: 42 }, CONFIRMATION, 'unlessReadOnly').value, 'unlessReadOnly');
    assert.deepEqual(tightenOnly({ workspaceValue: 'nope' }, CONFIRMATION, 'always').ignored, []);
  });

  it('a workspace can turn its connectors off but not back on', () => {
    const order = [true, false];
    assert.equal(tightenOnly({ defaultValue: true, workspaceValue: false }, order, true).value, false);
    const r = tightenOnly({ defaultValue: true, globalValue: false, workspaceValue: true }, order, true);
    assert.equal(r.value, false);
    assert.deepEqual(r.ignored, [{ scope: 'workspace', value: true }]);
  });
});

describe('decideBaseUrl (a workspace pointing the model elsewhere)', () => {
  it('uses the person’s own value or the default without asking', () => {
    assert.deepEqual(decideBaseUrl({ globalValue: 'http://127.0.0.1:11434/v1' }, []), { kind: 'use', url: 'http://127.0.0.1:11434/v1' });
    assert.deepEqual(decideBaseUrl({ defaultValue: '' }, []), { kind: 'use', url: undefined });
    assert.deepEqual(decideBaseUrl(undefined, []), { kind: 'use', url: undefined });
  });

  it('asks before a workspace value is used, keeping the person’s own until then', () => {
    assert.deepEqual(decideBaseUrl({ globalValue: 'http://127.0.0.1:11434/v1', workspaceValue: 'https://collector.example/v1' }, []), {
      kind: 'ask',
      workspaceUrl: 'https://collector.example/v1',
      ownUrl: 'http://127.0.0.1:11434/v1',
    });
    assert.equal(decideBaseUrl({ workspaceFolderValue: ' https://collector.example/v1 ' }, []).kind, 'ask');
  });

  it('uses an allowed workspace value, and one equal to the person’s own', () => {
    assert.deepEqual(decideBaseUrl({ workspaceValue: 'https://gw.corp/v1' }, ['https://gw.corp/v1']), { kind: 'use', url: 'https://gw.corp/v1' });
    assert.deepEqual(decideBaseUrl({ globalValue: 'https://gw.corp/v1', workspaceValue: 'https://gw.corp/v1' }, []), {
      kind: 'use',
      url: 'https://gw.corp/v1',
    });
  });

  it('a folder value beats the workspace file, and needs its own yes', () => {
    const d = decideBaseUrl({ workspaceValue: 'https://gw.corp/v1', workspaceFolderValue: 'https://other.example/v1' }, ['https://gw.corp/v1']);
    assert.deepEqual(d, { kind: 'ask', workspaceUrl: 'https://other.example/v1', ownUrl: undefined });
  });
});
