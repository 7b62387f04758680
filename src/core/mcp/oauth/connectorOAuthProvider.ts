import { randomBytes } from 'node:crypto';
import type { OAuthClientProvider, OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import {
  OAuthClientInformationFullSchema,
  OAuthClientInformationSchema,
  OAuthTokensSchema,
  type OAuthClientInformationMixed,
  type OAuthClientMetadata,
  type OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { z } from 'zod';
import { ConnectorError } from '../connectErrors';
import { OAUTH_ITEMS, oauthKey, type OAuthItem, type OAuthStore } from './oauthStore';
import { assertPkceS256 } from './pkcePolicy';

export interface OAuthClientSettings {
  /** A pre-registered client; without it the client registers itself (DCR) or uses `clientMetadataUrl`. */
  clientId?: string;
  /** Already resolved from its `${secret:…}` reference. */
  clientSecret?: string;
  /** Fallback scopes when neither WWW-Authenticate nor the resource metadata name any. */
  scopes?: readonly string[];
  /** An HTTPS URL of a Client ID Metadata Document, used where the server supports them. */
  clientMetadataUrl?: string;
}

export interface ConnectorOAuthProviderOptions {
  connectorId: string;
  serverUrl: string;
  redirectUrl: string;
  clientName: string;
  settings: OAuthClientSettings;
  store: OAuthStore;
  /** Every token, secret and code the provider sees, so logs and errors can mask them. */
  onSecret?: (value: string) => void;
}

const discoverySchema = z.looseObject({ authorizationServerUrl: z.string() });
/** A registered client (DCR) has redirect URIs; a URL-based client ID (CIMD) has only its id. */
const clientSchema = z.union([OAuthClientInformationFullSchema, OAuthClientInformationSchema]);

/**
 * The SDK's OAuth client provider for one connector. The SDK does discovery (RFC 9728, RFC 8414,
 * OpenID), the `resource` parameter, scope selection from WWW-Authenticate, PKCE, DCR, refresh and
 * step-up; this class keeps the state in a store and, instead of navigating anywhere, records the
 * authorization URL: the session decides whether now is a moment to show it to a person.
 */
export class ConnectorOAuthProvider implements OAuthClientProvider {
  private pending: { url: URL; state: string } | undefined;
  private lastState: string | undefined;

  constructor(private readonly o: ConnectorOAuthProviderOptions) {
    if (o.settings.clientSecret) o.onSecret?.(o.settings.clientSecret);
  }

  get redirectUrl(): string {
    return this.o.redirectUrl;
  }

  get clientMetadataUrl(): string | undefined {
    return this.o.settings.clientMetadataUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    const scopes = this.o.settings.scopes;
    return {
      client_name: this.o.clientName,
      redirect_uris: [this.o.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      // A native app cannot keep a secret; registered clients authenticate only with PKCE.
      token_endpoint_auth_method: 'none',
      ...(scopes?.length ? { scope: scopes.join(' ') } : {}),
    };
  }

  state(): string {
    this.lastState = randomBytes(24).toString('base64url');
    return this.lastState;
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    const { clientId, clientSecret } = this.o.settings;
    if (clientId) return { client_id: clientId, ...(clientSecret ? { client_secret: clientSecret } : {}) };
    const stored = await this.read('client', clientSchema);
    if (stored?.client_secret) this.o.onSecret?.(stored.client_secret);
    return stored;
  }

  async saveClientInformation(info: OAuthClientInformationMixed): Promise<void> {
    // A pre-registered client comes from the connector's settings, not from the store.
    if (this.o.settings.clientId) return;
    if (info.client_secret) this.o.onSecret?.(info.client_secret);
    await this.o.store.set(this.key('client'), JSON.stringify(info));
  }

  async tokens(): Promise<OAuthTokens | undefined> {
    const tokens = await this.read('tokens', OAuthTokensSchema);
    if (tokens) this.reveal(tokens);
    return tokens;
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    this.reveal(tokens);
    // Stored as received (with the SDK's `issuer` stamp), as the SDK asks.
    await this.o.store.set(this.key('tokens'), JSON.stringify(tokens));
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    const discovery = await this.discoveryState();
    assertPkceS256(discovery?.authorizationServerMetadata, discovery?.authorizationServerUrl ?? authorizationUrl.origin);
    const state = authorizationUrl.searchParams.get('state') ?? this.lastState;
    if (!state) throw new ConnectorError('The OAuth authorization request carries no state; refusing to continue.');
    this.pending = { url: authorizationUrl, state };
  }

  /** The authorization the last flow stopped at, if any (taken once). */
  takePendingAuthorization(): { url: URL; state: string } | undefined {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }

  async saveCodeVerifier(codeVerifier: string): Promise<void> {
    await this.o.store.set(this.key('verifier'), codeVerifier);
  }

  async codeVerifier(): Promise<string> {
    const verifier = await this.o.store.get(this.key('verifier'));
    if (!verifier) throw new ConnectorError('No PKCE code verifier is stored for this sign-in; sign in again.');
    return verifier;
  }

  async saveDiscoveryState(state: OAuthDiscoveryState): Promise<void> {
    await this.o.store.set(this.key('discovery'), JSON.stringify(state));
  }

  async discoveryState(): Promise<OAuthDiscoveryState | undefined> {
    return (await this.read('discovery', discoverySchema)) as OAuthDiscoveryState | undefined;
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    const items: readonly OAuthItem[] = scope === 'all' ? OAUTH_ITEMS : [scope];
    await Promise.all(items.map((item) => this.o.store.delete(this.key(item))));
  }

  /** Sign Out: forgets tokens, the registered client, the verifier and discovery. */
  async forget(): Promise<void> {
    await this.invalidateCredentials('all');
  }

  private key(item: OAuthItem): string {
    return oauthKey(this.o.connectorId, this.o.serverUrl, item);
  }

  private reveal(tokens: OAuthTokens): void {
    this.o.onSecret?.(tokens.access_token);
    if (tokens.refresh_token) this.o.onSecret?.(tokens.refresh_token);
  }

  /** A value that no longer parses (another version, a hand edit) counts as absent: sign in again. */
  private async read<T>(item: OAuthItem, schema: z.ZodType<T>): Promise<T | undefined> {
    const raw = await this.o.store.get(this.key(item));
    if (!raw) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
