import type { ToolSnapshot } from './toolHash';

/**
 * A tool as readable text — its description, then its input schema and annotations pretty-printed
 * with sorted keys — and a line diff of two of them. The same text is both sides of the VS Code
 * diff editor and, as a diff, what the CLI prints for a held tool.
 */

export function snapshotText(snap: ToolSnapshot): string {
  const lines = [`Tool: ${snap.name}`, '', 'Description:'];
  lines.push(
    ...(snap.description?.trim()
      ? snap.description
          .split(/\r?\n/)
          .flatMap(wrap)
          .map((l) => `  ${l}`)
      : ['  (none)']),
  );
  lines.push('', 'Input schema:', ...indent(pretty(snap.inputSchema)));
  lines.push('', 'Annotations:', ...indent(snap.annotations === undefined ? '(none)' : pretty(snap.annotations)));
  return `${lines.join('\n')}\n`;
}

/** Description lines are wrapped so both halves of a side-by-side diff show them whole. */
const WRAP = 50;

function wrap(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > WRAP) {
    const space = rest.lastIndexOf(' ', WRAP);
    const cut = space > WRAP / 2 ? space : WRAP;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

function pretty(value: unknown): string {
  return JSON.stringify(sorted(value), null, 2) ?? 'null';
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function indent(text: string): string[] {
  return text.split('\n').map((l) => `  ${l}`);
}

export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

/** Above this many lines per side the LCS table gets large; the diff then shows old, then new. */
const MAX_LCS_LINES = 2_000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.replace(/\n$/, '').split('\n');
  const b = after.replace(/\n$/, '').split('\n');
  if (a.length > MAX_LCS_LINES || b.length > MAX_LCS_LINES) {
    return [...a.map((text) => ({ kind: '-' as const, text })), ...b.map((text) => ({ kind: '+' as const, text }))];
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: ' ', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: '-', text: a[i++] });
    else out.push({ kind: '+', text: b[j++] });
  }
  while (i < a.length) out.push({ kind: '-', text: a[i++] });
  while (j < b.length) out.push({ kind: '+', text: b[j++] });
  return out;
}

/** Unchanged lines kept around each change; the rest is folded into "…". */
const CONTEXT = 3;

/** A compact unified-style diff: changed lines with a little context, `-` pinned, `+` now. */
export function renderDiff(before: ToolSnapshot, after: ToolSnapshot): string {
  const lines = diffLines(snapshotText(before), snapshotText(after));
  const near = lines.map((l, i) => l.kind !== ' ' || lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((n) => n.kind !== ' '));
  const out: string[] = ['--- pinned (accepted before)', '+++ now (offered by the server)'];
  let folded = false;
  lines.forEach((l, i) => {
    if (near[i]) {
      out.push(`${l.kind} ${l.text}`);
      folded = false;
    } else if (!folded) {
      out.push('  …');
      folded = true;
    }
  });
  return `${out.join('\n')}\n`;
}

/** Which parts of a tool changed, in words, for a tooltip or a one-line notice. */
export function changedParts(before: ToolSnapshot, after: ToolSnapshot): string[] {
  const parts: string[] = [];
  if ((before.description ?? '') !== (after.description ?? '')) parts.push('description');
  if (pretty(before.inputSchema) !== pretty(after.inputSchema)) parts.push('input schema');
  if (pretty(before.annotations ?? null) !== pretty(after.annotations ?? null)) parts.push('annotations');
  return parts;
}
