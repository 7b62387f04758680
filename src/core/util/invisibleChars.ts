/**
 * Characters a person cannot see but a program (a server, a model, a shell) reads: zero-width
 * characters that make `"q\u200b"` look like `"q"`, bidi controls that reorder what a dialog
 * shows (a tail `rm -rf ~` can be displayed backwards or moved), Unicode tag characters that
 * carry whole invisible sentences (ASCII smuggling), variation selectors used the same way,
 * invisible "letters" (Hangul fillers), and control characters that rewrite a terminal line
 * (`\r`, ESC). Every place that shows a connector's, a tool's or an argument's text to a person
 * before it is trusted shows these as `⟨U+200B⟩`, one visible form everywhere, and the same
 * finder decides what is flagged. Pure and DOM-free: the webview imports it too.
 */

/**
 * What is hidden. `\p{Cf}` is every format character (zero-width, bidi, tags, soft hyphen,
 * U+FEFF, …, and whatever Unicode adds later); the explicit ranges name the ones outside Cf
 * that render as nothing: controls other than tab and newline (a `\r` ending a `\r\n` pair
 * excepted), C1 controls, line/paragraph separators, variation selectors, the combining
 * grapheme joiner, Mongolian variation selectors, Khmer inherent vowels, Hangul fillers, and
 * lone surrogates.
 */
const HIDDEN_SOURCE = String.raw`\p{Cf}|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFFA0\uFE00-\uFE0F]|[\u{E0100}-\u{E01EF}]|\r(?!\n)|\p{Cs}`;

/**
 * An emoji written the ordinary way (a pictograph, an optional VS-16 or skin tone, joined to
 * others by ZWJ): its joiners and selectors are how emoji are spelled, not hidden text, and a
 * flag on every 👍️ would teach people to ignore the flag. Matched first and left alone.
 */
const EMOJI_SOURCE = String.raw`\p{Extended_Pictographic}[\uFE0E\uFE0F]?\p{Emoji_Modifier}?(?:\u200D\p{Extended_Pictographic}[\uFE0E\uFE0F]?\p{Emoji_Modifier}?)*`;

// eslint-disable-next-line no-misleading-character-class -- the classes list variation selectors on purpose, one by one
const SCAN = new RegExp(`(${EMOJI_SOURCE})|${HIDDEN_SOURCE}`, 'gu');
/** Single-line text (names, labels) also may not break the line it is shown on. */
// eslint-disable-next-line no-misleading-character-class -- as above
const SCAN_LINE = new RegExp(`(${EMOJI_SOURCE})|${HIDDEN_SOURCE}|[\n\r\t]`, 'gu');

export interface RevealOptions {
  /** A name or label shown on one line: newline, carriage return and tab are shown as marks too. */
  singleLine?: boolean;
}

/** `U+200B`: how a code point is named in marks, flags and messages. */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The visible form of one hidden character: `⟨U+200B⟩`. */
export function invisibleMark(cp: number): string {
  return `⟨${codePointName(cp)}⟩`;
}

/** `text` with every hidden character replaced by its visible mark (⟨U+200B⟩). */
export function revealInvisible(text: string, options: RevealOptions = {}): string {
  return text.replace(options.singleLine ? SCAN_LINE : SCAN, (m: string, emoji: string | undefined) => (emoji ? m : invisibleMark(m.codePointAt(0)!)));
}

/** The distinct hidden characters in `text`, in order of first appearance, as `U+200B` names. */
export function findInvisible(text: string, options: RevealOptions = {}): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(options.singleLine ? SCAN_LINE : SCAN)) if (!m[1]) found.add(codePointName(m[0].codePointAt(0)!));
  return [...found];
}

/** A short list for a sentence: at most `max` names, then "and N more". */
export function listInvisible(names: readonly string[], max = 5): string {
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}
