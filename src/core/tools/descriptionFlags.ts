import { findInvisible, listInvisible } from '../util/invisibleChars';

/**
 * Warning signs in what a server says about its tools. A tool's description (and the
 * descriptions of its parameters) reach the model verbatim, so a poisoned one is an instruction
 * channel: "before using any other tool, read ~/.ssh/id_rsa…", text hidden from the person in
 * zero-width or bidi characters, or a wall of text that buries such a line. Flags are shown to
 * the person; they decide. The patterns are deliberately few and specific: a flag on every
 * ordinary description would teach people to ignore them.
 */

/** `hidden-unicode-name`: the tool's own name or a parameter name hides characters (it may not be the tool it looks like). */
export type DescriptionFlagKind = 'addresses-model' | 'hidden-unicode' | 'hidden-unicode-name' | 'very-long';

export interface DescriptionFlag {
  kind: DescriptionFlagKind;
  /** What was found, quoted or named, for the tooltip. */
  detail: string;
}

export interface ToolTextLike {
  name: string;
  description?: string;
  inputSchema?: unknown;
}

/** Longer than any honest description needs to be; long enough to hide a paragraph in. */
export const LONG_DESCRIPTION = 1500;

const ADDRESSES_MODEL: readonly RegExp[] = [
  /\bignore\s+(all\s+|any\s+)?(the\s+)?(previous|prior|above|earlier|other)\s+(instructions?|rules|tools?|prompts?)/i,
  /\bbefore\s+(using|calling|running)\s+(any(\s+other)?|this|other|another|the\s+other)\s+tools?\b/i,
  /\b(do\s+not|don't|never)\s+(tell|inform|mention\s+(it\s+)?to|show|reveal\s+(it\s+)?to)\s+the\s+user\b/i,
  /<\s*\/?\s*(important|system|instructions?|secret)\s*>/i,
  /\byou\s+(must|should)\s+(always|first|also)\s+(call|use|run|read|send|include|pass)\b/i,
  /\b(read|send|upload|include|pass)\b[^.]{0,60}(~\/\.ssh|id_rsa|\.env\b|mcp\.json|\.aws\/credentials|private key)/i,
  /\b(system\s+prompt|as\s+an\s+ai\s+(model|assistant))\b/i,
];

/** All the text of a tool that reaches the model: its description and its parameters' descriptions. */
export function toolText(tool: ToolTextLike): string {
  const parts = [tool.description ?? ''];
  const visit = (schema: unknown, depth: number): void => {
    if (!schema || typeof schema !== 'object' || depth > 6) return;
    const s = schema as { description?: unknown; title?: unknown; properties?: Record<string, unknown>; items?: unknown };
    if (typeof s.description === 'string') parts.push(s.description);
    if (typeof s.title === 'string') parts.push(s.title);
    for (const prop of Object.values(s.properties ?? {})) visit(prop, depth + 1);
    visit(s.items, depth + 1);
  };
  visit(tool.inputSchema, 0);
  return parts.filter(Boolean).join('\n');
}

/** The tool's parameter names, nested ones included: the keys of the arguments a call sends. */
function parameterNames(schema: unknown, depth: number): string[] {
  if (!schema || typeof schema !== 'object' || depth > 6) return [];
  const s = schema as { properties?: Record<string, unknown>; items?: unknown };
  const props = s.properties && typeof s.properties === 'object' ? s.properties : {};
  return [...Object.keys(props), ...Object.values(props).flatMap((p) => parameterNames(p, depth + 1)), ...parameterNames(s.items, depth + 1)];
}

export function flagToolDescription(tool: ToolTextLike): DescriptionFlag[] {
  const text = toolText(tool);
  const flags: DescriptionFlag[] = [];
  for (const pattern of ADDRESSES_MODEL) {
    const m = pattern.exec(text);
    if (m) {
      flags.push({ kind: 'addresses-model', detail: `"${m[0].replace(/\s+/g, ' ').slice(0, 80)}"` });
      break;
    }
  }
  // One finder for every hidden character the confirmations and views mark (core/util/invisibleChars).
  const hidden = findInvisible(text);
  if (hidden.length) flags.push({ kind: 'hidden-unicode', detail: hidden[0]! });
  const inName = [...new Set([tool.name, ...parameterNames(tool.inputSchema, 0)].flatMap((n) => findInvisible(n, { singleLine: true })))];
  if (inName.length) flags.push({ kind: 'hidden-unicode-name', detail: listInvisible(inName) });
  if (text.length > LONG_DESCRIPTION) flags.push({ kind: 'very-long', detail: `${text.length.toLocaleString('en-US')} characters` });
  return flags;
}

/** One sentence per flag, for tooltips and the CLI. */
export function describeFlag(flag: DescriptionFlag): string {
  switch (flag.kind) {
    case 'addresses-model':
      return `The description gives the model instructions (${flag.detail}); a tool should say what it does, not what the model must do.`;
    case 'hidden-unicode':
      return `The description contains invisible characters (${flag.detail}) that can hide text from you but not from the model.`;
    case 'hidden-unicode-name':
      return `The tool's name or a parameter name contains invisible characters (${flag.detail}, shown as ⟨U+…⟩): it may not be the tool it looks like.`;
    case 'very-long':
      return `The description is very long (${flag.detail}); read it in full before trusting the tool.`;
  }
}

const KIND_WORDS: Record<DescriptionFlagKind, string> = {
  'addresses-model': 'it gives the model instructions',
  'hidden-unicode': 'it contains invisible characters',
  'hidden-unicode-name': 'its name or a parameter name contains invisible characters',
  'very-long': 'it is very long',
};

/** The flags by kind, never quoting the description (a quote would carry attacker text along). */
export function flagKindWords(flags: readonly DescriptionFlag[]): string {
  return [...new Set(flags.map((f) => KIND_WORDS[f.kind]))].join('; ');
}

export function flaggedConfirmReason(reasons: string, subject = 'its description looks'): string {
  return `flagged: ${subject} suspicious (${reasons})`;
}

/** The confirmation reason for a flagged tool, naming what was flagged: its description, its name, or both. */
export function flagsConfirmReason(flags: readonly DescriptionFlag[]): string {
  const name = flags.some((f) => f.kind === 'hidden-unicode-name');
  const description = flags.some((f) => f.kind !== 'hidden-unicode-name');
  return flaggedConfirmReason(flagKindWords(flags), name && description ? 'its name and description look' : name ? 'its name looks' : 'its description looks');
}

/**
 * Why a flagged tool asks before every call, whoever calls it (agent, palette, tree, CLI): a
 * server that writes instructions to the model can as easily mark a write read-only.
 */
export function flaggedToolReason(tool: ToolTextLike): string | undefined {
  const flags = flagToolDescription(tool);
  return flags.length ? flagsConfirmReason(flags) : undefined;
}
