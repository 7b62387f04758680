import type { ConfirmationDefault } from '../../core/connectors/toolPolicy';
import type { StudioAgentDeps } from '../../core/studio/studioAgent';
import { attachStudioConnectors, STUDIO_CONNECTOR_CAP } from '../../core/studio/studioAttachments';
import type { StudioClient } from '../../core/studio/studioClient';
import type { StudioConnector } from '../../core/studio/studioModel';
import { usageError } from '../exitCodes';

/**
 * The Studio connectors `audit --studio` attaches: those named by --studio-connector (by name or
 * id; an unknown one is a usage error naming the ones there are), else every one up to the cap.
 * Each one's tools are listed to derive its requires_confirmation from the local policy; a
 * connector whose tools cannot be listed is left out with a notice, since attaching it without
 * knowing which tools to hold would let Mistral run them unasked.
 */
export async function chooseStudioConnectors(
  client: StudioClient,
  names: readonly string[] | undefined,
  policy: ConfirmationDefault,
  say: (line: string) => void,
  signal?: AbortSignal,
): Promise<StudioAgentDeps['studioConnectors']> {
  const { connectors: all, truncated } = await client.list(signal);
  let chosen: StudioConnector[];
  if (names) {
    chosen = names.map((name) => {
      const found = all.find((c) => c.name === name || c.id === name);
      if (!found) {
        const there = all
          .map((c) => c.name)
          .slice(0, 20)
          .join(', ');
        throw usageError(`Mistral Studio has no connector "${name}"${there ? ` (it has: ${there}${all.length > 20 ? ', …' : ''})` : ' (it has none)'}.`);
      }
      return found;
    });
  } else {
    chosen = all.slice(0, STUDIO_CONNECTOR_CAP);
    if (all.length > STUDIO_CONNECTOR_CAP || truncated) {
      say(
        `Notice: the workspace has ${truncated ? 'more than ' : ''}${all.length} Studio connectors; the first ${STUDIO_CONNECTOR_CAP} are attached. Choose with --studio-connector NAME.`,
      );
    }
  }
  const { attached, leftOut } = await attachStudioConnectors(client, chosen, policy, signal);
  for (const { connector, reason } of leftOut) say(`Notice: Studio connector "${connector.name}" is left out: its tools could not be listed (${reason}).`);
  return attached;
}
