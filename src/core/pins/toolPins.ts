import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector } from '../connectors/registry';
import { Emitter } from '../util/events';
import { updatePinFile, type ConnectorPins, type PinFileContent, type PinnedTool } from './pinFile';
import { PinFileCache } from './pinFileCache';
import { hashTool, toolSnapshot } from './toolHash';

/**
 * Tool pinning against rug pulls: the first time a connector's tools are listed they are pinned
 * (hash + snapshot); later, a tool whose hash differs is "changed" and one never seen is "new".
 * Both are held — not offered to the model, and a direct call asks first — until the person
 * accepts them. Tools the server stopped offering keep their pin, so one that comes back
 * unchanged is still trusted.
 */

export type PinStatus = 'trusted' | 'new' | 'changed';

export interface ToolReview {
  tool: Tool;
  status: PinStatus;
  /** For `changed`: what was accepted before. */
  pinned?: PinnedTool;
}

export interface ConnectorReview {
  /** Undefined for connectors that are not pinned (built-ins: our own code). */
  key: string | undefined;
  tools: ToolReview[];
  /** The tools with status new or changed. */
  held: ToolReview[];
  /** True when this review pinned the connector for the first time. */
  firstListing: boolean;
}

/** What the tool caller, the agent's catalog and the front ends need from pins. */
export interface PinCheck {
  review(connector: Connector, tools: readonly Tool[]): Promise<ConnectorReview>;
}

export interface ToolPinsOptions {
  file: string;
  /**
   * The pin key of a connector, or undefined when it is exempt. Default: built-ins are exempt
   * (our own code), as is the CLI's ad-hoc connector (its command line is given on each run);
   * every other connector is keyed by its id.
   */
  keyOf?: (connector: Connector) => string | undefined;
  now?: () => Date;
}

export function defaultPinKey(connector: Connector): string | undefined {
  if (connector.builtin || connector.id.startsWith('adhoc:')) return undefined;
  return connector.id;
}

export class ToolPins implements PinCheck {
  private readonly changed = new Emitter<string | undefined>();
  /** Fires the key whose pins changed (accepted, first listing, reset), or undefined for all. */
  readonly onDidChange = this.changed.event;
  readonly file: string;
  private readonly keyOf: (connector: Connector) => string | undefined;
  private readonly now: () => Date;
  private readonly reader: PinFileCache;

  constructor(options: ToolPinsOptions) {
    this.file = options.file;
    this.reader = new PinFileCache(options.file);
    this.keyOf = options.keyOf ?? defaultPinKey;
    this.now = options.now ?? (() => new Date());
  }

  keyFor(connector: Connector): string | undefined {
    return this.keyOf(connector);
  }

  /** Compares the tools with their pins; the first listing of a connector pins them all. Throws PinFileError. */
  async review(connector: Connector, tools: readonly Tool[]): Promise<ConnectorReview> {
    const key = this.keyOf(connector);
    if (!key) return { key, tools: tools.map((tool) => ({ tool, status: 'trusted' })), held: [], firstListing: false };
    let entry = (await this.reader.read()).connectors[key];
    let firstListing = false;
    if (!entry) {
      // Another process may pin this connector between the read and the lock: its pins win.
      const content = await updatePinFile(this.file, (c) => {
        if (c.connectors[key]) return false;
        firstListing = true;
        c.connectors[key] = { firstSeen: this.stamp(), tools: Object.fromEntries(tools.map((t) => [t.name, this.pin(t)])) };
        return true;
      });
      entry = content.connectors[key];
      if (firstListing) this.changed.fire(key);
    }
    const reviewed = tools.map((tool) => compare(tool, entry));
    return { key, tools: reviewed, held: reviewed.filter((r) => r.status !== 'trusted'), firstListing };
  }

  /** Trusts these tools as they are now (a reviewed change, or new tools). */
  async accept(connector: Connector, tools: readonly Tool[]): Promise<void> {
    const key = this.keyOf(connector);
    if (!key || tools.length === 0) return;
    await updatePinFile(this.file, (c) => {
      const entry = (c.connectors[key] ??= { firstSeen: this.stamp(), tools: {} });
      for (const tool of tools) entry.tools[tool.name] = this.pin(tool);
      return true;
    });
    this.changed.fire(key);
  }

  /** The pinned connectors' keys, for a reset picker. */
  async keys(): Promise<string[]> {
    return Object.keys((await this.reader.read()).connectors).sort();
  }

  /**
   * Forgets the pins of one key, or all. The next listing pins the tools as they are then. Resetting
   * all also replaces a corrupt file (keeping a copy), which is the way out of PinFileError.
   */
  async reset(key?: string): Promise<void> {
    await updatePinFile(
      this.file,
      (c: PinFileContent) => {
        if (key === undefined) {
          c.connectors = {};
          return true;
        }
        if (!c.connectors[key]) return false;
        delete c.connectors[key];
        return true;
      },
      { replaceCorrupt: key === undefined, now: this.now },
    );
    this.changed.fire(key);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private pin(tool: Tool): PinnedTool {
    return { hash: hashTool(tool), acceptedAt: this.stamp(), tool: toolSnapshot(tool) };
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

function compare(tool: Tool, entry: ConnectorPins): ToolReview {
  const pinned = Object.hasOwn(entry.tools, tool.name) ? entry.tools[tool.name] : undefined;
  if (!pinned) return { tool, status: 'new' };
  if (pinned.hash === hashTool(tool)) return { tool, status: 'trusted' };
  return { tool, status: 'changed', pinned };
}
