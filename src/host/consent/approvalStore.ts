import type * as vscode from 'vscode';
import { z } from 'zod';
import type { ApprovalStore } from '../../core/mcp/startConsent';

const KEY = 'connectorAuditor.startApprovals';
const Hashes = z.array(z.string().regex(/^[0-9a-f]{64}$/));

/**
 * Approved command hashes in globalState: machine-wide (every workspace of this profile), and not
 * in Settings Sync, since the paths in a command line belong to this machine.
 */
export class GlobalStateApprovalStore implements ApprovalStore {
  constructor(private readonly memento: vscode.Memento) {}

  private read(): string[] {
    const parsed = Hashes.safeParse(this.memento.get<unknown>(KEY));
    return parsed.success ? parsed.data : [];
  }

  has(hash: string): boolean {
    return this.read().includes(hash);
  }

  async add(hash: string): Promise<void> {
    const hashes = this.read();
    if (!hashes.includes(hash)) await this.memento.update(KEY, [...hashes, hash]);
  }

  async clear(): Promise<void> {
    await this.memento.update(KEY, undefined);
  }

  get size(): number {
    return this.read().length;
  }
}
