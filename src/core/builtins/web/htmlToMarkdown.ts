/**
 * An HTML page to readable Markdown: Mozilla's Readability (Firefox Reader View) picks the article
 * out of a linkedom document — dropping navigation, footers, sidebars and scripts — and
 * node-html-markdown writes it as Markdown. Pages Readability finds no article in (an index, a
 * search form) are converted whole; site chrome (navigation, sidebars, footers) goes either way.
 *
 * Nothing here runs the page: linkedom only parses, there is no script engine, no network access
 * and no style computation; the result is text for the model to read as untrusted data.
 */
import { Readability } from '@mozilla/readability';
// linkedom's types are ESM-only while this file is CommonJS, so it is loaded with import() (kept as
// a real import() by tsc and tsx, inlined by esbuild) — which also defers it to the first page.
import type { parseHTML as ParseHTML } from 'linkedom' with { 'resolution-mode': 'import' };
import { NodeHtmlMarkdown } from 'node-html-markdown';

export interface PageText {
  title: string;
  markdown: string;
}

/**
 * Site chrome, removed before Readability looks at the page: Readability scores text blocks and
 * keeps a short page's menu as readily as its content. Headers and banners go only outside the
 * article, where they are the site's; inside it they hold the title and byline.
 */
const CHROME =
  'script, style, noscript, template, iframe, object, embed, nav, aside, footer, dialog, [role=navigation], [role=complementary], [role=contentinfo], [role=dialog], [aria-hidden=true], [hidden]';
const SITE_HEADERS = 'header, [role=banner]';

const markdownWriter = new NodeHtmlMarkdown({ keepDataImages: false, useLinkReferenceDefinitions: false, maxConsecutiveNewlines: 2 });

let linkedom: Promise<{ parseHTML: typeof ParseHTML }> | undefined;

export async function htmlToMarkdown(html: string, pageUrl: string): Promise<PageText> {
  linkedom ??= import('linkedom');
  const { parseHTML } = await linkedom;
  const article = readArticle(parseHTML, html, pageUrl);
  if (article) return article;
  const document = parsedDocument(parseHTML, html, pageUrl);
  const body = document.querySelector('body') ?? document.documentElement;
  return { title: textOf(document.querySelector('title')), markdown: tidy(markdownWriter.translate(body?.innerHTML ?? '')) };
}

function readArticle(parseHTML: typeof ParseHTML, html: string, pageUrl: string): PageText | undefined {
  const document = parsedDocument(parseHTML, html, pageUrl);
  const pageTitle = textOf(document.querySelector('title'));
  let article: ReturnType<Readability['parse']>;
  try {
    // linkedom's document stands in for the DOM Document that Readability is typed against.
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  } catch {
    // Readability gives up on markup it cannot score; the whole page, converted, still serves.
    return undefined;
  }
  const content = article?.content;
  if (!article || !content || !article.textContent?.trim()) return undefined;
  return { title: (article.title ?? '').replace(/\s+/g, ' ').trim() || pageTitle, markdown: tidy(markdownWriter.translate(content)) };
}

type LinkedomDocument = ReturnType<typeof ParseHTML>['document'];

/**
 * Parses the page, drops its chrome, and makes its links absolute against the page's URL (or its
 * <base href>): the Markdown leaves the page, and a relative link means nothing without it. Links
 * to script URLs are dropped, keeping their text.
 */
function parsedDocument(parseHTML: typeof ParseHTML, html: string, pageUrl: string): LinkedomDocument {
  const { document } = parseHTML(html);
  for (const el of Array.from(document.querySelectorAll(CHROME))) el.remove();
  for (const el of Array.from(document.querySelectorAll(SITE_HEADERS))) if (!el.closest('article, main')) el.remove();
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const base = resolve(baseHref ?? '', pageUrl) ?? pageUrl;
  for (const [selector, attr] of [
    ['a[href]', 'href'],
    ['img[src]', 'src'],
  ] as const) {
    for (const el of Array.from(document.querySelectorAll(selector))) {
      const absolute = resolve(el.getAttribute(attr) ?? '', base);
      if (absolute && /^(https?|mailto|ftp):/i.test(absolute)) el.setAttribute(attr, absolute);
      else el.removeAttribute(attr);
    }
  }
  return document;
}

function resolve(ref: string, base: string): string | undefined {
  try {
    return new URL(ref, base).href;
  } catch {
    return undefined;
  }
}

function textOf(el: { textContent: string | null } | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function tidy(markdown: string): string {
  return markdown.replace(/\n{3,}/g, '\n\n').trim();
}
