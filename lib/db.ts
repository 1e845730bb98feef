import { PrismaClient, type Prisma } from "@/generated/prisma/client";
import { openAdapter } from "./database-adapter";

export type Db = PrismaClient;
/** A client inside `db().$transaction(async (tx) => ...)`: what audit and outbox writers take. */
export type Tx = Prisma.TransactionClient;

const holder = globalThis as unknown as { ssiPrisma?: PrismaClient };

/**
 * The one Prisma client. Created lazily on first use: `next build` imports every route module and must not open
 * (or create) the embedded database.
 */
export function db(): PrismaClient {
  holder.ssiPrisma ??= new PrismaClient({ adapter: openAdapter().adapter });
  return holder.ssiPrisma;
}

/** Tests and scripts hand in their own client (a fresh in-memory PGlite per test file). */
export function setDatabase(client: PrismaClient) {
  holder.ssiPrisma = client;
}

/** Tables whose `number` is an autoincrement the reference (e.g. "ORD0000012") is built from. */
type NumberedTable = "ChOrder" | "ChForecast" | "ChConsignment" | "ChReturn" | "ChRma" | "Incident" | "Problem";

/** The next `number` of a table, taken before the insert so the row's reference is written with it. */
export async function nextNumber(tx: Tx | PrismaClient, table: NumberedTable): Promise<number> {
  const [{ number }] = await tx.$queryRawUnsafe<{ number: number }[]>(`SELECT nextval(pg_get_serial_sequence('"${table}"', 'number'))::int AS number`);
  return number;
}
