import { findInvisible, revealInvisible } from '../util/invisibleChars';

/**
 * The arguments of a call as a confirmation shows them, the same in the VS Code modal and the
 * CLI prompt. A dialog cannot hold megabytes, so long arguments are cut — but Allow sends all of
 * them, and a tail such as `rm -rf ~` after 5,000 harmless characters must not pass unseen:
 * the preview says how much is hidden, and the front ends offer the whole text (and only then
 * Allow). Hidden characters are shown as ⟨U+200B⟩ marks in both the preview and the full text.
 */

/** What fits in a dialog and stays readable. */
export const ARGUMENTS_SHOWN = 2000;

export interface ArgumentPreview {
  /** The start of the arguments (all of them when short), hidden characters marked. */
  shown: string;
  /** All of the arguments, hidden characters marked: for the full view. */
  full: string;
  /** Characters of the arguments as sent (pretty-printed JSON). */
  total: number;
  /** Characters not in `shown`; 0 when nothing is cut. */
  hidden: number;
  /** "… 5,123 more characters (7,123 in all) not shown", when cut. */
  hiddenNote?: string;
  /** Hidden characters found in the keys and values, as `U+200B` names. */
  invisible: string[];
}

const count = (n: number) => n.toLocaleString('en-US');

/** The sentence for cut arguments, one wording for every front end. */
export function hiddenNote(hidden: number, total: number): string {
  return `… ${count(hidden)} more character${hidden === 1 ? '' : 's'} (${count(total)} in all) not shown`;
}

export function previewArguments(args: Record<string, unknown>, max = ARGUMENTS_SHOWN): ArgumentPreview {
  const json = Object.keys(args).length ? JSON.stringify(args, null, 2) : '{}';
  let end = Math.min(json.length, max);
  // Never split a surrogate pair: half of one would itself show as a hidden character.
  if (end < json.length && /[\uD800-\uDBFF]/.test(json[end - 1] ?? '')) end -= 1;
  const hidden = json.length - end;
  return {
    shown: revealInvisible(json.slice(0, end)),
    full: revealInvisible(json),
    total: json.length,
    hidden,
    ...(hidden > 0 ? { hiddenNote: hiddenNote(hidden, json.length) } : {}),
    invisible: findInvisible(json),
  };
}
