// The id of the HTTP request, server action or job run in progress, so that the audit rows one of them writes can be
// read together. Set at the session choke point (lib/auth/session.ts) and by the job runner; read by `audit()`.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

const current = new AsyncLocalStorage<string>();

/** A proxy's or client's id is kept when it is a plain token (UUIDs and the usual tracing ids), else replaced. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The incoming `x-request-id` header when valid, else a fresh UUID. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && VALID_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Runs `work` (and everything it awaits) under the request id `id`. */
export function withRequestId<T>(id: string, work: () => T): T {
  return current.run(id, work);
}

/** The request id in force, or null outside any request (seeding, scripts). */
export function currentRequestId(): string | null {
  return current.getStore() ?? null;
}
