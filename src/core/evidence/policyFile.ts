import { readFile } from 'node:fs/promises';
import { parse, type ParseError } from 'jsonc-parser';
import { parsePolicy, type Policy } from './policy';

/**
 * The organisation's evidence policy: `"evidencePolicy": {…}` in the private registry file (the
 * user's own connectors.json, never a workspace's: a cloned repository must not be able to change
 * how its own audit is judged). A policy may only tighten (policy.ts); one that is invalid is not
 * half-applied — it is refused with the reasons, and the front end says so.
 */

export type PolicyFileRead = { policy?: Policy; problems: string[] };

export async function readEvidencePolicy(privateRegistryFile: string): Promise<PolicyFileRead> {
  let text: string;
  try {
    text = await readFile(privateRegistryFile, 'utf8');
  } catch {
    return { problems: [] };
  }
  const errors: ParseError[] = [];
  const root = parse(text, errors, { allowTrailingComma: true }) as unknown;
  // A broken file is reported by the registry itself; there is no policy to read from it.
  if (errors.length || !root || typeof root !== 'object') return { problems: [] };
  const raw = (root as Record<string, unknown>)['evidencePolicy'];
  if (raw === undefined) return { problems: [] };
  const parsed = parsePolicy(raw);
  if (!parsed.ok) return { problems: parsed.problems.map((p) => `${privateRegistryFile}: evidencePolicy.${p}`) };
  return { policy: parsed.policy, problems: [] };
}
