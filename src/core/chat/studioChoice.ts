import { STUDIO_CONNECTOR_CAP as CHAT_STUDIO_CAP } from '../studio/studioAttachments';
import type { StudioConnector } from '../studio/studioModel';

export { CHAT_STUDIO_CAP };

export interface StudioChoice {
  chosen: StudioConnector[];
  /** Said once before the run: what was left out, and why. */
  notices: string[];
}

/**
 * Which of the workspace's Studio connectors a chat attaches: the ones it names (in the
 * registry's order; a name gone from Studio is said, not fatal), else every one up to the cap.
 */
export function chooseStudioConnectors(all: readonly StudioConnector[], ids: readonly string[] | undefined, truncated = false): StudioChoice {
  if (ids !== undefined) {
    const wanted = new Set(ids);
    const chosen = all.filter((c) => wanted.has(c.id));
    const gone = ids.filter((id) => !all.some((c) => c.id === id));
    return { chosen, notices: gone.map((id) => `The Studio connector ${id} is no longer in Mistral Studio; the audit goes on without it.`) };
  }
  const notices =
    all.length > CHAT_STUDIO_CAP || truncated
      ? [
          `Mistral Studio has ${truncated ? 'more than ' : ''}${all.length} connectors; the first ${CHAT_STUDIO_CAP} are attached. Choose them with the chat's Edit connectors button.`,
        ]
      : [];
  return { chosen: all.slice(0, CHAT_STUDIO_CAP), notices };
}
