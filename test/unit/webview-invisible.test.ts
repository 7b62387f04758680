import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fullState, setup } from './webview-fixtures';

describe('chat webview: tool cards show hidden characters', () => {
  it('draws zero-width and bidi characters in the connector, tool and arguments as ⟨U+…⟩ marks', () => {
    const { app, $ } = setup();
    const state = fullState();
    state.items = [
      {
        kind: 'tool',
        id: 'h1',
        connector: 'every\u202Ething',
        tool: 'ec\u200Bho',
        args: JSON.stringify({ 'message\u200B': 'hi\u2066 there' }, null, 2),
        state: 'waiting',
        startedAt: Date.now(),
      },
    ];
    app.receive({ type: 'state', state });
    const card = $('.tool-card')!;
    assert.equal(card.querySelector('.tool-name')?.textContent, 'every⟨U+202E⟩thing · ec⟨U+200B⟩ho');
    assert.equal(card.querySelector('details.tool-args pre')?.textContent, '{\n  "message⟨U+200B⟩": "hi⟨U+2066⟩ there"\n}');
    assert.equal(card.getAttribute('aria-label'), 'Tool call every⟨U+202E⟩thing · ec⟨U+200B⟩ho');
    assert.equal(card.dataset.tool, 'ec\u200Bho', 'the data attribute keeps the real name (it is not shown)');
  });
});
