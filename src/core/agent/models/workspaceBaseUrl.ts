import type { SettingLayers } from '../../connectors/tightenOnly';

/**
 * Where the model's base URL comes from once a workspace may set it: the person's own value, or a
 * workspace's value they have allowed. Anything else must be asked about before a request leaves,
 * since the URL receives the prompts, the evidence and the API key.
 */
export type BaseUrlDecision =
  | { kind: 'use'; url: string | undefined }
  /** The workspace sets `workspaceUrl`; until the person allows it, `ownUrl` applies. */
  | { kind: 'ask'; workspaceUrl: string; ownUrl: string | undefined };

export function decideBaseUrl(layers: SettingLayers | undefined, approved: readonly string[]): BaseUrlDecision {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const own = text(layers?.globalValue);
  const fromWorkspace = text(layers?.workspaceFolderValue) ?? text(layers?.workspaceValue);
  if (!fromWorkspace || fromWorkspace === own || approved.includes(fromWorkspace)) return { kind: 'use', url: fromWorkspace ?? own };
  return { kind: 'ask', workspaceUrl: fromWorkspace, ownUrl: own };
}
