// The chat webview's part in audits without a model: the empty chat offers the open folder (only
// when one is open, with a line when VS Code does not trust it), a notice can carry a fix, and the
// messages these post are validated like every other.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../src/protocol/chatMessages';
import { click, fullState, setup } from './webview-fixtures';

const emptyState = (workspace?: { folder: boolean; trusted: boolean }) => ({
  ...fullState(),
  items: [],
  header: { ...fullState().header, ...(workspace ? { workspace } : {}) },
});

describe('chat webview: auditing the workspace', () => {
  it('offers "Audit this workspace" and "Audit my dependencies" only when a folder is open', () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: emptyState() });
    assert.equal($('.workspace-audits')?.hidden, true, 'no folder said: nothing offered');

    app.receive({ type: 'state', state: emptyState({ folder: true, trusted: true }) });
    assert.equal($('.workspace-audits')?.hidden, false);
    assert.equal($('.workspace-untrusted')?.hidden, true);
    click($('button.audit-workspace'), t);
    click($('button.audit-dependencies'), t);
    assert.deepEqual(
      api.of('auditWorkspace').map((m) => m.scope),
      ['workspace', 'dependencies'],
    );

    app.receive({ type: 'header', chatId: 'c1', header: { ...fullState().header, workspace: { folder: true, trusted: false } } });
    assert.equal($('.workspace-untrusted')?.hidden, false);
    assert.match($('.workspace-untrusted')?.textContent ?? '', /does not trust this workspace.*the report says so/);

    app.receive({ type: 'header', chatId: 'c1', header: { ...fullState().header, workspace: { folder: false, trusted: true } } });
    assert.equal($('.workspace-audits')?.hidden, true, 'the folder was closed');
  });

  it('draws a notice’s fix as a button that names it to the host', () => {
    const { t, api, app, $ } = setup();
    const fixes = [{ id: 'pick-model', label: 'Set Up a Model…', action: { type: 'pickModel' as const } }];
    app.receive({ type: 'state', state: { ...fullState(), items: [{ kind: 'notice', id: 'n1', text: 'No model is configured.', fixes }] } });
    assert.equal($('.notice .notice-text')?.textContent, 'No model is configured.');
    click($('.notice button.fix'), t);
    assert.deepEqual(
      api.of('runFix').map((m) => [m.itemId, m.fixId]),
      [['n1', 'pick-model']],
    );
  });

  it('validates auditWorkspace and openLocation messages', () => {
    assert.ok(parseWebviewMessage({ type: 'auditWorkspace', scope: 'dependencies', requestId: 1 }).ok);
    assert.equal(parseWebviewMessage({ type: 'auditWorkspace', scope: 'home' }).ok, false);
    assert.ok(parseWebviewMessage({ type: 'openLocation', path: 'package-lock.json', line: 12, requestId: 2 }).ok);
    assert.ok(parseWebviewMessage({ type: 'openLocation', path: 'src/a.ts' }).ok, 'a line is optional');
    for (const bad of [
      { type: 'openLocation', path: '' },
      { type: 'openLocation', path: '   ' },
      { type: 'openLocation', path: 'a.ts', line: 0 },
      { type: 'openLocation', path: 'a.ts', line: 1.5 },
      { type: 'openLocation', path: 'a.ts', line: '3' },
      { type: 'openLocation', path: 'x'.repeat(1001) },
    ]) {
      assert.equal(parseWebviewMessage(bad).ok, false, JSON.stringify(bad).slice(0, 80));
    }
  });
});
