import createDOMPurify, { type WindowLike } from 'dompurify';
import MarkdownIt from 'markdown-it';
import { createDom } from '../dom';
import { linkTooltip } from '../linkTooltip';
import { MAX_NESTING, NESTING_CUT, nestingLimit } from './nesting';
import { renderNote } from './renderNote';

/**
 * Model text → sanitised DOM. markdown-it with `html: false` turns any HTML the model writes into
 * visible text; DOMPurify then checks what markdown-it produced against a short allow-list, in an
 * inert document, before any node reaches the page. Links keep only absolute http(s)/mailto
 * targets (the click itself goes to the host, see links.ts), with their real destination as
 * tooltip (linkTooltip.ts); images are never fetched: only `data:` images are kept, any other
 * becomes the text "[image: alt]". Nesting is bounded (nesting.ts), with a note where it was cut.
 */

/** markdown-it's environment; `references` carries link definitions from earlier blocks. */
export interface MarkdownEnv {
  references?: Record<string, { href: string; title: string }>;
  [key: string | symbol]: unknown;
}

export interface MarkdownRenderer {
  /** Renders `source` to nodes owned by the view's document. */
  render(source: string, env?: MarkdownEnv): DocumentFragment;
}

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'start', 'class'];
const SAFE_CLASS = /^(?:language-[\w#+.-]{1,40}|align-(?:left|center|right))$/;
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);/i;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** An href the host may be asked to open: absolute http(s) or mailto, nothing else. */
export function isAllowedHref(href: string): boolean {
  try {
    return LINK_PROTOCOLS.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

/** `win` is the page's window (or a jsdom window in tests): DOMPurify parses with its DOMParser. */
export function createMarkdownRenderer(win: WindowLike & { document: Document }): MarkdownRenderer {
  const doc = win.document;
  const dom = createDom(doc);
  const md = createMarkdownIt();
  const purify = createDOMPurify(win);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'class' && !SAFE_CLASS.test(data.attrValue)) data.keepAttr = false;
    if (data.attrName === 'src' && !DATA_IMAGE.test(data.attrValue)) data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (href === null) return;
    if (!isAllowedHref(href)) {
      node.removeAttribute('href');
      // A title on what is no longer a link would only be a claim about nowhere.
      node.removeAttribute('title');
    } else {
      // The tooltip shows where the link really goes; a Markdown title only follows it (linkTooltip.ts).
      node.setAttribute('title', linkTooltip(href, node.getAttribute('title')));
    }
  });

  return {
    render(source, env = {}) {
      // The env may be shared with earlier blocks (link definitions): the flag is about this render only.
      delete env[NESTING_CUT];
      const html = md.render(source, env);
      const clean = purify.sanitize(html, {
        ALLOWED_TAGS,
        ALLOWED_ATTR,
        ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
        ALLOW_DATA_ATTR: false,
        ALLOW_ARIA_ATTR: false,
        RETURN_DOM_FRAGMENT: true,
      });
      // Adopted only now, after every remote image is gone: the inert document never fetches.
      const fragment = doc.importNode(clean, true);
      for (const pre of Array.from(fragment.querySelectorAll('pre'))) {
        const wrapper = dom.el('div', { class: 'code-block' });
        pre.replaceWith(wrapper);
        wrapper.append(
          dom.el('button', { class: 'copy-code icon-button', title: 'Copy', attrs: { type: 'button', 'aria-label': 'Copy code' } }, [dom.icon('copy')]),
          pre,
        );
      }
      if (env[NESTING_CUT]) {
        delete env[NESTING_CUT];
        fragment.append(renderNote(doc, `Nesting deeper than ${MAX_NESTING} levels is not shown.`));
      }
      return fragment;
    },
  };
}

function createMarkdownIt() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  // "README.md" or "index.js" are file names far more often than web sites: link only what has a scheme.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  nestingLimit(md);
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const src = String(token.attrGet('src') ?? '');
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    if (DATA_IMAGE.test(src)) {
      token.attrSet('alt', alt);
      return self.renderToken(tokens, idx, options);
    }
    return md.utils.escapeHtml(`[image: ${alt}]`);
  };
  // Table alignment comes as a style attribute, which the CSP forbids; a class does the same.
  md.renderer.rules.th_open = md.renderer.rules.td_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]!;
    const align = /text-align:(left|center|right)/.exec(String(token.attrGet('style') ?? ''))?.[1];
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    if (align) token.attrJoin('class', `align-${align}`);
    return self.renderToken(tokens, idx, options);
  };
  return md;
}
