/**
 * Which content types fetch_url reads, and how each becomes the Markdown it returns: HTML through
 * Readability, text as it is, JSON pretty-printed in a fenced block. Anything else (images, PDFs,
 * archives, executables) is refused by name before its body is downloaded.
 */
import { htmlToMarkdown } from './htmlToMarkdown';
import { decodeText } from './textDecoding';

export type ContentKind = 'html' | 'text' | 'json';

/** Source code and configuration served under application/* types: an auditor reads install scripts. */
const TEXTUAL_APPLICATION_TYPES = new Set([
  'application/javascript',
  'application/ecmascript',
  'application/x-javascript',
  'application/typescript',
  'application/x-sh',
  'application/x-shellscript',
  'application/xml',
  'application/yaml',
  'application/x-yaml',
  'application/toml',
  'application/x-toml',
  'application/sql',
  'application/graphql',
]);

/**
 * The kind of a media type, 'unknown' when the server sent none (decided by sniffing the bytes),
 * or undefined for types fetch_url does not read.
 */
export function contentKind(mediaType: string): ContentKind | 'unknown' | undefined {
  if (!mediaType) return 'unknown';
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (mediaType === 'application/json' || mediaType === 'text/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType.startsWith('text/') || mediaType.endsWith('+xml') || TEXTUAL_APPLICATION_TYPES.has(mediaType)) return 'text';
  return undefined;
}

export function refusedTypeMessage(mediaType: string, url: string): string {
  return `fetch_url reads web pages, text and JSON; ${url} is ${mediaType}, which it does not read.`;
}

/** For a body without a content type: NUL bytes mean binary; a leading tag means HTML. */
export function sniffKind(body: Buffer): ContentKind | undefined {
  const head = body.subarray(0, 1024);
  if (head.includes(0)) return undefined;
  const start = head.toString('latin1').trimStart().slice(0, 64).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body')) return 'html';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  return 'text';
}

export interface RenderedPage {
  title: string;
  markdown: string;
}

export async function renderPage(kind: ContentKind, body: Buffer, charset: string | undefined, url: string): Promise<RenderedPage> {
  const text = decodeText(body, charset, kind === 'html');
  switch (kind) {
    case 'html':
      return htmlToMarkdown(text, url);
    case 'json':
      return { title: '', markdown: prettyJson(text) };
    case 'text':
      return { title: '', markdown: text };
  }
}

/** Pretty-printed in a fence longer than any backtick run inside; text that is not JSON stays as it is. */
function prettyJson(text: string): string {
  let pretty: string;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
  const longestRun = Math.max(0, ...Array.from(pretty.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}json\n${pretty}\n${fence}`;
}

/** Cuts to `maxChars` without splitting a surrogate pair. */
export function clip(text: string, maxChars: number): { text: string; clipped: boolean } {
  if (text.length <= maxChars) return { text, clipped: false };
  let end = maxChars;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), clipped: true };
}
