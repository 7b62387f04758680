import type { ConnectorConfig } from '../connectors/schema';
import { transportOf } from '../connectors/schema';
import { maskUrl } from '../util/redact';
import { STUDIO_NAME, type StudioAuthMethod, type StudioConnectorInput, type StudioVisibility } from './studioModel';

/**
 * What "Publish to Studio" would send for a local connector, or why it cannot. Studio runs a
 * connector on Mistral's servers and reaches it over HTTP, so only an http/sse connector with a
 * plain URL can go. Nothing secret is sent: not headers, not a token, not the URL's credentials;
 * the person adds credentials in Studio, where the connector is created with auth none or bearer.
 */
export type PublishPlan = { ok: true; input: StudioConnectorInput; withheld: string[] } | { ok: false; reason: string };

export interface PublishOptions {
  name?: string;
  visibility?: StudioVisibility;
  /** Studio wants a description; used when the local connector has none. */
  fallbackDescription: string;
}

export function publishPlan(config: ConnectorConfig, options: PublishOptions): PublishPlan {
  const transport = transportOf(config);
  if (transport === 'stdio') {
    return {
      ok: false,
      reason: `"${config.name}" is a stdio connector: it runs a command on this machine, and Mistral Studio runs connectors on its own servers, where that command does not exist. Only connectors reached over HTTP (http or sse) can be published.`,
    };
  }
  const url = config.url ?? '';
  if (/\$\{/.test(url)) {
    return {
      ok: false,
      reason: `The URL of "${config.name}" contains a placeholder (\${…}) that only this machine can fill in; Studio would receive it as it is. Give the connector a literal URL to publish it.`,
    };
  }
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: `"${config.name}" has no http(s) URL to publish.` };
  if (maskUrl(url) !== url) {
    return {
      ok: false,
      reason: `The URL of "${config.name}" carries credentials (${maskUrl(url)}). Studio connectors keep credentials in Studio, not in their URL: remove them from the URL, publish, then add them in Mistral Studio.`,
    };
  }
  const name = options.name ?? config.name;
  if (!STUDIO_NAME.test(name)) return { ok: false, reason: `"${name}" is not a valid Studio connector name: use 1–64 letters, digits, "_" or "-".` };

  const withheld: string[] = [];
  let auth: StudioAuthMethod = 'none';
  if (config.auth?.type === 'bearer') {
    auth = 'bearer';
    withheld.push('its bearer token');
  } else if (config.auth?.type === 'apiKey') {
    withheld.push(`its API key header (${config.auth.header})`);
  } else if (config.auth?.type === 'oauth2') {
    withheld.push('its OAuth sign-in');
  }
  const headers = Object.keys(config.headers ?? {});
  if (headers.length) withheld.push(`its headers (${headers.join(', ')})`);
  return {
    ok: true,
    input: { name, description: config.description?.trim() || options.fallbackDescription, server: url, visibility: options.visibility ?? 'private', auth },
    withheld,
  };
}
