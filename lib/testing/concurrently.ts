// Fires competing calls at the same moment, for the concurrency tests. On PostgreSQL each call's transaction runs on
// its own pooled connection, so they race; PGlite has one connection and runs them one after another, where the
// tests simply pass.
import { AppError } from "@/lib/errors";

export interface Race<T> {
  /** What the winners returned. */
  succeeded: T[];
  /** The refusals the losers read (AppError only: anything else is a bug and is rethrown). */
  refused: AppError[];
}

/** Starts every call before awaiting any, waits for all of them to settle, and sorts out winners and losers. */
export async function concurrently<T>(calls: (() => Promise<T>)[]): Promise<Race<T>> {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  const race: Race<T> = { succeeded: [], refused: [] };
  for (const result of settled) {
    if (result.status === "fulfilled") race.succeeded.push(result.value);
    else if (result.reason instanceof AppError) race.refused.push(result.reason);
    else throw result.reason;
  }
  return race;
}

/** The same call n times at once. */
export const times = <T>(n: number, call: () => Promise<T>) => Array.from({ length: n }, () => call);
