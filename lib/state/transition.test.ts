import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { makeIncidentRow, refusal } from "@/lib/testing/incident-fixtures";
import { ChangedMeanwhile, guardedUpdate } from "./transition";

describe("the guarded update every stateful record goes through", () => {
  let partyId: string;
  beforeEach(async () => {
    await resetDatabase();
    partyId = (await makeParty()).id;
  });

  it("writes when the record still holds the version and status read, bumping the version", async () => {
    const read = await makeIncidentRow({ raisedByPartyId: partyId, status: "NEW" });
    const written = await db().$transaction((tx) => guardedUpdate(tx, "incident", read.ref, read, { status: "ASSIGNED" }));
    expect(written).toMatchObject({ id: read.id, status: "ASSIGNED", version: read.version + 1 });
  });

  it("refuses, writing nothing, when the version or the status changed since the read", async () => {
    const read = await makeIncidentRow({ raisedByPartyId: partyId, status: "NEW" });
    await db().$transaction((tx) => guardedUpdate(tx, "incident", read.ref, read, { resolverGroup: "SM WAN" }));
    const stale = await refusal(db().$transaction((tx) => guardedUpdate(tx, "incident", read.ref, read, { resolverGroup: "Service Desk" })));
    expect(stale).toBeInstanceOf(ChangedMeanwhile);
    expect(stale).toMatchObject({ code: "CONFLICT", message: `${read.ref} changed meanwhile: reload and try again.` });
    // A writer that changes the status without the version (raw SQL elsewhere) is caught by the status.
    const fresh = await db().incident.findUniqueOrThrow({ where: { id: read.id } });
    await db().incident.update({ where: { id: read.id }, data: { status: "IN_PROGRESS" } });
    expect(await refusal(db().$transaction((tx) => guardedUpdate(tx, "incident", read.ref, fresh, { resolverGroup: "Service Desk" })))).toBeInstanceOf(ChangedMeanwhile);
    expect(await db().incident.findUniqueOrThrow({ where: { id: read.id } })).toMatchObject({ resolverGroup: "SM WAN", version: read.version + 1 });
  });
});
