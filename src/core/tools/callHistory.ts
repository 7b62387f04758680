import { z } from 'zod';

/**
 * The last direct tool calls, newest first, with arguments already masked. Stored through a
 * port (VS Code workspaceState in the extension) and parsed on the way back in, so a stored
 * entry from an older version can never crash the reader.
 */
export const callRecordSchema = z.object({
  id: z.string(),
  connectorId: z.string(),
  connectorLabel: z.string(),
  /** Where the connector lives: absent or 'local' (the registry files), 'studio' (Mistral Studio, called through its API). */
  source: z.enum(['local', 'studio']).optional(),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  at: z.number(),
  durationMs: z.number().optional(),
  outcome: z.enum(['ok', 'toolError', 'failed', 'denied', 'cancelled']),
  summary: z.string().optional(),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

export interface HistoryStorage {
  read(): unknown;
  write(records: CallRecord[]): Thenable<void> | Promise<void> | void;
}

const LIMIT = 50;

export class CallHistory {
  constructor(private readonly storage: HistoryStorage) {}

  list(): CallRecord[] {
    const raw = this.storage.read();
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((r) => {
      const parsed = callRecordSchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async add(record: Omit<CallRecord, 'id'>): Promise<CallRecord> {
    const full = { ...record, id: `${record.at.toString(36)}-${Math.random().toString(36).slice(2, 8)}` };
    await this.storage.write([full, ...this.list()].slice(0, LIMIT));
    return full;
  }

  async clear(): Promise<void> {
    await this.storage.write([]);
  }
}
