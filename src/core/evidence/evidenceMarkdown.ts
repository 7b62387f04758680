import { escapeInline } from '../audit/markdownText';
import type { EvidenceReport } from './evidenceReport';
import { RULES } from './rules';

/**
 * The Evidence part of the Markdown report (audit/markdown.ts puts it after the findings): the
 * rules' verdict, how it bounded the model's, the checks, the hard rules that fired and what could
 * not be checked. Explanations quote tool output (advisory titles, workflow paths, tool
 * descriptions), so every piece of text that is not one of our own words is escaped like model text.
 */

const STATUS: Record<EvidenceReport['checks'][number]['status'], string> = { pass: 'pass', warn: 'warn', fail: '**fail**', unknown: 'unknown' };

const KIND_WORDS: Record<EvidenceReport['target']['kind'], string> = {
  repo: 'a repository',
  package: 'a package',
  workspace: 'a workspace',
  dependencies: "a workspace's dependencies",
  connector: 'a connector',
};

export function renderEvidenceMarkdown(e: EvidenceReport): string {
  const out: string[] = ['## Evidence', ''];
  out.push(`The evidence rules give **${e.verdict}**: score ${e.score ?? 'n/a'}/10, ${e.confidence} confidence.`, '');
  if (e.model) out.push(modelSentence(e), '');
  if (e.why.length) out.push(...e.why.map((w) => `- ${escapeInline(w)}`), '');
  out.push(...checksTable(e));
  if (e.hardRules.length) {
    out.push('### Hard rules that fired', '');
    for (const h of e.hardRules) out.push(`- ${escapeInline(titleOf(h.check))}: at most ${h.ceiling}, because ${escapeInline(h.because)}.`);
    out.push('');
  }
  if (e.couldNotCheck.length) {
    out.push('### What could not be checked', '');
    for (const n of e.couldNotCheck) out.push(`- ${escapeInline(n.what)} (${escapeInline(n.reason)}): ${escapeInline(n.text)}`);
    out.push('');
  }
  return out.join('\n');
}

/** Said in our own words from the verdicts alone, so a person sees at once whether the model was overruled. */
function modelSentence(e: EvidenceReport): string {
  const { verdict, bound } = e.model!;
  if (bound.overridden) return `The model said ${verdict}; the evidence allows at most ${e.verdict}, so the verdict is ${bound.verdict}.`;
  if (verdict === e.verdict) return `The model said ${verdict}, as the evidence does.`;
  return `The model said ${verdict}, stricter than the evidence; the stricter verdict stands.`;
}

/**
 * A check that does not apply to this kind of target and had nothing to read says nothing a
 * person needs (every rule runs on every audit); it is counted, not listed.
 */
function checksTable(e: EvidenceReport): string[] {
  const shown = e.checks.filter((c) => c.status !== 'unknown' || applies(c.id, e.target.kind));
  const out = ['### Checks', '', '| status | check | score | why |', '| --- | --- | --- | --- |'];
  for (const c of shown) {
    out.push(`| ${STATUS[c.status]} | ${escapeInline(c.title)} | ${c.score ?? '–'} | ${escapeInline(c.explanation)} |`);
  }
  const hidden = e.checks.length - shown.length;
  if (hidden) out.push('', `Not listed: ${hidden} check${hidden === 1 ? ' that does' : 's that do'} not apply to ${KIND_WORDS[e.target.kind]}.`);
  out.push('');
  return out;
}

function applies(id: string, kind: EvidenceReport['target']['kind']): boolean {
  const rule = RULES.find((r) => r.id === id);
  return !rule || rule.appliesTo.includes(kind);
}

function titleOf(check: string): string {
  return RULES.find((r) => r.id === check)?.title ?? check;
}
