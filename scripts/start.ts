// `npm start`: everything a fresh checkout needs, then the production server. No environment variables needed.
//   - generates the Prisma client and builds when needed
//   - applies migrations and seeds an empty database (embedded PGlite in .data/ unless DATABASE_URL is set)
//   - keeps its own auth secret in the data folder unless NEXTAUTH_SECRET is set
// `--dev` runs `next dev` instead of the production build.
import { spawn } from "node:child_process";
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { PERMISSION_NAMES } from "@/lib/auth/policy";
import { authSecret } from "@/lib/auth/secret";
import { databaseTarget, describeTarget } from "@/lib/database-adapter";
import { DEMO_PARTIES, demoAccountsFor, DEMO_PASSWORD } from "@/prisma/seed/parties";
import { claimEmbeddedDatabase, ensureBuild, ensurePrismaClient, migrate, root, seedIfEmpty, step } from "./tasks";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

/** Every demo login with its persona and party, then where the portal is: the last lines a terminal shows. */
function printBanner() {
  const logins = DEMO_PARTIES.flatMap((party) =>
    demoAccountsFor(party).map((a) => {
      const email = `${a.local}@${party.domain}`;
      const persona = a.permissions.map((p) => PERMISSION_NAMES[p]).join(", ");
      return `    ${email.padEnd(34)} ${persona.padEnd(31)} ${party.name}`;
    }),
  );
  console.log(
    [
      "",
      `  Demo logins (${logins.length}; password for all: ${DEMO_PASSWORD}):`,
      ...logins,
      "",
      process.env.SMTP_URL ? `  Emails are sent by SMTP to ${new URL(process.env.SMTP_URL).host}` : "  Emails go to the local mailbox (DCC admin: Email outbox); set SMTP_URL to send them",
      `  SSI portal ready at ${url}   (${describeTarget()})`,
      "",
    ].join("\n"),
  );
}

async function waitUntilServing(deadline = Date.now() + 60_000) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/login`);
      if (res.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Everything `npm start` does; scripts/e2e-server.ts reuses it against its own data folder and port. */
export async function startPortal() {
  claimEmbeddedDatabase();
  const env = { NEXTAUTH_SECRET: authSecret(), NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) };
  await ensurePrismaClient();
  await migrate();
  // The build never opens the database: seeding (one core, mostly the database's) and building overlap.
  await Promise.all([seedIfEmpty(), dev ? undefined : ensureBuild()]);

  const processes = databaseTarget().kind === "postgres" ? [...webServers(env), jobWorker(env)] : [nextServer(env)];
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => processes.forEach((p) => p.kill(signal)));
  // One process gone takes the others down: a portal without its web servers or its job worker is not running.
  void Promise.race(processes.map((p) => p.exited)).then(async (code) => {
    processes.forEach((p) => p.kill("SIGTERM"));
    await Promise.all(processes.map((p) => p.exited));
    process.exit(code);
  });
  if (await waitUntilServing()) printBanner();
}

interface PortalProcess {
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number>;
}

/**
 * V8's young generation sized for a server that renders pages: each page allocates megabytes, and with V8's default
 * semi-space the scavenger runs often. With 32 MB, one web process over 1,000,000 devices served `/smi?q=<MPAN>` at 143
 * requests/s, p95 94 ms (10 connections) instead of 124/s, p95 134 ms; a device page at 136/s instead of 113/s.
 */
const WEB_V8_FLAGS = ["--max-semi-space-size=32"];

/** `next start` (or `next dev`): on the embedded database the one process, holding the database and running the jobs. */
function nextServer(env: Record<string, string>): PortalProcess {
  step(`Starting ${dev ? "next dev" : "next start"} on port ${port}`);
  const server = spawn(path.join(root, "node_modules", ".bin", "next"), [dev ? "dev" : "start", "-p", String(port)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env, NODE_OPTIONS: [process.env.NODE_OPTIONS, ...WEB_V8_FLAGS].filter(Boolean).join(" ") },
  });
  return { kill: (signal) => server.kill(signal), exited: new Promise((resolve) => server.on("exit", (code) => resolve(code ?? 1))) };
}

/**
 * On PostgreSQL: WEB_CONCURRENCY web servers sharing the port through node:cluster. By default one per core less one
 * (at least one): the job worker and, usually, PostgreSQL itself share the machine. On 2 cores one web process answered
 * 600-790 signed DUIS requests/s at p95 38-43 ms where two answered 420-570/s at p95 54-64 ms (bigger group commits,
 * no two processes queueing on the same TAD counts), and served SMI pages as fast, at a lower p95.
 */
function webServers(env: Record<string, string>): PortalProcess[] {
  if (dev) return [nextServer(env)];
  const count = Number(process.env.WEB_CONCURRENCY ?? Math.max(1, os.availableParallelism() - 1));
  if (!Number.isInteger(count) || count < 1) throw new Error(`WEB_CONCURRENCY must be a whole number of processes (got "${process.env.WEB_CONCURRENCY}")`);
  step(`Starting ${count} web server process${count === 1 ? "" : "es"} on port ${port}`);
  // Forked with this process's Node options, so tsx runs scripts/web.ts as it runs this script.
  cluster.setupPrimary({ exec: path.join(__dirname, "web.ts"), execArgv: [...process.execArgv, ...WEB_V8_FLAGS] });
  return Array.from({ length: count }, () => {
    // As `next start` sets it: a custom Next.js server leaves NODE_ENV to its caller.
    const worker = cluster.fork({ ...env, NODE_ENV: "production" });
    return { kill: (signal) => worker.process.kill(signal), exited: new Promise((resolve) => worker.on("exit", (code) => resolve(code ?? 1))) };
  });
}

/** On PostgreSQL: one job worker (`npm run worker`; more can be started on their own). */
function jobWorker(env: Record<string, string>): PortalProcess {
  step("Starting the job worker");
  const worker = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(__dirname, "worker.ts")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return { kill: (signal) => worker.kill(signal), exited: new Promise((resolve) => worker.on("exit", (code) => resolve(code ?? 1))) };
}

if (require.main === module) {
  startPortal().catch((error) => {
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
