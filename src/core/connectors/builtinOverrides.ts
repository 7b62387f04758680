import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { z } from 'zod';
import { BUILTIN_NAMES, isBuiltinName, type BuiltinName } from '../builtins/catalog';
import type { FileProblem } from './connectorsFile';
import { timeoutsSchema, toolConfigurationSchema } from './schema';

/**
 * What a person may change about a built-in connector, kept beside their own connectors in the
 * private registry so the extension and the CLI agree:
 *
 *   "builtins": { "github": { "toolConfiguration": { "exclude": ["delete_file"] } }, "web": { "enabled": false } }
 *
 * Built-ins have no command or URL to edit; only whether they run and which tools they offer.
 */

export const builtinOverrideSchema = z.looseObject({
  enabled: z.boolean().optional(),
  toolConfiguration: toolConfigurationSchema.optional(),
  timeouts: timeoutsSchema.optional(),
});

export type BuiltinOverride = z.infer<typeof builtinOverrideSchema>;

export interface ParsedBuiltinOverride {
  name: BuiltinName;
  override: BuiltinOverride;
  line: number;
}

/** Reads `builtins` from a parsed file's root; invalid entries become problems and are ignored. */
export function parseBuiltinOverrides(
  root: Node,
  problem: (offset: number, message: string, entryName?: string) => FileProblem,
): { overrides: ParsedBuiltinOverride[]; problems: FileProblem[] } {
  const node = findNodeAtLocation(root, ['builtins']);
  if (!node) return { overrides: [], problems: [] };
  if (node.type !== 'object') return { overrides: [], problems: [problem(node.offset, '"builtins" must be an object: { "github": { … } }')] };
  const overrides: ParsedBuiltinOverride[] = [];
  const problems: FileProblem[] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    const name = String(key?.value ?? '');
    if (!value) continue;
    if (!isBuiltinName(name)) {
      problems.push(problem(key.offset, `"builtins": there is no built-in connector "${name}" (there are: ${BUILTIN_NAMES.join(', ')}).`, name));
      continue;
    }
    const parsed = builtinOverrideSchema.safeParse(getNodeValue(value));
    if (parsed.success) {
      const p = problem(value.offset, '');
      overrides.push({ name, override: parsed.data, line: p.line });
      continue;
    }
    for (const issue of parsed.error.issues) {
      const field = issue.path.length ? `"${issue.path.join('.')}": ` : '';
      problems.push(problem(value.offset, `Built-in connector "${name}": ${field}${issue.message}`, name));
    }
  }
  return { overrides, problems };
}
