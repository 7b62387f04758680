import type { Finding, Severity } from '../audit/report';
import { WEIGHT, unknown, type Outcome, type Rule, type RuleContext } from './check';
import { artifactIntegrity, installTimeCode, packageContents, releaseChanges } from './rulesRegistry';
import { signalsOf, type Signal, type SignalId } from './signals';

/**
 * THE RULES. Every check the evidence engine runs, in one file, in the spirit of OpenSSF
 * Scorecard's checks (weights: critical 10, high 7.5, medium 5, low 2.5), OSV-Scanner and Socket's
 * supply-chain alerts. Each reads typed signals (signals.ts), scores 0–10, and states pass, warn,
 * fail or unknown; unknown means no tool answered, which lowers confidence and never raises the
 * verdict (verdict.ts). Hard rules set a ceiling on the verdict that no score, policy or model
 * can lift. An organisation may tighten any of this (policy.ts), never loosen it.
 */

const cite = (s: Signal): string[] => [s.source.url ?? `tool call ${s.source.callId}`];
const finding = (analysis: Finding['analysis'], severity: Severity, claim: string, s: Signal): Finding => ({
  analysis,
  severity,
  claim,
  sources: cite(s),
  ...(s.subject.at ? { location: s.subject.at } : {}),
});
const read = <K extends SignalId>(ctx: RuleContext, id: K) => signalsOf(ctx.signals, id);

const VULN_SCORE: Record<string, number> = { critical: 0, high: 3, medium: 6, low: 8, unknown: 5 };

const knownVulnerabilities: Rule = {
  id: 'known-vulnerabilities',
  title: 'Known vulnerabilities in the version in use',
  weight: WEIGHT.critical,
  reads: ['vuln.checked', 'vuln.known'],
  appliesTo: ['package', 'workspace', 'dependencies', 'repo'],
  essentialFor: ['package', 'workspace', 'dependencies'],
  doc: 'OSV.dev records (not withdrawn) that affect the version in use, with the fixed versions. Critical or high: fail; medium or low: warn; OSV answered with none: pass; asked without a version: warn.',
  hardRule: 'A critical vulnerability (CVSS 9.0 or more, or rated CRITICAL) in the version in use: AVOID.',
  evaluate(ctx) {
    const checked = read(ctx, 'vuln.checked');
    if (!checked.length) return unknown('OSV.dev was not queried (or did not answer): known vulnerabilities are unchecked.');
    const all = read(ctx, 'vuln.known');
    const vulns = all.filter((s) => s.value.versioned);
    // Without a version OSV lists every record of the package, fixed ones included: context, not a verdict.
    const unversioned = all.filter((s) => !s.value.versioned);
    const context = unversioned.map((s) =>
      finding('security', 'info', `${s.value.advisory} (${s.value.severity}) affects some versions of ${s.subject.id}; the version in use was not given.`, s),
    );
    if (!vulns.length) {
      if (!checked.some((s) => s.value.versioned))
        return {
          status: 'warn',
          score: 5,
          findings: context,
          explanation: 'OSV.dev was asked about the package without a version: the version in use is unchecked.',
        };
      return { status: 'pass', score: 10, findings: context, explanation: 'OSV.dev lists no live vulnerability for the versions checked.' };
    }
    const findings = vulns.map((s) => {
      const v = s.value;
      const fix = v.fixed.length ? `fixed in ${v.fixed.join(', ')}` : 'no fixed version published';
      const sev: Severity = v.severity === 'unknown' ? 'medium' : v.severity;
      return finding(
        'security',
        sev,
        `${s.subject.id} is affected by ${v.advisory}${v.summary ? ` (${v.summary})` : ''}, severity ${v.severity}${v.score !== undefined ? ` ${v.score}` : ''}; ${fix}.`,
        s,
      );
    });
    const score = Math.min(...vulns.map((s) => VULN_SCORE[s.value.severity]));
    const critical = vulns.filter((s) => s.value.severity === 'critical');
    const serious = vulns.some((s) => s.value.severity === 'critical' || s.value.severity === 'high');
    return {
      status: serious ? 'fail' : 'warn',
      score,
      findings: [...findings, ...context],
      explanation: `${vulns.length} known vulnerabilit${vulns.length === 1 ? 'y' : 'ies'} in the version in use (worst: ${critical.length ? 'critical' : serious ? 'high' : 'medium or low'}).`,
      ...(critical.length
        ? { hard: { ceiling: 'AVOID' as const, because: `critical vulnerability ${critical.map((s) => s.value.advisory).join(', ')} in the version in use` } }
        : {}),
    };
  },
};

const malware: Rule = {
  id: 'malware',
  title: 'Malware advisories',
  weight: WEIGHT.critical,
  reads: ['vuln.malware', 'vuln.checked'],
  appliesTo: ['package', 'workspace', 'dependencies'],
  doc: 'An OSV MAL- record (OpenSSF Malicious Packages) for the package: the machine that installs it is compromised.',
  hardRule: 'Any malware advisory: AVOID.',
  evaluate(ctx) {
    const hits = read(ctx, 'vuln.malware');
    if (hits.length) {
      return {
        status: 'fail',
        score: 0,
        findings: hits.map((s) =>
          finding('security', 'critical', `${s.subject.id} is listed as malicious by ${s.value.advisory}${s.value.summary ? ` (${s.value.summary})` : ''}.`, s),
        ),
        explanation: `Malware advisory: ${hits.map((s) => s.value.advisory).join(', ')}.`,
        hard: { ceiling: 'AVOID', because: `malware advisory ${hits.map((s) => s.value.advisory).join(', ')}` },
      };
    }
    if (!read(ctx, 'vuln.checked').length) return unknown('OSV.dev (which carries the malware advisories) was not queried.');
    return { status: 'pass', score: 10, findings: [], explanation: 'No malware advisory in OSV.dev for the packages checked.' };
  },
};

const installScripts: Rule = {
  id: 'install-scripts',
  title: 'Install scripts',
  weight: WEIGHT.high,
  reads: ['install.script'],
  appliesTo: ['workspace', 'dependencies'],
  doc: 'Code that runs on npm install (preinstall, install, postinstall, an implicit node-gyp rebuild), in the project or its dependencies: warn, as Socket and npm 12 do.',
  evaluate(ctx) {
    const hits = read(ctx, 'install.script');
    if (!hits.length && !ctx.ran('workspace/install_scripts')) return unknown('install_scripts was not run.');
    if (!hits.length) return { status: 'pass', score: 10, findings: [], explanation: 'Nothing runs at install.' };
    return {
      status: 'warn',
      score: hits.some((s) => s.value.kind === 'dependency') ? 4 : 6,
      findings: hits.map((s) =>
        finding('security', 'medium', `${s.subject.id} runs code at install${s.value.scripts.length ? ` (${s.value.scripts.join(', ')})` : ''}.`, s),
      ),
      explanation: `${hits.length} install-time script${hits.length === 1 ? '' : 's'}: read them before installing.`,
    };
  },
};

const maintained: Rule = {
  id: 'maintained',
  title: 'Maintained (archived, last push, commit activity)',
  weight: WEIGHT.high,
  reads: ['repo.archived', 'repo.pushed_at', 'commits.activity', 'package.deprecated'],
  appliesTo: ['repo', 'package'],
  essentialFor: ['repo'],
  doc: 'Archived or deprecated: fail. No push for a year, or no commit in 52 weeks: warn (Scorecard counts 90 days; Socket calls 5 years unmaintained).',
  evaluate(ctx) {
    const archived = read(ctx, 'repo.archived').filter((s) => s.value);
    const deprecated = read(ctx, 'package.deprecated');
    const stale = read(ctx, 'repo.pushed_at').filter((s) => (s.value.daysAgo ?? 0) > 365);
    const idle = read(ctx, 'commits.activity').filter((s) => s.value.last52Weeks === 0);
    const known = read(ctx, 'repo.archived').length + read(ctx, 'repo.pushed_at').length + read(ctx, 'commits.activity').length + deprecated.length;
    if (!known) return unknown('No repository metadata or deprecation data was returned.');
    const findings = [
      ...archived.map((s) => finding('maintenance', 'high', `${s.subject.id} is archived: it gets no fixes.`, s)),
      ...deprecated.map((s) => finding('maintenance', 'high', `${s.subject.id} is deprecated${s.value.reason ? `: ${s.value.reason}` : ''}.`, s)),
      ...stale.map((s) => finding('maintenance', 'medium', `${s.subject.id} was last pushed ${s.value.daysAgo} days ago (${s.value.date}).`, s)),
      ...idle.map((s) => finding('maintenance', 'medium', `${s.subject.id} had no commit on its default branch in the last 52 weeks.`, s)),
    ];
    if (archived.length || deprecated.length) return { status: 'fail', score: 0, findings, explanation: archived.length ? 'Archived.' : 'Deprecated.' };
    if (stale.length || idle.length) return { status: 'warn', score: 4, findings, explanation: 'No recent activity.' };
    return { status: 'pass', score: 10, findings, explanation: 'Active: not archived, pushed within a year.' };
  },
};

const releaseActivity: Rule = {
  id: 'release-activity',
  title: 'Release activity',
  weight: WEIGHT.low,
  reads: ['releases.latest'],
  appliesTo: ['repo', 'package'],
  doc: 'The latest release (GitHub or registry): within a year pass; one to two years warn (score 5); older warn (score 2). No releases at all: warn.',
  evaluate(ctx) {
    const list = read(ctx, 'releases.latest');
    if (!list.length) return unknown('No release list was returned.');
    const ages = list.map((s) => s.value.daysAgo).filter((d): d is number => d !== null);
    if (!ages.length)
      return {
        status: 'warn',
        score: 3,
        findings: list.map((s) => finding('maintenance', 'low', `${s.subject.id} has no published release.`, s)),
        explanation: 'No releases.',
      };
    const newest = Math.min(...ages);
    const s = list.find((x) => x.value.daysAgo === newest)!;
    if (newest <= 365) return { status: 'pass', score: 10, findings: [], explanation: `Latest release ${s.value.tag ?? '(untagged)'} ${newest} days ago.` };
    return {
      status: 'warn',
      score: newest <= 730 ? 5 : 2,
      findings: [finding('maintenance', 'low', `${s.subject.id}'s latest release (${s.value.tag}) is ${newest} days old.`, s)],
      explanation: `Latest release ${newest} days ago.`,
    };
  },
};

const contributors: Rule = {
  id: 'contributors',
  title: 'Contributor concentration (bus factor)',
  weight: WEIGHT.low,
  reads: ['contributors.bus_factor'],
  appliesTo: ['repo'],
  doc: 'The fewest people who made half the commits: 1 warn (score 3), 2 score 6, 3 or more pass.',
  evaluate(ctx) {
    const s = read(ctx, 'contributors.bus_factor').find((x) => x.value.busFactor !== null);
    if (!s) return unknown('No contributor list was returned.');
    const bf = s.value.busFactor!;
    if (bf >= 3) return { status: 'pass', score: 10, findings: [], explanation: `Bus factor ${bf}.` };
    return {
      status: 'warn',
      score: bf === 2 ? 6 : 3,
      findings: [
        finding('maintenance', 'low', `${s.subject.id}: ${bf} contributor${bf === 1 ? ' made' : 's made'} half of the commits (bus factor ${bf}).`, s),
      ],
      explanation: `Bus factor ${bf}.`,
    };
  },
};

/** One Scorecard check as a rule: its own 0–10 score, pass at 7 or more, fail under `failBelow`. */
function scorecardRule(check: string, weight: number, failBelow: number, doc: string): Rule {
  return {
    id: `scorecard-${check.toLowerCase()}`,
    title: `Scorecard: ${check}`,
    weight,
    reads: ['scorecard.check'],
    appliesTo: ['repo'],
    doc: `${doc} OpenSSF Scorecard's ${check} score: ${failBelow > 7 ? `under ${failBelow} fail, else pass` : `7 or more pass, under ${failBelow} fail, between warn`}.`,
    evaluate(ctx) {
      const s = read(ctx, 'scorecard.check').find((x) => x.value.name.toLowerCase() === check.toLowerCase());
      if (!s || s.value.score === null) return unknown(`No conclusive Scorecard ${check} result.`);
      const score = s.value.score;
      const status = score < failBelow ? 'fail' : score >= 7 ? 'pass' : 'warn';
      const sev: Severity = status === 'fail' ? (weight >= WEIGHT.critical ? 'high' : 'medium') : 'low';
      return {
        status,
        score,
        findings:
          status === 'pass'
            ? []
            : [finding('security', sev, `Scorecard ${check} for ${s.subject.id}: ${score}/10${s.value.reason ? ` (${s.value.reason})` : ''}.`, s)],
        explanation: `Scorecard ${check}: ${score}/10.`,
      };
    },
  };
}

const WORKFLOW_SEVERITY = { pwn_request: 'critical', untrusted_expression: 'high', write_all: 'medium', unpinned_action: 'low' } as const;

const ciWorkflows: Rule = {
  id: 'ci-workflows',
  title: 'Dangerous CI workflows',
  weight: WEIGHT.critical,
  reads: ['workflow.risk'],
  appliesTo: ['repo', 'workspace'],
  doc: "GitHub Actions patterns with a known exploit path: a pwn request (pull_request_target or workflow_run checking out the contributor's code) or outsider text in a run expression: fail; write-all token or actions not pinned to a SHA: warn.",
  evaluate(ctx) {
    const hits = read(ctx, 'workflow.risk');
    if (!hits.length && !ctx.ran('github/list_workflows') && !ctx.ran('workspace/workflows')) return unknown('The workflows were not read.');
    const findings = hits.map((s) => finding('security', WORKFLOW_SEVERITY[s.value.risk], s.value.detail + '.', s));
    if (hits.some((s) => s.value.risk === 'pwn_request' || s.value.risk === 'untrusted_expression'))
      return { status: 'fail', score: 0, findings, explanation: 'A workflow can be made to run an outsider’s code with the repository’s secrets.' };
    if (hits.some((s) => s.value.risk === 'write_all'))
      return { status: 'warn', score: 5, findings, explanation: 'A workflow token has write-all permissions.' };
    if (hits.length) return { status: 'warn', score: 7, findings, explanation: 'Actions not pinned to a commit SHA.' };
    return { status: 'pass', score: 10, findings, explanation: 'No dangerous workflow pattern.' };
  },
};

const securityPolicy: Rule = {
  id: 'security-policy',
  title: 'Security policy',
  weight: WEIGHT.medium,
  reads: ['policy.security'],
  appliesTo: ['repo'],
  doc: 'A SECURITY.md in the root, .github/ or docs/: pass; none: warn (nobody says how to report a vulnerability).',
  evaluate(ctx) {
    const s = read(ctx, 'policy.security').find((x) => x.value.present !== null);
    if (!s) return unknown('Whether a security policy exists was not determined.');
    if (s.value.present) return { status: 'pass', score: 10, findings: [], explanation: 'Has a security policy.' };
    return {
      status: 'warn',
      score: 0,
      findings: [finding('security', 'low', `${s.subject.id} has no security policy (SECURITY.md).`, s)],
      explanation: 'No security policy.',
    };
  },
};

const PERMISSIVE = /^(MIT|ISC|BSD-[23]-Clause|Apache-2\.0|0BSD|Unlicense|CC0-1\.0|Zlib|BlueOak-1\.0\.0|Python-2\.0)$/i;
const STRONG_COPYLEFT = /\b(A?GPL|SSPL|EUPL|OSL)-/i;

const licence: Rule = {
  id: 'licence',
  title: 'Licence',
  weight: WEIGHT.low,
  reads: ['licence.spdx'],
  appliesTo: ['repo', 'package'],
  doc: 'An SPDX licence: pass. None found: warn (nobody may reuse the code). A strong copyleft licence (GPL, AGPL, SSPL, EUPL, OSL) when the project is permissive: warn.',
  evaluate(ctx) {
    const list = read(ctx, 'licence.spdx');
    if (!list.length) return unknown('No licence information was returned.');
    const none = list.filter((s) => s.value.spdx === null);
    const permissiveProject = ctx.projectLicence !== undefined && PERMISSIVE.test(ctx.projectLicence.trim());
    const copyleft = permissiveProject ? list.filter((s) => s.value.spdx !== null && STRONG_COPYLEFT.test(s.value.spdx)) : [];
    const findings = [
      ...none.map((s) => finding('quality', 'medium', `${s.subject.id} has no licence that could be identified: reuse is not granted.`, s)),
      ...copyleft.map((s) => finding('quality', 'medium', `${s.subject.id} is ${s.value.spdx}, a copyleft licence, in a ${ctx.projectLicence} project.`, s)),
    ];
    if (none.length) return { status: 'warn', score: 0, findings, explanation: 'No licence found.' };
    if (copyleft.length) return { status: 'warn', score: 4, findings, explanation: 'Copyleft in a permissive project.' };
    return { status: 'pass', score: 10, findings, explanation: `Licensed: ${[...new Set(list.map((s) => s.value.spdx))].join(', ')}.` };
  },
};

const provenance: Rule = {
  id: 'provenance',
  title: 'Provenance (SLSA, npm attestations)',
  weight: WEIGHT.medium,
  reads: ['provenance.attestation'],
  appliesTo: ['package'],
  doc: 'deps.dev knows a verified SLSA provenance or attestation for the version: pass; an unverified one, or npm attestations the registry lists (registry_package): score 7; none: warn (score 5; most packages publish none yet).',
  evaluate(ctx) {
    const list = read(ctx, 'provenance.attestation');
    if (!list.length) return unknown('Neither deps.dev nor the npm registry was asked about the version.');
    const none = list.filter((s) => s.value.slsa + s.value.attestations === 0);
    if (none.length)
      return {
        status: 'warn',
        score: 5,
        findings: none.map((s) => finding('security', 'info', `${s.subject.id} publishes no build provenance: nothing ties it to its source.`, s)),
        explanation: 'No provenance.',
      };
    if (list.every((s) => s.value.verified)) return { status: 'pass', score: 10, findings: [], explanation: 'Verified provenance.' };
    return { status: 'pass', score: 7, findings: [], explanation: 'Provenance published, not all verified.' };
  },
};

const typosquat: Rule = {
  id: 'typosquat',
  title: 'Look-alike package names',
  weight: WEIGHT.critical,
  reads: ['name.typosquat'],
  appliesTo: ['package', 'workspace', 'dependencies'],
  doc: 'A name within Damerau distance 1 (2 for names of 5+ characters) of a popular npm or PyPI name, and not itself popular: warn. Similarity alone is weak evidence, so it never fails on its own, but a look-alike is never SAFE TO ADOPT.',
  hardRule: 'A look-alike of a popular package: at most ADOPT WITH CAUTION.',
  evaluate(ctx) {
    const hits = read(ctx, 'name.typosquat');
    const named = ctx.signals.some((s) => s.subject.kind === 'package');
    if (!hits.length && !named) return unknown('No package names were seen.');
    if (!hits.length) return { status: 'pass', score: 10, findings: [], explanation: 'No name looks like a popular package.' };
    return {
      status: 'warn',
      score: 3,
      findings: hits.map((s) =>
        finding(
          'security',
          'high',
          `${s.value.name} is ${s.value.distance} edit${s.value.distance === 1 ? '' : 's'} from the popular ${s.value.ecosystem} package ${s.value.similarTo}: check it is the one meant.`,
          s,
        ),
      ),
      explanation: `Look-alike name${hits.length === 1 ? '' : 's'}: ${hits.map((s) => `${s.value.name}→${s.value.similarTo}`).join(', ')}.`,
      // Someone who meant the popular package and typed this one gets a stranger's code: never SAFE.
      hard: { ceiling: 'ADOPT WITH CAUTION', because: `look-alike of ${hits.map((s) => s.value.similarTo).join(', ')}` },
    };
  },
};

const toolDescriptions: Rule = {
  id: 'tool-descriptions',
  title: 'Suspicious tool descriptions',
  weight: WEIGHT.critical,
  reads: ['tool.description_flag', 'connector.tools_checked'],
  appliesTo: ['connector'],
  essentialFor: ['connector'],
  doc: 'A tool description that addresses the model or hides invisible characters (tool poisoning): fail. Only very long: warn.',
  hardRule: 'A tool description that addresses the model or hides characters: at most ADOPT WITH CAUTION.',
  evaluate(ctx) {
    const flags = read(ctx, 'tool.description_flag');
    if (!flags.length && !read(ctx, 'connector.tools_checked').length) return unknown("The connector's tool list was not read.");
    if (!flags.length) return { status: 'pass', score: 10, findings: [], explanation: 'No tool description flagged.' };
    const serious = flags.filter((s) => s.value.flag !== 'very-long');
    const findings = flags.map((s) =>
      finding('security', s.value.flag === 'very-long' ? 'low' : 'high', `${s.subject.id}: tool ${s.value.tool} — ${s.value.detail}.`, s),
    );
    if (!serious.length) return { status: 'warn', score: 6, findings, explanation: 'Very long tool descriptions.' };
    return {
      status: 'fail',
      score: 0,
      findings,
      explanation: 'A tool description looks written to steer the model.',
      hard: { ceiling: 'ADOPT WITH CAUTION', because: `suspicious tool description in ${[...new Set(serious.map((s) => s.value.tool))].join(', ')}` },
    };
  },
};

const toolPins: Rule = {
  id: 'tool-pins',
  title: 'Tool changes since pinned',
  weight: WEIGHT.high,
  reads: ['tool.unpinned_change', 'connector.tools_checked'],
  appliesTo: ['connector'],
  doc: 'A tool whose description or schema changed since it was pinned (a rug pull looks like this): fail. A tool never pinned: warn.',
  evaluate(ctx) {
    const hits = read(ctx, 'tool.unpinned_change');
    if (!hits.length && !read(ctx, 'connector.tools_checked').length) return unknown('Pins were not compared.');
    if (!hits.length) return { status: 'pass', score: 10, findings: [], explanation: 'Every tool matches its pin.' };
    const changed = hits.filter((s) => s.value.change === 'changed');
    const findings = hits.map((s) =>
      finding(
        'security',
        s.value.change === 'changed' ? 'high' : 'low',
        `${s.subject.id}: tool ${s.value.tool} ${s.value.change === 'changed' ? 'changed since it was pinned' : 'is not pinned yet'}.`,
        s,
      ),
    );
    return changed.length
      ? { status: 'fail', score: 2, findings, explanation: `${changed.length} tool(s) changed since pinned.` }
      : { status: 'warn', score: 7, findings, explanation: 'Tools not pinned yet.' };
  },
};

const hardcodedSecrets: Rule = {
  id: 'hardcoded-secrets',
  title: 'Hard-coded secrets',
  weight: WEIGHT.critical,
  reads: ['secret.hardcoded'],
  appliesTo: ['workspace'],
  essentialFor: ['workspace'],
  doc: "A credential in the workspace's files (secretlint's rules, masked): fail. Rotate it whatever the file.",
  hardRule: 'A hard-coded secret in the workspace: at most ADOPT WITH CAUTION.',
  evaluate(ctx) {
    const hits = read(ctx, 'secret.hardcoded');
    if (!hits.length && !ctx.ran('workspace/secrets_scan')) return unknown('secrets_scan was not run.');
    if (!hits.length) return { status: 'pass', score: 10, findings: [], explanation: 'No hard-coded credential found.' };
    return {
      status: 'fail',
      score: 0,
      findings: hits.map((s) => finding('security', 'high', `${s.subject.id}: ${s.value.kind} (${s.value.rule}) hard-coded, ${s.value.preview}.`, s)),
      explanation: `${hits.length} hard-coded credential${hits.length === 1 ? '' : 's'}.`,
      hard: { ceiling: 'ADOPT WITH CAUTION', because: `hard-coded secret at ${hits.map((s) => s.subject.id).join(', ')}` },
    };
  },
};

/** Every check, in the order reports list them. */
export const RULES: readonly Rule[] = [
  malware,
  knownVulnerabilities,
  artifactIntegrity,
  typosquat,
  installTimeCode,
  packageContents,
  releaseChanges,
  installScripts,
  hardcodedSecrets,
  ciWorkflows,
  toolDescriptions,
  toolPins,
  maintained,
  releaseActivity,
  contributors,
  scorecardRule('Dangerous-Workflow', WEIGHT.critical, 10, 'Workflows an outsider can abuse.'),
  scorecardRule('Branch-Protection', WEIGHT.high, 4, 'The default branch is protected.'),
  scorecardRule('Code-Review', WEIGHT.high, 4, 'Changes are reviewed before merge.'),
  scorecardRule('Token-Permissions', WEIGHT.high, 4, 'Workflow tokens are read-only by default.'),
  scorecardRule('Pinned-Dependencies', WEIGHT.medium, 4, 'Dependencies and actions pinned by hash.'),
  scorecardRule('CI-Tests', WEIGHT.low, 4, 'Pull requests run CI.'),
  securityPolicy,
  licence,
  provenance,
];

/** Rule evaluation with a guard: a rule that throws is an unknown check, never a failed run. */
export function evaluateRule(rule: Rule, ctx: RuleContext): Outcome {
  try {
    return rule.evaluate(ctx);
  } catch (err) {
    return unknown(`The ${rule.id} rule could not be evaluated (${err instanceof Error ? err.message : String(err)}).`);
  }
}
