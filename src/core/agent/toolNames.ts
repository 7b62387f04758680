import { createHash } from 'node:crypto';

/**
 * Names the model sees for connector tools: `connector__tool`, within the alphabet and length
 * every provider accepts. A name that is already valid and unique is used as is, so people
 * recognise it in transcripts; any other is sanitised and given a short hash of the connector
 * id and the original tool name, which keeps it unique and the same from run to run whatever
 * the order of connectors.
 */

export const MODEL_TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_LENGTH = 64;
const HASH_LENGTH = 8;

export interface NameRequest {
  connectorId: string;
  connectorName: string;
  toolName: string;
}

export function namespacedNames(requests: readonly NameRequest[]): string[] {
  const plain = requests.map((r) => `${r.connectorName}__${r.toolName}`);
  const counts = new Map<string, number>();
  for (const name of plain) counts.set(name, (counts.get(name) ?? 0) + 1);
  const out = requests.map((r, i) => {
    const name = plain[i];
    return MODEL_TOOL_NAME.test(name) && counts.get(name) === 1 ? name : hashedName(r);
  });
  // Two hashed names can only meet if the same connector lists the same tool twice; numbering
  // them keeps every name distinct even then.
  const seen = new Map<string, number>();
  return out.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name.slice(0, MAX_LENGTH - String(n).length - 1)}_${n}`;
  });
}

function hashedName(r: NameRequest): string {
  const hash = createHash('sha256').update(`${r.connectorId}\u0000${r.toolName}`).digest('hex').slice(0, HASH_LENGTH);
  const base = `${sanitise(r.connectorName)}__${sanitise(r.toolName)}`;
  return `${base.slice(0, MAX_LENGTH - HASH_LENGTH - 1)}_${hash}`;
}

function sanitise(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}
