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
    if (e.serverSide && e.tool === 'web_search') known.add(OPAQUE_SEARCH);
    // A server-side connector is labelled "NAME (Mistral Studio)"; reports cite it as NAME/tool.
    if (e.serverSide) known.add(`${e.connector.replace(/\s*\([^)]*\)$/, '')}/${e.tool}`.toLowerCase());
    known.add(e.callId.toLowerCase());
    if (e.name) known.add(e.name.toLowerCase());
    known.add(`${e.connector}__${e.tool}`.toLowerCase());
    known.add(`${e.connector}/${e.tool}`.toLowerCase());
    for (const s of e.sources ?? []) known.add(normalise(s));
    const body = readResult(e.result);
    const text = body.kind === 'json' ? JSON.stringify(body.value) : body.text;
    for (const url of text.match(/https?:\/\/[^\s"'<>\\)\]]+/g) ?? []) known.add(normalise(url));
    for (const id of text.match(
      /\b(?:GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,}|MAL-\d{4}-\d+|PYSEC-\d{4}-\d+|RUSTSEC-\d{4}-\d+|GO-\d{4}-\d+)\b/gi,
    ) ?? [])
      known.add(id.toLowerCase());
    for (const loc of text.match(/[\w./@-]+:\d+/g) ?? []) known.add(loc.toLowerCase());
  }
  return known;
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

function matches(source: string, known: ReadonlySet<string>): boolean {
  const s = source.trim();
  const lower = s.toLowerCase();
  if (known.has(normalise(s)) || known.has(lower)) return true;
  // "tool github__get_repository", "tool call abc123", "github__get_repository result"
  const words = lower.replace(/^tool( call| result)?\s+/, '').split(/[\s,;()]+/);
  if (words.some((w) => w && known.has(w))) return true;
  // A URL cited with a fragment or a trailing slash the result did not have, or a deeper page of a returned one.
  if (/^https?:\/\//i.test(s)) {
    const n = normalise(s);
    for (const k of known) if (k.startsWith('http') && k.split('/').length > 3 && (n.startsWith(`${k}/`) || n === k)) return true;
  }
  return false;
}

function normalise(url: string): string {
  return url
    .trim()
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '')
    .replace(/^http:/i, 'https:')
    .toLowerCase();
}
