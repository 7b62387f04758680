import { escapeBlock, escapeInline, sourceLink } from './markdownText';
import type { AuditOutcome } from './outcome';
import { ANALYSES, SEVERITIES, type Analysis, type Finding } from './report';

/**
 * The Markdown rendering a person reads (chat view, `--format md`): verdict first, then the
 * summary, then findings grouped by analysis, most severe first, each with its sources. Every
 * piece of model text goes through the escaping in markdownText.ts.
 */

const ANALYSIS_TITLES: Record<Analysis, string> = {
  security: 'Security',
  maintenance: 'Maintenance and community health',
  quality: 'Code quality and licence',
};

export function renderReportMarkdown(outcome: AuditOutcome): string {
  if (outcome.kind === 'undetermined') {
    const out = [`# Audit of ${escapeInline(outcome.target)}`, '', '**Verdict: UNDETERMINED**', '', escapeInline(outcome.message), ''];
    if (outcome.lastAnswer?.trim()) {
      out.push("## The model's last answer (not a verdict)", '', escapeBlock(outcome.lastAnswer), '');
    }
    return out.join('\n');
  }
  const { report } = outcome;
  const out = [`# Audit of ${escapeInline(report.target)}`, '', `**Verdict: ${report.verdict}**`, '', escapeBlock(report.summary), ''];
  for (const analysis of ANALYSES) {
    const findings = report.findings.filter((f) => f.analysis === analysis).sort(bySeverity);
    out.push(`## ${ANALYSIS_TITLES[analysis]}`, '');
    if (findings.length === 0) out.push('_No findings._', '');
    for (const f of findings) out.push(...renderFinding(f));
    if (findings.length) out.push('');
  }
  return out.join('\n');
}

function renderFinding(f: Finding): string[] {
  const sources = f.sources.map(sourceLink).join(', ');
  return [`- **${f.severity.toUpperCase()}** ${escapeInline(f.claim)}`, `  - Sources: ${sources}`];
}

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity);
}
