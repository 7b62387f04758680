import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { childEnvironment } from './childEnvironment';
import { planSpawn } from './commandResolution';

/**
 * MCP over a child process's stdin/stdout, written against the SDK's narrow Transport interface.
 * Our own (rather than the SDK's StdioClientTransport) because a person needs to know *why* a
 * server failed: exit code and signal, the last stderr lines, non-protocol output on stdout,
 * and a cap on unbounded output. Spawned without a shell (on Windows a batch file goes through
 * cmd.exe with escaped arguments, see commandResolution.ts), with exactly the environment given.
 */

export interface StdioProcessOptions {
  command: string;
  args: string[];
  /**
   * The process's whole environment (see childEnvironment.ts); nothing of ours is merged in.
   * Absent: the minimal default environment, never all of ours.
   */
  env?: Record<string, string>;
  cwd?: string;
  /** Called with each stderr line (the connector's log). */
  onStderr?: (line: string) => void;
  /** Called with each stdout line that is not a JSON-RPC message. */
  onGarbage?: (line: string) => void;
  /** Longest stdout line accepted before the server is considered to be flooding. */
  maxLineBytes?: number;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: NodeJS.ErrnoException;
}

const STDERR_TAIL = 20;
const STDIN_GRACE_MS = 200;
const KILL_GRACE_MS = 2000;

export class StdioProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  private child: ChildProcess | undefined;
  private stdoutPieces: string[] = [];
  private stdoutPending = 0;
  private stderrBuffer = '';
  private readonly stderrTail: string[] = [];
  private garbage: string | undefined;
  private exitInfo: ProcessExit | undefined;
  private closed = false;

  constructor(private readonly options: StdioProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Last stderr lines, oldest first, for error messages. */
  get recentStderr(): readonly string[] {
    return this.stderrTail;
  }

  get firstGarbage(): string | undefined {
    return this.garbage;
  }

  get exit(): ProcessExit | undefined {
    return this.exitInfo;
  }

  start(): Promise<void> {
    if (this.child) throw new Error('StdioProcessTransport already started');
    return new Promise((resolve, reject) => {
      const { command, args, cwd } = this.options;
      const env = this.options.env ?? childEnvironment(process.platform, process.env, undefined, undefined).env;
      const plan = planSpawn({ command, args, platform: process.platform, env, cwd: cwd ?? process.cwd(), fileExists: isFile });
      if (plan.kind === 'error') {
        // Reported like a failed spawn, so the session's message ("Command not found: …") is the same on every platform.
        const spawnError: NodeJS.ErrnoException = Object.assign(new Error(plan.message), { code: plan.code });
        this.exitInfo = { code: null, signal: null, spawnError };
        reject(spawnError);
        this.finish();
        return;
      }
      const child = spawn(plan.file, plan.args, {
        cwd,
        env,
        shell: false,
        windowsVerbatimArguments: plan.windowsVerbatimArguments,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        // Own process group, so closing can take down grandchildren (npx → node → server).
        detached: process.platform !== 'win32',
      });
      this.child = child;
      child.once('error', (err: NodeJS.ErrnoException) => {
        if (!this.exitInfo) this.exitInfo = { code: null, signal: null, spawnError: err };
        reject(err);
        this.finish();
      });
      child.once('spawn', () => resolve());
      child.once('exit', (code, signal) => {
        this.exitInfo ??= { code, signal };
      });
      child.once('close', () => this.finish());
      child.stdin?.on('error', (err) => this.onerror?.(err));
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.readStdout(chunk));
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.readStderr(chunk));
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || stdin.destroyed || this.closed) {
        reject(new Error('The server process is not running'));
        return;
      }
      stdin.write(JSON.stringify(message) + '\n', (err) => (err ? reject(err) : resolve()));
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exitInfo) {
      this.finish();
      return;
    }
    // As the MCP spec suggests: close stdin first so the server can read what we sent last (a
    // cancellation, say) and leave on its own, then SIGTERM, then SIGKILL.
    child.stdin?.end();
    const term = setTimeout(() => this.signal('SIGTERM'), STDIN_GRACE_MS);
    const kill = setTimeout(() => this.signal('SIGKILL'), STDIN_GRACE_MS + KILL_GRACE_MS);
    term.unref();
    kill.unref();
    await new Promise<void>((resolve) => {
      if (this.closed) resolve();
      else child.once('close', () => resolve());
    });
    clearTimeout(term);
    clearTimeout(kill);
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      if (process.platform !== 'win32') process.kill(-pid, sig);
      else this.child?.kill(sig);
    } catch {
      try {
        this.child?.kill(sig);
      } catch {
        // already gone
      }
    }
  }

  private readStdout(chunk: string): void {
    // Only the new chunk is searched for line breaks and partial lines are kept as pieces, so a
    // 20 MB single-line result costs linear time instead of rescanning the buffer per chunk.
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      const joined = this.stdoutPieces.length ? this.stdoutPieces.join('') + piece : piece;
      // endsWith, not replace(/\r$/): an end-anchored regex scans the whole line (4 ms at 20 MB).
      const line = joined.endsWith('\r') ? joined.slice(0, -1) : joined;
      this.stdoutPieces = [];
      this.stdoutPending = 0;
      start = nl + 1;
      if (line.trim()) this.handleLine(line);
    }
    if (start < chunk.length) {
      this.stdoutPieces.push(chunk.slice(start));
      this.stdoutPending += chunk.length - start;
    }
    // Large but bounded: a 20 MB tool result is a legitimate line, an endless one is not.
    const max = this.options.maxLineBytes ?? 64 * 1024 * 1024;
    if (this.stdoutPending > max) {
      this.stdoutPieces = [];
      this.stdoutPending = 0;
      this.onerror?.(new Error(`The server wrote more than ${Math.round(max / 1048576)} MB on stdout without a line break; it was stopped.`));
      void this.close();
    }
  }

  private handleLine(line: string): void {
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(JSON.parse(line));
    } catch {
      this.garbage ??= line.length > 200 ? `${line.slice(0, 200)}…` : line;
      this.options.onGarbage?.(line);
      return;
    }
    this.onmessage?.(message);
  }

  private readStderr(chunk: string): void {
    this.stderrBuffer += chunk;
    const lines = this.stderrBuffer.split(/\r?\n/);
    this.stderrBuffer = lines.pop() ?? '';
    if (this.stderrBuffer.length > 64 * 1024) {
      // A line this long is a flood, not a message: keep its head and move on.
      lines.push(`${this.stderrBuffer.slice(0, 4096)}…`);
      this.stderrBuffer = '';
    }
    for (const line of lines) {
      if (!line.trim()) continue;
      this.stderrTail.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
      if (this.stderrTail.length > STDERR_TAIL) this.stderrTail.shift();
      this.options.onStderr?.(line);
    }
  }

  private finish(): void {
    if (this.closed) return;
    if (this.stderrBuffer.trim()) this.readStderr('\n');
    this.closed = true;
    this.onclose?.();
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
