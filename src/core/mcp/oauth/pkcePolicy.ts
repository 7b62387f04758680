import type { AuthorizationServerMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { ConnectorError } from '../connectErrors';

/**
 * MCP (2025-11-25): an authorization server that does not list S256 in
 * `code_challenge_methods_supported` does not support PKCE, and the client must refuse. The SDK
 * refuses only when the list is present without S256; an absent list is refused here too.
 * Without any metadata (the 2025-03-26 fallback endpoints) PKCE was mandatory for every server,
 * so the flow goes on, still with S256.
 */
export function assertPkceS256(metadata: AuthorizationServerMetadata | undefined, server: string): void {
  if (!metadata) return;
  const methods = metadata.code_challenge_methods_supported;
  if (methods?.includes('S256')) return;
  throw new ConnectorError(
    `The authorization server ${server} does not offer PKCE with S256 (code_challenge_methods_supported: ${methods?.length ? methods.join(', ') : 'absent'}); signing in is refused. Ask its operator to enable S256.`,
  );
}
