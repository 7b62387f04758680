import { z } from 'zod';

/**
 * The npm lifecycle scripts that run on `npm install` (or before publishing) from a package.json:
 * the moment a project's or a dependency's code runs on a developer's machine or in CI. Pure, so
 * the manifest parsing is tested without files.
 */

export const LIFECYCLE_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'] as const;

// A manifest is untrusted input: only the fields read here are checked, and anything else passes.
const manifestSchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  scripts: z.record(z.string(), z.unknown()).optional(),
});

export interface ManifestScripts {
  name?: string;
  version?: string;
  /** Only the lifecycle scripts, in LIFECYCLE_SCRIPTS order. */
  scripts: Record<string, string>;
  /** npm runs `node-gyp rebuild` on install when binding.gyp is present and there is no install or preinstall script. */
  implicitInstall?: string;
}

/** Throws with the JSON error for a manifest that does not parse; a manifest without scripts gives {}. */
export function lifecycleScriptsOf(text: string, hasBindingGyp: boolean): ManifestScripts {
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  const manifest = parsed.success ? parsed.data : {};
  const scripts: Record<string, string> = {};
  for (const name of LIFECYCLE_SCRIPTS) {
    const value = manifest.scripts?.[name];
    if (typeof value === 'string' && value.trim()) scripts[name] = value;
  }
  const implicitInstall = hasBindingGyp && !scripts.install && !scripts.preinstall ? 'node-gyp rebuild (binding.gyp is present)' : undefined;
  return {
    ...(manifest.name ? { name: manifest.name } : {}),
    ...(manifest.version ? { version: manifest.version } : {}),
    scripts,
    ...(implicitInstall ? { implicitInstall } : {}),
  };
}
