import type { ConfirmationDefault } from '../connectors/toolPolicy';
import type { StudioAttachment } from './studioAgent';
import type { StudioClient } from './studioClient';
import { StudioError } from './studioError';
import type { StudioConnector } from './studioModel';
import { studioToolConfiguration } from './studioToolConfiguration';

/** Studio connectors attached when none is named: a registry of hundreds would flood the model's tool list. */
export const STUDIO_CONNECTOR_CAP = 20;

export interface StudioAttachments {
  attached: StudioAttachment[];
  /** Connectors whose tools could not be listed, with why; each front end says it in its own words. */
  leftOut: { connector: StudioConnector; reason: string }[];
}

/**
 * Lists the tools of each chosen Studio connector (in parallel) to derive its requires_confirmation
 * from the local policy — the same rules for the CLI and the chat. A connector whose tools cannot
 * be listed is left out: attached without them, nobody could tell Mistral which tools to hold, and
 * Mistral would run them unasked. A rejected key is not one connector's problem: it is thrown.
 */
export async function attachStudioConnectors(
  client: StudioClient,
  chosen: readonly StudioConnector[],
  policy: ConfirmationDefault,
  signal?: AbortSignal,
): Promise<StudioAttachments> {
  const leftOut: StudioAttachments['leftOut'] = [];
  const listed = await Promise.all(
    chosen.map(async (connector): Promise<StudioAttachment | undefined> => {
      try {
        const tools = await client.listTools(connector.id, signal);
        return { connector, tools, toolConfiguration: studioToolConfiguration(tools, policy) };
      } catch (err) {
        if (err instanceof StudioError && err.kind === 'auth') throw err;
        leftOut.push({ connector, reason: err instanceof Error ? err.message : String(err) });
        return undefined;
      }
    }),
  );
  return { attached: listed.filter((a): a is StudioAttachment => a !== undefined), leftOut };
}
