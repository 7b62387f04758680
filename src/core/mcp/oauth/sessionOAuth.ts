import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { hasPlaceholders, resolveString, type PlaceholderContext } from '../../connectors/placeholders';
import type { Connector } from '../../connectors/registry';
import { transportOf, type ConnectorAuth } from '../../connectors/schema';
import { ConnectorError } from '../connectErrors';
import { obtainAuthorizationCode } from './authorizationCode';
import { ConnectorOAuthProvider } from './connectorOAuthProvider';
import { OAUTH_ITEMS, oauthKey, type OAuthStore } from './oauthStore';
import type { OAuthDeps } from './redirectPort';

type OAuth2Settings = Extract<ConnectorAuth, { type: 'oauth2' }>;

/**
 * A connector that needs a person to sign in, at a moment when nobody asked for it (a tree
 * refresh). The front ends show "sign-in required" and offer Sign In instead of opening a browser.
 */
export class SignInRequiredError extends ConnectorError {
  constructor(label: string) {
    super(`"${label}" needs you to sign in (OAuth). Use Sign In on the connector, or call one of its tools.`);
    this.name = 'SignInRequiredError';
  }
}

/**
 * Sign-ins per operation: the first authorization, then one step-up for a scope the server asks
 * for later. A server that keeps refusing is not sent round the loop again (the conformance suite's
 * "scope-retry-limit" allows at most three authorization requests).
 */
const MAX_SIGN_INS = 2;

export function oauth2Settings(connector: Connector): OAuth2Settings | undefined {
  const auth = connector.config.auth;
  return auth?.type === 'oauth2' && transportOf(connector.config) !== 'stdio' ? auth : undefined;
}

/** The OAuth side of one connection: the SDK's provider and the sign-in loop around requests. */
export class SessionOAuth {
  private constructor(
    readonly provider: ConnectorOAuthProvider,
    private readonly connector: Connector,
    private readonly deps: OAuthDeps,
  ) {}

  static async create(
    connector: Connector,
    serverUrl: string,
    deps: OAuthDeps | undefined,
    placeholders: PlaceholderContext,
    secrets: Set<string>,
  ): Promise<SessionOAuth | undefined> {
    const settings = oauth2Settings(connector);
    if (!settings) return undefined;
    if (!deps) throw new ConnectorError(`"${connector.label}" signs in with OAuth, which is not available here.`);
    if (settings.clientSecret && !hasPlaceholders(settings.clientSecret)) {
      throw new ConnectorError(
        `"${connector.label}": write the OAuth "clientSecret" as \${secret:NAME} (set with Set Secret…), never as plain text in the connectors file.`,
      );
    }
    const redirectUrl = await deps.redirect.redirectUrl(connector, settings.redirectUri);
    const clientSecret = settings.clientSecret ? await resolveString(settings.clientSecret, placeholders, secrets) : undefined;
    const provider = new ConnectorOAuthProvider({
      connectorId: connector.id,
      serverUrl,
      redirectUrl,
      clientName: 'Connector Auditor',
      settings: { clientId: settings.clientId, clientSecret, scopes: settings.scopes, clientMetadataUrl: settings.clientMetadataUrl },
      store: deps.store,
      onSecret: (value) => secrets.add(value),
    });
    return new SessionOAuth(provider, connector, deps);
  }

  /**
   * Runs `op`; when it stops at an authorization, either takes the person through it (`signIn`),
   * hands the code to `finishAuth` and runs `op` again, or throws SignInRequiredError.
   */
  async run<T>(op: () => Promise<T>, finishAuth: (code: string) => Promise<void>, signIn: boolean, signal?: AbortSignal): Promise<T> {
    for (let round = 0; ; round++) {
      try {
        return await op();
      } catch (err) {
        const pending = this.provider.takePendingAuthorization();
        if (signIn && round < MAX_SIGN_INS && isRefreshedWithoutNewScope(err)) {
          // The SDK answers insufficient_scope by refreshing when it holds a refresh token, and a
          // refresh cannot widen the grant: drop the tokens so the next attempt authorizes anew.
          await this.provider.invalidateCredentials('tokens');
          continue;
        }
        if (!(err instanceof UnauthorizedError) || !pending) throw err;
        if (!signIn) throw new SignInRequiredError(this.connector.label);
        if (round >= MAX_SIGN_INS) {
          throw new ConnectorError(
            `"${this.connector.label}" still refused access after ${MAX_SIGN_INS} sign-ins (OAuth); check the scopes your account may grant.`,
          );
        }
        const code = await obtainAuthorizationCode(
          this.deps.redirect,
          { connector: this.connector, authorizationUrl: pending.url, redirectUrl: this.provider.redirectUrl, state: pending.state },
          signal,
        );
        await finishAuth(code);
      }
    }
  }
}

function isRefreshedWithoutNewScope(err: unknown): boolean {
  return err instanceof StreamableHTTPError && err.code === 403 && /after trying upscoping/.test(err.message);
}

/** Sign Out without a connection: deletes what the store holds for the connector at `serverUrl`. */
export async function forgetOAuth(store: OAuthStore, connector: Connector, placeholders: PlaceholderContext): Promise<void> {
  const url = connector.config.url;
  if (!url) return;
  const serverUrl = await resolveString(url, placeholders, new Set()).catch(() => url);
  await Promise.all(OAUTH_ITEMS.map((item) => store.delete(oauthKey(connector.id, serverUrl, item))));
}
