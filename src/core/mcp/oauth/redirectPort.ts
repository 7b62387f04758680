import type { Connector } from '../../connectors/registry';

/**
 * How a front end takes a person through the authorization server's consent page and brings
 * the redirect back. The extension opens the browser and listens on its URI handler (or a
 * loopback port); the CLI first follows the URL itself, then prints it and waits on a loopback
 * port. Core checks `state` and the error parameters; the port only carries them.
 */
export interface OAuthRedirectPort {
  /** The redirect URI to register and send for this connector (`configured`: its `redirectUri`). */
  redirectUrl(connector: Connector, configured: string | undefined): Promise<string>;
  /**
   * Shows `authorizationUrl` (or follows it) and resolves with the query of the redirect that
   * came back to `redirectUrl` carrying `state`. Rejects when cancelled or timed out.
   */
  authorize(request: AuthorizeRequest, signal?: AbortSignal): Promise<URLSearchParams>;
}

export interface AuthorizeRequest {
  connector: Connector;
  authorizationUrl: URL;
  redirectUrl: string;
  state: string;
}

export interface OAuthDeps {
  store: import('./oauthStore').OAuthStore;
  redirect: OAuthRedirectPort;
}
