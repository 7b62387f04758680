/**
 * One PEP 508 requirement string (`requests[socks]>=2.0; python_version>"3.8"`, `pkg @ https://…`):
 * the name, and an exact version when the specifier is a single `==` pin, else the range.
 */
export interface Pep508 {
  name: string;
  version?: string;
  range?: string;
  url?: string;
}

const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/s;
const EXACT_PIN = /^===?\s*([^\s,;*]+)$/;

export function parsePep508(text: string): Pep508 | undefined {
  const m = REQUIREMENT.exec(text.trim());
  if (!m) return undefined;
  const spec = m[3]
    .split(';')[0]
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .trim();
  if (spec.startsWith('@')) return { name: m[1], url: spec.slice(1).trim() };
  if (!spec) return { name: m[1] };
  const pin = EXACT_PIN.exec(spec);
  return pin ? { name: m[1], version: pin[1] } : { name: m[1], range: spec };
}
