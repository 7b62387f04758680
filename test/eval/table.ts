import type { Verdict } from '../../src/core/audit/report';
import type { EvalCase } from './cases';
import { pct, THRESHOLDS, type CaseResult, type EvalBackend, type Summary } from './harness';

/** The eval's output for a person: one row per case, one column group per backend, then the figures. */

const SHORT: Record<Verdict, string> = { 'SAFE TO ADOPT': 'SAFE', 'ADOPT WITH CAUTION': 'CAUTION', AVOID: 'AVOID' };

export function renderTable(cases: readonly EvalCase[], backends: readonly EvalBackend[], results: ReadonlyMap<string, readonly CaseResult[]>): string {
  const head = ['case', 'category', 'expected', ...backends.flatMap((b) => [`${b.label}: got`, 'critical', 'citations'])];
  const rows = cases.map((c) => {
    const cells = [c.id, c.category, SHORT[c.expected.verdict]];
    for (const b of backends) {
      const r = results.get(b.label)!.find((x) => x.id === c.id)!;
      const got = r.got ? `${SHORT[r.got]} ${r.got === r.expected ? '✓' : '✗'}` : `— (${(r.error ?? 'no report').slice(0, 40)})`;
      const crit = r.critical.length ? `${r.critical.filter((h) => h.found).length}/${r.critical.length}` : '–';
      const cites = r.citations.total ? `${r.citations.valid}/${r.citations.total}` : '–';
      cells.push(got, crit, cites);
    }
    return cells;
  });
  return table([head, ...rows]);
}

export function renderSummary(summaries: readonly Summary[]): string {
  const head = ['', ...summaries.map((s) => s.backend)];
  const row = (label: string, f: (s: Summary) => string) => [label, ...summaries.map(f)];
  return table([
    head,
    row(`verdict accuracy (≥ ${pct(THRESHOLDS.accuracy)})`, (s) => `${pct(s.accuracy)} (${s.correct}/${s.cases})`),
    row(`critical findings recalled (≥ ${pct(THRESHOLDS.recall)})`, (s) => `${pct(s.recall)} (${s.criticalFound}/${s.criticalTotal})`),
    row('compromised called SAFE (must be 0)', (s) => String(s.compromisedCalledSafe)),
    row('citations valid', (s) => `${pct(s.citationValidity)} (${s.citationsValid}/${s.citationsTotal})`),
    row('runs without a report', (s) => String(s.errors)),
  ]);
}

/** Per case: why the verdict, the checks that had evidence, the critical items missed and what could not be checked. */
export function renderDetails(results: ReadonlyMap<string, readonly CaseResult[]>): string {
  const out: string[] = [];
  for (const [backend, list] of results) {
    for (const r of list) {
      out.push(`## ${r.id} (${backend}): expected ${r.expected}, got ${r.got ?? 'no report'}`);
      if (r.error) out.push(`   error: ${r.error}`);
      for (const w of r.evidence?.why ?? []) out.push(`   why: ${w}`);
      const checks = (r.evidence?.checks ?? []).filter((c) => c.status !== 'unknown');
      if (checks.length) out.push(`   checks: ${checks.map((c) => `${c.id} ${c.status}${c.score !== null ? ` ${c.score}` : ''}`).join(', ')}`);
      const missed = r.critical.filter((h) => !h.found).map((h) => h.item);
      if (missed.length) out.push(`   missed: ${missed.join(', ')}`);
      for (const g of r.evidence?.couldNotCheck ?? []) out.push(`   not checked: ${g.what}: ${g.text}`);
    }
  }
  return out.join('\n');
}

function table(rows: readonly string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: readonly string[]) => `| ${r.map((cell, i) => cell + ' '.repeat(widths[i] - [...cell].length)).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
