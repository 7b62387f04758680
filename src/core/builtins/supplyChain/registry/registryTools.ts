/**
 * registry_package and inspect_package: what a package version really ships, from the npm
 * registry and PyPI. registry_package reads metadata only (cheap); inspect_package downloads
 * and reads the artifact in memory, never running or unpacking anything to disk.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { guarded, jsonResult, READ_ONLY_OPEN_WORLD } from '../../toolResults';
import { inspectAnswer } from './inspectAnswer';
import { inspectRelease, type ArtifactLimits } from './inspectRelease';
import { readNpmRelease } from './npmRegistry';
import { readPypiRelease } from './pypiRegistry';
import { registryAnswer } from './registryAnswer';
import type { RegistryHttp } from './registryHttp';
import { npmRegistryFor, type RegistryLocations } from './registryLocations';

export interface RegistryToolsDeps {
  http: RegistryHttp;
  locations: () => Promise<RegistryLocations>;
  limits: ArtifactLimits;
  now?: () => number;
}

const ecosystem = z.enum(['npm', 'pypi']).describe('npm or pypi.');
const name = z.string().min(1).max(214).describe('The package name as its registry spells it: express, @types/node, requests.');
const version = z.string().min(1).max(100).optional().describe('An exact published version; without it the latest release is used, and the answer says so.');

async function readRelease(deps: RegistryToolsDeps, args: { ecosystem: 'npm' | 'pypi'; name: string; version?: string | undefined }, signal: AbortSignal) {
  const locations = await deps.locations();
  const n = args.name.trim();
  const v = args.version?.trim() || undefined;
  if (args.ecosystem === 'npm') {
    const registry = npmRegistryFor(locations, n);
    const from = registry === locations.npm.registry ? locations.npm.from : 'a scope registry in .npmrc';
    return { ...(await readNpmRelease(deps.http, registry, n, v, signal)), from };
  }
  return { ...(await readPypiRelease(deps.http, locations.pypi.url, n, v, signal)), from: locations.pypi.from };
}

export function registerRegistryTools(server: McpServer, deps: RegistryToolsDeps): void {
  server.registerTool(
    'registry_package',
    {
      title: 'Registry: package release',
      description:
        'One release of an npm or PyPI package from its registry: publish time, publisher (npm _npmUser) and maintainers, install scripts, provenance (npm attestations), deprecation or yanking, files with their digests, and what changed since the previous release (publisher, maintainers, provenance lost, install scripts added). Flags a name that looks like a popular package. Metadata only: inspect_package reads the files.',
      inputSchema: { ecosystem, name, version },
      annotations: { title: 'Registry: package release', ...READ_ONLY_OPEN_WORLD },
    },
    (args, extra) =>
      guarded(async () => {
        const r = await readRelease(deps, args, extra.signal);
        return jsonResult(registryAnswer(r.overview, r.current, r.previous, r.usedLatest, r.from, (deps.now ?? Date.now)()));
      }),
  );

  server.registerTool(
    'inspect_package',
    {
      title: 'Registry: inspect package files',
      description:
        "Downloads one release's artifact (npm tarball; PyPI sdist and a wheel), verifies it against the registry's digest, and reads it in memory without running anything: what runs at install and which files, native binaries, entries that escape the folder or link out, obfuscated code, and capabilities found by parsing the code (network, credential files, environment collection, host details, processes, decoded eval), weighing chains in one file (collect → send, download → run). Compares with the previous release: install scripts or binaries new in this one.",
      inputSchema: { ecosystem, name, version },
      annotations: { title: 'Registry: inspect package files', ...READ_ONLY_OPEN_WORLD },
    },
    (args, extra) =>
      guarded(async () => {
        const r = await readRelease(deps, args, extra.signal);
        if (!r.current.artifacts.length) throw new Error(`${r.current.name} ${r.current.version} lists no downloadable file in the registry.`);
        const result = await inspectRelease(deps.http, r.current, r.previous, deps.limits, extra.signal);
        return jsonResult(inspectAnswer(r.overview, r.current, r.usedLatest, result));
      }),
  );
}
