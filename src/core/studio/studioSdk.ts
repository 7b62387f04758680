// @mistralai/mistralai is ESM-only: loaded with import() and its types with resolution-mode
// 'import', through MistralCore and the standalone functions so the CJS bundles carry only the
// connector operations (see models/mistral.ts for the measurements behind that choice).
import type { MistralCore } from '@mistralai/mistralai/core.js' with { 'resolution-mode': 'import' };
import type { StudioTransportFailure } from './studioError';

export interface StudioSdkOptions {
  apiKey: string;
  serverUrl: string;
  timeoutMs?: number;
}

export async function loadStudioSdk(options: StudioSdkOptions) {
  const [core, errors, list, get, create, update, remove, share, unshare, listTools, callTool] = await Promise.all([
    import('@mistralai/mistralai/core.js'),
    import('@mistralai/mistralai/models/errors'),
    import('@mistralai/mistralai/funcs/betaConnectorsList.js'),
    import('@mistralai/mistralai/funcs/betaConnectorsGet.js'),
    import('@mistralai/mistralai/funcs/betaConnectorsCreate.js'),
    import('@mistralai/mistralai/funcs/betaConnectorsUpdate.js'),
    import('@mistralai/mistralai/funcs/betaConnectorsDelete.js'),
    import('@mistralai/mistralai/funcs/betaConnectorsShare.js'),
    import('@mistralai/mistralai/funcs/betaConnectorsUnshare.js'),
    import('@mistralai/mistralai/funcs/betaConnectorsListTools.js'),
    import('@mistralai/mistralai/funcs/betaConnectorsCallTool.js'),
  ]);
  // retryConfig none: a 429 is retried once, in StudioClient, where Retry-After is honoured and reported.
  const client: MistralCore = new core.MistralCore({
    apiKey: options.apiKey,
    serverURL: options.serverUrl,
    retryConfig: { strategy: 'none' },
    timeoutMs: options.timeoutMs,
  });
  const transport = (err: unknown): StudioTransportFailure | undefined =>
    err instanceof errors.RequestAbortedError
      ? 'aborted'
      : err instanceof errors.RequestTimeoutError
        ? 'timeout'
        : err instanceof errors.ConnectionError
          ? 'connection'
          : err instanceof errors.SDKValidationError && !(err instanceof errors.ResponseValidationError)
            ? 'input'
            : undefined;
  return {
    client,
    transport,
    list: list.betaConnectorsList,
    get: get.betaConnectorsGet,
    create: create.betaConnectorsCreate,
    update: update.betaConnectorsUpdate,
    remove: remove.betaConnectorsDelete,
    share: share.betaConnectorsShare,
    unshare: unshare.betaConnectorsUnshare,
    listTools: listTools.betaConnectorsListTools,
    callTool: callTool.betaConnectorsCallTool,
  };
}

export type StudioSdk = Awaited<ReturnType<typeof loadStudioSdk>>;
