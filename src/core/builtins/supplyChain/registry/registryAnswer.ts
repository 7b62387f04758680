/**
 * registry_package's answer: compact JSON for a model — the release's facts, the previous
 * release, what changed, a look-alike name, capped lists with "N more" notes, and the URLs to
 * cite in `sources`.
 */
import { lookAlike } from '../../../evidence/typosquat';
import { capList } from '../capList';
import { releaseChanges } from './releaseDiff';
import type { PackageOverview, ReleaseFacts } from './releaseFacts';

const MAX_MAINTAINERS = 10;
const MAX_ARTIFACTS = 10;

export const NO_TAG_CHECK =
  'Whether the release has a matching tag in its source repository is not checked here (that needs the github connector: list_releases).';

export function latestNote(usedLatest: boolean, version: string, ecosystem: string): string | undefined {
  if (!usedLatest) return undefined;
  return `No version was given: this is the latest release, ${version} (${ecosystem === 'npm' ? "the registry's dist-tags.latest" : "PyPI's info.version"}).`;
}

export function registryAnswer(
  overview: PackageOverview,
  current: ReleaseFacts,
  previous: ReleaseFacts | undefined,
  usedLatest: boolean,
  registryFrom: string,
  now: number,
) {
  const maintainers = capList(current.maintainers, MAX_MAINTAINERS, 'maintainers');
  const artifacts = capList(
    current.artifacts.map((a) => ({
      filename: a.filename,
      kind: a.kind,
      url: a.url,
      ...(a.size !== undefined ? { size: a.size } : {}),
      ...(a.integrity ? { integrity: a.integrity } : a.sha256 ? { sha256: a.sha256 } : a.shasum ? { shasum: a.shasum } : {}),
      ...(a.uploaded ? { uploaded: a.uploaded } : {}),
      ...(a.yanked ? { yanked: true } : {}),
    })),
    MAX_ARTIFACTS,
    'files',
  );
  const similar = lookAlike(current.name, current.ecosystem);
  const published = current.published ? Date.parse(current.published) : NaN;
  const note = latestNote(usedLatest, current.version, current.ecosystem);
  return {
    ecosystem: current.ecosystem,
    name: current.name,
    version: current.version,
    ...(note ? { note } : {}),
    isLatest: current.version === overview.latest,
    registry: overview.registry,
    registryFrom,
    ...(current.published ? { published: current.published } : {}),
    ...(Number.isFinite(published) ? { daysSincePublished: Math.floor((now - published) / 86_400_000) } : {}),
    versionCount: overview.versionCount,
    ...(overview.latest ? { latest: overview.latest } : {}),
    ...(overview.firstPublished ? { firstPublished: overview.firstPublished } : {}),
    ...(current.publisher ? { publisher: current.publisher } : {}),
    maintainers: maintainers.items,
    ...(maintainers.note ? { maintainersNote: maintainers.note } : {}),
    ...(current.license ? { license: current.license } : {}),
    ...(current.repository ? { repository: current.repository } : {}),
    ...(current.deprecated ? { deprecated: current.deprecated } : {}),
    ...(current.yanked ? { yanked: current.yanked.reason ?? true } : {}),
    installScripts: current.installScripts,
    ...(current.hasInstallScript !== undefined ? { hasInstallScript: current.hasInstallScript } : {}),
    provenance: current.provenance ?? 'unknown: the PyPI JSON API does not say (PEP 740 attestations are served at /integrity/…, not read here)',
    ...(current.fileCount !== undefined ? { fileCount: current.fileCount } : {}),
    ...(current.unpackedSize !== undefined ? { unpackedSize: current.unpackedSize } : {}),
    artifacts: artifacts.items,
    ...(artifacts.note ? { artifactsNote: artifacts.note } : {}),
    previous: previous
      ? {
          version: previous.version,
          ...(previous.published ? { published: previous.published } : {}),
          ...(previous.publisher ? { publisher: previous.publisher } : {}),
          ...(previous.provenance ? { provenance: previous.provenance.present } : {}),
          installScripts: previous.installScripts,
        }
      : null,
    changes: releaseChanges(current, previous),
    ...(similar
      ? {
          lookAlike: {
            ...similar,
            note: `${current.name} is ${similar.distance} edit(s) from the popular ${similar.similarTo}: check it is the package meant.`,
          },
        }
      : {}),
    notes: [
      NO_TAG_CHECK,
      ...(current.ecosystem === 'pypi' ? ["PyPI does not say who uploaded a release; maintainers are the project's current owners and maintainers."] : []),
    ],
    sources: [overview.pageUrl(current.version), overview.documentUrl],
  };
}
