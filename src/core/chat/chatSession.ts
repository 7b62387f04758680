import { randomUUID } from 'node:crypto';
import type { AgentInput, Conversation } from '../agent/conversation';
import type { AuditSpec } from '../audit/judge';
import { targetLabel } from '../audit/target';
import type { Fix } from '../../protocol/chatItems';
import { CHAT_RECORD_VERSION, modeOf, titleFrom, type ChatMode, type ChatRecord } from './chatRecord';
import { chatAuditTarget } from './auditTarget';
import type { AttachResult, ChatPorts, ChatSessionSink, RunConnectors } from './chatPorts';
import { prepareRunner } from './chatRunners';
import { ChatTimeline, type TimelineSink } from './chatTimeline';
import { connectorFixes } from './fixes';
import { SaveThrottle } from './saveThrottle';
import { wellFormedPrefix } from './wellFormed';
import { redactDeep } from '../util/redact';

/**
 * One chat: its record, whether a run is going, and at most one run at a time. A run adds the
 * person's message, chooses the model, connects the chat's connectors, runs the agent over the
 * history and turns every event into items. Whatever fails (no model, a connector down, a bug)
 * ends as an item in the chat, never as a rejection; the record is saved while the answer
 * streams and at the end, and a save that fails leaves the chat intact in memory.
 */

export const NEW_CHAT_TITLE = 'New chat';
const STOPPED = 'Stopped. Send a message to go on.';

export class ChatBusyError extends Error {
  constructor() {
    super('An audit is already running in this chat. Stop it first, or wait for it to finish.');
    this.name = 'ChatBusyError';
  }
}

/** An audit a front end names (a button, a command): its typed target, and the connectors it changes. */
export interface ChatAuditRequest {
  /** The person's message as the chat shows it, and the model's instruction. */
  text: string;
  /** The target in words: the chat's title and an outcome without a verdict name it. */
  target: string;
  audit: AuditSpec;
  connectors?: RunConnectors;
}

interface RunRequest {
  input: AgentInput;
  connectors?: RunConnectors;
}

export function newChatRecord(now = Date.now(), id: string = randomUUID()): ChatRecord {
  return { version: CHAT_RECORD_VERSION, id, title: NEW_CHAT_TITLE, createdAt: now, updatedAt: now, items: [], messages: [] };
}

export class ChatSession {
  private abort: AbortController | undefined;
  private current: Promise<void> | undefined;
  private lastRun: RunRequest | undefined;
  /** The conversation of the run in progress; saves take its well-formed part. */
  private live: Conversation | undefined;
  private readonly saves: SaveThrottle;
  private readonly observed: TimelineSink;
  private saveFailing = false;
  private discarded = false;
  /** Changed since the last save: a chat only looked at is never rewritten (its place in the history would move). */
  private dirty = false;
  private saveNoticeShown = false;
  /** Every secret value a run of this chat knew (model key, connector secrets): masked in what is saved. */
  private readonly known = new Set<string>();
  private readonly now: () => number;

  constructor(
    readonly record: ChatRecord,
    private readonly ports: ChatPorts,
    private readonly sink: ChatSessionSink,
  ) {
    this.now = ports.now ?? Date.now;
    this.saves = new SaveThrottle(() => this.saveNow(), ports.saveIntervalMs ?? 500, this.now);
    // Every change the person sees is also a reason to save.
    this.observed = {
      item: (item) => {
        this.sink.item(item);
        this.changed();
      },
      text: (itemId, delta) => {
        this.sink.text(itemId, delta);
        this.changed();
      },
    };
  }

  get id(): string {
    return this.record.id;
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  /**
   * Resolves when the run ends (never rejects for a failed run); rejects with ChatBusyError while one runs.
   * A message (or `target`) that names a repository or package gets its typed target: the rules
   * then bound a model's verdict, and with no model configured they audit it on their own.
   */
  send(text: string, target?: string): Promise<void> {
    if (this.running) return Promise.reject(new ChatBusyError());
    const followUp = this.record.items.some((i) => i.kind === 'user');
    const typed = target ? chatAuditTarget(target, false) : chatAuditTarget(text, followUp);
    const input: AgentInput = { text, ...(target || typed ? { target: target ?? targetLabel(typed!) } : {}), ...(typed ? { audit: { target: typed } } : {}) };
    return this.begin({ input });
  }

  /** An audit a front end names (the workspace, its dependencies, a connector): same run, typed from the start. */
  audit(request: ChatAuditRequest): Promise<void> {
    if (this.running) return Promise.reject(new ChatBusyError());
    return this.begin({ input: { text: request.text, target: request.target, audit: request.audit }, connectors: request.connectors });
  }

  private begin(run: RunRequest): Promise<void> {
    this.lastRun = run;
    return this.start(run, false);
  }

  /** Runs the last message again (after an error or a stop). */
  retry(): Promise<void> {
    if (this.running) return Promise.reject(new ChatBusyError());
    const lastUser = [...this.record.items].reverse().find((i) => i.kind === 'user');
    const run = this.lastRun ?? (lastUser?.kind === 'user' ? { input: { text: lastUser.text } } : undefined);
    if (!run) return Promise.reject(new Error('There is no message to send again.'));
    return this.start(run, true);
  }

  /** Cancels the model stream and the running tool calls; the run ends with a notice. */
  stop(): boolean {
    if (!this.abort || this.abort.signal.aborted) return false;
    this.abort.abort();
    return true;
  }

  /** Resolves when the current run (if any) has ended and been saved. */
  whenIdle(): Promise<void> {
    return this.current ?? Promise.resolve();
  }

  /** The connectors later runs offer; undefined means every enabled connector. */
  setConnectorIds(ids: readonly string[] | undefined): void {
    if (ids === undefined) delete this.record.connectorIds;
    else this.record.connectorIds = [...ids];
    // An empty chat is not kept until its first message, so history lists no blank chats.
    if (this.record.items.length > 0) this.changed();
  }

  get mode(): ChatMode {
    return modeOf(this.record);
  }

  /**
   * Where later runs go; a run in progress finishes where it started. Leaving Studio forgets the
   * Studio conversation: it would miss the turns run locally, so a return to Studio starts anew.
   */
  setMode(mode: ChatMode): void {
    if (mode === this.mode) return;
    this.record.mode = mode;
    if (mode === 'local') delete this.record.studio;
    if (this.record.items.length > 0) this.changed();
  }

  /** The Studio connectors later Studio runs attach; undefined means every one. */
  setStudioConnectorIds(ids: readonly string[] | undefined): void {
    if (ids === undefined) delete this.record.studioConnectorIds;
    else this.record.studioConnectorIds = [...ids];
    if (this.record.items.length > 0) this.changed();
  }

  /** Stops a run and writes what is pending. */
  async dispose(): Promise<void> {
    this.stop();
    await this.whenIdle();
    await this.saves.flush();
  }

  /** The chat was deleted: stop, and never write it again (a late save would bring it back). */
  async discard(): Promise<void> {
    this.discarded = true;
    this.stop();
    await this.whenIdle();
  }

  private start(request: RunRequest, again: boolean): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const run = this.execute(request, again, abort.signal)
      .catch((err: unknown) => {
        // A bug, not a model or connector failure (those are items already): still an item, never a rejection.
        this.ports.log.error(`chat ${this.id}: the run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        new ChatTimeline(this.record.items, this.observed, { prefix: runPrefix() }).addError(
          `Something went wrong: ${err instanceof Error ? err.message : String(err)}`,
          [RETRY],
        );
      })
      .finally(async () => {
        this.live = undefined;
        this.abort = undefined;
        await this.saves.flush();
        this.current = undefined;
        this.sink.running(false);
      });
    this.current = run;
    this.sink.running(true);
    return run;
  }

  private async execute(request: RunRequest, again: boolean, signal: AbortSignal): Promise<void> {
    const input = request.input;
    const intro = new ChatTimeline(this.record.items, this.observed, { now: this.now, prefix: runPrefix() });
    if (again) intro.addNotice('Trying again…');
    else {
      intro.addUser(input.text);
      if (this.record.title === NEW_CHAT_TITLE) {
        // "Audit acme/widget", not the instruction the model gets ("… and submit your report.").
        this.record.title = titleFrom(input.target ? `Audit ${input.target}` : input.text);
        this.sink.header();
      }
    }

    const mode = this.mode;
    const prepared = await prepareRunner(this.record, this.ports, () => this.secrets(), signal, input);
    if (!prepared.ok) return intro.addError(prepared.message, prepared.fixes);
    if (signal.aborted) return intro.addNotice(STOPPED);
    for (const notice of prepared.notices) {
      if (typeof notice === 'string') intro.addNotice(notice);
      else intro.addNotice(notice.text, notice.fixes);
    }

    const attach = await this.attach(intro, signal, request.connectors);
    if (signal.aborted) return intro.addNotice(STOPPED);

    const messages = [...this.record.messages];
    // The runner appends the message itself; a retry of a run that got no answer must not send it twice.
    const last = messages.at(-1);
    if (again && last?.role === 'user' && last.content === input.text) messages.pop();
    const conversation: Conversation = { connectors: attach.attached, messages };
    // A follow-up appends to the same Studio conversation; the runner sets the id on the first run.
    if (mode === 'studio') conversation.studio = { ...this.record.studio };
    this.live = conversation;

    for (const secret of [...prepared.secrets, ...(attach.secrets ?? [])]) this.known.add(secret);
    const runner = prepared.runner;
    const timeline = new ChatTimeline(this.record.items, this.observed, { now: this.now, prefix: runPrefix(), keyProvider: prepared.keyProvider });
    const run = runner.run(conversation, input, signal);
    for await (const event of run) timeline.apply(event);
    await run.finished;
    // The runner leaves the history well formed even when cancelled, so all of it is kept.
    this.record.messages = conversation.messages;
    this.keepStudioConversation(conversation);
  }

  private keepStudioConversation(conversation: Conversation): void {
    const conversationId = conversation.studio?.conversationId;
    // The person may have left Studio mode while the run went on: then the id is not wanted.
    if (conversationId && this.mode === 'studio') this.record.studio = { conversationId };
  }

  private async attach(intro: ChatTimeline, signal: AbortSignal, run: RunConnectors | undefined): Promise<AttachResult> {
    let result: AttachResult;
    try {
      result = await this.ports.attachConnectors(this.record.connectorIds, signal, run);
    } catch (err) {
      intro.addError(`The connectors could not be prepared: ${err instanceof Error ? err.message : String(err)}. The audit goes on without them.`);
      return { attached: [], failures: [] };
    }
    if (signal.aborted) return result;
    for (const notice of result.notices ?? []) intro.addNotice(notice);
    for (const failure of result.failures) {
      intro.addError(`${failure.label}: ${failure.message} The audit goes on without it.`, connectorFixes(failure.connectorId));
    }
    return result;
  }

  private *secrets(): Iterable<string> {
    yield* this.known;
    if (this.ports.secrets) yield* this.ports.secrets();
  }

  private changed(): void {
    this.dirty = true;
    this.saves.request();
  }

  private async saveNow(): Promise<void> {
    if (this.discarded || !this.dirty) return;
    this.dirty = false;
    if (this.live) {
      this.record.messages = wellFormedPrefix(this.live.messages);
      this.keepStudioConversation(this.live);
    }
    this.record.updatedAt = this.now();
    try {
      // save() validates synchronously; a throw there is a failed save like any other.
      // The conversation keeps what the model said (a key a person pasted, repeated in a tool
      // call's arguments) so a continued chat reads the same; the file on disk never holds it.
      const secrets = [...this.secrets()];
      await Promise.resolve().then(() => this.ports.saver.save(secrets.length ? redactDeep(this.record, secrets) : this.record));
      this.saveFailing = false;
    } catch (err) {
      this.dirty = true;
      if (this.saveFailing) return;
      this.saveFailing = true;
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      this.ports.log.warn(`chat ${this.id} could not be saved (${reason}); it stays open in memory`);
      if (this.saveNoticeShown) return;
      this.saveNoticeShown = true;
      new ChatTimeline(this.record.items, this.observed, { prefix: runPrefix() }).addNotice(
        `This chat could not be saved (${reason}). It stays open until the window closes; copy what you need to keep.`,
      );
    }
  }
}

/** Item ids must be unique across the chat's whole life, reloads included: a fresh prefix per timeline. */
function runPrefix(): string {
  return `r${randomUUID().slice(0, 8)}`;
}

const RETRY: Fix = { id: 'retry', label: 'Try Again', action: { type: 'retry' } };
