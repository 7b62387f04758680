import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * A CallToolResult as a person reads it (the result document, the CLI without --json): every
 * content block by its type, structured content as JSON, errors marked, and text past a budget
 * cut with a note so a 20 MB answer never freezes an editor or a terminal. Tool output is data:
 * it is fenced, never interpreted as Markdown.
 */

export interface FormatOptions {
  title: string;
  durationMs?: number;
  /** Characters kept per text block. */
  maxChars?: number;
}

const DEFAULT_MAX = 100_000;

function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text}\n${ticks}`;
}

export function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… [truncated: showing ${sizeOf(max)} of ${sizeOf(text.length)}]`;
}

function base64Bytes(data: string): number {
  return Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
}

export function formatResult(result: CallToolResult, opts: FormatOptions): string {
  const max = opts.maxChars ?? DEFAULT_MAX;
  const out: string[] = [`# ${opts.title}`, ''];
  const took =
    opts.durationMs !== undefined ? ` in ${opts.durationMs < 1000 ? `${Math.round(opts.durationMs)} ms` : `${(opts.durationMs / 1000).toFixed(1)} s`}` : '';
  out.push(result.isError ? `**The tool reported an error**${took}.` : `Completed${took}.`, '');

  if (result.structuredContent !== undefined) {
    out.push('## Structured content', '', fence(cut(JSON.stringify(result.structuredContent, null, 2), max), 'json'), '');
  }
  const blocks = result.content ?? [];
  if (blocks.length) out.push('## Content', '');
  blocks.forEach((block, i) => {
    const n = blocks.length > 1 ? ` ${i + 1}` : '';
    switch (block.type) {
      case 'text': {
        const json = tryJson(block.text);
        out.push(`### Text${n}`, '', json !== undefined ? fence(cut(JSON.stringify(json, null, 2), max), 'json') : fence(cut(block.text, max)), '');
        break;
      }
      case 'image':
      case 'audio':
        out.push(
          `### ${block.type === 'image' ? 'Image' : 'Audio'}${n}`,
          '',
          `${block.mimeType}, ${sizeOf(base64Bytes(block.data))} (binary, not shown as text)`,
          '',
        );
        break;
      case 'resource_link':
        out.push(`### Resource link${n}`, '', `${block.name}${block.title ? ` — ${block.title}` : ''}`, '', fence(block.uri), '');
        if (block.description) out.push(block.description.replace(/[<>]/g, ''), '');
        break;
      case 'resource': {
        const r = block.resource;
        out.push(`### Embedded resource${n}`, '', fence(r.uri), '');
        if ('text' in r && typeof r.text === 'string') out.push(fence(cut(r.text, max)), '');
        else if ('blob' in r && typeof r.blob === 'string') out.push(`${r.mimeType ?? 'binary'}, ${sizeOf(base64Bytes(r.blob))}`, '');
        break;
      }
      default:
        out.push(`### ${String((block as { type?: unknown }).type)}${n}`, '', fence(cut(JSON.stringify(block, null, 2), max), 'json'), '');
    }
  });
  if (!blocks.length && result.structuredContent === undefined) out.push('*The tool returned no content.*', '');
  return out.join('\n');
}

function tryJson(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('[')) || t.length > 2_000_000) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}
