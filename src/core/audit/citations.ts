import { readResult, type Evidence } from '../evidence/evidence';
import type { AuditReport } from './report';

/**
 * Whether what a report cites was returned in this run: a URL or an advisory id that appears in
 * a tool result, a tool the run called ("tool github__get_repository"), a call id, or a file:line
 * a workspace tool returned. A model that cites from memory gets one chance to fix it; what
 * remains unmatched is marked in the report, never silently trusted.
 */

export interface UnmatchedCitation {
  finding: number;
  source: string;
}

/** Everything a citation may match, gathered once per run from its tool results. */
export function citableFrom(evidence: readonly Evidence[]): Set<string> {
  const known = new Set<string>();
  for (const e of evidence) {
    // Only Mistral's own search (not any tool that calls itself web_search) hides its pages from us.
    if (e.serverSide && e.tool === 'web_search' && /^web search\b/i.test(e.connector)) known.add(OPAQUE_SEARCH);
    // A server-side connector is labelled "NAME (Mistral Studio)"; reports cite it as NAME/tool.
    if (e.serverSide) known.add(`${e.connector.replace(/\s*\([^)]*\)$/, '')}/${e.tool}`.toLowerCase());
    known.add(e.callId.toLowerCase());
    if (e.name) known.add(e.name.toLowerCase());
    known.add(`${e.connector}__${e.tool}`.toLowerCase());
    known.add(`${e.connector}/${e.tool}`.toLowerCase());
    for (const s of e.sources ?? []) known.add(normalise(s));
    for (const text of resultTexts(e.result)) {
      for (const url of text.match(/https?:\/\/[^\s"'<>\\)\]`]+/g) ?? []) known.add(normalise(url));
      for (const id of text.match(ADVISORY_ID) ?? []) known.add(id.toLowerCase());
      for (const loc of text.match(/[\w./@-]+:\d+/g) ?? []) known.add(loc.toLowerCase());
    }
  }
  return known;
}

const ADVISORY_ID = /\b(?:GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,}|MAL-\d{4}-\d+|PYSEC-\d{4}-\d+|RUSTSEC-\d{4}-\d+|GO-\d{4}-\d+)\b/gi;

/** Every text of a result: the parsed body and each content block as written (a URL may sit in a note block). */
function resultTexts(result: unknown): string[] {
  const body = readResult(result);
  const texts = [body.kind === 'json' ? JSON.stringify(body.value) : body.text];
  const content = result && typeof result === 'object' ? (result as { content?: unknown }).content : undefined;
  if (Array.isArray(content)) for (const b of content) if (b && typeof (b as { text?: unknown }).text === 'string') texts.push((b as { text: string }).text);
  return texts;
}

/** The marker citableFrom adds when a search ran on the backend's server, whose result pages we never see. */
const OPAQUE_SEARCH = '\u0000server-search';

export function unmatchedCitations(report: AuditReport, known: ReadonlySet<string>): UnmatchedCitation[] {
  const out: UnmatchedCitation[] = [];
  // Mistral's web_search answers the model with pages we are not shown: a URL may come from there.
  const urlsUncheckable = known.has(OPAQUE_SEARCH);
  report.findings.forEach((f, i) => {
    // Findings of the rules cite the calls they read; only what a model wrote needs checking.
    if (f.check) return;
    for (const source of f.sources) {
      if (urlsUncheckable && /^https?:\/\//i.test(source.trim())) continue;
      if (!matches(source, known)) out.push({ finding: i, source });
    }
  });
  return out;
}

/** Punctuation a sentence or Markdown wraps a citation in. */
const WRAPPING = /^[\s<`"'([]+|[\s>`"')\].,;:!?]+$/g;

/**
 * A citation matches when it is, as a whole, something the run returned: a URL (or a page below a
 * returned one deeper than a repository), an advisory id, a file:line, a call id or a tool name
 * ("tool NAME", "NAME result"). An advisory id inside a longer citation counts; a stray word does not.
 */
function matches(source: string, known: ReadonlySet<string>): boolean {
  const s = source.replace(WRAPPING, '');
  const lower = s.toLowerCase();
  if (known.has(normalise(s)) || known.has(lower)) return true;
  const ref = lower
    .replace(/^(tool|studio|connector)( call| result)?\s+/, '')
    .replace(/\s+(result|call|output|answer)s?$/, '')
    .replace(WRAPPING, '')
    .replace(/\s*\((denied|failed|error)\)$/, '');
  if (known.has(ref)) return true;
  const ids = s.match(ADVISORY_ID) ?? [];
  if (ids.length && ids.every((id) => known.has(id.toLowerCase()))) return true;
  if (/^https?:\/\//i.test(s)) {
    const n = normalise(s);
    // Below a returned page, only where that page is deeper than owner/repo (a repository URL is not a licence for its whole site).
    for (const k of known) if (k.startsWith('http') && k.split('/').length > 5 && n.startsWith(`${k}/`)) return true;
  }
  return false;
}

function normalise(url: string): string {
  return url
    .trim()
    .replace(/[.,;:!?)>\]]+$/, '')
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '')
    .replace(/^http:/i, 'https:')
    .toLowerCase();
}
