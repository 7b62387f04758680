/**
 * Hard-coded credentials found with secretlint's maintained rules (the recommended preset: AWS,
 * GCP, Azure, GitHub, GitLab, npm, Slack, OpenAI, Anthropic, private keys, basic-auth URLs, …), with
 * the AWS access-key-ID rule switched on, plus one rule of ours for random-looking values assigned
 * to credential-like names (genericSecretRule.ts), which yields to a specific rule on the same
 * text. A finding carries a masked preview only: the secret's first characters and its length.
 * Neither the secret nor secretlint's own message (which quotes it unless masked) leaves this file.
 *
 * secretlint is ESM-only; like the Mistral SDK it is loaded with a dynamic import() (esbuild
 * inlines it into dist/builtins.js), and only when a scan runs.
 */
import { GENERIC_SECRET_RULE_ID, genericSecretRule } from './genericSecretRule';

export interface SecretFinding {
  /** The secretlint rule, without its "@secretlint/secretlint-rule-" prefix: "github", "aws", "privatekey". */
  rule: string;
  /** What the rule found: "GITHUB_TOKEN", "AWSAccessKeyID", "PrivateKey". */
  kind: string;
  line: number;
  column: number;
  /** E.g. "ghp_…(40 chars)": enough to find it, not enough to use it. */
  preview: string;
  docs?: string;
}

type Range = readonly [start: number, end: number];
type Lint = (content: string, filePath: string) => Promise<(SecretFinding & { range: Range })[]>;

let linter: Promise<Lint> | undefined;

async function loadLinter(): Promise<Lint> {
  const [{ lintSource }, { creator }] = await Promise.all([import('@secretlint/core'), import('@secretlint/secretlint-rule-preset-recommend')]);
  const config = {
    rules: [
      {
        id: '@secretlint/secretlint-rule-preset-recommend',
        rule: creator,
        // Off by default in secretlint (an ID alone is not a credential), but a committed ID usually travels with its secret.
        rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
      },
      { id: GENERIC_SECRET_RULE_ID, rule: genericSecretRule },
    ],
  };
  return async (content, filePath) => {
    const result = await lintSource({ source: { content, filePath, contentType: 'text' }, options: { config, maskSecrets: true } });
    const specific = result.messages.filter((m) => m.ruleId !== GENERIC_SECRET_RULE_ID);
    const overlaps = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[1] && b[0] < a[1];
    const kept = result.messages.filter((m) => m.ruleId !== GENERIC_SECRET_RULE_ID || !specific.some((s) => overlaps(s.range, m.range)));
    return kept.map((m) => ({
      rule: m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''),
      kind: m.messageId,
      line: m.loc.start.line,
      column: m.loc.start.column + 1,
      preview: maskSecret(content.slice(m.range[0], m.range[1])),
      ...(m.docsUrl ? { docs: `${m.docsUrl}` } : {}),
      range: m.range,
    }));
  };
}

function lint(content: string, filePath: string) {
  linter ??= loadLinter();
  return linter.then((run) => run(content, filePath));
}

/** The secrets in one file's text, masked. */
export async function scanForSecrets(content: string, filePath: string): Promise<SecretFinding[]> {
  return (await lint(content, filePath)).map(({ range: _range, ...finding }) => finding);
}

/**
 * The text with every secret the rules find replaced by its masked preview, for tools that return
 * file content (read_file, search_code): a credential is never handed over whole, whichever tool
 * reaches it. Newlines inside a secret (a private key) are kept, so line numbers stay true.
 */
export async function redactSecrets(content: string, filePath: string): Promise<{ text: string; masked: number }> {
  const ranges = mergeRanges((await lint(content, filePath)).map((f) => f.range));
  let text = content;
  for (const [start, end] of ranges.reverse()) {
    const secret = content.slice(start, end);
    text = `${text.slice(0, start)}«secret masked: ${maskSecret(secret)}»${'\n'.repeat(secret.split('\n').length - 1)}${text.slice(end)}`;
  }
  return { text, masked: ranges.length };
}

function mergeRanges(ranges: Range[]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** "AKIA…(20 chars)": the first 4 characters (none for a short value) and the length. */
export function maskSecret(secret: string): string {
  const shown = secret.length >= 16 ? secret.slice(0, 4) : '';
  return `${shown}…(${secret.length} chars)`;
}
