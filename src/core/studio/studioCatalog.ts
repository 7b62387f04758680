import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { StudioList } from './studioClient';
import { StudioError } from './studioError';
import type { StudioConnector } from './studioModel';

/** What the catalog reads from Studio (StudioClient, or a fake in tests). */
export interface StudioReader {
  list(signal?: AbortSignal): Promise<StudioList>;
  listTools(idOrName: string, signal?: AbortSignal): Promise<Tool[]>;
}

export type StudioListing = ({ ok: true } & StudioList) | { ok: false; error: StudioError };
export type StudioToolListing = { ok: true; tools: Tool[] } | { ok: false; error: StudioError };

/**
 * What a browsing front end (the tree) knows of the Studio registry: the connector list and each
 * connector's tools, each read once on first need and kept until invalidate() (Refresh, a key
 * change, a create/update/delete). Failures are kept too, as values, so a redraw of the view
 * does not hammer an API that just said no; they never throw.
 */
export class StudioCatalog {
  private listing: Promise<StudioListing> | undefined;
  private readonly tools = new Map<string, Promise<StudioToolListing>>();

  constructor(private readonly reader: () => StudioReader | undefined) {}

  connectors(): Promise<StudioListing> {
    this.listing ??= this.read(async (r) => ({ ok: true as const, ...(await r.list()) }));
    return this.listing;
  }

  /** Keyed by id: a renamed connector is the same connector. */
  toolsOf(connector: Pick<StudioConnector, 'id' | 'name'>): Promise<StudioToolListing> {
    let entry = this.tools.get(connector.id);
    if (!entry) {
      entry = this.read(async (r) => ({ ok: true as const, tools: await r.listTools(connector.id) }));
      this.tools.set(connector.id, entry);
    }
    return entry;
  }

  /** The connector with this name in the last listing, if it has been read and succeeded. */
  async find(name: string): Promise<StudioConnector | undefined> {
    const listing = await this.connectors();
    return listing.ok ? listing.connectors.find((c) => c.name === name || c.id === name) : undefined;
  }

  invalidate(): void {
    this.listing = undefined;
    this.tools.clear();
  }

  private async read<T extends { ok: true }>(fn: (reader: StudioReader) => Promise<T>): Promise<T | { ok: false; error: StudioError }> {
    const reader = this.reader();
    if (!reader) return { ok: false, error: new StudioError('auth', 'No Mistral API key is set.') };
    try {
      return await fn(reader);
    } catch (err) {
      const error = err instanceof StudioError ? err : new StudioError('server', err instanceof Error ? err.message : String(err));
      return { ok: false, error };
    }
  }
}
