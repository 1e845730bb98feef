// Double-submitted returns forms (issue 10 §1): the return notification and the RMA request carry the form's key, so
// submitting the same rendered form twice, even at the same moment, records one return and requests one RMA.
import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { concurrently, times } from "@/lib/testing/concurrently";
import { resetDatabase } from "@/lib/testing/fixtures";
import { makeOmsActor, makeReturnableChf, notifyInput, rmaInput } from "@/lib/testing/return-fixtures";
import { notifyReturn } from "./returns";
import { requestRma } from "./rma";

describe("double-submitted returns forms", () => {
  let party: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2027-05-10T08:00:00Z");
    party = await makeOmsActor();
  });

  it("the return notification and the RMA request, each submitted twice at once, create one record each", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const notify = { ...notifyInput(chf.id), formKey: crypto.randomUUID() };
    const notified = await concurrently(times(2, () => notifyReturn(party, notify)));
    expect(notified.succeeded.map((r) => r.ref)).toEqual([notified.succeeded[0].ref, notified.succeeded[0].ref]);
    expect(await db().chReturn.count()).toBe(1);

    const request = { ...rmaInput([chf.id], "2027-05-17"), formKey: crypto.randomUUID() };
    const requested = await concurrently(times(2, () => requestRma(party, request)));
    expect(requested.succeeded.map((r) => r.ref)).toEqual([requested.succeeded[0].ref, requested.succeeded[0].ref]);
    expect(await db().chRma.count()).toBe(1);
    expect(await db().chReturn.findFirstOrThrow()).toMatchObject({ status: "RMA_REQUESTED", rmaId: requested.succeeded[0].id });
  });
});
