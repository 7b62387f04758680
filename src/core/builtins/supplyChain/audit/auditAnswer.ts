/**
 * A dependency audit cut down for a model: complete counts first, then malware, then the
 * vulnerable packages worst first (each with the version to move to and the direct dependency that
 * brings it in), then what deps.dev says about the direct ones, then notes. Lists are capped and
 * say so; the counts are never capped.
 */
import { capList } from '../capList';
import { SEVERITY_ORDER, type AuditedPackage, type DependencyAuditResult } from './auditModel';
import { compareVersions } from './versionOrder';

const MAX_VULNS_PER_PACKAGE = 8;
const MAX_NAMES = 20;
const MAX_NOTES = 20;

export function auditAnswer(result: DependencyAuditResult, maxResults: number, extraNotes: string[]) {
  const rank = (p: AuditedPackage) => SEVERITY_ORDER.indexOf(p.worst ?? 'unknown');
  const malware = result.packages.filter((p) => p.vulnerabilities.some((v) => v.malware));
  const vulnerable = result.packages
    .filter((p) => p.vulnerabilities.length && !malware.includes(p))
    .sort(
      (a, b) => rank(a) - rank(b) || Number(b.direct) - Number(a.direct) || b.vulnerabilities.length - a.vulnerabilities.length || a.name.localeCompare(b.name),
    );
  const shown = capList(vulnerable, Math.max(0, maxResults - malware.length), 'vulnerable packages');
  const direct = result.packages.filter((p) => p.direct);
  const notes = [...extraNotes, ...result.notes, ...(shown.note ? [`${shown.note} Raise max_results, or filter by ecosystem or scope.`] : [])];
  const cappedNotes = capList(notes, MAX_NOTES, 'notes');
  return {
    totals: {
      packages: result.totals.packages,
      direct: result.totals.direct,
      ...(result.totals.unversioned ? { unversioned: result.totals.unversioned } : {}),
      vulnerablePackages: result.totals.vulnerablePackages,
      malwarePackages: result.totals.malwarePackages,
      distinctVulnerabilities: result.totals.vulnerabilities,
      packagesByWorstSeverity: result.totals.bySeverity,
    },
    malware: malware.map((p) => ({
      ...where(p),
      advisories: p.vulnerabilities.filter((v) => v.malware).map((v) => ({ id: v.id, ...(v.summary ? { summary: v.summary } : {}), url: v.url })),
      action: 'Remove it and treat every machine that installed it as compromised (rotate credentials it could read).',
    })),
    vulnerable: shown.items.map((p) => {
      const vulns = capList(p.vulnerabilities, MAX_VULNS_PER_PACKAGE, 'vulnerabilities');
      const fixes = p.vulnerabilities.map((v) => v.fixed).filter((f): f is string => !!f);
      const unfixed = p.vulnerabilities.filter((v) => !v.fixed).length;
      return {
        ...where(p),
        worst: p.worst,
        // Moving to the highest fixed version clears every fixed one (within its line; check the ranges).
        ...(fixes.length ? { upgradeTo: fixes.sort(compareVersions)[fixes.length - 1] } : {}),
        ...(unfixed ? { withoutFix: unfixed } : {}),
        vulnerabilities: vulns.items.map((v) => ({
          id: v.id,
          severity: v.severity,
          ...(v.cvss ? { cvss: `${v.cvss.score} (CVSS ${v.cvss.version})` } : {}),
          ...(v.fixed ? { fixed: v.fixed } : {}),
          ...(v.summary ? { summary: v.summary } : {}),
          ...(v.aliases.length ? { aliases: v.aliases.slice(0, 3) } : {}),
          url: v.url,
        })),
        ...(vulns.note ? { more: vulns.note } : {}),
      };
    }),
    directDependencies: directSummary(direct),
    ...(cappedNotes.items.length ? { notes: cappedNotes.items.concat(cappedNotes.note ? [cappedNotes.note] : []) } : {}),
    sources: [...new Set([...malware, ...shown.items].flatMap((p) => p.vulnerabilities.slice(0, MAX_VULNS_PER_PACKAGE).map((v) => v.url)))],
  };
}

function where(p: AuditedPackage) {
  return {
    package: `${p.name}@${p.version}`,
    ecosystem: p.ecosystem,
    direct: p.direct,
    ...(p.dev ? { dev: true } : {}),
    ...(p.direct ? {} : { via: p.via.slice(0, 5) }),
    manifest: p.line !== undefined ? `${p.manifest}:${p.line}` : p.manifest,
  };
}

/** Licences, provenance and source-repository Scorecards of what the project chose itself. */
function directSummary(direct: AuditedPackage[]) {
  const known = direct.filter((p) => p.licences !== undefined);
  const licences: Record<string, number> = {};
  for (const p of known) for (const l of p.licences!.length ? p.licences! : ['(none found)']) licences[l] = (licences[l] ?? 0) + 1;
  const noLicence = known.filter((p) => !p.licences!.length).map((p) => p.name);
  const verified = known.filter((p) => p.provenance?.verified).map((p) => p.name);
  // The weakest repositories first: a low Scorecard on something chosen directly is worth a look.
  const scorecards = known
    .filter((p) => p.scorecard)
    .sort((a, b) => a.scorecard!.score - b.scorecard!.score)
    .map((p) => ({ package: p.name, repository: p.repository, score: p.scorecard!.score, url: p.scorecard!.url }));
  return {
    checked: known.length,
    ...(direct.length > known.length ? { unknownToDepsDev: direct.length - known.length } : {}),
    licences,
    ...(noLicence.length ? { withoutLicence: noLicence.slice(0, MAX_NAMES) } : {}),
    withVerifiedProvenance: verified.slice(0, MAX_NAMES),
    ...(verified.length > MAX_NAMES ? { moreWithProvenance: verified.length - MAX_NAMES } : {}),
    ...(scorecards.length ? { scorecards: scorecards.slice(0, MAX_NAMES) } : {}),
  };
}
