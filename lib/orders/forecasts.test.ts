import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeAccount, makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { forecastGrid, storeForecast } from "@/lib/testing/order-fixtures";
import { forecastMonths } from "./calendar";
import { HAN_VARIANTS, REGIONS } from "./catalog";
import {
  deemFrom,
  deemMissingForecasts,
  forecastCsv,
  forecastShape,
  importForecast,
  listForecasts,
  MAX_FORECAST_ROWS,
  MAX_LISTED_PROBLEMS,
  parseForecastCsv,
  readForecast,
  submitForecast,
  type ForecastCell,
} from "./forecasts";

const key = (c: { month: string; region: string; hanVariant: string }) => `${c.month}|${c.region}|${c.hanVariant}`;
const asMap = (cells: ForecastCell[]) => new Map(cells.map((c) => [key(c), c.quantity]));

async function nothingWritten() {
  expect(await db().chForecast.count()).toBe(0);
  expect(await db().outboxEmail.count()).toBe(0);
  expect(await db().auditEvent.count({ where: { entityType: "ChForecast" } })).toBe(0);
}

describe("submitting a forecast (F5.2-F5.5, CHHSM 3.1)", () => {
  let orderer: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2027-01-12T09:00:00Z"); // Tuesday; January's deadline is the end of Fri 22 Jan
    orderer = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
  });

  it("a complete grid is stored with an FC reference, audited and emailed to every OMS account of the party, and only them", async () => {
    const returns = await makeAccount(orderer.partyId, ["CH_DELIVERY_RETURNS"]);
    const partyUser = await makeAccount(orderer.partyId, ["PARTY_USER"]);
    const disabled = await makeAccount(orderer.partyId, ["CH_ORDERING"]);
    await db().account.update({ where: { id: disabled.id }, data: { disabled: true } });
    const stranger = await makeActor(["CH_ORDERING"], { roles: ["IS"] });

    const grid = forecastGrid("2027-01", (c) => c.index * 10);
    const forecast = await submitForecast(orderer, { cells: grid });

    expect(forecast.ref).toMatch(/^FC\d{7}$/);
    expect(forecast).toMatchObject({ partyId: orderer.partyId, submissionMonth: "2027-01", deemed: false, submittedById: orderer.accountId });
    expect(forecast.submittedAt).toEqual(new Date("2027-01-12T09:00:00Z"));
    const lines = await db().chForecastLine.findMany({ where: { forecastId: forecast.id } });
    expect(lines).toHaveLength(102);
    expect(asMap(lines)).toEqual(asMap(grid));

    const audit = await db().auditEvent.findMany({ where: { entityType: "ChForecast" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "ch-forecast.submit", entityId: forecast.ref, partyId: orderer.partyId, actorId: orderer.accountId });

    const emails = await db().outboxEmail.findMany();
    expect(emails.map((e) => e.toAccountId).sort()).toEqual([orderer.accountId, returns.id].sort());
    expect(emails.map((e) => e.toAccountId)).not.toContain(partyUser.id);
    expect(emails.map((e) => e.toAccountId)).not.toContain(stranger.accountId);
    for (const email of emails) {
      expect(email.eventType).toBe("ch-forecast.received");
      expect(email.partyId).toBe(orderer.partyId);
      expect(email.body).toContain(forecast.ref);
      expect(email.body).toContain("12 Jan 2027");
    }
  });

  it("at 23:59 on the deadline day the forecast counts for this month; from midnight it counts for the next, whose horizon starts a month later", async () => {
    setNow("2027-01-22T23:59:00Z"); // Fri 22 Jan, 23:59 GMT
    const onTime = await submitForecast(orderer, { cells: forecastGrid("2027-01") });
    expect(onTime.submissionMonth).toBe("2027-01");

    setNow("2027-01-23T00:00:00Z");
    const late = await refusal(submitForecast(orderer, { cells: forecastGrid("2027-01") }));
    expect(late.code).toBe("INVALID");
    expect(late.message).toContain("it counts for 2027-02 and covers 2027-08 to 2029-07");
    const next = await submitForecast(orderer, { cells: forecastGrid("2027-02") });
    expect(next.submissionMonth).toBe("2027-02");
    expect(await db().chForecast.count()).toBe(2);
  });

  it("in BST the deadline is London midnight: 22:59 UTC on Fri 21 May 2027 is in time for May, 23:00 UTC is June's", async () => {
    setNow("2027-05-21T22:59:59Z");
    expect((await submitForecast(orderer, { cells: forecastGrid("2027-05") })).submissionMonth).toBe("2027-05");
    setNow("2027-05-21T23:00:00Z");
    expect((await submitForecast(orderer, { cells: forecastGrid("2027-06") })).submissionMonth).toBe("2027-06");
  });

  it("a missing cell is refused, naming it, and nothing is written", async () => {
    const grid = forecastGrid("2027-01").filter((c) => !(c.month === "2028-05" && c.region === "SOUTH"));
    expect(grid).toHaveLength(101);
    const error = await refusal(submitForecast(orderer, { cells: grid }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toContain("1 cells are missing, the first 2028-05 SOUTH total.");
    await nothingWritten();
  });

  it("a cell outside the horizon is refused as not in this forecast", async () => {
    const grid = [...forecastGrid("2027-01"), { month: "2029-07", region: "NORTH" as const, hanVariant: "", quantity: 5 }];
    const error = await refusal(submitForecast(orderer, { cells: grid }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toContain("row 103: 2029-07 NORTH total is not in this forecast: submitted now, it counts for 2027-01 and covers 2027-07 to 2029-06");
    await nothingWritten();
  });

  it("a cell given twice is refused", async () => {
    const grid = forecastGrid("2027-01");
    const error = await refusal(submitForecast(orderer, { cells: [...grid, { ...grid[0], quantity: 7 }] }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toContain("row 103: 2027-07 NORTH SINGLE_BAND is given twice.");
    await nothingWritten();
  });

  it("a negative or fractional quantity is refused", async () => {
    const negative = forecastGrid("2027-01").map((c, i) => (i === 4 ? { ...c, quantity: -5 } : c));
    const error = await refusal(submitForecast(orderer, { cells: negative }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toContain("row 5: A quantity cannot be negative.");

    const fractional = forecastGrid("2027-01").map((c, i) => (i === 0 ? { ...c, quantity: 1.5 } : c));
    expect((await refusal(submitForecast(orderer, { cells: fractional }))).message).toContain("row 1: A quantity is a whole number.");
    await nothingWritten();
  });

  it("a HAN Variant split in month 11 is refused (the split is for months 1-10 only), and so is a bare total in month 1 (scenario 18)", async () => {
    const split = forecastGrid("2027-01").flatMap((c) =>
      c.month === "2028-05" && c.region === "NORTH" ? HAN_VARIANTS.map((hanVariant) => ({ ...c, hanVariant, quantity: 50 })) : [c],
    );
    const error = await refusal(submitForecast(orderer, { cells: split }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toContain("2028-05 NORTH SINGLE_BAND is not in this forecast");
    expect(error.message).toContain("HAN Variants only in the first 10 months");
    expect(error.message).toContain("the first 2028-05 NORTH total");

    const unsplit = forecastGrid("2027-01").flatMap((c) =>
      c.month === "2027-07" && c.region === "CENTRAL" ? (c.hanVariant === "SINGLE_BAND" ? [{ ...c, hanVariant: "", quantity: 200 }] : []) : [c],
    );
    const second = await refusal(submitForecast(orderer, { cells: unsplit }));
    expect(second.message).toContain("2027-07 CENTRAL total is not in this forecast");
    expect(second.message).toContain("2 cells are missing, the first 2027-07 CENTRAL SINGLE_BAND.");
    await nothingWritten();
  });

  it("a grid for the wrong month (first month not M+6) is refused", async () => {
    const error = await refusal(submitForecast(orderer, { cells: forecastGrid("2026-12") }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toContain("2027-06 NORTH SINGLE_BAND is not in this forecast");
    await nothingWritten();
  });

  it("only CH_ORDERING accounts submit: a party user, a delivery-and-returns account and a DCC admin are FORBIDDEN", async () => {
    for (const actor of [
      await makeActor(["PARTY_USER"], { roles: ["IS"] }),
      await makeActor(["CH_DELIVERY_RETURNS"], { partyId: orderer.partyId }),
      await makeActor(["DCC_ADMIN"], { isDcc: true }),
    ]) {
      expect((await refusal(submitForecast(actor, { cells: forecastGrid("2027-01") }))).code).toBe("FORBIDDEN");
    }
    await nothingWritten();
  });

  it("CSV: forecastCsv then parseForecastCsv gives the grid back, and the parsed file is accepted", async () => {
    const grid = forecastGrid("2027-01", (c) => c.index * 3 + (c.hanVariant === "DUAL_BAND" ? 1 : 0));
    const csv = forecastCsv(grid);
    expect(csv.split("\n")[0]).toBe("month,region,han_variant,quantity");
    expect(csv.split("\n")[1]).toBe("2027-07,NORTH,SINGLE_BAND,3");
    expect(csv).toContain("\n2028-05,NORTH,,33\n");
    expect(parseForecastCsv(csv)).toEqual(grid);
    const forecast = await submitForecast(orderer, { cells: parseForecastCsv(csv) });
    expect(forecast.submissionMonth).toBe("2027-01");
  });

  describe("importing a forecast file", () => {
    /** A file as the server action receives it; `read` counts whether its contents were read at all. */
    const upload = (text: string, size = Buffer.byteLength(text)) => {
      const file = { size, read: 0, text: async () => (file.read++, text) };
      return file;
    };
    const badRows = (n: number) => `month,region,han_variant,quantity\n${"2030-01,NOWHERE,X,-1\n".repeat(n)}`;

    it("a file from an account that may not submit is refused before it is read", async () => {
      const file = upload(badRows(100_000));
      const partyUser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
      expect((await refusal(importForecast(partyUser, file))).code).toBe("FORBIDDEN");
      expect(file.read).toBe(0);
      await nothingWritten();
    });

    it("a file over the upload limit is refused with the limit, unread; no file at all is asked for", async () => {
      const file = upload("month,region,han_variant,quantity\n", 10 * 1024 * 1024 + 1);
      expect(await refusal(importForecast(orderer, file))).toMatchObject({ code: "INVALID", message: "The file is larger than the 10 MB limit." });
      expect(file.read).toBe(0);
      expect((await refusal(importForecast(orderer, null))).fieldErrors).toEqual({ file: "Choose a CSV file." });
      await nothingWritten();
    });

    it(`rows are read up to ${MAX_FORECAST_ROWS}: a longer file is refused as not a forecast`, async () => {
      const error = await refusal(importForecast(orderer, upload(badRows(MAX_FORECAST_ROWS + 1))));
      expect(error).toMatchObject({ code: "INVALID", fieldErrors: { file: "Too many rows." } });
      expect(error.message).toContain(`more than ${MAX_FORECAST_ROWS.toLocaleString("en-GB")} rows`);
      await nothingWritten();
    });

    it(`a file of bad rows gets the first ${MAX_LISTED_PROBLEMS} problems and a count of the rest, not one line per row`, async () => {
      const error = await refusal(importForecast(orderer, upload(badRows(MAX_FORECAST_ROWS))));
      expect(error.message).toMatch(new RegExp(`^The forecast has ${MAX_FORECAST_ROWS + 1} problem\\(s\\): row 1: `));
      const listed = error.fieldErrors.cells.split("\n");
      expect(listed).toHaveLength(MAX_LISTED_PROBLEMS + 1);
      expect(listed.at(-1)).toBe(`…and ${MAX_FORECAST_ROWS + 1 - MAX_LISTED_PROBLEMS} more.`);
      expect(error.fieldErrors.cells.length).toBeLessThan(10_000);
      await nothingWritten();
    });

    it("a good file is submitted", async () => {
      const forecast = await importForecast(orderer, upload(forecastCsv(forecastGrid("2027-01", (c) => c.index))));
      expect(forecast.submissionMonth).toBe("2027-01");
    });
  });

  it("CSV: lower-case codes, a byte order mark and blank lines are read; a wrong header is refused", () => {
    const csv = "\uFEFFmonth,region,han_variant,quantity\n2027-07,north,single_band,12\n\n2028-05,south,,40\n";
    expect(parseForecastCsv(csv)).toEqual([
      { month: "2027-07", region: "NORTH", hanVariant: "SINGLE_BAND", quantity: 12 },
      { month: "2028-05", region: "SOUTH", hanVariant: "", quantity: 40 },
    ]);
    for (const bad of ["month,region,variant,quantity\n2027-07,NORTH,SINGLE_BAND,1\n", "month,region,han_variant\n2027-07,NORTH,SINGLE_BAND\n", ""]) {
      let caught: unknown;
      try {
        parseForecastCsv(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: "INVALID", message: "The header must be: month,region,han_variant,quantity." });
    }
  });
});

describe("reading forecasts: each party sees its own (F5.22(b), scenario 19)", () => {
  it("readForecast of another party's forecast is NOT_FOUND; lines come back in display order; listForecasts is scoped; a DCC admin sees all", async () => {
    await resetDatabase();
    setNow("2027-01-12T09:00:00Z");
    const a = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const aReturns = await makeActor(["CH_DELIVERY_RETURNS"], { partyId: a.partyId });
    const b = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const partyUser = await makeActor(["PARTY_USER"], { partyId: a.partyId });
    const mine = await submitForecast(a, { cells: [...forecastGrid("2027-01")].reverse() });
    const theirs = await storeForecast({ partyId: b.partyId, submissionMonth: "2027-01" });

    const read = await readForecast(a, mine.ref.toLowerCase());
    expect(read.ref).toBe(mine.ref);
    expect(read.lines.map(key)).toEqual(forecastShape("2027-01").map(key));
    expect((await readForecast(aReturns, mine.ref)).ref).toBe(mine.ref);
    expect((await readForecast(admin, theirs.ref)).partyId).toBe(b.partyId);

    expect((await refusal(readForecast(a, theirs.ref))).code).toBe("NOT_FOUND");
    expect((await refusal(readForecast(b, mine.ref))).code).toBe("NOT_FOUND");
    expect((await refusal(readForecast(a, "FC9999999"))).code).toBe("NOT_FOUND");
    expect((await refusal(readForecast(partyUser, mine.ref))).code).toBe("FORBIDDEN"); // its own party's, but no OMS profile

    expect((await listForecasts(a)).map((f) => f.ref)).toEqual([mine.ref]);
    expect((await listForecasts(b)).map((f) => f.ref)).toEqual([theirs.ref]);
    expect((await listForecasts(admin)).map((f) => f.ref).sort()).toEqual([mine.ref, theirs.ref].sort());
    expect((await refusal(listForecasts(partyUser))).code).toBe("FORBIDDEN");
  });
});

describe("deemed forecasts (F5.6, scenario 17)", () => {
  // The previous forecast (submitted December 2026) covers 2027-06 .. 2029-05 with the split for 2027-06 .. 2028-03;
  // the deemed one (January 2027) covers 2027-07 .. 2029-06 with the split for 2027-07 .. 2028-04.
  const regionIndex = (region: string) => REGIONS.indexOf(region as (typeof REGIONS)[number]);
  const previousQuantity = (c: ReturnType<typeof forecastShape>[number]) => {
    if (c.month === "2028-03") {
      const split: Record<string, [number, number]> = { NORTH: [1, 2], CENTRAL: [0, 0], SOUTH: [30, 10] };
      return split[c.region][HAN_VARIANTS.indexOf(c.hanVariant as (typeof HAN_VARIANTS)[number])];
    }
    if (c.month === "2028-04") return { NORTH: 1000, CENTRAL: 50, SOUTH: 101 }[c.region];
    return c.hanVariant ? (c.index * 7 + regionIndex(c.region) * 3 + HAN_VARIANTS.indexOf(c.hanVariant as (typeof HAN_VARIANTS)[number])) * 10 : c.index * 100 + regionIndex(c.region);
  };
  const previous = { lines: forecastGrid("2026-12", previousQuantity) };
  const old = asMap(previous.lines);
  const deemed = deemFrom(previous, "2027-01");
  const got = asMap(deemed);

  it("has the next month's shape: 2027-07 .. 2029-06 with the split in the first 10 months", () => {
    expect(deemed.map(key)).toEqual(forecastShape("2027-01").map(key));
    // Exactly the fields of a forecast line (the shape's `index` is not one): deemed cells are stored as they are.
    for (const cell of deemed) expect(Object.keys(cell).sort()).toEqual(["hanVariant", "month", "quantity", "region"]);
  });

  it("months 1-9 keep the previous forecast's per-HAN-Variant figures for the same calendar month", () => {
    const cells = forecastShape("2027-01").filter((c) => c.index <= 9);
    expect(cells).toHaveLength(9 * 6);
    for (const c of cells) expect(got.get(key(c))).toBe(old.get(key(c)));
    expect(got.get("2027-07|NORTH|SINGLE_BAND")).toBe((2 * 7) * 10); // the previous forecast's month 2
  });

  it("months 11-23 keep the previous forecast's Region totals for the same calendar month; month 24 is zero", () => {
    for (const c of forecastShape("2027-01").filter((x) => x.index >= 11 && x.index <= 23)) expect(got.get(key(c))).toBe(old.get(key(c)));
    expect(got.get("2029-05|SOUTH|")).toBe(24 * 100 + 2);
    for (const region of REGIONS) expect(got.get(`2029-06|${region}|`)).toBe(0);
  });

  it("month 10 splits the previous total by month 9's HAN Variant proportions in whole CHs that add up to the total", () => {
    // NORTH: 1000 in 1:2 → 333.3 / 666.6 → 334 / 666 (the remainder to the first variant).
    expect([got.get("2028-04|NORTH|SINGLE_BAND"), got.get("2028-04|NORTH|DUAL_BAND")]).toEqual([334, 666]);
    // SOUTH: 101 in 3:1 → 75.75 / 25.25 → 76 / 25.
    expect([got.get("2028-04|SOUTH|SINGLE_BAND"), got.get("2028-04|SOUTH|DUAL_BAND")]).toEqual([76, 25]);
    // CENTRAL: month 9 had no CHs, so there are no proportions: the total stays whole on the first variant.
    expect([got.get("2028-04|CENTRAL|SINGLE_BAND"), got.get("2028-04|CENTRAL|DUAL_BAND")]).toEqual([50, 0]);
  });
});

describe("deemMissingForecasts: the job after each deadline (F5.6, CHHSM 3.1)", () => {
  it("does nothing before the deadline; after it deems only for parties with an earlier forecast and none this month; emails; idempotent; chains", async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-10-05T09:00:00Z");
    const a = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const aReturns = await makeAccount(a.partyId, ["CH_DELIVERY_RETURNS"]);
    await makeAccount(a.partyId, ["PARTY_USER"]);
    const b = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const c = await makeActor(["CH_ORDERING"], { roles: ["IS"] }); // never forecast
    const d = await makeActor(["CH_ORDERING"], { roles: ["IS"] }); // first forecast after November's deadline
    const aOctober = await storeForecast({ partyId: a.partyId, submissionMonth: "2026-10", quantity: (cell) => cell.index * 10, submittedById: a.accountId });
    await storeForecast({ partyId: b.partyId, submissionMonth: "2026-10", quantity: 5 });
    await storeForecast({ partyId: b.partyId, submissionMonth: "2026-11", quantity: 6, submittedAt: new Date("2026-11-10T10:00:00Z") });
    await storeForecast({ partyId: d.partyId, submissionMonth: "2026-12", quantity: 7, submittedAt: new Date("2026-11-24T10:00:00Z") });

    setNow("2026-11-23T23:59:59Z"); // the last second of November's window
    expect(await deemMissingForecasts()).toEqual({ deemed: 0 });
    expect(await db().chForecast.count()).toBe(4);
    expect(await db().outboxEmail.count()).toBe(0);

    setNow("2026-11-24T00:00:00Z");
    expect(await deemMissingForecasts()).toEqual({ deemed: 1 });
    const aNovember = await db().chForecast.findFirstOrThrow({ where: { partyId: a.partyId, submissionMonth: "2026-11" }, include: { lines: true } });
    expect(aNovember).toMatchObject({ deemed: true, submittedById: null });
    expect(aNovember.ref).toMatch(/^FC\d{7}$/);
    expect(aNovember.submittedAt).toEqual(new Date("2026-11-24T00:00:00Z"));
    expect(asMap(aNovember.lines)).toEqual(asMap(deemFrom(aOctober, "2026-11")));
    expect(aNovember.lines).toHaveLength(102);
    for (const party of [b, c, d]) expect(await db().chForecast.count({ where: { partyId: party.partyId, deemed: true } })).toBe(0);
    const emails = await db().outboxEmail.findMany();
    expect(emails.map((e) => e.toAccountId).sort()).toEqual([a.accountId, aReturns.id].sort());
    for (const email of emails) {
      expect(email.eventType).toBe("ch-forecast.deemed");
      expect(email.body).toContain(aNovember.ref);
      expect(email.body).toContain("24 Nov 2026");
    }
    expect(await db().auditEvent.count({ where: { action: "ch-forecast.deem", entityId: aNovember.ref, actorId: null } })).toBe(1);

    setNow("2026-11-25T09:00:00Z");
    expect(await deemMissingForecasts()).toEqual({ deemed: 0 });
    expect(await db().chForecast.count({ where: { partyId: a.partyId, submissionMonth: "2026-11" } })).toBe(1);
    expect(await db().outboxEmail.count()).toBe(2);

    // December's deadline (Tue 22 Dec) passes: A is deemed again from its deemed November forecast, B from its
    // submitted one; D forecast for December and C never forecast.
    setNow("2026-12-23T08:00:00Z");
    expect(await deemMissingForecasts()).toEqual({ deemed: 2 });
    const aDecember = await db().chForecast.findFirstOrThrow({ where: { partyId: a.partyId, submissionMonth: "2026-12" }, include: { lines: true } });
    expect(asMap(aDecember.lines)).toEqual(asMap(deemFrom(aNovember, "2026-12")));
    expect(await db().chForecast.count({ where: { partyId: b.partyId, submissionMonth: "2026-12", deemed: true } })).toBe(1);
    expect(await db().chForecast.count({ where: { partyId: d.partyId } })).toBe(1);
    expect(await db().chForecast.count({ where: { partyId: c.partyId } })).toBe(0);
    expect(forecastMonths("2026-12")[0]).toBe("2027-06");
  });
});
