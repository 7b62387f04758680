import { escapeInline } from '../audit/markdownText';
import type { EvidenceReport } from './evidenceReport';

/**
 * The EvidenceReport's own sections in Markdown, for the report renderer to append after the
 * findings: the evidence verdict (and the bound on the model's), the checks with their scores,
 * and what could not be checked. Explanations quote tool output (advisory titles, workflow
 * paths, tool descriptions), so every cell is escaped like model text.
 */

const STATUS: Record<string, string> = { pass: 'pass', warn: 'warn', fail: '**fail**', unknown: 'unknown' };

export function renderEvidenceMarkdown(e: EvidenceReport): string {
  const lines: string[] = ['## Evidence verdict', ''];
  lines.push(`**${e.verdict}**, score ${e.score ?? 'n/a'}/10, ${e.confidence} confidence.`, '');
  if (e.model) lines.push(`The model's verdict: ${e.model.verdict}. ${escapeInline(e.model.bound.why)}`, '');
  for (const w of e.why) lines.push(`- ${escapeInline(w)}`);
  lines.push('', '## Checks', '', '| check | status | score | weight | why |', '| --- | --- | --- | --- | --- |');
  for (const c of e.checks) {
    lines.push(`| ${escapeInline(c.title)} | ${STATUS[c.status]} | ${c.score ?? '–'} | ${c.weight} | ${escapeInline(c.explanation)} |`);
  }
  if (e.couldNotCheck.length) {
    lines.push('', '## What could not be checked', '');
    for (const n of e.couldNotCheck) lines.push(`- ${escapeInline(n.what)} (${n.reason}): ${escapeInline(n.text)}`);
  }
  return lines.join('\n');
}
