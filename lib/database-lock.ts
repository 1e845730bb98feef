// One portal process tree at a time on an embedded database folder. PGlite is single-process: a second process on
// the same files keeps its own copy of the database in memory, sees only its own writes, and whichever stops last
// overwrites the other's. No Next.js imports: the Prisma CLI and plain tsx scripts load this too.
//
// The lock is a file beside the folder holding the owner's PID (and on Linux its start time, so a new process that
// happens to reuse the PID is not taken for the owner). It is stale, and taken over, when that process is gone.
// Not an mtime-refreshed lock (proper-lockfile): a long PGlite statement blocks the event loop, and the refresh timer
// with it, so a busy owner would look stale. The owner's children (the migrate step, `next start` under `npm start`)
// inherit its token through the environment and use the folder under the owner's lock.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Names the process tree holding a lock; children inherit it through the environment. */
export const LOCK_TOKEN_ENV = "SSI_DATABASE_LOCK_TOKEN";

interface LockOwner {
  pid: number;
  /** Linux: the owner's start time in clock ticks after boot; null where /proc is missing. */
  startTicks: string | null;
  token: string;
  since: string;
}

export class DatabaseFolderInUseError extends Error {
  constructor(folder: string, owner: LockOwner, lockFile: string) {
    super(
      `The data folder ${folder} is in use by another portal process (PID ${owner.pid}, since ${owner.since}). ` +
        `Stop that portal first, or give this one another folder (SSI_DATA_DIR=<folder> or DATABASE_URL=file:<folder>). ` +
        `If PID ${owner.pid} is not a portal, delete ${lockFile} and start again.`,
    );
    this.name = "DatabaseFolderInUseError";
  }
}

export const lockFileFor = (dataDir: string) => `${dataDir}.lock`;

/** A folder as messages show it: relative to the working directory when inside it. */
export function displayPath(p: string): string {
  const relative = path.relative(/*turbopackIgnore: true*/ process.cwd(), p);
  return !relative ? "." : relative.startsWith("..") ? p : relative;
}

/** Field 22 of /proc/<pid>/stat (starttime); the text before it ends at the last ")" of the command name. */
function startTicksOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const ticks = owner.startTicks && startTicksOf(owner.pid);
  return !ticks || ticks === owner.startTicks;
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(file, "utf8")) as LockOwner;
    return Number.isInteger(owner.pid) && typeof owner.token === "string" ? owner : null;
  } catch {
    // Missing, or not a lock this code wrote: nobody holds it.
    return null;
  }
}

/**
 * Lock the embedded database folder for this process and the processes it starts, until it exits. Returns at once
 * when this process or one of its ancestors holds the lock; throws DatabaseFolderInUseError when another live
 * process does. A lock left by a process that no longer exists is taken over.
 */
export function lockDatabaseFolder(dataDir: string): void {
  const file = lockFileFor(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // One token per process tree: its locks, and its children's, carry it.
  const token = process.env[LOCK_TOKEN_ENV] ?? crypto.randomUUID();
  for (let attempt = 0; attempt < 5; attempt++) {
    const mine: LockOwner = { pid: process.pid, startTicks: startTicksOf(process.pid), token, since: new Date().toISOString() };
    // Written whole under a private name, then linked into place: link fails if the lock exists, so two starting
    // processes cannot both win, and nobody ever reads a half-written lock.
    const draft = `${file}.${process.pid}.new`;
    fs.writeFileSync(draft, JSON.stringify(mine));
    try {
      fs.linkSync(draft, file);
      process.env[LOCK_TOKEN_ENV] = token;
      process.once("exit", () => {
        if (readOwner(file)?.token === token) fs.rmSync(file, { force: true });
      });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
    const owner = readOwner(file);
    if (owner?.token === token) return;
    if (owner && isRunning(owner)) throw new DatabaseFolderInUseError(displayPath(dataDir), owner, displayPath(file));
    // Stale. Move it aside under a name of our own before deleting it: if another process recovered it first and
    // already wrote a fresh lock, we would otherwise delete that one.
    const aside = `${file}.${process.pid}.stale`;
    try {
      fs.renameSync(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    const moved = readOwner(aside);
    if (moved && moved.token !== owner?.token) {
      try {
        fs.linkSync(aside, file); // a fresh lock: put it back
      } catch {
        /* yet another process locked it meanwhile; its lock stands */
      }
    }
    fs.rmSync(aside, { force: true });
  }
  throw new Error(`Could not lock the data folder ${displayPath(dataDir)}: other processes keep taking it. Start again.`);
}
