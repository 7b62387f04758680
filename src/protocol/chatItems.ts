import { z } from 'zod';
import { storedReportSchema } from '../core/audit/report';
import { evidenceReportSchema } from '../core/evidence/evidenceReport';

/**
 * What the Auditor Chat shows, as data: the host owns it and sends it to the webview, which only
 * draws it. Every field is text or numbers already masked by the agent loop; the webview still
 * treats all of it as untrusted (Markdown is sanitised, everything else is set as text).
 */

const id = z.string().min(1).max(200);
/** Long enough for any real answer; a bound keeps a hostile producer from exhausting the webview. */
const text = z.string().max(2_000_000);

export const TOOL_CARD_STATES = ['waiting', 'running', 'done', 'denied', 'failed', 'cancelled'] as const;
export type ToolCardState = (typeof TOOL_CARD_STATES)[number];

/**
 * How an inline error is fixed. The webview only names a fix by its id; the host looks the action
 * up in its own copy of the chat, so a message from the webview can never choose a command.
 */
export const fixActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('setModelKey'), provider: z.enum(['mistral', 'openai']) }),
  z.object({ type: z.literal('openModelSettings') }),
  /** The model picker (an audit that ran on the rules alone offers it: a model adds explanation). */
  z.object({ type: z.literal('pickModel') }),
  z.object({ type: z.literal('reconnect'), connectorId: id }),
  z.object({ type: z.literal('showLog'), connectorId: id }),
  z.object({ type: z.literal('retry') }),
  z.object({ type: z.literal('newChat') }),
]);
export type FixAction = z.infer<typeof fixActionSchema>;

export const fixSchema = z.object({ id, label: z.string().min(1).max(100), action: fixActionSchema });
export type Fix = z.infer<typeof fixSchema>;

export const userItemSchema = z.object({ kind: z.literal('user'), id, text });
export const assistantItemSchema = z.object({
  kind: z.literal('assistant'),
  id,
  /** Markdown, possibly still growing. */
  text,
  streaming: z.boolean(),
});
export const toolItemSchema = z.object({
  kind: z.literal('tool'),
  id,
  /** Connector label and tool name when the call resolved to a connector tool; else the model's name. */
  connector: z.string().max(200).optional(),
  tool: z.string().max(200),
  /** Masked arguments, as JSON text (pretty-printed). */
  args: text,
  state: z.enum(TOOL_CARD_STATES),
  /** Epoch ms, for the running timer. */
  startedAt: z.number(),
  durationMs: z.number().nonnegative().optional(),
  /** The start of the result, or the reason it failed or was denied. */
  preview: text.optional(),
});
/** `fixes`: a notice may offer a next step (e.g. "Set Up a Model…" after an audit without one). */
export const noticeItemSchema = z.object({ kind: z.literal('notice'), id, text, fixes: z.array(fixSchema).max(5).optional() });
export const errorItemSchema = z.object({ kind: z.literal('error'), id, text, fixes: z.array(fixSchema).max(5) });
/** `evidence`: the rules' checks and what could not be checked, shown with the report card. */
export const reportItemSchema = z.object({ kind: z.literal('report'), id, report: storedReportSchema, evidence: evidenceReportSchema.optional() });
/** A run that ended without a verdict: said plainly, never dressed up as one. */
export const undeterminedItemSchema = z.object({ kind: z.literal('undetermined'), id, target: z.string().max(1000), text });

export const chatItemSchema = z.discriminatedUnion('kind', [
  userItemSchema,
  assistantItemSchema,
  toolItemSchema,
  noticeItemSchema,
  errorItemSchema,
  reportItemSchema,
  undeterminedItemSchema,
]);
export type ChatItem = z.infer<typeof chatItemSchema>;
export type ToolItem = z.infer<typeof toolItemSchema>;
export type AssistantItem = z.infer<typeof assistantItemSchema>;
export type ReportItem = z.infer<typeof reportItemSchema>;
export type ErrorItem = z.infer<typeof errorItemSchema>;

export const connectorChipSchema = z.object({
  id,
  label: z.string().max(200),
  /** Whether it can take part now; 'unavailable' covers disabled, missing and untrusted. */
  status: z.enum(['idle', 'connecting', 'ready', 'error', 'unavailable']),
  detail: z.string().max(2000).optional(),
});
export type ConnectorChip = z.infer<typeof connectorChipSchema>;

/** A Mistral Studio connector a Studio-mode chat attaches (it runs on Mistral's side, not here). */
export const studioChipSchema = z.object({
  id,
  label: z.string().max(200),
  detail: z.string().max(2000).optional(),
});
export type StudioChip = z.infer<typeof studioChipSchema>;

/** What the header says of a chat in Studio mode. */
export const studioHeaderSchema = z.object({
  /** The Mistral model the Studio agent runs on. */
  model: z.string().max(200),
  /** Why Studio cannot run now (no key, the registry unreachable), with the fix in words. */
  problem: z.string().max(2000).optional(),
  /** While the registry is being read. */
  loading: z.boolean().optional(),
  connectors: z.array(studioChipSchema).max(500),
  webSearch: z.boolean(),
});
export type StudioHeader = z.infer<typeof studioHeaderSchema>;

export const chatHeaderSchema = z.object({
  title: z.string().max(500),
  /** Where the agent runs; absent means local. */
  mode: z.enum(['local', 'studio']).optional(),
  /** Present in Studio mode. */
  studio: studioHeaderSchema.optional(),
  /** The model an audit would use, and why (e.g. "Mistral (an API key is set)"). */
  model: z.object({ label: z.string().max(200), detail: z.string().max(1000).optional() }).optional(),
  connectors: z.array(connectorChipSchema).max(500),
  /** Whether a folder is open (the empty chat then offers to audit it) and whether VS Code trusts it. */
  workspace: z.object({ folder: z.boolean(), trusted: z.boolean() }).optional(),
});
export type ChatHeader = z.infer<typeof chatHeaderSchema>;

export const chatStateSchema = z.object({
  chatId: id,
  header: chatHeaderSchema,
  items: z.array(chatItemSchema).max(10_000),
  running: z.boolean(),
});
export type ChatState = z.infer<typeof chatStateSchema>;
