import type { BuiltinName } from '../../builtins/catalog';
import { SYSTEM_TABLE } from '../../builtins/supplyChain/systems';
import { readResult, type Evidence } from '../../evidence/evidence';
import { canonicalJson } from '../../pins/toolHash';
import type { AuditTarget, PackageTarget } from '../target';

/**
 * Which built-in tool calls gather the evidence the rules read, per target: the audit without a
 * model (agent/rulesBackend.ts) runs exactly these, and the eval set replays them. The plan is a
 * fixpoint, not a script: given what has come back so far it names every call that evidence makes
 * possible (the package's default version once deps.dev named it, its source repository once a
 * version document pointed at GitHub), and the runner sends the ones not sent yet, in parallel.
 */

export interface PlannedCall {
  connector: BuiltinName;
  tool: string;
  args: Record<string, unknown>;
}

/** Most packages listed by audit_dependencies: the rules weigh every one it returns. */
const DEPENDENCY_RESULTS = 500;

export function plannedCalls(target: AuditTarget, evidence: readonly Evidence[]): PlannedCall[] {
  switch (target.kind) {
    case 'repo':
      return repoCalls(target.owner, target.repo);
    case 'package':
      return packageCalls(target, evidence);
    case 'workspace':
      return [
        call('workspace', 'list_manifests'),
        call('workspace', 'read_dependencies'),
        call('workspace', 'install_scripts'),
        call('workspace', 'workflows'),
        call('workspace', 'secrets_scan'),
        call('supply_chain', 'audit_dependencies', { max_results: DEPENDENCY_RESULTS }),
      ];
    case 'dependencies':
      return [
        call('workspace', 'read_dependencies'),
        call('workspace', 'install_scripts'),
        call('supply_chain', 'audit_dependencies', { max_results: DEPENDENCY_RESULTS }),
      ];
    case 'connector':
      // The tool list is read by the host, not by a tool; what the command line installs is a package like any other.
      return target.package ? packageCalls(target.package, evidence) : [];
  }
}

/** The key that makes two calls the same call (so the runner never sends one twice). */
export function callKey(c: { connector: string; tool: string; args: Record<string, unknown> }): string {
  return `${c.connector}/${c.tool} ${canonicalJson(c.args)}`;
}

function repoCalls(owner: string, repo: string): PlannedCall[] {
  const r = { owner, repo };
  return [
    call('github', 'get_repository', r),
    call('github', 'get_community_profile', r),
    call('github', 'list_releases', r),
    call('github', 'get_commit_activity', r),
    call('github', 'list_contributors', r),
    call('github', 'list_workflows', r),
    call('supply_chain', 'scorecard', r),
  ];
}

function packageCalls(target: PackageTarget, evidence: readonly Evidence[]): PlannedCall[] {
  const { system, name } = target;
  const calls = [call('supply_chain', 'deps_dev_package', { system, name })];
  // What the registry really serves: the release's facts and its files, read without running them.
  if (system === 'npm' || system === 'pypi') {
    const release = { ecosystem: system, name, ...(target.version ? { version: target.version } : {}) };
    calls.push(call('supply_chain', 'registry_package', release), call('supply_chain', 'inspect_package', release));
  }
  const version = target.version ?? defaultVersion(evidence, system, name);
  if (!version) return calls;
  calls.push(
    call('supply_chain', 'deps_dev_version', { system, name, version }),
    call('supply_chain', 'osv_query', { ecosystem: SYSTEM_TABLE[system].osv, name, version }),
  );
  const repo = sourceRepository(evidence, system, name, version);
  if (repo) calls.push(...repoCalls(repo.owner, repo.repo).filter((c) => c.tool !== 'list_workflows' && c.tool !== 'get_community_profile'));
  return calls;
}

/** What deps.dev says installs without a version (its `defaultVersion`). */
function defaultVersion(evidence: readonly Evidence[], system: string, name: string): string | undefined {
  const body = answer(evidence, 'deps_dev_package', (a) => a.system === system && a.name === name);
  const v = body?.['defaultVersion'];
  return typeof v === 'string' && v ? v : undefined;
}

/** The GitHub repository deps.dev links the version to, as owner and repo. */
function sourceRepository(evidence: readonly Evidence[], system: string, name: string, version: string): { owner: string; repo: string } | undefined {
  const body = answer(evidence, 'deps_dev_version', (a) => a.system === system && a.name === name && a.version === version);
  const repo = body?.['repository'];
  if (typeof repo !== 'string') return undefined;
  const m = /^(?:https?:\/\/)?github\.com\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/i.exec(repo.trim());
  return m ? { owner: m[1], repo: m[2] } : undefined;
}

/** The parsed JSON answer of the first matching supply_chain call that succeeded. */
function answer(evidence: readonly Evidence[], tool: string, matches: (args: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  for (const e of evidence) {
    if (e.connector !== 'supply_chain' || e.tool !== tool || !matches(e.args ?? {})) continue;
    const body = readResult(e.result);
    if (body.kind === 'json' && body.value && typeof body.value === 'object') return body.value as Record<string, unknown>;
  }
  return undefined;
}

function call(connector: BuiltinName, tool: string, args: Record<string, unknown> = {}): PlannedCall {
  return { connector, tool, args };
}
