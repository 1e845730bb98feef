import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCK_TOKEN_ENV, lockDatabaseFolder, lockFileFor } from "./database-lock";

const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

interface Outcome {
  child: ChildProcess;
  locked: boolean;
  stderr: string;
}

const started: ChildProcess[] = [];

/** Another process (not a child of a lock holder unless `inherit`) that tries to lock `dir` and keeps it. */
function holder(dir: string, inherit = false): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!inherit) delete env[LOCK_TOKEN_ENV];
  // node with tsx's loader, not the tsx CLI: the CLI runs the script in a child, whose PID the lock would name.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib/testing/hold-database-lock.ts"), dir], { cwd: root, env });
  started.push(child);
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => {
    child.stdout.on("data", (chunk) => String(chunk).includes("locked") && resolve({ child, locked: true, stderr }));
    child.on("exit", () => resolve({ child, locked: false, stderr }));
  });
}

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(null) : child.on("exit", resolve)));

describe("the embedded database folder lock", () => {
  let dir: string;

  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ssi-lock-")), "pglite");
  });

  afterEach(async () => {
    for (const child of started.splice(0)) {
      child.kill("SIGKILL");
      await exited(child);
    }
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("lets one of two processes started together hold the folder and tells the other who holds it", async () => {
    const outcomes = await Promise.all([holder(dir), holder(dir)]);
    const winners = outcomes.filter((o) => o.locked);
    expect(winners).toHaveLength(1);
    const loser = outcomes.find((o) => !o.locked)!;
    expect(loser.stderr).toContain(`The data folder ${dir} is in use by another portal process (PID ${winners[0].child.pid}`);
  }, 30_000);

  it("refuses this process while another holds the folder, and takes over once that process is gone", async () => {
    const other = await holder(dir);
    expect(other.locked).toBe(true);
    delete process.env[LOCK_TOKEN_ENV];
    expect(() => lockDatabaseFolder(dir)).toThrow(`in use by another portal process (PID ${other.child.pid}`);

    // Killed outright: no exit handler runs, so its lock file stays behind, stale.
    other.child.kill("SIGKILL");
    await exited(other.child);
    expect(fs.existsSync(lockFileFor(dir))).toBe(true);
    expect(() => lockDatabaseFolder(dir)).not.toThrow();
    expect(JSON.parse(fs.readFileSync(lockFileFor(dir), "utf8")).pid).toBe(process.pid);
  }, 30_000);

  it("lets the processes a holder starts (npm start's migrate step and server) use the folder", async () => {
    lockDatabaseFolder(dir);
    expect((await holder(dir, true)).locked).toBe(true);
    expect((await holder(dir, false)).locked).toBe(false);
  }, 30_000);

  it.runIf(fs.existsSync("/proc/self/stat"))("treats a lock whose PID now belongs to a different process as stale", () => {
    delete process.env[LOCK_TOKEN_ENV];
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    // Our own PID, but started at another time: the holder is gone and the PID was reused (common in containers).
    fs.writeFileSync(lockFileFor(dir), JSON.stringify({ pid: process.pid, startTicks: "1", token: "gone", since: "2026-01-01T00:00:00Z" }));
    expect(() => lockDatabaseFolder(dir)).not.toThrow();
  });

  it("refuses a second npm start on the same data folder", async () => {
    const dataFolder = path.dirname(dir);
    const first = await holder(dir);
    expect(first.locked).toBe(true);
    const env: NodeJS.ProcessEnv = { ...process.env, SSI_DATA_DIR: dataFolder, PORT: "39999" };
    delete env[LOCK_TOKEN_ENV];
    delete env.DATABASE_URL;
    const second = spawn(tsx, [path.join(root, "scripts/start.ts")], { cwd: root, env });
    started.push(second);
    let output = "";
    second.stdout.on("data", (chunk) => (output += chunk));
    second.stderr.on("data", (chunk) => (output += chunk));
    const code = await new Promise((resolve) => second.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain(`npm start failed: The data folder ${dir} is in use by another portal process (PID ${first.child.pid}`);
  }, 60_000);
});
