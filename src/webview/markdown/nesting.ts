import type MarkdownIt from 'markdown-it';

// Taken from MarkdownIt's own signatures: the same under the CJS (Node16) and the ESM (Bundler) typings.
type Md = InstanceType<typeof MarkdownIt>;
type StateBlock = Parameters<Md['block']['tokenize']>[0];
type StateCore = Parameters<Md['core']['process']>[0];
type Token = ReturnType<Md['parse']>[number];

/**
 * A bound on how deep rendered Markdown nests, so a hostile answer (`>>>>…` or `- - - …` thousands
 * of levels deep, or `***…x…***` that pairs into thousands of nested <strong>) cannot freeze or
 * crash the chat: DOMPurify's walk, DOM insertion and layout all grow with depth, and jsdom
 * already overflows its stack at a few thousand levels.
 *
 * Two limits, one number:
 * - block containers: markdown-it's own `maxNesting` (its default preset allows 100). Past it,
 *   markdown-it silently drops the rest of the container; the wrapped `tokenize` notices and says so.
 * - inline formatting: emphasis pairs are built after tokenizing, where `maxNesting` does not
 *   look. Opening/closing tokens deeper than the limit (counting the block levels around them)
 *   are removed and their text is kept, flat.
 * Either way `env[NESTING_CUT]` is set, and the renderer shows a note.
 */

/** Element levels (a list level is two: <ul> and <li>; a quote is one). */
export const MAX_NESTING = 40;

/** Set on markdown-it's env when something was cut; the renderer reads and clears it. */
export const NESTING_CUT = Symbol('nestingCut');

export function nestingLimit(md: Md, max = MAX_NESTING): void {
  md.set({ maxNesting: max });

  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    // The same test markdown-it's tokenize makes before it gives up on the lines that are left.
    if (state.level >= max) {
      const line = state.skipEmptyLines(startLine);
      if (line < endLine && state.sCount[line]! >= state.blkIndent) state.env[NESTING_CUT] = true;
    }
    tokenize(state, startLine, endLine);
  };

  md.core.ruler.push('nesting_limit', (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children) {
        const kept = flatten(token.children, token.level + 1, max);
        if (kept.length !== token.children.length) {
          token.children = kept;
          state.env[NESTING_CUT] = true;
        }
      }
    }
  });
}

/** `tokens` without the open/close pairs that would sit deeper than `max`; everything else stays. */
function flatten(tokens: Token[], base: number, max: number): Token[] {
  const out: Token[] = [];
  // One entry per open token seen: whether it was kept, so its close token follows it.
  const open: boolean[] = [];
  let depth = base;
  for (const token of tokens) {
    if (token.nesting === 1) {
      const keep = depth < max;
      open.push(keep);
      if (keep) {
        depth++;
        out.push(token);
      }
    } else if (token.nesting === -1) {
      // An unmatched close token (markdown-it does not make them, but be safe) is kept.
      const kept = open.length > 0 ? open.pop()! : true;
      if (kept) {
        depth--;
        out.push(token);
      }
    } else {
      out.push(token);
    }
  }
  return out;
}
