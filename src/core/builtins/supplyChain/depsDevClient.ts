/**
 * deps.dev's package, version, dependency-graph and advisory calls. A 404 becomes an Error that
 * says which thing deps.dev does not know, so the model can correct a name or a version.
 */
import type { ApiClient } from './apiClient';
import type { DdAdvisory, DdDependencies, DdPackage, DdVersion } from './depsDevModel';
import { encodePackageName, SYSTEM_TABLE, SYSTEMS, type System } from './systems';

function packagePath(system: System, name: string): string {
  return `/v3/systems/${system}/packages/${encodePackageName(name)}`;
}

function versionPath(system: System, name: string, version: string): string {
  return `${packagePath(system, name)}/versions/${encodeURIComponent(version)}`;
}

export function unknownPackage(system: System, name: string): Error {
  return new Error(
    `deps.dev has no ${system} package ${name}. Check the spelling and the ecosystem (${system} names look like ${SYSTEM_TABLE[system].naming}).`,
  );
}

export async function getPackage(api: ApiClient, system: System, name: string, signal?: AbortSignal): Promise<DdPackage> {
  const found = await api.get<DdPackage>('depsDev', packagePath(system, name), signal);
  if (!found) throw unknownPackage(system, name);
  return found;
}

export async function getVersion(api: ApiClient, system: System, name: string, version: string, signal?: AbortSignal): Promise<DdVersion> {
  const found = await api.get<DdVersion>('depsDev', versionPath(system, name, version), signal);
  if (!found) throw await unknownVersion(api, system, name, version, signal);
  return found;
}

export async function getDependencies(api: ApiClient, system: System, name: string, version: string, signal?: AbortSignal): Promise<DdDependencies> {
  const found = await api.get<DdDependencies>('depsDev', `${versionPath(system, name, version)}:dependencies`, signal);
  if (found) return found;
  if (!SYSTEM_TABLE[system].hasDependencyGraph) {
    const graphs = SYSTEMS.filter((s) => SYSTEM_TABLE[s].hasDependencyGraph).join(', ');
    throw new Error(`deps.dev resolves dependency graphs for ${graphs} only, not ${system}.`);
  }
  throw await unknownVersion(api, system, name, version, signal);
}

export function getAdvisory(api: ApiClient, id: string, signal?: AbortSignal): Promise<DdAdvisory | undefined> {
  return api.get<DdAdvisory>('depsDev', `/v3/advisories/${encodeURIComponent(id)}`, signal);
}

/** Tells "no such package" from "no such version" with one more request, and names the default version. */
async function unknownVersion(api: ApiClient, system: System, name: string, version: string, signal?: AbortSignal): Promise<Error> {
  const pkg = await api.get<DdPackage>('depsDev', packagePath(system, name), signal);
  if (!pkg) return unknownPackage(system, name);
  const versions = pkg.versions ?? [];
  const fallback = versions.length ? versions[versions.length - 1] : undefined;
  const preferred = versions.find((v) => v.isDefault) ?? fallback;
  const hint = preferred?.versionKey?.version ? `; its default version is ${preferred.versionKey.version}` : '';
  return new Error(`deps.dev has ${system} package ${name} but no version ${version}${hint} (deps_dev_package lists all ${versions.length}).`);
}
