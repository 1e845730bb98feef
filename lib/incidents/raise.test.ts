import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { raiseInput, refusal } from "@/lib/testing/incident-fixtures";
import { makeDevice, makeMeterPoint, newDeviceId, newMpan, newMprn } from "@/lib/testing/smi-fixtures";
import { SERVICE_DESK_PHONE } from "./categories";
import { raiseIncident, recordPhonedIncident } from "./raise-incident";

// Tuesday 24 November 2026, 09:00 GMT (London = UTC in winter).
const NOW = new Date("2026-11-24T09:00:00Z");

const nothingWritten = async () => {
  expect(await db().incident.count()).toBe(0);
  expect(await db().incidentEvent.count()).toBe(0);
  expect(await db().auditEvent.count({ where: { entityType: "Incident" } })).toBe(0);
  expect(await db().outboxEmail.count()).toBe(0);
};

describe("raising an incident in the SSI (AG 2.3.1, Table 16)", () => {
  let raiser: Actor;
  let desk: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
  });

  it("refuses a date and time of occurrence in the future, writing nothing", async () => {
    const error = await refusal(raiseIncident(raiser, raiseInput({ occurredAt: "2026-11-24T10:00:00Z" })));
    expect(error).toMatchObject({ code: "INVALID", fieldErrors: { occurredAt: "Give a time that has passed." } });
    await nothingWritten();
  });

  it("scenario 25: a Cat 3 incident is logged with response due +45 min and resolution due +72 h, an event, an audit row and an email", async () => {
    const incident = await raiseIncident(raiser, raiseInput({ category: 3, ownReference: "OURS-17" }));
    expect(incident.ref).toMatch(/^INC\d{7}$/);
    expect(incident.ref).toBe(`INC${String(incident.number).padStart(7, "0")}`);
    expect(incident).toMatchObject({
      category: 3,
      status: "NEW",
      channel: "SSI",
      raisedByPartyId: raiser.partyId,
      raisedById: raiser.accountId,
      ownReference: "OURS-17",
      createdAt: NOW,
      responseDueAt: new Date("2026-11-24T09:45:00Z"),
      resolutionDueAt: new Date("2026-11-27T09:00:00Z"),
      respondedAt: null,
      resolvedAt: null,
    });
    expect(await db().incidentEvent.findMany({ where: { incidentId: incident.id } })).toMatchObject([
      { kind: "raised", actorId: raiser.accountId, at: NOW, text: expect.stringContaining("Category 3") },
    ]);
    expect(await db().auditEvent.findMany({ where: { entityType: "Incident" } })).toMatchObject([
      { action: "incident.raise", entityId: incident.ref, partyId: raiser.partyId, actorId: raiser.accountId },
    ]);
    expect(await db().outboxEmail.findMany()).toMatchObject([
      { eventType: "incident.raised", toAddress: raiser.email, toAccountId: raiser.accountId, partyId: raiser.partyId, subject: expect.stringContaining(incident.ref) },
    ]);
  });

  it("numbers incidents in sequence: the second raised gets the next reference", async () => {
    const first = await raiseIncident(raiser, raiseInput());
    const second = await raiseIncident(raiser, raiseInput({ category: 4 }));
    expect(second.number).toBe(first.number + 1);
    expect(second.ref).toBe(`INC${String(first.number + 1).padStart(7, "0")}`);
  });

  it("stores an MPxN and a Device ID that are in the SMI in canonical form", async () => {
    const point = await makeMeterPoint();
    const device = await makeDevice({ deviceType: "ESME", mpxn: point.mpxn });
    const incident = await raiseIncident(raiser, raiseInput({ mpxn: ` ${point.mpxn} `, deviceId: formatEui64(device.id).toLowerCase() }));
    expect(incident).toMatchObject({ mpxn: point.mpxn, deviceId: device.id });
  });

  describe("scenario 26: every missing or malformed field is refused per field and nothing is written", () => {
    it.each([
      ["summary", "", "Summary is required."],
      ["summary", "   ", "Summary is required."],
      ["summary", undefined, "Summary is required."],
      ["businessImpact", "", "Business impact is required."],
      ["businessImpact", undefined, "Business impact is required."],
      ["occurredAt", "", "Date and time of occurrence is required."],
      ["occurredAt", undefined, "Date and time of occurrence is required."],
      ["occurredAt", "last Tuesday-ish", "Date and time of occurrence is not a valid date and time."],
      ["contactName", "", "Contact name is required."],
      ["contactOrganisation", undefined, "Contact organisation is required."],
      ["contactDetails", " ", "Contact details is required."],
      ["triageResults", "", "Results of initial triage and diagnosis is required."],
      ["mpxn", "12345", "Enter a valid MPAN (13 digits) or MPRN (6-10 digits)."],
      ["mpxn", "1234567890120", "Enter a valid MPAN (13 digits) or MPRN (6-10 digits)."],
      ["deviceId", "00-DB-12-34-56-78-90", "Enter a 16-digit hexadecimal Device ID."],
      ["deviceId", "00DB1234567890AG", "Enter a 16-digit hexadecimal Device ID."],
      ["category", "", "Choose a category."],
      ["category", 6, "Choose a category."],
    ] as const)("%s = %j: %s", async (field, value, message) => {
      const input = raiseInput({ [field]: value });
      if (value === undefined) delete (input as Record<string, unknown>)[field];
      const error = await refusal(raiseIncident(raiser, input));
      expect(error.code).toBe("INVALID");
      expect(error.fieldErrors[field]).toBe(message);
      await nothingWritten();
    });

    it("reports every missing mandatory field at once", async () => {
      const error = await refusal(raiseIncident(raiser, raiseInput({ summary: "", businessImpact: "", occurredAt: "" })));
      expect(error.fieldErrors).toEqual({
        summary: "Summary is required.",
        businessImpact: "Business impact is required.",
        occurredAt: "Date and time of occurrence is required.",
      });
      await nothingWritten();
    });

    it("refuses a well-formed MPAN that is not a Metering Point in the Registration Data", async () => {
      const mpan = newMpan();
      const error = await refusal(raiseIncident(raiser, raiseInput({ mpxn: mpan })));
      expect(error).toMatchObject({ code: "INVALID", message: expect.stringContaining(mpan), fieldErrors: { mpxn: "No Metering Point has this MPxN." } });
      await nothingWritten();
    });

    it("refuses a well-formed MPRN that is not in the Registration Data, even with a known device", async () => {
      const device = await makeDevice({ deviceType: "GSME" });
      const error = await refusal(raiseIncident(raiser, raiseInput({ mpxn: newMprn(), deviceId: device.id })));
      expect(error.fieldErrors).toEqual({ mpxn: "No Metering Point has this MPxN." });
      await nothingWritten();
    });

    it("refuses a well-formed Device ID that is not in the SMI", async () => {
      const point = await makeMeterPoint();
      const deviceId = newDeviceId();
      const error = await refusal(raiseIncident(raiser, raiseInput({ mpxn: point.mpxn, deviceId })));
      expect(error).toMatchObject({
        code: "INVALID",
        message: expect.stringContaining(formatEui64(deviceId)),
        fieldErrors: { deviceId: "This Device ID is not in the SMI." },
      });
      await nothingWritten();
    });
  });

  it("refuses a user without the party-user permission, and the Service Desk, in the portal form", async () => {
    const orderingOnly = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    expect(await refusal(raiseIncident(orderingOnly, raiseInput()))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(raiseIncident(desk, raiseInput()))).toMatchObject({ code: "FORBIDDEN" });
    await nothingWritten();
  });

  describe("scenario 28: Category 1 is phoned, not raised in the portal (AG 2.2.2)", () => {
    it("stops a Category 1 form and shows the Service Desk number, writing nothing", async () => {
      const error = await refusal(raiseIncident(raiser, raiseInput({ category: 1 })));
      expect(error.code).toBe("INVALID");
      expect(error.message).toContain(SERVICE_DESK_PHONE);
      expect(error.message).toMatch(/phone the Service Desk/i);
      expect(error.fieldErrors.category).toContain(SERVICE_DESK_PHONE);
      await nothingWritten();
    });

    it("the Service Desk records the phoned Category 1 incident for the party: channel PHONE, 10 min / 4 h targets", async () => {
      const incident = await recordPhonedIncident(desk, { ...raiseInput({ category: 1, summary: "All ESMEs in the North unreachable" }), partyId: raiser.partyId });
      expect(incident).toMatchObject({
        category: 1,
        channel: "PHONE",
        status: "NEW",
        raisedByPartyId: raiser.partyId,
        raisedById: null,
        responseDueAt: new Date("2026-11-24T09:10:00Z"),
        resolutionDueAt: new Date("2026-11-24T13:00:00Z"),
      });
      expect(await db().incidentEvent.findMany({ where: { incidentId: incident.id } })).toMatchObject([
        { kind: "raised", actorId: desk.accountId, text: expect.stringContaining("phone call (Category 1)") },
      ]);
      expect(await db().auditEvent.count({ where: { action: "incident.raise", entityId: incident.ref, actorId: desk.accountId } })).toBe(1);
    });

    it("only the Service Desk records a phoned incident, and only for a party outside the DCC", async () => {
      const input = { ...raiseInput({ category: 1 }), partyId: raiser.partyId };
      expect(await refusal(recordPhonedIncident(raiser, input))).toMatchObject({ code: "FORBIDDEN" });
      const dcc = await makeParty({ isDcc: true });
      expect(await refusal(recordPhonedIncident(desk, { ...input, partyId: dcc.id }))).toMatchObject({ code: "INVALID", fieldErrors: { partyId: "Choose a party." } });
      expect(await refusal(recordPhonedIncident(desk, { ...input, partyId: "no-such-party" }))).toMatchObject({ code: "INVALID" });
      expect(await refusal(recordPhonedIncident(desk, { ...input, summary: "" }))).toMatchObject({ fieldErrors: { summary: "Summary is required." } });
      await nothingWritten();
    });
  });
});
