import type { Logger } from '../../util/logger';

/**
 * What the workspace connector is given by its front end: the folders it may read and whether the
 * person trusts them. Both are functions read on every call, so a folder added to the VS Code
 * window, or trust granted later, applies without reconnecting.
 */

export interface WorkspaceRoot {
  /** How paths name this root when there are several (VS Code: the workspace folder's name). */
  name: string;
  /** The folder on disk. */
  path: string;
}

export interface WorkspaceLimits {
  /** read_file: the largest file read, in bytes. */
  maxReadBytes: number;
  /** read_file: lines returned per call. */
  maxReadLines: number;
  /** list_files: most paths in one page. */
  maxPageSize: number;
  /** Files a walk looks at before it stops (list, search, scans): a huge tree is cut, and says so. */
  maxWalkFiles: number;
  /** search_code: matching lines returned. */
  maxSearchResults: number;
  /** search_code: characters of a line the pattern is run on (minified files have megabyte lines). */
  maxLineChars: number;
  /** search_code: the whole search, in ms; a pattern that backtracks badly is stopped here. */
  searchTimeMs: number;
  /** search_code and secrets_scan: larger files are skipped. */
  maxScanBytes: number;
  /** secrets_scan: files scanned before it stops. */
  maxSecretFiles: number;
}

export const DEFAULT_LIMITS: WorkspaceLimits = {
  maxReadBytes: 1024 * 1024,
  maxReadLines: 2000,
  maxPageSize: 1000,
  maxWalkFiles: 50_000,
  maxSearchResults: 200,
  maxLineChars: 2000,
  searchTimeMs: 10_000,
  maxScanBytes: 1024 * 1024,
  maxSecretFiles: 5000,
};

export interface WorkspaceConnectorOptions {
  /** The open folders; empty when none is open (every tool then says so). */
  roots: () => readonly WorkspaceRoot[];
  /** False in an untrusted VS Code workspace: reading is still allowed, and every result says so. */
  trusted: () => boolean;
  log?: Logger;
  /** Tests lower these to reach the caps with small fixtures. */
  limits?: Partial<WorkspaceLimits>;
}
