import { z } from 'zod';
import { chatHeaderSchema, chatItemSchema, chatStateSchema } from './chatItems';

/**
 * Every message between the extension host and the Auditor Chat webview. Both sides parse what
 * they receive with these schemas; anything else is logged and dropped. The webview starts with
 * `ready`; the host answers with the whole `state`, then sends changes. A webview message that
 * wants an answer carries a `requestId`, echoed by the host's `response`.
 */

const id = z.string().min(1).max(200);
const requestId = z.number().int().nonnegative().optional();

// ── Host → webview ──────────────────────────────────────────────────────────────────────────────

export const hostMessageSchema = z.discriminatedUnion('type', [
  /** Everything, after `ready` or when another chat is opened. */
  z.object({ type: z.literal('state'), state: chatStateSchema }),
  z.object({ type: z.literal('header'), chatId: id, header: chatHeaderSchema }),
  /** Adds the item, or replaces the item with the same id. */
  z.object({ type: z.literal('item'), chatId: id, item: chatItemSchema }),
  /** Streaming: the assistant item grows by `delta`; sent instead of the whole item on every chunk. */
  z.object({ type: z.literal('text'), chatId: id, itemId: id, delta: z.string().max(1_000_000) }),
  z.object({ type: z.literal('running'), chatId: id, running: z.boolean() }),
  z.object({ type: z.literal('response'), requestId: z.number().int().nonnegative(), ok: z.boolean(), error: z.string().max(2000).optional() }),
  /** Puts text in the composer (e.g. an example prompt chosen from the palette) and focuses it. */
  z.object({ type: z.literal('focusComposer'), draft: z.string().max(10_000).optional() }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

// ── Webview → host ──────────────────────────────────────────────────────────────────────────────

export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('send'), requestId, text: z.string().trim().min(1).max(100_000) }),
  z.object({ type: z.literal('stop'), requestId }),
  z.object({ type: z.literal('newChat'), requestId }),
  z.object({ type: z.literal('showHistory'), requestId }),
  z.object({ type: z.literal('pickModel'), requestId }),
  /** The header's mode button: the host asks natively where the chat runs (local or Mistral Studio). */
  z.object({ type: z.literal('pickMode'), requestId }),
  z.object({ type: z.literal('editConnectors'), requestId }),
  /** The empty chat's "Audit a repository…": the host asks for the target natively. */
  z.object({ type: z.literal('auditRepository'), requestId }),
  /** The empty chat's "Audit this workspace" / "Audit my dependencies". */
  z.object({ type: z.literal('auditWorkspace'), requestId, scope: z.enum(['workspace', 'dependencies']) }),
  /**
   * A finding's "path:line": the host opens it only inside a workspace folder (no "..", no
   * absolute path, no symbolic link out), so a report cannot make the editor open any other file.
   */
  z.object({ type: z.literal('openLocation'), requestId, path: z.string().trim().min(1).max(1_000), line: z.number().int().min(1).max(10_000_000).optional() }),
  /** A link in a message; the host opens http(s) links outside the webview and refuses the rest. */
  z.object({ type: z.literal('openLink'), requestId, href: z.string().max(8_000) }),
  z.object({ type: z.literal('copy'), requestId, text: z.string().max(2_000_000) }),
  z.object({ type: z.literal('runFix'), requestId, itemId: id, fixId: id }),
  z.object({ type: z.literal('openReport'), requestId, itemId: id }),
  z.object({ type: z.literal('saveReport'), requestId, itemId: id }),
  /** The webview's own failures, for the extension's log. */
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string().max(4_000) }),
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; problem: string };

/** Never throws: an invalid message is described in one line (for the log) and dropped by the caller. */
export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  return parseWith(webviewMessageSchema, raw);
}

export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  return parseWith(hostMessageSchema, raw);
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 40) : typeof raw;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(message)';
  return { ok: false, problem: `invalid "${type}" message: ${where}: ${issue?.message ?? 'rejected'}` };
}
