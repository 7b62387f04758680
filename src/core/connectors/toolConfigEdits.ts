import type { JSONPath } from 'jsonc-parser';
import type { ToolConfiguration } from './schema';

/**
 * What to write into a connector's `toolConfiguration` to include/exclude a tool or make it ask
 * first. Pure: returns the path and new value (undefined removes the field) so the file edit
 * stays a minimal one. Follows the reference connector API: an allow-list (`include`) when one
 * exists, otherwise a deny-list (`exclude`); never both.
 */
export interface ToolConfigChange {
  path: JSONPath;
  value: string[] | undefined;
}

function toggled(list: readonly string[] | undefined, tool: string, present: boolean): string[] | undefined {
  const without = (list ?? []).filter((t) => t !== tool);
  const next = present ? [...without, tool] : without;
  return next.length ? next : undefined;
}

export function includeToolChange(cfg: ToolConfiguration | undefined, tool: string, included: boolean): ToolConfigChange {
  if (cfg?.include && cfg?.exclude) {
    throw new Error('"include" and "exclude" are both set in this connector\'s toolConfiguration; keep one of them first.');
  }
  if (cfg?.include) {
    const next = toggled(cfg.include, tool, included);
    if (!next) throw new Error(`"${tool}" is the only tool in "include"; excluding it would leave the connector with no tools. Disable the connector instead.`);
    return { path: ['toolConfiguration', 'include'], value: next };
  }
  return { path: ['toolConfiguration', 'exclude'], value: toggled(cfg?.exclude, tool, !included) };
}

export function confirmationChange(cfg: ToolConfiguration | undefined, tool: string, required: boolean): ToolConfigChange {
  return { path: ['toolConfiguration', 'requiresConfirmation'], value: toggled(cfg?.requiresConfirmation, tool, required) };
}
