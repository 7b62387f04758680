import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { updateFileLocked } from '../util/updateFileLocked';

/**
 * `tool-pins.json` beside the private registry: per connector, the tools the person has trusted,
 * each with its hash and the snapshot it was taken from (the "before" side of a review). Shared
 * by the extension and the CLI, so every change is a locked read-modify-write of the whole file.
 */

export const PIN_FILE_NAME = 'tool-pins.json';

export function pinFileIn(privateRegistryDir: string): string {
  return join(privateRegistryDir, PIN_FILE_NAME);
}

const snapshotSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  inputSchema: z.unknown(),
  annotations: z.unknown().optional(),
});

const pinnedToolSchema = z.object({
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  acceptedAt: z.string(),
  tool: snapshotSchema,
});

const connectorPinsSchema = z.object({
  firstSeen: z.string(),
  tools: z.record(z.string(), pinnedToolSchema),
});

const pinFileSchema = z.object({
  version: z.literal(1),
  connectors: z.record(z.string(), connectorPinsSchema),
});

export type PinnedTool = z.infer<typeof pinnedToolSchema>;
export type ConnectorPins = z.infer<typeof connectorPinsSchema>;
export type PinFileContent = z.infer<typeof pinFileSchema>;

/** The pins file exists but cannot be trusted; nothing is written over it. */
export class PinFileError extends Error {
  constructor(
    readonly file: string,
    cause: string,
  ) {
    super(
      `The tool pins file ${file} is not valid (${cause}), so no tool of your connectors can be checked against what you accepted. ` +
        'Fix the file, or reset the pins ("Connector Auditor: Reset Tool Pins…" or "connector-auditor pins reset"), which keeps a copy of it.',
    );
    this.name = 'PinFileError';
  }
}

export function emptyPins(): PinFileContent {
  return { version: 1, connectors: {} };
}

export async function readPinFile(file: string): Promise<PinFileContent> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyPins();
    throw new PinFileError(file, (err as Error).message);
  }
  return parsePinText(text, file);
}

function parsePinText(text: string, file: string): PinFileContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PinFileError(file, `not JSON: ${(err as Error).message}`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > 1) {
    throw new PinFileError(file, `written by a newer Connector Auditor (format ${version}); update this one`);
  }
  const parsed = pinFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PinFileError(file, `${issue.path.length ? `"${issue.path.join('.')}": ` : ''}${issue.message}`);
  }
  return parsed.data;
}

/**
 * Applies `change` to the file's current content under the lock and writes it atomically.
 * `change` returns false when it changed nothing (no write). A corrupt file makes this throw,
 * unless `replaceCorrupt` is set (resetting all pins): then the old file is kept as a copy first.
 */
export async function updatePinFile(
  file: string,
  change: (content: PinFileContent) => boolean,
  options: { replaceCorrupt?: boolean; now?: () => Date } = {},
): Promise<PinFileContent> {
  let content = emptyPins();
  await updateFileLocked(file, async (text) => {
    try {
      content = text === undefined ? emptyPins() : parsePinText(text, file);
    } catch (err) {
      if (!(err instanceof PinFileError) || !options.replaceCorrupt) throw err;
      const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      await copyFile(file, `${file}.corrupt-${stamp}`);
      content = emptyPins();
    }
    return change(content) ? `${JSON.stringify(content, null, 2)}\n` : undefined;
  });
  return content;
}
