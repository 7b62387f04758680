import { z } from 'zod';
import { chatItemSchema, type ChatItem } from '../../protocol/chatItems';
import type { ChatMessage } from '../agent/modelClient';

/**
 * One chat as it is kept on disk: what the person saw (items) and what the model was told
 * (messages), so a reopened chat both looks the same and can go on. Validated on load: a file
 * that does not match is set aside, never half-trusted.
 */

const toolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.string() });

export const chatMessageSchema: z.ZodType<ChatMessage> = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.string() }),
  z.object({ role: z.literal('assistant'), content: z.string(), toolCalls: z.array(toolCallSchema).optional() }),
  z.object({ role: z.literal('tool'), toolCallId: z.string(), name: z.string(), content: z.string() }),
]);

export const CHAT_RECORD_VERSION = 1;

/** Where a chat's agent runs: this machine's model loop, or Mistral's Conversations API. */
export const CHAT_MODES = ['local', 'studio'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];

export const chatRecordSchema = z.object({
  version: z.literal(CHAT_RECORD_VERSION),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  title: z.string().max(500),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The connectors this chat offers the agent; absent means every enabled connector. */
  connectorIds: z.array(z.string()).optional(),
  /** Absent in chats saved before Studio mode existed: those run locally. */
  mode: z.enum(CHAT_MODES).optional(),
  /** The Studio connectors (ids) a Studio run attaches; absent means every one (up to a cap). */
  studioConnectorIds: z.array(z.string().max(200)).max(500).optional(),
  /** The Studio conversation a follow-up message appends to (Studio keeps that history server-side). */
  studio: z.object({ conversationId: z.string().min(1).max(200).optional() }).optional(),
  items: z.array(chatItemSchema),
  messages: z.array(chatMessageSchema),
});
export type ChatRecord = z.infer<typeof chatRecordSchema>;

/** A chat's mode; a record from before modes existed is local. */
export function modeOf(record: ChatRecord): ChatMode {
  return record.mode ?? 'local';
}

export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: number;
  /** The last verdict of the chat, if any, for the history list. */
  verdict?: string;
}

export function summaryOf(record: ChatRecord): ChatSummary {
  const report = [...record.items].reverse().find((i): i is Extract<ChatItem, { kind: 'report' }> => i.kind === 'report');
  return { id: record.id, title: record.title, updatedAt: record.updatedAt, ...(report ? { verdict: report.report.verdict } : {}) };
}

/** A chat's title: its first message, on one line and short. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line || 'New chat';
}
