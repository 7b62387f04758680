import type { Finding, Severity } from '../audit/report';
import { WEIGHT, unknown, type Rule, type RuleContext } from './check';
import { signalsOf, type Signal, type SignalId } from './signals';

/**
 * The rules over what a package release really ships (registry_package, inspect_package),
 * imported into RULES by rules.ts: the artifact matches its digest; what runs at install; what
 * the files contain; what changed since the previous release. Weighed as GuardDog and Socket
 * do: a capability alone is no verdict, a chain in one file is, and code that runs at install
 * gets no benefit of the doubt (nothing an install legitimately needs downloads and runs a
 * program, or collects the environment and sends it).
 */

const cite = (s: Signal): string[] => [s.source.url ?? `tool call ${s.source.callId}`];
const finding = (analysis: Finding['analysis'], severity: Severity, claim: string, s: Signal): Finding => ({ analysis, severity, claim, sources: cite(s) });
const read = <K extends SignalId>(ctx: RuleContext, id: K) => signalsOf(ctx.signals, id);
const INSPECT = 'supply_chain/inspect_package';
const REGISTRY = 'supply_chain/registry_package';

export const artifactIntegrity: Rule = {
  id: 'artifact-integrity',
  title: 'Artifact matches its published digest',
  weight: WEIGHT.critical,
  reads: ['artifact.integrity'],
  appliesTo: ['package'],
  doc: "The downloaded tarball, sdist or wheel matches the registry's digest (npm SRI sha512, PyPI sha256): pass. A mismatch: fail, and nothing in those bytes is read.",
  hardRule: 'An artifact that does not match its published digest: AVOID.',
  evaluate(ctx) {
    const list = read(ctx, 'artifact.integrity');
    if (!list.length) return unknown(ctx.ran(INSPECT) ? 'The registry gave no digest to check the artifact against.' : 'inspect_package was not run.');
    const bad = list.filter((s) => !s.value.verified);
    if (!bad.length) return { status: 'pass', score: 10, findings: [], explanation: `Every artifact matches its ${list[0].value.algorithm ?? ''} digest.` };
    return {
      status: 'fail',
      score: 0,
      findings: bad.map((s) =>
        finding(
          'security',
          'critical',
          `${s.subject.id}: ${s.value.artifact} does not match the registry's ${s.value.algorithm ?? ''} digest; it is not what was published.`,
          s,
        ),
      ),
      explanation: 'An artifact does not match its published digest.',
      hard: { ceiling: 'AVOID', because: `integrity mismatch in ${bad.map((s) => s.value.artifact).join(', ')}` },
    };
  },
};

export const installTimeCode: Rule = {
  id: 'install-time-code',
  title: 'Code that runs at install',
  weight: WEIGHT.critical,
  reads: ['install.hook', 'code.chain', 'artifact.hazard'],
  appliesTo: ['package'],
  doc: 'What runs when the package installs (npm preinstall/install/postinstall, an implicit node-gyp rebuild, setup.py, a .pth file). A hook that runs a native binary of the package, or a capability chain (collect → send, download → run) in a file that runs at install: fail. A .pth that runs code: fail. Other install scripts: warn (score 4); only node-gyp or prepare: warn (score 7). None: pass.',
  hardRule: 'A release that added an install hook running a bundled binary, or a capability chain in install-time code: AVOID.',
  evaluate(ctx) {
    const hooks = dedupeHooks(read(ctx, 'install.hook'));
    const chains = read(ctx, 'code.chain').filter((s) => s.value.installTime);
    const pth = read(ctx, 'artifact.hazard').filter((s) => s.value.kind === 'pth-exec');
    if (!hooks.length && !chains.length && !pth.length) {
      if (ctx.ran(INSPECT) || ctx.ran(REGISTRY)) return { status: 'pass', score: 10, findings: [], explanation: 'Nothing runs at install.' };
      return unknown('Neither registry_package nor inspect_package was run.');
    }
    const binaryHooks = hooks.filter((s) => s.value.runsBinary && !s.value.minor);
    // Long-standing binary launchers exist; a new one (or one in a package with no history) is how a hijack looks.
    const newBinary = binaryHooks.filter((s) => s.value.newInRelease !== false);
    const findings = [
      ...chains.map((s) =>
        finding(
          'security',
          'critical',
          `${s.subject.id}: ${s.value.file} runs at install and chains ${s.value.capabilities.join(' → ')} (${s.value.kind}, line ${s.value.lines.join(', ')}): ${s.value.excerpt}`,
          s,
        ),
      ),
      ...binaryHooks.map((s) =>
        finding(
          'security',
          'critical',
          `${s.subject.id}: the ${s.value.hook} script (${s.value.command}) runs a native binary shipped in the package${s.value.newInRelease ? ', new in this release' : ''}.`,
          s,
        ),
      ),
      ...pth.map((s) => finding('security', 'high', `${s.subject.id}: ${s.value.file} ${s.value.detail}.`, s)),
      ...hooks
        .filter((s) => !s.value.runsBinary)
        .map((s) =>
          finding(
            'security',
            s.value.implicit || s.value.minor ? 'low' : 'medium',
            `${s.subject.id} runs code at install: ${s.value.hook} → ${s.value.command}${s.value.newInRelease ? ' (new in this release)' : ''}.`,
            s,
          ),
        ),
    ];
    if (chains.length || newBinary.length) {
      const because = chains.length
        ? `install-time ${chains[0].value.kind} chain in ${chains[0].value.file}`
        : `the ${newBinary[0].value.hook} script runs a bundled binary${newBinary[0].value.newInRelease ? ' new in this release' : ''}`;
      return { status: 'fail', score: 0, findings, explanation: `Install-time code does what malware does: ${because}.`, hard: { ceiling: 'AVOID', because } };
    }
    if (binaryHooks.length || pth.length) return { status: 'fail', score: 2, findings, explanation: 'Code runs at install that deserves reading first.' };
    const real = hooks.filter((s) => !s.value.implicit && !s.value.minor);
    if (real.length)
      return { status: 'warn', score: 4, findings, explanation: `${real.length} install script${real.length === 1 ? '' : 's'}: read them before installing.` };
    return { status: 'warn', score: 7, findings, explanation: 'Only a node-gyp build or a prepare script runs.' };
  },
};

const CRITICAL_HAZARDS = new Set(['path-traversal', 'absolute-path', 'decompression-bomb', 'device']);
const INSTALL_HAZARDS = new Set(['pth-exec', 'implicit-gyp']);

export const packageContents: Rule = {
  id: 'package-contents',
  title: 'What the package files contain',
  weight: WEIGHT.high,
  reads: ['artifact.hazard', 'code.chain'],
  appliesTo: ['package'],
  doc: "Entries that climb out of the package folder, device files, a decompression bomb, or a symlink pointing outside: fail (hostile archive). A capability chain in the package's code (collect → send, download → run): fail. Native binaries, obfuscated entry points, links inside the package, an overridden setup.py install: warn.",
  hardRule:
    'A hostile archive (escaping paths, device files, a decompression bomb, a link out of the package): AVOID. A capability chain in the code: at most ADOPT WITH CAUTION.',
  evaluate(ctx) {
    const hazards = read(ctx, 'artifact.hazard').filter((s) => !INSTALL_HAZARDS.has(s.value.kind));
    const chains = read(ctx, 'code.chain').filter((s) => !s.value.installTime);
    if (!hazards.length && !chains.length)
      return ctx.ran(INSPECT)
        ? { status: 'pass', score: 10, findings: [], explanation: 'Nothing hostile in the files.' }
        : unknown('inspect_package was not run.');
    const hostile = hazards.filter((s) => CRITICAL_HAZARDS.has(s.value.kind) || s.value.severity === 'critical');
    const sevOf = (s: Signal<'artifact.hazard'>): Severity =>
      ['critical', 'high', 'medium', 'low'].includes(s.value.severity) ? (s.value.severity as Severity) : 'info';
    const findings = [
      ...hazards.map((s) => finding('security', sevOf(s), `${s.subject.id}: ${s.value.file ? `${s.value.file}: ` : ''}${s.value.detail}.`, s)),
      ...chains.map((s) =>
        finding(
          'security',
          'high',
          `${s.subject.id}: ${s.value.file} chains ${s.value.capabilities.join(' → ')} (${s.value.kind}, line ${s.value.lines.join(', ')}): ${s.value.excerpt}`,
          s,
        ),
      ),
    ];
    if (hostile.length)
      return {
        status: 'fail',
        score: 0,
        findings,
        explanation: 'The archive is built to attack whoever unpacks it.',
        hard: { ceiling: 'AVOID', because: `hostile archive: ${[...new Set(hostile.map((s) => s.value.kind))].join(', ')}` },
      };
    const sending = chains.filter((s) => s.value.kind !== 'decoded-execution');
    if (sending.length)
      return {
        status: 'fail',
        score: 2,
        findings,
        explanation: `Capability chain in the code: ${sending[0].value.kind} in ${sending[0].value.file}.`,
        hard: { ceiling: 'ADOPT WITH CAUTION', because: `${sending[0].value.kind} chain in ${sending[0].value.file}` },
      };
    if (hazards.some((s) => s.value.kind === 'corrupt')) return { status: 'fail', score: 3, findings, explanation: 'The archive could not be read whole.' };
    return { status: 'warn', score: chains.length ? 4 : 6, findings, explanation: 'Files that deserve a look: binaries, obfuscated code or links.' };
  },
};

export const releaseChanges: Rule = {
  id: 'release-changes',
  title: 'Changes since the previous release',
  weight: WEIGHT.high,
  reads: ['release.change'],
  appliesTo: ['package'],
  doc: 'Compared with the release before it: provenance published before and missing now, or a new publisher who also added an install script or a binary: fail. An install script or binary added, or a new publisher: warn. Maintainers changed: warn (score 8).',
  evaluate(ctx) {
    const changes = read(ctx, 'release.change');
    if (!changes.length)
      return ctx.ran(REGISTRY) || ctx.ran(INSPECT)
        ? { status: 'pass', score: 10, findings: [], explanation: 'Nothing notable changed since the previous release.' }
        : unknown('registry_package was not run.');
    const has = (kind: string) => changes.some((s) => s.value.kind === kind);
    const added = has('install-script-added') || has('binary-added');
    const sev = (kind: string): Severity =>
      kind === 'provenance-lost' || ((kind === 'install-script-added' || kind === 'binary-added') && has('publisher-changed'))
        ? 'high'
        : kind === 'maintainers-changed'
          ? 'low'
          : 'medium';
    const findings = changes.map((s) => finding('security', sev(s.value.kind), `${s.subject.id}: ${s.value.detail}.`, s));
    if (has('provenance-lost') || (has('publisher-changed') && added))
      return {
        status: 'fail',
        score: 1,
        findings,
        explanation: 'The release looks like someone else published it: provenance lost, or a new publisher adding install-time code.',
      };
    if (added || has('publisher-changed') || has('install-script-changed'))
      return { status: 'warn', score: added ? 4 : 6, findings, explanation: 'The release changed who publishes it or what runs at install.' };
    return { status: 'warn', score: 8, findings, explanation: 'The maintainers changed.' };
  },
};

/** registry_package and inspect_package both name a hook; the one that read the files (runs, runsBinary) wins. */
function dedupeHooks(list: readonly Signal<'install.hook'>[]): Signal<'install.hook'>[] {
  const seen = new Map<string, Signal<'install.hook'>>();
  const weight = (s: Signal<'install.hook'>) => (s.value.runsBinary ? 100 : 0) + s.value.runs.length + (s.value.newInRelease !== null ? 0.5 : 0);
  for (const s of list) {
    const key = `${s.subject.id}|${s.value.hook}|${s.value.command}`;
    const prev = seen.get(key);
    if (!prev) seen.set(key, s);
    else {
      const better = weight(s) > weight(prev) ? s : prev;
      const newInRelease = s.value.newInRelease ?? prev.value.newInRelease;
      seen.set(key, { ...better, value: { ...better.value, newInRelease } });
    }
  }
  return [...seen.values()];
}
