/**
 * The SSRF check for one hop of fetch_url: resolve the URL's host (every address), refuse it if any
 * address is not public, and hand back the one address the request will connect to. Checking every
 * address matters because a name can resolve to a public and a private address at once; handing
 * back the checked address (instead of letting the socket resolve the name again) is what defeats
 * DNS rebinding between the check and the connection.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { blockedReason, isMetadataAddress, normalizeHost } from './addressPolicy';
import type { LookupFn } from './webConfig';

/** A URL fetch_url will not fetch: the message says which and why, for the model and the person. */
export class FetchRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

export interface VettedAddress {
  address: string;
  family: 4 | 6;
}

export const defaultLookup: LookupFn = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export function isAllowedHost(host: string, allowHosts: readonly string[]): boolean {
  const h = normalizeHost(host);
  return allowHosts.some((a) => normalizeHost(a) === h);
}

/** Refuses schemes other than http(s) and URLs carrying credentials, before anything is resolved. */
export function checkUrlShape(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefusedError(`Refused ${url.protocol.replace(/:$/, '')}: URL: fetch_url only reads http and https URLs.`);
  }
  if (url.username || url.password) {
    throw new FetchRefusedError(`Refused ${url.origin}: fetch_url does not send credentials embedded in a URL.`);
  }
}

/**
 * Resolves and vets the host of `url`. Hosts in `allowHosts` (exact names or IPs) skip the
 * public-address rule; the cloud metadata addresses are refused even then, since no intranet docs
 * host lives there and reaching it would hand out the machine's cloud credentials.
 */
export async function vetHost(url: URL, allowHosts: readonly string[], lookup: LookupFn): Promise<VettedAddress> {
  const host = normalizeHost(url.hostname);
  const allowed = isAllowedHost(host, allowHosts);
  const literal = isIP(host);
  let addresses: Array<{ address: string; family: number }>;
  if (literal) {
    addresses = [{ address: host, family: literal }];
  } else {
    try {
      addresses = await lookup(host);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new Error(`Could not resolve ${host} (${typeof code === 'string' ? code : (err as Error).message}).`);
    }
    if (addresses.length === 0) throw new Error(`Could not resolve ${host} (no addresses).`);
  }
  const shown = literal ? host : `${host} (${addresses.map((a) => a.address).join(', ')})`;
  for (const { address } of addresses) {
    if (isMetadataAddress(address)) {
      throw new FetchRefusedError(`Refused ${url.origin}: ${shown} is the cloud metadata service, which fetch_url never reaches.`);
    }
    const reason = allowed ? undefined : blockedReason(address);
    if (reason) {
      const what = literal ? `${host} is ${reason}` : `${host} resolves to ${address}, ${reason}`;
      throw new FetchRefusedError(
        `Refused ${url.origin}: ${what}. fetch_url only reaches public addresses; a private host can be allowed in the web connector's fetch settings (allowed hosts).`,
      );
    }
  }
  const first = addresses[0];
  return { address: first.address, family: first.family === 6 || isIP(first.address) === 6 ? 6 : 4 };
}
