import { beforeEach, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit-trail/read-audit-events";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { dataError, toActionError } from "@/lib/errors";
import { raiseIncident } from "@/lib/incidents/raise-incident";
import { importRegistrationFile } from "@/lib/registration/import-registration-file";
import { REGISTRATION_COLUMNS } from "@/lib/registration/schemas";
import { submitOrder } from "@/lib/orders/orders";
import { requestRma } from "@/lib/returns/rma";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { raiseInput, refusal } from "@/lib/testing/incident-fixtures";
import { line, makeDeliveryLocation, orderInput } from "@/lib/testing/order-fixtures";
import { makeOmsActor, makeReturnRow, makeReturnableChf, rmaInput } from "@/lib/testing/return-fixtures";
import { isoDate, isoDateTime, isoMonth, optionalText, pageNumber, requiredText, units } from "./validation";

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe("shared input building blocks", () => {
  it("refuses impossible calendar dates instead of rolling them over (2026-02-31 is not 3 March)", () => {
    expect(isoDate().safeParse("2026-02-31").success).toBe(false);
    expect(isoDate().safeParse("2026-13-45").success).toBe(false);
    expect(isoDate().safeParse("2025-02-29").success).toBe(false);
    expect(isoDate().parse("2024-02-29")).toBe("2024-02-29");
    expect(messageOf(isoDateTime("Occurred").safeParse("2026-02-31T10:00:00Z"))).toBe("Occurred is not a valid date and time.");
    expect(isoDateTime("Occurred").parse("2026-02-28T10:00:00+01:00").toISOString()).toBe("2026-02-28T09:00:00.000Z");
    expect(isoMonth().safeParse("2026-13").success).toBe(false);
  });

  it("refuses a NUL byte and other control characters, keeping line breaks in multi-line fields", () => {
    expect(messageOf(requiredText("Summary", 200).safeParse("Hub offline\u0000"))).toBe("Summary contains characters that are not allowed.");
    expect(requiredText("Summary", 200).safeParse("two\nlines").success).toBe(false);
    expect(requiredText("Note", 200, { multiline: true }).parse("two\nlines\tand a tab")).toBe("two\nlines\tand a tab");
    expect(requiredText("Note", 200, { multiline: true }).safeParse("bell\u0007").success).toBe(false);
  });

  it("bounds text length and quantities far inside PostgreSQL's integer", () => {
    expect(messageOf(requiredText("Contact name", 120).safeParse("x".repeat(1_000_000)))).toBe("Contact name: at most 120 characters.");
    expect(optionalText("Note", 10).parse("  ")).toBeUndefined();
    expect(messageOf(units("Quantity").safeParse("3000000000"))).toBe("Quantity must be at most 1,000,000.");
    expect(units().safeParse("1.5").success).toBe(false);
  });

  it("turns a page number that is not a page into the first page", () => {
    for (const page of ["0", "-3", "abc", "1e9", undefined]) expect(pageNumber().parse(page)).toBe(1);
    expect(pageNumber().parse("4")).toBe(4);
  });
});

describe("a list page's bad query string", () => {
  beforeEach(resetDatabase);

  it("/audit?page=0 and /audit?from=2026-13-45 list the entries with a message instead of failing", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await db().auditEvent.create({ data: { action: "party.create", entityType: "Party", entityId: "p1", at: new Date("2026-11-24T09:00:00Z") } });

    const zeroPage = await listAuditEvents(admin, { page: "0" });
    expect(zeroPage).toMatchObject({ page: 1, count: 1, problems: [] });

    const badDate = await listAuditEvents(admin, { from: "2026-13-45", to: "2026-02-31" });
    expect(badDate.count).toBe(1);
    expect(badDate.problems).toEqual([
      "The From date is not a real date: give it as YYYY-MM-DD, e.g. 2026-11-24. The filter was ignored.",
      "The To date is not a real date: give it as YYYY-MM-DD, e.g. 2026-11-24. The filter was ignored.",
    ]);
  });
});

describe("values the database refuses", () => {
  beforeEach(resetDatabase);

  it("a NUL byte or an out-of-range number that reaches PostgreSQL becomes a clear INVALID, on either backend", async () => {
    const nul = await makeParty({ name: "Bright\u0000water" }).catch((error: unknown) => error);
    expect(dataError(nul)).toMatchObject({ code: "INVALID", message: expect.stringContaining("NUL byte") });
    const tooLarge = await db()
      .account.updateMany({ data: { failedSignInCount: 3_000_000_000 } })
      .catch((error: unknown) => error);
    expect(dataError(tooLarge)).toMatchObject({ code: "INVALID", message: expect.stringContaining("too large") });
    expect(dataError(new Error("something else"))).toBeNull();
    // Server actions turn it into the form's message rather than the error page.
    expect(toActionError(nul)).toMatchObject({ ok: false, message: expect.stringContaining("NUL byte") });
  });
});

describe("bad input to the forms is refused with a clear message, and nothing is stored", () => {
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
  });

  it("a NUL byte in an incident's summary", async () => {
    setNow(new Date("2026-11-24T09:00:00Z"));
    const raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const error = await refusal(raiseIncident(raiser, raiseInput({ summary: "Hub offline\u0000" })));
    expect(error).toMatchObject({ code: "INVALID", fieldErrors: { summary: "Summary contains characters that are not allowed." } });
    expect(await db().incident.count()).toBe(0);
  });

  it("a date and time of occurrence on 31 February is refused, not moved to 3 March", async () => {
    setNow(new Date("2026-11-24T09:00:00Z"));
    const raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const error = await refusal(raiseIncident(raiser, raiseInput({ occurredAt: "2026-02-31T10:00:00Z" })));
    expect(error.fieldErrors).toEqual({ occurredAt: "Date and time of occurrence is not a valid date and time." });
    expect(await db().incident.count()).toBe(0);
  });

  it("an RMA contact name with a NUL byte, or of 1 MB", async () => {
    setNow(new Date("2027-05-10T08:00:00Z"));
    const party = await makeOmsActor();
    const { chf } = await makeReturnableChf({ heldBy: party.partyId, status: "COMMISSIONED" });
    const record = await makeReturnRow(party.partyId, chf.id);
    const nul = await refusal(requestRma(party, rmaInput([record.deviceId], "2027-05-17", { contactName: "Stores\u0000Manager" })));
    expect(nul).toMatchObject({ code: "INVALID", fieldErrors: { contactName: "The contact name contains characters that are not allowed." } });
    const huge = await refusal(requestRma(party, rmaInput([record.deviceId], "2027-05-17", { contactName: "x".repeat(1024 * 1024) })));
    expect(huge).toMatchObject({ code: "INVALID", fieldErrors: { contactName: "The contact name: at most 120 characters." } });
    const badDate = await refusal(requestRma(party, rmaInput([record.deviceId], "2027-02-31")));
    expect(badDate.fieldErrors).toEqual({ preferredReturnDate: "Give the preferred Return Date as YYYY-MM-DD." });
    expect(await db().chRma.count()).toBe(0);
    // The same request with a real name goes through.
    expect((await requestRma(party, rmaInput([record.deviceId], "2027-05-17"))).contactName).toBe("Stores Manager");
  });

  it("a Registration Data file with a NUL byte in an address", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const content = `${REGISTRATION_COLUMNS.join(",")}\n1400123456786,2026-11-01,AA,BB,,14 Larkspur\u0000Road,Coventry,CV4 8DE,\n`;
    const error = await refusal(importRegistrationFile(admin, { fileName: "update.csv", fileType: "UPDATE", content }));
    expect(error).toMatchObject({ code: "INVALID", fieldErrors: { content: "The file contains control characters (such as NUL bytes): save it as a UTF-8 CSV text file." } });
    expect(await db().registrationImport.count()).toBe(0);
  });

  it("a CH order for 3,000,000,000 hubs, or for 31 June", async () => {
    setNow(new Date("2027-01-12T09:00:00Z"));
    const orderer = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const depot = (await makeDeliveryLocation(orderer.partyId)).id;
    const huge = await refusal(submitOrder(orderer, orderInput("NORTH", [line(depot, "CH-N-SB", 3_000_000_000, "2027-06-15")])));
    expect(huge).toMatchObject({ code: "INVALID", fieldErrors: { "lines.0.quantity": "Quantities must be at most 1,000,000." } });
    const impossible = await refusal(submitOrder(orderer, orderInput("NORTH", [line(depot, "CH-N-SB", 10, "2027-06-31")])));
    expect(impossible).toMatchObject({ code: "INVALID", fieldErrors: { "lines.0.preferredDate": "Give a preferred delivery date as YYYY-MM-DD." } });
    expect(await db().chOrder.count()).toBe(0);
  });
});
