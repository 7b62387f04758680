import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codePointName, findInvisible, invisibleMark, listInvisible, revealInvisible } from '../../src/core/util/invisibleChars';

describe('invisible characters: one finder, one visible form', () => {
  it('marks zero-width characters, so "q\\u200b" no longer looks like "q"', () => {
    assert.equal(revealInvisible('q\u200b'), 'q⟨U+200B⟩');
    for (const cp of [0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x00ad]) {
      assert.equal(revealInvisible(`a${String.fromCodePoint(cp)}b`), `a${invisibleMark(cp)}b`, codePointName(cp));
    }
  });

  it('marks bidi controls, so a dialog cannot be made to show text reordered', () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      assert.deepEqual(findInvisible(`rm -rf ${String.fromCodePoint(cp)}~`), [codePointName(cp)]);
    }
    assert.equal(revealInvisible('ls \u202E~ fr- mr'), 'ls ⟨U+202E⟩~ fr- mr');
  });

  it('marks tag characters (ASCII smuggling), variation selectors and other Cf characters', () => {
    const smuggled = [...'hi'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    assert.equal(revealInvisible(`ok${smuggled}`), 'ok⟨U+E0068⟩⟨U+E0069⟩');
    assert.equal(revealInvisible('x\uFE0F\u{E0100}'), 'x⟨U+FE0F⟩⟨U+E0100⟩');
    // U+180E MONGOLIAN VOWEL SEPARATOR and U+2064 INVISIBLE PLUS are Cf; U+3164 HANGUL FILLER is an invisible letter.
    assert.deepEqual(findInvisible('a\u180Eb\u3164c\u034Fd'), ['U+180E', 'U+3164', 'U+034F']);
  });

  it('marks control characters other than newline and tab (a lone \\r rewrites a terminal line; ESC starts escapes)', () => {
    assert.equal(revealInvisible('safe\rrm -rf ~'), 'safe⟨U+000D⟩rm -rf ~');
    assert.equal(revealInvisible('\x1b[2Jx\x7f\x9b'), '⟨U+001B⟩[2Jx⟨U+007F⟩⟨U+009B⟩');
    assert.equal(revealInvisible('line one\nline\ttwo\r\n'), 'line one\nline\ttwo\r\n');
    assert.equal(revealInvisible('a\u2028b'), 'a⟨U+2028⟩b');
  });

  it('in single-line text (names, labels) also marks newline, carriage return and tab', () => {
    assert.equal(revealInvisible('echo\nIt asks first: read-only', { singleLine: true }), 'echo⟨U+000A⟩It asks first: read-only');
    assert.deepEqual(findInvisible('a\tb\r\nc', { singleLine: true }), ['U+0009', 'U+000D', 'U+000A']);
  });

  it('leaves emoji spelled with a variation selector or joiners alone (no flag on every 👍️)', () => {
    for (const emoji of ['👍\uFE0F', '❤\uFE0F', '👨\u200D👩\u200D👧', '👋🏽', '🏳\uFE0F\u200D🌈']) {
      assert.equal(revealInvisible(emoji), emoji);
      assert.deepEqual(findInvisible(emoji), [], emoji);
    }
    // A joiner after an emoji but before a letter is not part of an emoji.
    assert.equal(revealInvisible('👍\u200Dx'), '👍⟨U+200D⟩x');
  });

  it('leaves ordinary text alone and lists what it finds once, in order', () => {
    const plain = 'Grüße, 東京, naïve café — “quotes” and non\u00A0breaking space';
    assert.equal(revealInvisible(plain), plain);
    assert.deepEqual(findInvisible(plain), []);
    assert.deepEqual(findInvisible('a\u200Bb\u202Ec\u200Bd'), ['U+200B', 'U+202E']);
    assert.equal(listInvisible(['U+1', 'U+2', 'U+3', 'U+4', 'U+5', 'U+6', 'U+7']), 'U+1, U+2, U+3, U+4, U+5 and 2 more');
  });

  it('names a lone surrogate rather than letting it render as nothing', () => {
    assert.equal(revealInvisible('a\uD800b'), 'a⟨U+D800⟩b');
  });
});
