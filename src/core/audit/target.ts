import { parsePurl, purlPackageName, purlSystem } from '../builtins/supplyChain/purl';
import { systemOf, type System } from '../builtins/supplyChain/systems';
import type { TargetKind } from '../evidence/check';

/**
 * What an audit is about, typed: the one place a person's words ("expressjs/express",
 * "pkg:npm/lodash@4.17.20", "pypi:requests==2.31.0", a GitHub URL) become a target the evidence
 * plan (plan/) and the rules (evidence/) can act on. The workspace, its dependencies and a
 * connector are never spelled as text: the front ends name them (a flag, a button, a tree row).
 */

export type AuditTarget =
  | { kind: 'repo'; owner: string; repo: string }
  | { kind: 'package'; system: System; name: string; version?: string; assumedSystem?: boolean }
  | { kind: 'workspace' }
  | { kind: 'dependencies' }
  | { kind: 'connector'; name: string; /** The package its command line runs (npx pkg@1.2.3, uvx pkg), when it names one. */ package?: PackageTarget };

export type PackageTarget = Extract<AuditTarget, { kind: 'package' }>;

/** How the target reads in a report's title and a transcript. */
export function targetLabel(target: AuditTarget): string {
  switch (target.kind) {
    case 'repo':
      return `${target.owner}/${target.repo}`;
    case 'package':
      return `${target.system === 'npm' ? '' : `${target.system}:`}${target.name}${target.version ? `@${target.version}` : ''}`;
    case 'workspace':
      return 'the open workspace';
    case 'dependencies':
      return "the workspace's dependencies";
    case 'connector':
      return `connector "${target.name}"`;
  }
}

/** The evidence engine's kind for a target (its rules are written per kind). */
export function engineKind(target: AuditTarget): TargetKind {
  return target.kind;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Reads a target as a person types it. Undefined when the text is not one (a question in the chat,
 * say): the model may still make sense of it, the rules cannot.
 */
export function parseAuditTarget(text: string): AuditTarget | undefined {
  const t = text.trim().replace(/[.,;:!?]+$/, '');
  if (!t || /\s/.test(t)) return undefined;
  if (/^pkg:/i.test(t)) return fromPurl(t);
  const repo = repoOf(t);
  if (repo) return repo;
  const prefixed = /^([a-z.]+):(.+)$/i.exec(t);
  if (prefixed) {
    const system = systemOf(prefixed[1]);
    return system ? packageOf(system, prefixed[2], false) : undefined;
  }
  // A bare name is most often npm's (the chat's examples, the CLI's help); the report says it assumed so.
  if (/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*(@[^@\s/]+)?$/i.test(t)) return packageOf('npm', t, true);
  return undefined;
}

function fromPurl(text: string): AuditTarget | undefined {
  try {
    const purl = parsePurl(text);
    if (purl.type === 'github' && purl.namespace) return { kind: 'repo', owner: purl.namespace, repo: purl.name };
    const system = purlSystem(purl);
    if (!system) return undefined;
    return { kind: 'package', system, name: purlPackageName(purl), ...(purl.version ? { version: purl.version } : {}) };
  } catch {
    return undefined;
  }
}

function repoOf(t: string): AuditTarget | undefined {
  const url = /^(?:https?:\/\/)?(?:www\.)?github\.com\/([^/\s]+)\/([^/\s#?]+)/i.exec(t);
  const plain = /^([^/@:\s]+)\/([^/@:\s]+)$/.exec(t);
  const m = url ?? plain;
  if (!m) return undefined;
  const owner = m[1];
  const repo = m[2].replace(/\.git$/i, '');
  return OWNER.test(owner) && REPO.test(repo) ? { kind: 'repo', owner, repo } : undefined;
}

/** `name@version`, or PyPI's `name==version`; a scoped npm name keeps its leading '@'. */
function packageOf(system: System, spec: string, assumed: boolean): PackageTarget | undefined {
  const pep = /^([^=<>!~\s]+)==([^=\s]+)$/.exec(spec);
  const at = spec.lastIndexOf('@');
  const [name, version] = pep ? [pep[1], pep[2]] : at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
  if (!name || version === '') return undefined;
  return { kind: 'package', system, name, ...(version ? { version } : {}), ...(assumed ? { assumedSystem: true } : {}) };
}

/**
 * The package a connector's command line runs, when it names one: `npx -y pkg@1.2.3`, `uvx pkg`,
 * `pipx run pkg`, `docker run image` is not a registry package we can check (undefined).
 */
export function packageOfCommand(command: string, args: readonly string[]): PackageTarget | undefined {
  const base = command
    .replace(/\\/g, '/')
    .split('/')
    .pop()!
    .replace(/\.(cmd|exe|bat)$/i, '');
  const positional = (from: number) => args.slice(from).find((a) => !a.startsWith('-'));
  if (base === 'npx' || base === 'bunx' || (base === 'pnpm' && args[0] === 'dlx')) {
    const spec = positional(base === 'pnpm' ? 1 : 0);
    return spec ? packageOf('npm', spec, false) : undefined;
  }
  if (base === 'uvx' || (base === 'pipx' && args[0] === 'run') || (base === 'uv' && args[0] === 'tool' && args[1] === 'run')) {
    const spec = positional(base === 'uvx' ? 0 : base === 'pipx' ? 1 : 2);
    return spec ? packageOf('pypi', spec.replace(/\[.*\]/, ''), false) : undefined;
  }
  return undefined;
}
