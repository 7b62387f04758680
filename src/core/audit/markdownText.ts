/**
 * Neutralising model-written text for Markdown. The model's words may echo a page or a README
 * that tries to inject HTML, images (tracking pixels), links or headings; rendered output must
 * show such text literally. HTML-significant characters become entities and Markdown
 * punctuation is backslash-escaped, so no tag, link, image or emphasis can be formed.
 */

/** Enough to stop emphasis, code, links and images (a link needs `[`), tables and strikethrough. */
const INLINE = /[\\`*_[\]|~]/g;

/** One line of text, safe inside a paragraph, list item or heading. */
export function escapeInline(text: string): string {
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return escapeLineStart(escapeChars(oneLine));
}

/** A block of text (kept as paragraphs), safe at the top level of a document. */
export function escapeBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => escapeLineStart(escapeChars(line.trim())))
        .filter((line) => line.length > 0)
        .join('  \n'),
    )
    .filter((para) => para.length > 0)
    .join('\n\n');
}

function escapeChars(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE, (c) => `\\${c}`);
}

/**
 * Characters that only mean something at the start of a line: headings, lists, rules, setext. An
 * ordered list's marker is escaped at its `.` or `)`: a backslash before a digit is not an escape
 * in CommonMark and would show.
 */
function escapeLineStart(line: string): string {
  const ordered = /^(\d+)([.)])/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1].length)}`;
  if (/^(#|[-+=])/.test(line)) return `\\${line}`;
  return line;
}

/**
 * A source as a link when it is an http(s) URL, else as literal text. Other schemes
 * (javascript:, data:, file:) are never made clickable.
 */
export function sourceLink(source: string): string {
  const trimmed = source.trim();
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return escapeInline(trimmed);
  // `href` percent-encodes spaces, quotes and angle brackets; parentheses would end the destination.
  const href = url.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${escapeInline(trimmed)}](${href})`;
}
