import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { busyError, toActionError } from "@/lib/errors";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a transaction the database is too busy for", () => {
  it("tells the user to try again (BUSY, HTTP 503) instead of failing with a 500", async () => {
    // Past its timeout, as a transaction stuck behind a long one on a loaded server would be (Prisma P2028).
    const error = await db()
      .$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          await sleep(300);
          await tx.$queryRaw`SELECT 1`;
        },
        { timeout: 100 },
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(toActionError(error)).toEqual({ ok: false, message: "The portal is busy and your change was not saved. Try again in a moment.", fieldErrors: {} });
    expect(busyError(error)?.status).toBe(503);
  });
});
