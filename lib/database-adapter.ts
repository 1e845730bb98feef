// The one place that decides which database the app, the Prisma CLI, scripts and tests talk to.
// No Next.js imports: prisma.config.ts and plain tsx scripts load it too.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { displayPath, lockDatabaseFolder } from "./database-lock";

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string | null } // null: in memory
  | { kind: "postgres"; url: string };

/** The data folder (PGlite files, the generated auth secret). `SSI_DATA_DIR` overrides `.data/`. */
export function dataFolder(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.SSI_DATA_DIR ?? ".data");
}

/**
 * DATABASE_URL unset -> PGlite in `<data folder>/pglite`; `pglite:memory` -> in-memory PGlite;
 * `file:<dir>` or `pglite:<dir>` -> PGlite in that folder; `postgres(ql)://` -> PostgreSQL.
 */
export function databaseTarget(url = process.env.DATABASE_URL): DatabaseTarget {
  if (!url) return { kind: "pglite", dataDir: path.join(dataFolder(), "pglite") };
  if (url === "pglite:memory" || url === "memory://") return { kind: "pglite", dataDir: null };
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return { kind: "postgres", url };
  const match = /^(?:file|pglite):(.+)$/.exec(url);
  if (match) return { kind: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), match[1]) };
  throw new Error(`DATABASE_URL must be postgres://..., file:<dir> or pglite:memory (got "${url}")`);
}

export function describeTarget(target = databaseTarget()): string {
  if (target.kind === "postgres") return `PostgreSQL ${new URL(target.url).host}${new URL(target.url).pathname}`;
  return target.dataDir ? `embedded PGlite in ${path.relative(process.cwd(), target.dataDir) || "."}` : "in-memory PGlite";
}

// adapter-pg 6.19 cannot deserialize the catalog types `name` (19) and `"char"` (18) that the WASM schema engine
// reads during migrate (prisma/orm#27403). Relabel them as text before the adapter sees them; values are strings.
const CATALOG_OID_AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

function relabelCatalogTypes(result: pg.QueryResult | undefined) {
  for (const field of result?.fields ?? []) {
    const replacement = CATALOG_OID_AS_TEXT[field.dataTypeID];
    if (replacement) field.dataTypeID = replacement;
  }
  return result;
}

class CatalogTypeShimClient extends pg.Client {
  // pg.Pool calls client.query(text, values, callback); direct callers use the promise form. Handle both.
  override query(...args: unknown[]): never {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: Error | null, res: pg.QueryResult) => last(err, relabelCatalogTypes(res));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) return result.then(relabelCatalogTypes) as never;
    return result as never;
  }
}

function postgresPoolConfig(url: string, forCli: boolean): pg.PoolConfig {
  const parsed = new URL(url);
  // Discrete fields, not connectionString: the adapter's shadow-database override only applies to `database`.
  return {
    host: decodeURIComponent(parsed.hostname) || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || process.env.PGUSER || "postgres",
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
    max: forCli ? 2 : Number(process.env.DATABASE_POOL_SIZE ?? 10),
    allowExitOnIdle: forCli,
    Client: CatalogTypeShimClient as unknown as typeof pg.Client,
  };
}

export interface OpenedAdapter {
  adapter: PrismaPg | PrismaPGlite;
  target: DatabaseTarget;
  /** The PGlite instance when the target is embedded (tests use it to dump/restore data dirs). */
  pglite?: PGlite;
  /** Resolves once the database can be queried; rejects with what is wrong with an embedded folder and what to do. */
  ready(): Promise<void>;
}

/** The folder must be a folder we may write (and so must its parent, which holds the lock file). */
function checkWritable(dataDir: string) {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    // access() also answers EROFS for root on a read-only file system, where permission bits do not stop root.
    fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK);
    fs.accessSync(path.dirname(dataDir), fs.constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(
      `The data folder ${displayPath(dataDir)} cannot be written (${reason}). The portal keeps its embedded database there: ` +
        `make the folder (and the one it is in) a writable folder of the user running the portal, or point ` +
        `SSI_DATA_DIR (or DATABASE_URL=file:<folder>) at another folder, and start again.`,
    );
  }
}

/**
 * Check an embedded database folder can be written and lock it for this process and those it starts: PGlite is
 * single-process, and a second process on the same folder would silently keep a database of its own.
 */
export function claimDataDir(dataDir: string) {
  checkWritable(dataDir);
  lockDatabaseFolder(dataDir);
}

/** PGlite reports a folder it cannot open as "RuntimeError: unreachable" or a bare exit status: say which folder and what to do. */
function explainOpenError(dataDir: string, error: unknown): Error {
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new Error(
    `The embedded database in ${displayPath(dataDir)} could not be opened (${cause}): its files are damaged, unreadable ` +
      `by this user, or from another PGlite version. If you keep data there, check that the folder belongs to this ` +
      `user with permissions 0700 (PostgreSQL refuses others). Otherwise move it aside (mv ${displayPath(dataDir)} ` +
      `${displayPath(dataDir)}.damaged) and start again to create a fresh demo database.`,
    { cause: error },
  );
}

/**
 * Build the driver adapter for a target. `forCli` makes it let the process exit when idle: the Prisma CLI
 * never disposes its adapter, so without this every migrate command lingers.
 */
export function openAdapter(target = databaseTarget(), opts: { forCli?: boolean; pglite?: PGlite } = {}): OpenedAdapter {
  if (opts.forCli) letCliExitWhenIdle();
  if (target.kind === "postgres") {
    return { adapter: new PrismaPg(postgresPoolConfig(target.url, !!opts.forCli)), target, ready: async () => undefined };
  }
  const dataDir = opts.pglite ? null : target.dataDir;
  if (dataDir) claimDataDir(dataDir);
  const pglite = opts.pglite ?? (dataDir ? new PGlite(dataDir) : new PGlite());
  const ready = () => pglite.waitReady.catch((error: unknown) => Promise.reject(dataDir ? explainOpenError(dataDir, error) : error));
  if (opts.forCli) {
    // Close PGlite cleanly so its data dir is never left half-written (a reopened unclean dir is slow to recover).
    process.once("beforeExit", () => void pglite.close().catch(() => undefined));
  }
  return { adapter: new PrismaPGlite(pglite), target, pglite, ready };
}

let cliTimersPatched = false;
/** The Prisma CLI keeps long timers alive after its work is done (about 10 s); let them not hold the process. */
function letCliExitWhenIdle() {
  if (cliTimersPatched) return;
  cliTimersPatched = true;
  const original = globalThis.setTimeout;
  const patched = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const timer = original(handler as () => void, delay, ...args);
    if ((delay ?? 0) >= 1000) (timer as unknown as NodeJS.Timeout).unref?.();
    return timer;
  }) as typeof setTimeout;
  globalThis.setTimeout = Object.assign(patched, original);
}
