import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { FORM_KEY_RETENTION_DAYS, oncePerForm, purgeFormSubmissions } from "./idempotency";

describe("create-form keys", () => {
  beforeEach(async () => {
    await resetDatabase();
    setNow("2026-11-24T09:00:00Z");
  });
  afterEach(() => resetClock());

  it("are forgotten after the retention period, not before", async () => {
    const actor = await makeActor(["PARTY_USER"]);
    const submit = (key: string, ref: string) =>
      db().$transaction((tx) => oncePerForm(tx, actor, { action: "incident.raise", key }, async () => ({ ref }), async (first) => ({ ref: first })));
    await submit("8d3c2a52-1f51-4a4c-9a55-0d6f3f1f0a01", "INC0000001");
    advanceClock(FORM_KEY_RETENTION_DAYS * 86_400_000 - 60_000);
    await submit("8d3c2a52-1f51-4a4c-9a55-0d6f3f1f0a02", "INC0000002");
    advanceClock(120_000);
    expect(await purgeFormSubmissions()).toEqual({ purged: 1 });
    expect((await db().formSubmission.findMany()).map((k) => k.resultRef)).toEqual(["INC0000002"]);
    // The kept key still returns its first record.
    expect(await submit("8d3c2a52-1f51-4a4c-9a55-0d6f3f1f0a02", "INC0000003")).toEqual({ ref: "INC0000002" });
  });
});
