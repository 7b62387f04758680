import { createHash } from 'node:crypto';
import type { Connector } from '../connectors/registry';
import { normalizedInheritEnv, type InheritEnv } from './childEnvironment';
import { MASK, maskArgs } from '../util/redact';

/**
 * Consent before a stdio connector's process is spawned: a connector file (above all a shared
 * workspace's) names a command that runs with the person's rights, so the first start of each
 * command line is shown to them and needs a yes. The answer is remembered per command hash.
 */

/** What the person is asked to approve: the command line as it will run, secrets masked. */
export interface StartRequest {
  connector: Connector;
  command: string;
  /** One entry per argument, with `${secret:…}` values and secret-looking flag values masked. */
  args: readonly string[];
  /** The working directory the process gets (the connector's `cwd`, or the default). */
  cwd: string;
  /** Names of the variables the connector adds to the environment; values are never shown. */
  envKeys: readonly string[];
  /**
   * Names of the variables the process gets from the person's own environment (the minimal
   * default plus the connector's `inheritEnv`); values are never shown.
   */
  inheritedKeys: readonly string[];
  /** The connector's `inheritEnv` ("all", names, or undefined for the default), part of what is approved. */
  inheritEnv?: InheritEnv;
  /** Identifies this command line; an approval is remembered under it. */
  hash: string;
}

/** Port: asks (or answers from memory) whether the process may start; false leaves it unstarted. */
export type ApproveStart = (request: StartRequest) => Promise<boolean>;

/** Port: the hashes a person has approved (VS Code: globalState, so machine-wide). */
export interface ApprovalStore {
  has(hash: string): boolean;
  add(hash: string): Promise<void>;
  clear(): Promise<void>;
}

/**
 * Builds the request from the resolved connection. The hash covers what the person approves:
 * command, (masked) arguments, working directory, the sorted environment keys and the
 * connector's `inheritEnv` — approving a program that gets none of your secrets is not approving
 * it with all of them. Environment values and secret values are left out, so rotating a token
 * does not ask again, while any change to what runs, where, or with which access, does. The
 * inherited names themselves are shown but not hashed: they follow the person's environment
 * (a proxy set today, not yesterday), not the connector file.
 */
export function startRequest(
  connector: Connector,
  resolved: { command: string; args: readonly string[]; env?: Readonly<Record<string, string>>; secrets: ReadonlySet<string> },
  cwd: string,
  inheritance: { inheritEnv?: InheritEnv; inheritedKeys: readonly string[] } = { inheritedKeys: [] },
): StartRequest {
  const args = maskArgs(resolved.args).map((a) => maskKnown(a, resolved.secrets));
  const envKeys = Object.keys(resolved.env ?? {}).sort();
  // Left out of the JSON when undefined, so approvals given before inheritEnv existed still hold.
  const inheritEnv = normalizedInheritEnv(inheritance.inheritEnv);
  const hash = createHash('sha256')
    .update(JSON.stringify({ command: resolved.command, args, cwd, envKeys, inheritEnv }))
    .digest('hex');
  return { connector, command: resolved.command, args, cwd, envKeys, inheritedKeys: [...inheritance.inheritedKeys], inheritEnv, hash };
}

/** Only the secrets substituted into this command line, so the hash does not depend on token shapes. */
function maskKnown(arg: string, secrets: ReadonlySet<string>): string {
  let out = arg;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(MASK);
  return out;
}

export function declinedMessage(command: string): string {
  return `Not started: you declined to run "${command}". Reconnect to be asked again.`;
}

/**
 * The remembering gate around a prompt: an approved hash never asks again; a declined start is
 * not remembered (Reconnect asks again). Starts of the same command line that overlap share one
 * question, so a chat attaching several sessions does not stack dialogs.
 */
export function rememberedApproval(store: ApprovalStore, ask: ApproveStart, enabled: () => boolean = () => true): ApproveStart {
  const pending = new Map<string, Promise<boolean>>();
  return async (request) => {
    if (!enabled() || store.has(request.hash)) return true;
    let answer = pending.get(request.hash);
    if (!answer) {
      answer = ask(request).then(async (yes) => {
        if (yes) await store.add(request.hash);
        return yes;
      });
      pending.set(request.hash, answer);
      void answer.finally(() => pending.delete(request.hash)).catch(() => undefined);
    }
    return answer;
  };
}

/** An in-memory store, for the CLI and tests. */
export class MemoryApprovalStore implements ApprovalStore {
  private readonly hashes = new Set<string>();
  has(hash: string): boolean {
    return this.hashes.has(hash);
  }
  async add(hash: string): Promise<void> {
    this.hashes.add(hash);
  }
  async clear(): Promise<void> {
    this.hashes.clear();
  }
}
