// The lock every shared file's read-modify-write takes (core/util/fileLock.ts): one holder at a
// time, a dead holder's lock taken over exactly once however many wait for it, a live holder's
// never, and the lock released however the body ends.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireFileLock, lockPathOf, LockTimeoutError, pidIsRunning, withFileLock } from '../../src/core/util/fileLock';
import { updateFileLocked } from '../../src/core/util/updateFileLocked';

/** A pid that was running a moment ago and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Leaves a lock as a holder does: a folder with its owner file (what a crashed process leaves behind). */
function leaveLock(file: string, owner: { pid: number; host?: string; since?: number }, nonce = 'deadbeef'): string {
  const lock = lockPathOf(file);
  mkdirSync(lock);
  const ownerFile = join(lock, `owner-${nonce}.json`);
  writeFileSync(ownerFile, JSON.stringify({ pid: owner.pid, host: owner.host ?? hostname(), since: owner.since ?? Date.now() }));
  return ownerFile;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('file lock', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ca-lock-'));
    file = join(dir, 'connectors.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Runs `count` bodies at once under the lock; returns how many ever ran at the same time. */
  async function contend(count: number, options = {}): Promise<{ most: number; ran: number }> {
    let active = 0;
    let most = 0;
    let ran = 0;
    await Promise.all(
      // Staggered starts, as separate processes start: a taker's cleanup then lands after a rival
      // has already taken the lock, which is when a naive "remove the stale lock" removes a live one.
      Array.from({ length: count }, async () => {
        await sleep(Math.random() * 4);
        return withFileLock(
          file,
          async () => {
            active++;
            most = Math.max(most, active);
            await sleep(1 + Math.random() * 3);
            active--;
            ran++;
          },
          options,
        );
      }),
    );
    return { most, ran };
  }

  it('one holder at a time; the lock is gone afterwards', async () => {
    assert.deepEqual(await contend(12), { most: 1, ran: 12 });
    assert.equal(existsSync(lockPathOf(file)), false);
    assert.deepEqual(readdirSync(dir), [], 'no prepared folder left behind');
  });

  it('a lock left by a dead process (pid gone on this host) is taken over by exactly one of many waiters at a time, round after round', async () => {
    const pid = deadPid();
    assert.equal(pidIsRunning(pid), false);
    for (let round = 0; round < 15; round++) {
      leaveLock(file, { pid });
      assert.deepEqual(await contend(8), { most: 1, ran: 8 }, `round ${round}`);
      assert.equal(existsSync(lockPathOf(file)), false);
    }
  });

  it('the takeover race: a rival takes the stale lock over between our look and our takeover; we leave its lock alone and wait', async () => {
    const stale = leaveLock(file, { pid: 999_999_999 });
    const lock = lockPathOf(file);
    let rivalOwner = '';
    // We judge the holder dead; in that very moment a rival (another process that saw the same
    // stale lock) removes it and takes the lock itself, as a live holder.
    const isAlive = () => {
      if (!rivalOwner) {
        unlinkSync(stale);
        rmdirSync(lock);
        mkdirSync(lock);
        rivalOwner = join(lock, 'owner-0123456789abcdef.json');
        writeFileSync(rivalOwner, JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
      }
      return false;
    };
    let ranBody = false;
    await assert.rejects(
      withFileLock(file, async () => void (ranBody = true), { isAlive, waitMs: 300 }),
      (err: unknown) => err instanceof LockTimeoutError && err.message.includes(`pid ${process.pid}`),
    );
    assert.equal(ranBody, false, 'we never held the lock while the rival did');
    assert.ok(existsSync(rivalOwner), "the rival's lock is untouched");
  });

  it('a live holder is waited for, then the writer fails with a message naming the file, the lock and the fix; the file is unchanged', async () => {
    await writeFile(file, '{ "connectors": [] }\n');
    const release = await acquireFileLock(file);
    try {
      const started = Date.now();
      await assert.rejects(
        updateFileLocked(file, () => 'overwritten', { waitMs: 200 }),
        (err: unknown) => {
          assert.ok(err instanceof LockTimeoutError);
          assert.equal(
            err.message,
            `${file} was not changed: another Connector Auditor process (pid ${process.pid}, for 0 s) is writing it and holds ${file}.lock. ` +
              'Try again; if no other Connector Auditor process is running, delete that lock.',
          );
          return true;
        },
      );
      assert.ok(Date.now() - started >= 200, 'it waited');
      assert.equal(await readFile(file, 'utf8'), '{ "connectors": [] }\n');
    } finally {
      await release();
    }
    assert.deepEqual(readdirSync(dir), ['connectors.json'], 'lock released, nothing prepared left behind');
  });

  it('a waiter takes the lock as soon as the holder releases it', async () => {
    const release = await acquireFileLock(file);
    setTimeout(() => void release(), 100);
    await updateFileLocked(file, (current) => `${current ?? ''}after\n`, { waitMs: 2_000 });
    assert.equal(await readFile(file, 'utf8'), 'after\n');
  });

  it('the lock is released when the body throws, and nothing is written', async () => {
    await writeFile(file, 'before\n');
    await assert.rejects(
      updateFileLocked(file, () => {
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.equal(existsSync(lockPathOf(file)), false);
    assert.equal(await readFile(file, 'utf8'), 'before\n');
    await updateFileLocked(file, () => 'next\n', { waitMs: 50 });
    assert.equal(await readFile(file, 'utf8'), 'next\n');
  });

  it('a holder on another host is waited for while fresh, taken over after 60 s', async () => {
    const owner = leaveLock(file, { pid: process.pid, host: 'elsewhere.example' });
    await assert.rejects(
      withFileLock(file, async () => undefined, { waitMs: 100 }),
      /pid \d+ on elsewhere\.example/,
    );
    assert.ok(existsSync(owner));
    rmSync(lockPathOf(file), { recursive: true });
    leaveLock(file, { pid: process.pid, host: 'elsewhere.example', since: Date.now() - 61_000 });
    assert.equal(await withFileLock(file, async () => 'held', { waitMs: 100 }), 'held');
  });

  it('any holder past 60 s is stale, even a running pid on this host (a reused pid, or a process stuck mid-write)', async () => {
    leaveLock(file, { pid: process.pid, since: Date.now() - 61_000 });
    assert.equal(await withFileLock(file, async () => 'held', { waitMs: 100 }), 'held');
  });

  it("an older version's lock file is waited for while fresh and removed when stale", async () => {
    const lock = lockPathOf(file);
    await writeFile(lock, String(process.pid));
    await assert.rejects(
      withFileLock(file, async () => undefined, { waitMs: 100 }),
      /an older version/,
    );
    const old = new Date(Date.now() - 61_000);
    await utimes(lock, old, old);
    assert.equal(await withFileLock(file, async () => 'held', { waitMs: 100 }), 'held');
    assert.equal(existsSync(lock), false);
  });

  it('pidIsRunning: this process yes, an exited one no', () => {
    assert.equal(pidIsRunning(process.pid), true);
    assert.equal(pidIsRunning(deadPid()), false);
  });
});
