import { PrismaClient, type Prisma } from "@/generated/prisma/client";
import { openAdapter, type OpenedAdapter } from "./database-adapter";

export type Db = PrismaClient;
/** A client inside `db().$transaction(async (tx) => ...)`: what audit and outbox writers take. */
export type Tx = Prisma.TransactionClient;

/** Where the client points: the job queue (lib/jobs/queue.ts) runs on the same database, and on PGlite the same instance. */
export type DatabaseConnection = Pick<OpenedAdapter, "target" | "pglite">;

const holder = globalThis as unknown as { ssiPrisma?: PrismaClient; ssiConnection?: DatabaseConnection };

/**
 * Interactive transactions: maxWait is how long one may queue for a connection (on the embedded database, for its one
 * session, behind other transactions such as a Registration Data batch, well under a second), timeout how long it may run once
 * started. A request's transaction takes milliseconds; past these limits the database is overloaded and the user is
 * told to try again (busyError in lib/errors.ts, HTTP 503) instead of waiting on. Long jobs pass their own.
 */
export const TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 15_000 } as const;

/**
 * The one Prisma client. Created lazily on first use: `next build` imports every route module and must not open
 * (or create) the embedded database.
 */
export function db(): PrismaClient {
  if (!holder.ssiPrisma) {
    const opened = openAdapter();
    holder.ssiPrisma = new PrismaClient({ adapter: opened.adapter, transactionOptions: TRANSACTION_OPTIONS });
    holder.ssiConnection = { target: opened.target, pglite: opened.pglite };
  }
  return holder.ssiPrisma;
}

/** The database behind db(); undefined when a script handed in a client without saying where it points. */
export function databaseConnection(): DatabaseConnection | undefined {
  db();
  return holder.ssiConnection;
}

/** Tests and scripts hand in their own client (a fresh in-memory PGlite per test file), and where it points. */
export function setDatabase(client: PrismaClient, connection?: DatabaseConnection) {
  holder.ssiPrisma = client;
  holder.ssiConnection = connection;
}

/**
 * Runs `fn` in the caller's transaction when one is given (so that, e.g., the DUIS gateway stores a Service Request
 * and the SMI change it made together), otherwise in a transaction of its own.
 */
export function inTransaction<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db().$transaction(fn);
}

/** Tables whose `number` is an autoincrement the reference (e.g. "ORD0000012") is built from. */
type NumberedTable = "ChOrder" | "ChForecast" | "ChConsignment" | "ChReturn" | "ChRma" | "Incident" | "Problem";

/** The next `number` of a table, taken before the insert so the row's reference is written with it. */
export async function nextNumber(tx: Tx | PrismaClient, table: NumberedTable): Promise<number> {
  const [{ number }] = await tx.$queryRawUnsafe<{ number: number }[]>(`SELECT nextval(pg_get_serial_sequence('"${table}"', 'number'))::int AS number`);
  return number;
}
