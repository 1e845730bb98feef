// The one session choke point: every page, server action and route gets the signed-in actor from here.
import "server-only";
import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { NextRequest } from "next/server";
import { cache } from "react";
import { ZodError } from "zod";
import { AppError, busyError, dataError, toActionError, type ActionResult } from "@/lib/errors";
import { requestIdFrom, withRequestId } from "@/lib/request-id";
import { loadActor, type Actor } from "./actor";
import { authorize, type Action } from "./policy";
import { authSecret } from "./secret";

/**
 * The signed-in actor, or null. The account is re-read on every request (once per request via `cache`), so a
 * disabled account, changed permissions or an ended session (its session version) take effect at once rather than
 * when the JWT expires. The session cookie is only decoded: getServerSession would also re-encrypt it for a cookie a
 * page cannot set, a second key derivation and encryption on every request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const cookie = (await headers()).get("cookie");
  if (!cookie) return null;
  // The cookie alone: getToken would also take a token from an Authorization header, which the portal does not offer.
  const token = await getToken({ req: new NextRequest("http://portal.invalid/", { headers: { cookie } }), secret: authSecret() });
  return token?.accountId ? loadActor(token.accountId, { sessionVersion: token.sessionVersion }) : null;
});

/** Pages: the actor, or a redirect to /login; with an action, a 403 page when the actor may not perform it. */
export async function requireActor(action?: Action): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (action) {
    try {
      authorize(actor, action);
    } catch {
      forbidden();
    }
  }
  return actor;
}

/** Pages: run a lookup that may throw AppError and render Next's 404/403 pages for it. */
export async function orPageError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    // A value in the URL the database cannot hold (a NUL byte in a reference) names no record.
    if (dataError(error)) notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") redirect("/login");
    throw error;
  }
}

/**
 * Server actions: the actor (or UNAUTHENTICATED), then the work; AppError and zod errors become a form result
 * and nothing is applied.
 */
export async function withActor<T>(work: (actor: Actor) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  // The audit rows the action writes carry its request id (lib/request-id.ts).
  return withRequestId(requestIdFrom((await headers()).get("x-request-id")), async () => {
    try {
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
      return await work(actor);
    } catch (error) {
      return toActionError(error);
    }
  });
}

/** Route handlers: 401 without a session; AppError becomes its HTTP status with a JSON message. */
export function routeWithActor(handler: (actor: Actor, request: Request) => Promise<Response>) {
  return (request: Request): Promise<Response> => withRequestId(requestIdFrom(request.headers.get("x-request-id")), async () => {
    try {
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first.");
      return await handler(actor, request);
    } catch (error) {
      const appError = error instanceof ZodError ? AppError.fromZod(error) : (dataError(error) ?? busyError(error) ?? error);
      if (appError instanceof AppError) {
        return Response.json({ error: appError.code, message: appError.message, fieldErrors: appError.fieldErrors }, { status: appError.status });
      }
      throw error;
    }
  });
}
