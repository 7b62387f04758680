import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatResult } from '../../src/core/tools/resultFormat';

describe('result formatting', () => {
  it('renders each content type and marks tool errors', () => {
    const text = formatResult(
      {
        isError: true,
        content: [
          { type: 'text', text: 'plain words' },
          { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
          { type: 'resource_link', uri: 'file:///a.txt', name: 'a.txt' },
          { type: 'resource', resource: { uri: 'mem://x', text: 'inner text' } },
        ],
        structuredContent: { temperature: 21 },
      },
      { title: 'weather · demo', durationMs: 12.4 },
    );
    assert.match(text, /^# weather · demo/);
    assert.match(text, /\*\*The tool reported an error\*\* in 12 ms/);
    assert.match(text, /"temperature": 21/);
    assert.match(text, /plain words/);
    assert.match(text, /image\/png, 8 B \(binary, not shown as text\)/);
    assert.match(text, /file:\/\/\/a\.txt/);
    assert.match(text, /inner text/);
  });

  it('fences tool output so it can never close its block and inject Markdown', () => {
    const text = formatResult({ content: [{ type: 'text', text: 'a\n```\n# injected heading\n```' }] }, { title: 't' });
    assert.match(text, /````\na\n```\n# injected heading\n```\n````/);
  });

  it('cuts a 20 MB text to the budget with a note', () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    const text = formatResult({ content: [{ type: 'text', text: big }] }, { title: 'big', maxChars: 50_000 });
    assert.ok(text.length < 60_000);
    assert.match(text, /truncated: showing 48\.8 KB of 20\.0 MB/);
  });
});
