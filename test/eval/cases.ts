import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { VERDICTS } from '../../src/core/audit/report';
import type { RecordedRepo } from '../fixtures/github/recordedRepo';
import type { OsvRecord } from '../fixtures/supplyChain/osvData';
import type { RecordedPackage } from '../fixtures/supplyChain/recordedData';

/**
 * One eval case: a folder under test/eval/cases/ with case.json (what is audited, when the facts
 * were recorded, what the right answer is), the recorded public data the fakes replay (osv.json,
 * depsdev.json, github.json), a connector's tool list (connector.json) or a workspace
 * (workspace.json), and source.md saying where every fact came from.
 */

export const CASES_DIR = join(__dirname, 'cases');

const caseSchema = z.object({
  id: z.string().regex(/^[a-z0-9.@_-]+$/),
  title: z.string(),
  category: z.enum(['compromised', 'vulnerable', 'abandoned', 'healthy', 'connector', 'workspace']),
  /** A repository or package as a person types it, or the workspace, or a connector by name. */
  target: z.union([z.string(), z.object({ kind: z.literal('workspace') }), z.object({ kind: z.literal('connector'), name: z.string() })]),
  /** Every recorded fact holds as of this time; the case replays at it (clock.ts). */
  recordedAt: z.iso.datetime(),
  expected: z.object({
    verdict: z.enum(VERDICTS),
    /**
     * What the audit must surface: an advisory id (GHSA-…, MAL-…, CVE-…) that must appear in a
     * finding, or "check:<id>" for a check that must fail.
     */
    critical: z.array(z.string()).default([]),
  }),
  /** Other cases whose recorded data this one also serves (a workspace that pulls a recorded package in). */
  uses: z.array(z.string()).default([]),
  /** Why the expected verdict is what it is, in a sentence. */
  why: z.string(),
});

export type EvalCaseSpec = z.infer<typeof caseSchema>;

const connectorSchema = z.object({
  name: z.string(),
  /** The tools as the server lists them (tools/list), descriptions verbatim from the public source. */
  tools: z.array(z.object({ name: z.string(), description: z.string(), inputSchema: z.record(z.string(), z.unknown()).optional() })),
  /** The pin state the host would report: never pinned ('new') or pinned and unchanged. */
  pin: z.enum(['pinned', 'new', 'changed']),
});
export type RecordedConnector = z.infer<typeof connectorSchema>;

const workspaceSchema = z.object({
  /** Relative path → content. */
  files: z.record(z.string(), z.string()),
  /** Files holding a fake credential built at run time (never a literal in the repository): path → kind. */
  credentials: z.record(z.string(), z.enum(['aws'])).default({}),
});
export type RecordedWorkspace = z.infer<typeof workspaceSchema>;

export interface EvalCase extends EvalCaseSpec {
  dir: string;
  osv: OsvRecord[];
  packages: RecordedPackage[];
  repos: RecordedRepo[];
  scorecards: Record<string, unknown>;
  connector?: RecordedConnector;
  workspace?: RecordedWorkspace;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function loadOne(dir: string): EvalCase {
  const spec = caseSchema.parse(readJson(join(dir, 'case.json')));
  const opt = <T>(file: string, pick: (v: Record<string, unknown>) => T, fallback: T): T =>
    existsSync(join(dir, file)) ? pick(readJson(join(dir, file)) as Record<string, unknown>) : fallback;
  if (!existsSync(join(dir, 'source.md'))) throw new Error(`${dir}: every case needs a source.md naming where its facts came from`);
  return {
    ...spec,
    dir,
    osv: opt('osv.json', (v) => v['records'] as OsvRecord[], []),
    packages: opt('depsdev.json', (v) => v['packages'] as RecordedPackage[], []),
    repos: opt('github.json', (v) => v['repos'] as RecordedRepo[], []),
    scorecards: opt('scorecard.json', (v) => v['projects'] as Record<string, unknown>, {}),
    ...(existsSync(join(dir, 'connector.json')) ? { connector: connectorSchema.parse(readJson(join(dir, 'connector.json'))) } : {}),
    ...(existsSync(join(dir, 'workspace.json')) ? { workspace: workspaceSchema.parse(readJson(join(dir, 'workspace.json'))) } : {}),
  };
}

/** Every case, in folder order; `only` picks some by id. */
export function loadCases(dir = CASES_DIR, only?: readonly string[]): EvalCase[] {
  const all = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => loadOne(join(dir, name)));
  for (const c of all) for (const u of c.uses) if (!all.some((o) => o.id === u)) throw new Error(`${c.id} uses unknown case ${u}`);
  const byId = new Map(all.map((c) => [c.id, c]));
  // A case that uses another replays that one's records too.
  const merged = all.map((c) => {
    const used = c.uses.map((u) => byId.get(u)!);
    return {
      ...c,
      osv: [...c.osv, ...used.flatMap((u) => u.osv)],
      packages: [...c.packages, ...used.flatMap((u) => u.packages)],
      repos: [...c.repos, ...used.flatMap((u) => u.repos)],
      scorecards: Object.assign({}, ...used.map((u) => u.scorecards), c.scorecards) as Record<string, unknown>,
    };
  });
  if (!only?.length) return merged;
  const unknown = only.filter((id) => !byId.has(id));
  if (unknown.length) throw new Error(`no such case: ${unknown.join(', ')}`);
  return merged.filter((c) => only.includes(c.id));
}
