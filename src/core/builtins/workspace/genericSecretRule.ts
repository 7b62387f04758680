import type { SecretLintRuleCreator } from '@secretlint/types' with { 'resolution-mode': 'import' };

/**
 * A secretlint rule for what the recommended preset has no rule for: a long, random-looking value
 * assigned to a credential-like name (`client_secret = "…"`, `"apiKey": "…"`, `PASSWORD=…`), the
 * way gitleaks' generic-api-key rule works — a name pattern plus a Shannon-entropy floor, minus
 * placeholders. Written against secretlint's rule API so it runs, reports and masks like the
 * maintained rules.
 */

export const GENERIC_SECRET_RULE_ID = 'generic-high-entropy-secret';

const NAME = String.raw`(?:api[_-]?key|apikey|access[_-]?key|secret[_-]?key|client[_-]?secret|secret|auth[_-]?token|access[_-]?token|token|password|passwd|pwd)`;
const VALUE = String.raw`[A-Za-z0-9+/=_\-.~!@#$%^&*]{16,256}`;
// In code, a value counts only when quoted: a bare one (`token: env.TOKEN`) is an expression.
// Every repetition is bounded, so no input makes these backtrack for long.
const QUOTED = new RegExp(String.raw`(${NAME})[\w-]{0,20}["']?[ \t]{0,5}(?::=|=>|[:=])[ \t]{0,5}(["'\x60])(${VALUE})\2`, 'gi');
// A .env / properties line (`export API_KEY=…`) holds a bare value up to the end of the line.
const ENV_LINE = new RegExp(String.raw`^[ \t]{0,10}(?:export[ \t]+)?[\w.-]{0,40}?(${NAME})[\w-]{0,20}[ \t]{0,5}=[ \t]{0,5}()(${VALUE})[ \t]*\r?$`, 'gim');
const PLACEHOLDER =
  /\$\{|\{\{|^<|^%|x{4}|\*{4}|example|changeme|change[_-]?me|your[_-]|placeholder|dummy|sample|redacted|test|fake|secret|password|undefined|null|true|false/i;

const MIN_ENTROPY = 3.5;

/** Bits per character of the value's own character distribution. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Random-looking: high entropy, and letters mixed with digits or other case (not a long word). */
export function looksRandom(value: string): boolean {
  if (PLACEHOLDER.test(value) || /^[./~]/.test(value)) return false;
  // A dotted name (`connectorAuditor.setApiKey`, `process.env.TOKEN`) is code, not a credential.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(value)).length;
  return classes >= 2 && shannonEntropy(value) >= MIN_ENTROPY;
}

export const genericSecretRule: SecretLintRuleCreator = {
  messages: {
    GenericSecret: { en: (props: { NAME: string }) => `found a random-looking value assigned to ${props.NAME}` },
  },
  meta: {
    id: GENERIC_SECRET_RULE_ID,
    recommended: true,
    type: 'scanner',
    supportedContentTypes: ['text'],
  },
  create(context) {
    const t = context.createTranslator(genericSecretRule.messages);
    return {
      file(source) {
        for (const m of [...source.content.matchAll(QUOTED), ...source.content.matchAll(ENV_LINE)]) {
          const value = m[3];
          if (!looksRandom(value)) continue;
          // The value ends the match (before a closing quote or trailing blanks).
          const start = (m.index ?? 0) + m[0].lastIndexOf(value);
          context.report({ message: t('GenericSecret', { NAME: m[1] }), range: [start, start + value.length] });
        }
      },
    };
  },
};
