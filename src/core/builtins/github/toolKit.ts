import { z } from 'zod';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../../util/logger';
import { errorResult, READ_ONLY_OPEN_WORLD } from '../toolResults';
import { repositoryWebUrl } from './apiUrls';
import type { GitHubOctokit } from './client';
import { explainFailure, isNotFound } from './failures';

/** What every GitHub tool gets: the client, the settings it reports with, and the shared input fields. */
export interface GitHubToolContext {
  /** The Octokit client (loaded on first use). */
  github: () => Promise<GitHubOctokit>;
  baseUrl: string;
  signInHint: string;
  token: () => Promise<string | undefined>;
  statsRetryDelayMs: number;
  requestTimeoutMs: number;
  log: Logger;
}

/** The MCP SDK hands each tool call an abort signal; passed on, it cancels the HTTP request too. */
export interface CallExtra {
  signal: AbortSignal;
}

export const READ_ONLY: ToolAnnotations = READ_ONLY_OPEN_WORLD;
export const WRITES: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, openWorldHint: true };

// GitHub's own character sets; checking them here turns a typo into a clear message instead of an odd 404.
const ownerField = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'an owner is a GitHub user or organisation name: letters, digits and hyphens')
  .describe('The repository owner: a GitHub user or organisation, e.g. "expressjs".');
const repoField = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, 'a repository name has letters, digits, ".", "_" and "-"')
  .describe('The repository name without the owner, e.g. "express".');

export const repoShape = { owner: ownerField, repo: repoField };

export const refField = z.string().min(1).max(255).optional().describe("A branch, tag or commit SHA. Default: the repository's default branch.");

export const perPageField = (fallback: number) => z.number().int().min(1).max(100).optional().describe(`How many to return, 1–100 (default ${fallback}).`);

export const isoDate = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'an ISO 8601 date such as 2024-01-31 or 2024-01-31T00:00:00Z')
    .optional()
    .describe(`${what} (ISO 8601, e.g. "2024-01-31" or "2024-01-31T00:00:00Z").`);

export interface RepoRef {
  owner: string;
  repo: string;
}

export function webUrlOf(ctx: GitHubToolContext, ref: RepoRef): string {
  return repositoryWebUrl(ctx.baseUrl, ref.owner, ref.repo);
}

/** Request options every call passes: the call's abort signal. */
export function requestOf(extra: CallExtra): { request: { signal: AbortSignal } } {
  return { request: { signal: extra.signal } };
}

/**
 * Runs a tool body about one repository; any failure becomes an error result whose sentence
 * names the repository and what to do (sign in, wait for the reset, check the name).
 */
export async function repoTool(ctx: GitHubToolContext, ref: RepoRef, body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (err) {
    const message = explainFailure(err, { ...ref, signInHint: ctx.signInHint, baseUrl: ctx.baseUrl, timeoutMs: ctx.requestTimeoutMs });
    ctx.log.debug(`GitHub tool failed for ${ref.owner}/${ref.repo}: ${message}`);
    return errorResult(message);
  }
}

/**
 * A 404 for a path inside a repository means either "no such path" or "no such repository";
 * asking for the repository tells which. Rethrows the repository's 404 (or the original error
 * when the repository check fails otherwise); returns when the repository is there.
 */
export async function whenRepoExists(ctx: GitHubToolContext, ref: RepoRef, extra: CallExtra, original: unknown): Promise<void> {
  try {
    await (await ctx.github()).rest.repos.get({ ...ref, ...requestOf(extra) });
  } catch (err) {
    if (isNotFound(err)) throw err;
    throw original;
  }
}

/** The error result for "the repository is there, the path is not", or the repository's own 404. */
export async function notFoundInRepo(ctx: GitHubToolContext, ref: RepoRef, extra: CallExtra, original: unknown, missing: string): Promise<CallToolResult> {
  await whenRepoExists(ctx, ref, extra, original);
  return errorResult(missing);
}

/** The default branch, for tools that need a concrete ref (the tree API has no "default"). */
export async function defaultBranch(ctx: GitHubToolContext, ref: RepoRef, extra: CallExtra): Promise<string> {
  const { data } = await (await ctx.github()).rest.repos.get({ ...ref, ...requestOf(extra) });
  return data.default_branch;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
