import { DEFAULT_THRESHOLDS } from './policy';
import { RULES } from './rules';

/**
 * The rules as Markdown, for `--help` and the README: generated from rules.ts so the listing
 * can never drift from what runs.
 */
export function describeRules(): string {
  const rows = RULES.map(
    (r) =>
      `| \`${r.id}\` | ${r.title} | ${r.weight} | ${r.reads.map((s) => `\`${s}\``).join(', ')} | ${escape(r.doc)}${r.hardRule ? ` **Hard rule:** ${escape(r.hardRule)}` : ''} |`,
  );
  return [
    '| check | title | weight | reads | rule |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Overall score: the weighted mean of the checks with evidence. At least ${DEFAULT_THRESHOLDS.safe} → SAFE TO ADOPT, at least ${DEFAULT_THRESHOLDS.caution} → ADOPT WITH CAUTION, else AVOID.`,
    'Then only stricter: any failed check → at most ADOPT WITH CAUTION; each hard rule → its ceiling; low confidence (an essential check without evidence: OSV for packages and workspaces, repository metadata for repositories, secrets_scan for workspaces, the tool list for connectors) → at most ADOPT WITH CAUTION.',
    "With a model, the model's verdict stands only when it is as strict as the evidence verdict or stricter; otherwise the evidence verdict stands and the report says why.",
    'An organisation policy may make any check stricter (failOn, weights, thresholds, hardRules.add); it can never loosen a hard rule.',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The rules as plain text for `--help`: one line per check, its hard rule indented under it. */
export function describeRulesText(): string {
  const lines = RULES.flatMap((r) => [`  ${r.id.padEnd(30)}${r.title}`, ...(r.hardRule ? [`  ${''.padEnd(30)}hard rule: ${r.hardRule}`] : [])]);
  return [
    ...lines,
    '',
    `  Score: the weighted mean of the checks with evidence; ${DEFAULT_THRESHOLDS.safe}+ SAFE TO ADOPT, ${DEFAULT_THRESHOLDS.caution}+ ADOPT WITH CAUTION,`,
    "  else AVOID; a failed check, low confidence or a hard rule only make it stricter. A model's",
    '  verdict stands only when it is at least as strict as the evidence verdict.',
  ].join('\n');
}
