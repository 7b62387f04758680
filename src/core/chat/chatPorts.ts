import type { Policy } from '../evidence/policy';
import type { AgentRunOptions } from '../agent/agentRunner';
import type { AttachedConnector } from '../agent/conversation';
import type { ModelClient } from '../agent/modelClient';
import type { ConfirmationDefault } from '../connectors/toolPolicy';
import type { PinCheck } from '../pins/toolPins';
import type { StudioAgentDeps, StudioAttachment } from '../studio/studioAgent';
import type { ConfirmationGate } from '../tools/confirmation';
import type { Logger } from '../util/logger';
import type { TimelineSink } from './chatTimeline';
import type { ChatRecord } from './chatRecord';

/**
 * What a chat session needs from its front end. VS Code implements these with settings,
 * SecretStorage, the session pool and the modal confirmation service; tests with fakes. Keeping
 * them ports keeps ChatSession free of 'vscode' and runnable in plain Node.
 */

export interface ChosenModel {
  client: ModelClient;
  /** For the header and logs, e.g. "openai:llama3.1". */
  label: string;
  /** Why this model, in words. */
  detail?: string;
  /** The provider whose key a rejected-key error offers to set; none for VS Code's own models. */
  keyProvider?: 'mistral' | 'openai';
  /** The API key in use (masked wherever text leaves the run); never stored or shown. */
  secrets?: readonly string[];
  /**
   * Nobody chose this model: it is the last guess of automatic choice (a local server at its
   * default address). An audit of a named target then runs on the evidence rules alone rather
   * than failing on a server that is most likely not there; a question still tries it.
   */
  assumed?: boolean;
}

/**
 * One run's change to the chat's connectors: an audit of the workspace adds the opt-in workspace
 * built-in; an audit of a connector leaves that connector out (its tools are the evidence, never
 * something to call).
 */
export interface RunConnectors {
  add?: readonly string[];
  omit?: readonly string[];
}

export interface ConnectorFailure {
  connectorId: string;
  label: string;
  /** One sentence: the cause and, where it helps, the fix. */
  message: string;
}

export interface AttachResult {
  /** Ready connectors, offered to the model. */
  attached: AttachedConnector[];
  /** Connectors that could not start: one error item each, with Reconnect / Show Log. */
  failures: ConnectorFailure[];
  /** Connectors left out on purpose (untrusted workspace, removed): said once, no fix to offer. */
  notices?: string[];
  /** Resolved connector secrets, masked wherever text leaves the run. */
  secrets?: readonly string[];
}

/**
 * What a Studio-mode run needs, resolved by the front end just before the run: the key and URL
 * of the Mistral API, the model, and the workspace's Studio connectors with the tool
 * configuration each is sent with.
 */
export interface StudioSetup {
  api: StudioAgentDeps['api'];
  model: string;
  studioConnectors: StudioAttachment[];
  /** Attach Mistral's built-in web_search. */
  webSearch: boolean;
  /** Studio connectors left out (their tools could not be listed): said once, the run goes on. */
  notices?: string[];
}

export interface ChatPorts {
  /** Throws with a message a person can act on when no model can be used. */
  chooseModel(): Promise<ChosenModel>;
  /** `connectorIds` undefined means every enabled connector. Never rejects for a connector that fails. */
  attachConnectors(connectorIds: readonly string[] | undefined, signal: AbortSignal, run?: RunConnectors): Promise<AttachResult>;
  /** The app's one confirmation service: in VS Code a native modal, never a webview button. */
  confirmations: ConfirmationGate;
  policy(): ConfirmationDefault;
  /**
   * For a chat in Studio mode, with the Studio connectors it names (undefined: every one, up to
   * a cap). Throws with a message a person can act on; a StudioError of kind
   * 'auth' (no key, or a rejected one) gets the "Set Mistral API Key…" fix. Absent: Studio mode
   * is not available in this front end.
   */
  studio?(studioConnectorIds: readonly string[] | undefined, signal: AbortSignal): Promise<StudioSetup>;
  /** Tool pins: held tools are not offered to the model. */
  pins?: PinCheck;
  /** Further secret values known to the front end. */
  secrets?(): Iterable<string>;
  /** A ChatStore, or anything that persists a record the same way. */
  saver: { save(record: ChatRecord): Promise<void> };
  log: Logger;
  /** Read per run, so a changed setting applies to the next message. */
  runOptions?: () => Partial<AgentRunOptions>;
  /** The organisation's evidence policy (private registry file only), read per run. */
  evidencePolicy?: () => Promise<Policy | undefined>;
  /** Saves while streaming are at most this far apart (default 500 ms); a run's end always saves. */
  saveIntervalMs?: number;
  now?: () => number;
}

/** Where a session's changes go: the webviews showing it. */
export interface ChatSessionSink extends TimelineSink {
  running(running: boolean): void;
  /** The title (or another header field the session owns) changed. */
  header(): void;
}
