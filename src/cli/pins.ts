import { resolve } from 'node:path';
import { privateRegistryDir } from '../core/connectors/paths';
import type { Connector } from '../core/connectors/registry';
import { changedParts, renderDiff, snapshotText } from '../core/pins/pinDiff';
import { PinFileError, pinFileIn } from '../core/pins/pinFile';
import { toolSnapshot } from '../core/pins/toolHash';
import { LockTimeoutError } from '../core/util/fileLock';
import { defaultPinKey, ToolPins, type ToolReview } from '../core/pins/toolPins';
import type { GlobalOptions } from './args';
import { usageError } from './exitCodes';

/**
 * The CLI's tool pins: one file beside the private registry (tool-pins.json), shared with the
 * extension. Connectors of a --config file are pinned under that file's absolute path, so they
 * never mix with the private registry's connectors of the same name.
 */
export function cliPins(options: GlobalOptions, env: Readonly<Record<string, string | undefined>>, cwd: string): ToolPins {
  const configFile = options.config === undefined ? undefined : resolve(cwd, options.config);
  return new ToolPins({
    file: pinFileIn(privateRegistryDir(env)),
    keyOf: (c: Connector) => {
      const key = defaultPinKey(c);
      return key && configFile ? `config:${configFile}#${c.name}` : key;
    },
  });
}

/** A PinFileError (a broken file) or a LockTimeoutError (another process writing it) as exit 1; anything else unchanged. */
export function pinFailure(err: unknown): unknown {
  return err instanceof PinFileError || err instanceof LockTimeoutError ? usageError(err.message) : err;
}

/** What a person reads before accepting a held tool: the diff, or a new tool in full. */
export function heldToolText(connector: Connector, review: ToolReview): string {
  const now = toolSnapshot(review.tool);
  if (review.status === 'changed' && review.pinned) {
    const parts = changedParts(review.pinned.tool, now);
    return `"${review.tool.name}" on "${connector.label}" changed since you accepted it (${parts.join(', ') || 'details'}):\n${renderDiff(review.pinned.tool, now)}`;
  }
  const body = snapshotText(now).replace(/^/gm, '  ').replace(/ +$/gm, '');
  return `"${review.tool.name}" on "${connector.label}" is a new tool, not reviewed yet:\n${body}`;
}

export function heldSummary(review: ToolReview): string {
  return review.status === 'changed' ? 'changed since you accepted it' : 'a new tool, not reviewed yet';
}
