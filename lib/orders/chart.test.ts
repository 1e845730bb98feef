// The chart's forecast figure: per party and month, the newest forecast covering the month is the one in force; the
// DCC sees every party's figures added up; a month no forecast covers has no figure.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetClock, setNow } from "@/lib/clock";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { storeForecast } from "@/lib/testing/order-fixtures";
import { forecastOrderChart } from "./chart";

beforeEach(async () => {
  await resetDatabase();
  setNow("2027-03-10T10:00:00Z"); // chart months: April 2026 to September 2027
});
afterEach(() => resetClock());

const point = (chart: Awaited<ReturnType<typeof forecastOrderChart>>, region: string, month: string) =>
  chart.regions.find((r) => r.region === region)!.points.find((p) => p.month === month)!;

describe("forecast vs ordered vs delivered chart: the forecast figure", () => {
  it("takes, per party and month, the newest forecast covering it; the DCC sees the parties' figures added up", async () => {
    const a = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const b = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const dcc = await makeActor(["DCC_ADMIN"], { isDcc: true });
    // October 2026's forecast covers April 2027 onwards; December 2026's covers June 2027 onwards and revises it.
    // A month split by HAN Variant counts its variants (10 + 10 for North, single and dual band, 10 per cell).
    await storeForecast({ partyId: a.partyId, submissionMonth: "2026-10", quantity: (c) => (c.region === "NORTH" ? 10 : 0), submittedAt: new Date("2026-10-05T10:00:00Z") });
    await storeForecast({ partyId: a.partyId, submissionMonth: "2026-12", quantity: (c) => (c.region === "NORTH" ? 30 : 0), submittedAt: new Date("2026-12-05T10:00:00Z") });
    await storeForecast({ partyId: b.partyId, submissionMonth: "2026-12", quantity: (c) => (c.region === "NORTH" ? 5 : 0), submittedAt: new Date("2026-12-05T10:00:00Z") });

    const own = await forecastOrderChart(a);
    expect(point(own, "NORTH", "2027-04").forecast).toBe(20); // only October's covers April
    expect(point(own, "NORTH", "2027-06").forecast).toBe(60); // December's is newer
    expect(point(own, "CENTRAL", "2027-06").forecast).toBe(0); // covered, forecast as zero
    expect(point(own, "NORTH", "2026-12").forecast).toBeNull(); // no forecast covers it

    const all = await forecastOrderChart(dcc);
    expect(point(all, "NORTH", "2027-04").forecast).toBe(20); // B's December forecast does not cover April
    expect(point(all, "NORTH", "2027-06").forecast).toBe(70);
    expect(all.max).toBe(70);
  });
});
