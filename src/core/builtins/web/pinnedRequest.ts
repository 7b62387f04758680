/**
 * One GET over node:http/https that connects to an address vetted beforehand, never to whatever the
 * name resolves to at connect time. The URL keeps its host name, so the Host header and TLS SNI
 * (and certificate checking) are the name's; only the socket's address is pinned, through the
 * request's `lookup` option.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { VettedAddress } from './hostGuard';

export interface PinnedRequestOptions {
  headers: Record<string, string>;
  /** Aborting destroys the request and, once it has arrived, the response. */
  signal: AbortSignal;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export function requestPinned(url: URL, target: VettedAddress, options: PinnedRequestOptions): Promise<IncomingMessage> {
  // Node asks for every address (all: true) when it races IPv4 and IPv6 (autoSelectFamily), else
  // for one; either way the answer is the vetted address alone.
  const pinned = (_hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    if (lookupOptions.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = send(url, {
      method: 'GET',
      headers: options.headers,
      signal: options.signal,
      lookup: pinned,
      // A fresh connection per hop: a pooled socket could belong to an earlier, differently vetted
      // address of the same name.
      agent: false,
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}
