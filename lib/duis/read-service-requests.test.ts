import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { eventChain, listServiceRequests, listSilentRejects, readServiceRequest, serviceRequestsForExport, serviceRequestStatuses } from "./read-service-requests";

const NOW = new Date("2026-11-24T12:00:00Z");
const DEVICE = "00DB1234567890A0";
const OTHER_DEVICE = "00DB1234567890A1";
let counter = 0;

/** A stored request as the pipeline writes it (only what the trail reads). */
async function makeRequest(actor: Actor, data: Partial<Prisma.ServiceRequestUncheckedCreateInput> = {}) {
  counter++;
  return db().serviceRequest.create({
    data: {
      requestId: `90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:${counter}`,
      originatorEui: actor.partyEui64,
      targetEui: DEVICE,
      partyId: actor.partyId,
      accountId: actor.accountId,
      srv: "4.1.1",
      commandVariant: 1,
      kind: "NON_CRITICAL",
      status: "COMMAND_SENT",
      responseCode: "I99",
      deviceId: DEVICE,
      checks: [{ check: "verify", result: "pass" }],
      requestXml: "<sr:Request/>",
      receivedAt: new Date(NOW.getTime() - counter * 60_000),
      ...data,
    },
  });
}

describe("Service Request audit trail", () => {
  let supplier: Actor;
  let otherSupplier: Actor;
  let desk: Actor;
  let admin: Actor;

  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    supplier = await makeActor(["PARTY_USER"], { roles: ["IS", "GS"] });
    otherSupplier = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  });

  it("a party lists only its own requests; the DCC sees every party's and can filter by party", async () => {
    const own = await makeRequest(supplier);
    const theirs = await makeRequest(otherSupplier);

    const mine = await listServiceRequests(supplier, {});
    expect(mine.data.map((r) => r.id)).toEqual([own.id]);
    expect(mine).toMatchObject({ count: 1, page: 1, totalPages: 1 });
    // A party filter means nothing to a party: it still sees its own only.
    expect((await listServiceRequests(supplier, { party: otherSupplier.partyId })).data.map((r) => r.id)).toEqual([own.id]);

    expect((await listServiceRequests(desk, {})).data.map((r) => r.id).sort()).toEqual([own.id, theirs.id].sort());
    expect((await listServiceRequests(desk, { party: otherSupplier.partyId })).data.map((r) => r.id)).toEqual([theirs.id]);
  });

  it("filters by SRV, device (any EUI format), status, response code, kind and London date range", async () => {
    const read = await makeRequest(supplier);
    const other = await makeRequest(supplier, { srv: "7.4", deviceId: OTHER_DEVICE, targetEui: OTHER_DEVICE });
    const rejected = await makeRequest(supplier, { srv: "7.2", kind: "CRITICAL", commandVariant: 4, status: "REJECTED", responseCode: "E4" });
    const old = await makeRequest(supplier, { receivedAt: new Date("2026-11-01T10:00:00Z") });
    const ids = async (params: Record<string, string>) => (await listServiceRequests(supplier, params)).data.map((r) => r.id).sort();

    expect(await ids({ srv: "7.4" })).toEqual([other.id]);
    expect(await ids({ device: "00-db-12-34-56-78-90-a1" })).toEqual([other.id]);
    expect(await ids({ device: "00DB1234567890A1" })).toEqual([other.id]);
    expect(await ids({ status: "REJECTED" })).toEqual([rejected.id]);
    expect(await ids({ code: "e4" })).toEqual([rejected.id]);
    expect(await ids({ kind: "CRITICAL" })).toEqual([rejected.id]);
    expect(await ids({ from: "2026-11-01", to: "2026-11-01" })).toEqual([old.id]);
    expect(await ids({ from: "2026-11-24" })).toEqual([read.id, other.id, rejected.id].sort());
  });

  it("reports a filter it cannot read and ignores it", async () => {
    const own = await makeRequest(supplier);
    const page = await listServiceRequests(supplier, { device: "not-a-device", srv: "99.9", status: "LOST", from: "2026-02-31" });
    expect(page.data.map((r) => r.id)).toEqual([own.id]);
    expect(page.problems).toHaveLength(4);
    expect(page.problems.join(" ")).toContain("Device ID");
  });

  it("shows only the last 3 months, even before the purge job has run", async () => {
    const recent = await makeRequest(supplier, { receivedAt: new Date("2026-08-25T00:00:00Z") });
    const expired = await makeRequest(supplier, { receivedAt: new Date("2026-08-23T23:59:00Z") });
    expect((await listServiceRequests(supplier, {})).data.map((r) => r.id)).toEqual([recent.id]);
    expect((await listServiceRequests(desk, {})).data.map((r) => r.id)).toEqual([recent.id]);
    await expect(readServiceRequest(supplier, expired.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await serviceRequestStatuses(supplier, [recent.id, expired.id])).toEqual([{ id: recent.id, status: "COMMAND_SENT", responseCode: "I99" }]);
  });

  it("another party's request is NOT_FOUND, like one that does not exist; the DCC's staff read it", async () => {
    const theirs = await makeRequest(otherSupplier);
    await expect(readServiceRequest(supplier, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readServiceRequest(supplier, "no-such-request")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await readServiceRequest(desk, theirs.id)).id).toBe(theirs.id);
    expect((await readServiceRequest(admin, theirs.id)).id).toBe(theirs.id);
    // Live statuses are scoped the same way.
    expect(await serviceRequestStatuses(supplier, [theirs.id])).toEqual([]);
  });

  it("refuses an account without the view permission", async () => {
    const ordering = await makeActor(["CH_ORDERING"]);
    await expect(listServiceRequests(ordering, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listSilentRejects(supplier, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listSilentRejects(desk, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("builds the event chain of a Critical request: checks, Pre-Command, Signed Pre-Command and its checks, command, response, alert", async () => {
    const spcAt = new Date(NOW.getTime() + 30_000);
    const sr = await makeRequest(supplier, {
      srv: "7.2",
      kind: "CRITICAL",
      commandVariant: 4,
      status: "RESPONDED",
      responseCode: "I0",
      receivedAt: NOW,
      preCommandPayload: Buffer.from("payload").toString("base64"),
      spcReceivedAt: spcAt,
      commandSentAt: spcAt,
      respondedAt: new Date(spcAt.getTime() + 5_000),
      checks: [
        { check: "verify", result: "pass" },
        { check: "sr-specific", result: "skip", reason: "No SR-specific rule applies." },
        { check: "verify", result: "pass", stage: "SPC" },
        { check: "pre-command", result: "pass", stage: "SPC" },
      ],
    });
    await db().duisMessage.createMany({
      data: [
        { partyId: supplier.partyId, serviceRequestId: sr.id, requestId: sr.requestId, kind: "DEVICE_ALERT", code: "8F66", xml: "<a/>", createdAt: new Date(spcAt.getTime() + 9_000) },
        { partyId: supplier.partyId, serviceRequestId: sr.id, requestId: sr.requestId, kind: "SERVICE_RESPONSE", code: "I0", xml: "<r/>", createdAt: new Date(spcAt.getTime() + 5_000) },
      ],
    });

    const detail = await readServiceRequest(supplier, sr.id);
    expect(detail.messages.map((m) => m.kind)).toEqual(["SERVICE_RESPONSE", "DEVICE_ALERT"]);
    expect(detail.events.map((e) => [e.kind, e.result ?? e.code ?? null])).toEqual([
      ["received", null],
      ["check", "pass"],
      ["check", "skip"],
      ["pre-command", null],
      ["spc-received", null],
      ["check", "pass"],
      ["check", "pass"],
      ["command-sent", null],
      ["service-response", "I0"],
      ["device-alert", "8F66"],
    ]);
    expect(detail.events[2].detail).toBe("No SR-specific rule applies.");
    expect(detail.events[6].label).toBe("Signed Pre-Command: Signed Pre-Command matches its Pre-Command");
  });

  it("a rejected request's chain ends at the failed check and its code", async () => {
    const sr = await makeRequest(supplier, {
      status: "REJECTED",
      responseCode: "E4",
      checks: [
        { check: "verify", result: "pass" },
        { check: "eligibility", result: "fail", code: "E4", reason: "Not registered." },
      ],
    });
    const events = eventChain({ ...sr, messages: [] });
    expect(events.map((e) => e.kind)).toEqual(["received", "check", "check", "rejected"]);
    expect(events[2]).toMatchObject({ result: "fail", code: "E4", detail: "Not registered." });
    expect(events[3].code).toBe("E4");
  });

  it("exports every matching row in batches through the same scope and filters", async () => {
    const own = await Promise.all(Array.from({ length: 5 }, () => makeRequest(supplier)));
    await makeRequest(otherSupplier);
    const batches: string[][] = [];
    for await (const batch of serviceRequestsForExport(supplier, { srv: "4.1.1", page: "3" }, 2)) batches.push(batch.map((r) => r.id));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batches.flat().sort()).toEqual(own.map((r) => r.id).sort());
  });

  it("lists recent silent rejects for the DCC admin", async () => {
    await db().silentReject.createMany({
      data: [
        { receivedAt: NOW, endpoint: "serviceS", reason: "The signature does not verify.", requestXml: "<x/>", requestId: crypto.randomUUID() },
        { receivedAt: new Date("2026-01-01T00:00:00Z"), endpoint: "serviceS", reason: "Old.", requestXml: "<x/>" },
      ],
    });
    const page = await listSilentRejects(admin, {});
    expect(page.data.map((r) => r.reason)).toEqual(["The signature does not verify."]);
  });
});
