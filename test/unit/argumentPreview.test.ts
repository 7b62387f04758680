import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ARGUMENTS_SHOWN, hiddenNote, previewArguments } from '../../src/core/tools/argumentPreview';

describe('argument preview (the modal and the CLI prompt)', () => {
  it('shows short arguments whole, with nothing hidden', () => {
    const p = previewArguments({ repo: 'a/b' });
    assert.equal(p.shown, '{\n  "repo": "a/b"\n}');
    assert.equal(p.full, p.shown);
    assert.equal(p.hidden, 0);
    assert.equal(p.hiddenNote, undefined);
    assert.equal(p.total, p.shown.length);
    assert.equal(previewArguments({}).shown, '{}');
  });

  it('cuts long arguments and says how much is hidden and how much there is in all', () => {
    const args = { path: 'x'.repeat(5000), then: 'rm -rf ~' };
    const json = JSON.stringify(args, null, 2);
    const p = previewArguments(args);
    assert.equal(p.shown, json.slice(0, ARGUMENTS_SHOWN));
    assert.ok(!p.shown.includes('rm -rf'), 'the tail is not in the preview');
    assert.ok(p.full.includes('rm -rf ~'), 'the full text has it');
    assert.equal(p.total, json.length);
    assert.equal(p.hidden, json.length - ARGUMENTS_SHOWN);
    assert.equal(p.hiddenNote, `… ${(json.length - 2000).toLocaleString('en-US')} more characters (${json.length.toLocaleString('en-US')} in all) not shown`);
  });

  it('words the note with thousands separators and a singular', () => {
    assert.equal(hiddenNote(5123, 7123), '… 5,123 more characters (7,123 in all) not shown');
    assert.equal(hiddenNote(1, 2001), '… 1 more character (2,001 in all) not shown');
  });

  it('never cuts a surrogate pair in half', () => {
    // `{\n  "a": "` is 10 characters: the first emoji's high surrogate is the last one that would fit.
    const args = { a: `${'x'.repeat(ARGUMENTS_SHOWN - 11)}😀😀😀😀😀😀😀😀😀😀` };
    const json = JSON.stringify(args, null, 2);
    const p = previewArguments(args);
    assert.ok(!/[\uD800-\uDBFF]$/.test(p.shown), 'no dangling high surrogate');
    assert.ok(!p.shown.includes('⟨U+D83D⟩'));
    assert.equal(p.shown.length, ARGUMENTS_SHOWN - 1);
    assert.equal(p.hidden, json.length - p.shown.length);
  });

  it('marks hidden characters in keys and values, in the preview and the full text, and lists them', () => {
    const p = previewArguments({ 'q\u200B': 'a\u202Eb' });
    assert.equal(p.shown, '{\n  "q⟨U+200B⟩": "a⟨U+202E⟩b"\n}');
    assert.deepEqual(p.invisible, ['U+200B', 'U+202E']);
    assert.equal(p.total, JSON.stringify({ 'q\u200B': 'a\u202Eb' }, null, 2).length, 'sizes count what is sent, not the marks');
  });
});
