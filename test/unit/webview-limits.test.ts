import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RENDERED_CHARS, IncrementalMarkdown } from '../../src/webview/markdown/incremental';
import { fullState, setup } from './webview-fixtures';
import { testWindow } from './webview-jsdom';

/** Deepest element under `root` (iterative: the tree may be deep). */
function depthOf(root: Element): number {
  let max = 0;
  const stack: Array<[Element, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    for (const child of Array.from(node.children)) stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * The chat with one streaming answer, grown by `text` messages as the host sends them, then
 * finished by the host's final `item` (unless `finalItem` is false: an item over the protocol's
 * 2,000,000 characters would be dropped, so a huge answer is just flushed).
 */
function streamed(deltas: string[], finalItem = true) {
  const s = setup();
  const state = fullState();
  state.items = [{ kind: 'assistant', id: 'a1', text: '', streaming: true }];
  s.app.receive({ type: 'state', state });
  for (const delta of deltas) s.app.receive({ type: 'text', chatId: 'c1', itemId: 'a1', delta });
  if (finalItem) s.app.receive({ type: 'item', chatId: 'c1', item: { kind: 'assistant', id: 'a1', text: deltas.join(''), streaming: false } });
  else s.app.flush();
  const body = s.$('.message.assistant .message-body')!;
  return { ...s, body, notes: () => Array.from(body.querySelectorAll('.render-note'), (n) => n.textContent ?? '') };
}

/** Nothing went to the host's log as an error (a renderer that threw is logged there). */
function noErrors(api: ReturnType<typeof setup>['api']): void {
  assert.deepEqual(
    api.of('log').filter((m) => m.level !== 'info'),
    [],
  );
}

describe('chat webview: deeply nested Markdown', () => {
  for (const [name, source] of [
    ['10,000 nested list levels', `${'- '.repeat(10_000)}deepest`],
    ['10,000 nested ordered list levels', `${'1. '.repeat(10_000)}deepest`],
    ['a 5,000-level blockquote', `${'>'.repeat(5_000)} deepest`],
    ['5,000 nested emphasis pairs', `${'**'.repeat(5_000)}x${'**'.repeat(5_000)}`],
  ] as const) {
    it(`${name}: drawn without an error, bounded in depth, with a note`, () => {
      const { api, body, notes } = streamed([source]);
      noErrors(api);
      assert.ok(depthOf(body) <= 48, `DOM depth ${depthOf(body)}`);
      assert.deepEqual(notes(), ['Nesting deeper than 40 levels is not shown.']);
      assert.ok(body.querySelector('.render-note')?.getAttribute('role') === 'note');
    });
  }

  it('a note made by the webview, not by the Markdown: ordinary nesting has none', () => {
    const { body, notes } = streamed(['> quoted\n>> twice\n\n- a\n  - b\n    - c **bold *and em***\n']);
    assert.deepEqual(notes(), []);
    assert.match(body.textContent ?? '', /bold and em/);
  });

  it('the same in a streamed answer: each block is bounded, chunk by chunk', () => {
    const text = `Intro.\n\n${'>'.repeat(3_000)} deep\n\nAfter.\n`;
    const deltas = Array.from({ length: Math.ceil(text.length / 97) }, (_, i) => text.slice(i * 97, (i + 1) * 97));
    const { api, body, notes } = streamed(deltas);
    noErrors(api);
    assert.ok(depthOf(body) <= 48, `DOM depth ${depthOf(body)}`);
    assert.deepEqual(notes(), ['Nesting deeper than 40 levels is not shown.']);
    assert.match(body.textContent ?? '', /Intro\.[\s\S]*After\./);
  });
});

describe('chat webview: very long answers', () => {
  it('a 5 MB answer shows its first part and a note that the rest is not shown', () => {
    // Long paragraphs (few DOM nodes): the test is about the cap, not about drawing speed.
    const paragraph = `The repository shows *steady* maintenance. ${'Releases come every few weeks and the audit is clean. '.repeat(60)}\n\n`;
    const text = paragraph.repeat(Math.ceil((5 * 1024 * 1024) / paragraph.length));
    // The host sends deltas of at most 1,000,000 characters (the protocol's bound).
    const deltas = Array.from({ length: Math.ceil(text.length / 500_000) }, (_, i) => text.slice(i * 500_000, (i + 1) * 500_000));
    const { api, body, notes } = streamed(deltas, false);
    noErrors(api);
    assert.deepEqual(notes(), [`Message truncated at ${MAX_RENDERED_CHARS.toLocaleString('en-US')} characters; the rest is not shown.`]);
    assert.equal(body.lastElementChild?.className, 'render-note', 'the note comes last');
    assert.ok((body.textContent ?? '').length <= MAX_RENDERED_CHARS, `${body.textContent?.length} characters drawn`);
    assert.match(body.textContent ?? '', /^The repository shows steady maintenance/);
  });

  it('a long open block (one huge code block) is not drawn again for every chunk', () => {
    const t = testWindow();
    const div = t.document.createElement('div');
    const view = new IncrementalMarkdown(div, t.renderer);
    const text = '```text\n' + 'const value = compute(1, 2);\n'.repeat(5_000);
    const chunk = 100;
    for (let at = 0; at < text.length; at += chunk) view.append(text.slice(at, at + chunk));
    view.finish();
    assert.equal(div.querySelector('pre code')?.textContent, text.slice(8));
    // Drawn again at every chunk, the tail would add up to text.length² / (2 × chunk) ≈ 1.7 G characters.
    assert.ok(view.stats.tailChars < 20 * text.length, `${view.stats.tailChars} tail characters drawn for ${text.length}`);
    t.window.close();
  });

  it('past the limit, further chunks draw nothing more', () => {
    const t = testWindow();
    const div = t.document.createElement('div');
    const view = new IncrementalMarkdown(div, t.renderer, { maxChars: 1_000 });
    for (let i = 0; i < 200; i++) view.append(`Paragraph ${i}.\n\n`);
    view.finish();
    const drawn = view.stats.stable + view.stats.tail;
    view.append('More text.\n\nAnd more.');
    view.finish();
    assert.equal(view.stats.stable + view.stats.tail, drawn);
    assert.deepEqual(
      Array.from(div.querySelectorAll('.render-note'), (n) => n.textContent),
      ['Message truncated at 1,000 characters; the rest is not shown.'],
    );
    t.window.close();
  });
});
