import type { z } from 'zod';
import { SYSTEM_TABLE, systemOf } from '../../builtins/supplyChain/systems';
import type { EvidenceNote, Extraction, Signal, SignalId, SignalValues, Subject } from '../signals';

/**
 * What every extractor shares: the call it reads, a way to emit signals that cite it, and a
 * zod gate so a result of the wrong shape becomes a note instead of a throw or a guess.
 */

export interface CallInfo {
  callId: string;
  tool: string;
  args: Record<string, unknown>;
  /** The sources the tool result listed, if any; the first one is cited when a signal has no URL of its own. */
  sources?: string[];
  /** The run's clock (ms since the epoch), for ages the tool did not compute itself. */
  now: number;
}

export type Extractor = (value: unknown, call: CallInfo) => Extraction;

export function signal<K extends SignalId>(call: CallInfo, id: K, subject: Subject, value: SignalValues[K], url?: string): Signal {
  const cited = url ?? call.sources?.[0];
  return { id, subject, value, source: { callId: call.callId, ...(cited ? { url: cited } : {}) } } as Signal;
}

export function note(call: CallInfo, reason: EvidenceNote['reason'], text: string): EvidenceNote {
  return { callId: call.callId, tool: call.tool, reason, text };
}

/**
 * Builds an extractor from a schema and a reader: output that does not match the schema yields
 * one note naming the first problem, and the reader only ever sees typed data.
 */
export function extractor<S extends z.ZodType>(schema: S, read: (data: z.infer<S>, call: CallInfo) => Signal[]): Extractor {
  return (value, call) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'the result';
      return {
        signals: [],
        notes: [
          note(call, 'unreadable', `The ${call.tool} result did not have the expected shape (${where}: ${issue?.message ?? 'invalid'}); it was not used.`),
        ],
      };
    }
    return { signals: read(parsed.data, call), notes: [] };
  };
}

export function repoSubject(id: string): Subject {
  return { kind: 'repo', id: id.replace(/^github\.com\//, '') };
}

/** A package as a purl (`pkg:npm/lodash@4.17.20`), the subject id every package signal shares. */
export function packageSubject(ecosystem: string, name: string, version?: string): Subject {
  const system = systemOf(ecosystem);
  const type = system ? SYSTEM_TABLE[system].purl : ecosystem.toLowerCase();
  return { kind: 'package', id: `pkg:${type}/${name}${version ? `@${version}` : ''}` };
}

/** The purl's name and type back, for the typosquat check. */
export function packageNameOf(subjectId: string): { type: string; name: string } | undefined {
  const m = /^pkg:([^/]+)\/(.+?)(?:@([^@/]+))?$/.exec(subjectId);
  return m ? { type: m[1], name: m[2] } : undefined;
}
