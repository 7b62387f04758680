import type { ToolConfiguration } from './schema';

/** What a connector's tool configuration says about one tool, as the reference connector API defines it. */

export function isToolIncluded(toolName: string, cfg: ToolConfiguration | undefined): boolean {
  if (cfg?.include) return cfg.include.includes(toolName);
  if (cfg?.exclude) return !cfg.exclude.includes(toolName);
  return true;
}

export function isConfirmationListed(toolName: string, cfg: ToolConfiguration | undefined): boolean {
  return cfg?.requiresConfirmation?.includes(toolName) ?? false;
}

export interface ToolAnnotationsLike {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
}

export interface ToolFlags {
  excluded: boolean;
  /** Asks before it runs, by the file's list or by the default policy. */
  requiresConfirmation: boolean;
  /** Listed in the file's `requiresConfirmation` (what the context menu toggles). */
  listed: boolean;
  readOnly: boolean;
  destructive: boolean;
}

export function toolFlags(
  toolName: string,
  annotations: ToolAnnotationsLike | undefined,
  cfg: ToolConfiguration | undefined,
  policy: ConfirmationDefault = 'listedOnly',
): ToolFlags {
  const readOnly = annotations?.readOnlyHint === true;
  return {
    excluded: !isToolIncluded(toolName, cfg),
    requiresConfirmation: needsConfirmation(toolName, annotations, cfg, policy),
    listed: isConfirmationListed(toolName, cfg),
    readOnly,
    // MCP's default for destructiveHint is true, but only when readOnlyHint is false; we flag
    // only what the server states, so an unannotated tool isn't shouted at.
    destructive: !readOnly && annotations?.destructiveHint === true,
  };
}

/** `connectorAuditor.confirmation.default`: which tools ask first when the file does not list them. */
export type ConfirmationDefault = 'unlessReadOnly' | 'always' | 'listedOnly';
export const CONFIRMATION_DEFAULTS: readonly ConfirmationDefault[] = ['unlessReadOnly', 'always', 'listedOnly'];

export function needsConfirmation(
  toolName: string,
  annotations: ToolAnnotationsLike | undefined,
  cfg: ToolConfiguration | undefined,
  policy: ConfirmationDefault,
): boolean {
  if (isConfirmationListed(toolName, cfg)) return true;
  if (policy === 'always') return true;
  if (policy === 'unlessReadOnly') return annotations?.readOnlyHint !== true;
  return false;
}
