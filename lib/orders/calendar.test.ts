import { describe, expect, it } from "vitest";
import { formatLondon, isBankHoliday, isWorkingDay } from "@/lib/clock";
import { deliveryMonthFor, forecastMonths, isPastDeadline, monthOf, orderingMonth, shiftMonth, submissionDeadline } from "./calendar";
import { forecastShape } from "./forecasts";

const london = (at: Date) => formatLondon(at, "EEE d MMM yyyy HH:mm:ss.SSS");
const day = (date: string) => new Date(`${date}T12:00:00Z`);

describe("OMS calendar: the monthly deadline is the end of the 5th Working Day before the month's last Working Day (F5.5, F5.14)", () => {
  it("November 2026: last Working Day Mon 30 Nov, so the deadline is the end of Mon 23 Nov (GMT)", () => {
    expect(isWorkingDay(day("2026-11-30"))).toBe(true);
    expect(london(submissionDeadline("2026-11"))).toBe("Mon 23 Nov 2026 23:59:59.999");
    expect(submissionDeadline("2026-11")).toEqual(new Date("2026-11-23T23:59:59.999Z"));
  });

  it("December 2026: last Working Day Thu 31 Dec; 25 and 28 Dec are bank holidays, so 5 Working Days back is Tue 22 Dec", () => {
    for (const date of ["2026-12-25", "2026-12-28"]) expect(isBankHoliday(day(date))).toBe(true);
    expect(isBankHoliday(day("2026-12-24"))).toBe(false);
    // Back from Thu 31 Dec: Wed 30 (1), Tue 29 (2), Thu 24 (3), Wed 23 (4), Tue 22 (5).
    expect(london(submissionDeadline("2026-12"))).toBe("Tue 22 Dec 2026 23:59:59.999");
  });

  it("a month ending on a weekend: Sat 31 Oct 2026 makes Fri 30 Oct the last Working Day; the deadline is the end of Fri 23 Oct in BST", () => {
    expect(isWorkingDay(day("2026-10-31"))).toBe(false);
    expect(london(submissionDeadline("2026-10"))).toBe("Fri 23 Oct 2026 23:59:59.999");
    expect(submissionDeadline("2026-10")).toEqual(new Date("2026-10-23T22:59:59.999Z"));
  });

  it("January 2027 ends on a Sunday: last Working Day Fri 29 Jan, deadline Fri 22 Jan", () => {
    expect(london(submissionDeadline("2027-01"))).toBe("Fri 22 Jan 2027 23:59:59.999");
  });

  it("May 2027: Mon 31 May is the Spring bank holiday, so the last Working Day is Fri 28 May and the deadline Fri 21 May", () => {
    expect(isBankHoliday(day("2027-05-31"))).toBe(true);
    expect(london(submissionDeadline("2027-05"))).toBe("Fri 21 May 2027 23:59:59.999");
    expect(submissionDeadline("2027-05")).toEqual(new Date("2027-05-21T22:59:59.999Z"));
  });

  it("March 2027: Good Friday 26 and Easter Monday 29 March are skipped, so the deadline is Mon 22 Mar", () => {
    for (const date of ["2027-03-26", "2027-03-29"]) expect(isBankHoliday(day(date))).toBe(true);
    // Back from Wed 31 Mar: Tue 30 (1), Thu 25 (2), Wed 24 (3), Tue 23 (4), Mon 22 (5).
    expect(london(submissionDeadline("2027-03"))).toBe("Mon 22 Mar 2027 23:59:59.999");
  });

  it("a forecast counts for this month up to 23:59:59 on the deadline day and for the next month from midnight; an order is then late", () => {
    expect(isPastDeadline(new Date("2026-11-23T23:59:59.999Z"))).toBe(false);
    expect(isPastDeadline(new Date("2026-11-24T00:00:00Z"))).toBe(true);
    expect(isPastDeadline(new Date("2026-11-30T23:59:00Z"))).toBe(true);
    expect(isPastDeadline(new Date("2026-12-01T00:00:00Z"))).toBe(false);
    expect(orderingMonth(new Date("2026-11-23T23:59:00Z"))).toBe("2026-11");
    expect(orderingMonth(new Date("2026-11-23T23:59:59.999Z"))).toBe("2026-11");
    expect(orderingMonth(new Date("2026-11-24T00:00:00Z"))).toBe("2026-12");
    // In BST the London midnight is 23:00 UTC the evening before.
    expect(orderingMonth(new Date("2026-10-23T22:59:00Z"))).toBe("2026-10");
    expect(orderingMonth(new Date("2026-10-23T23:00:00Z"))).toBe("2026-11");
    // After December's deadline the next month is in the next year.
    expect(orderingMonth(new Date("2026-12-23T09:00:00Z"))).toBe("2027-01");
  });

  it("months are London months: 00:30 BST on 1 June is June, although it is still 31 May in UTC", () => {
    expect(monthOf(new Date("2027-05-31T23:30:00Z"))).toBe("2027-06");
    expect(monthOf(new Date("2027-01-31T23:30:00Z"))).toBe("2027-01");
  });
});

describe("forecast horizon and Delivery Month (F5.3, F5.4, F5.8(b))", () => {
  it("a forecast submitted in January 2027 covers July 2027 to June 2029, 24 months", () => {
    const months = forecastMonths("2027-01");
    expect(months).toHaveLength(24);
    expect(months[0]).toBe("2027-07");
    expect(months.at(-1)).toBe("2029-06");
    expect(new Set(months).size).toBe(24);
  });

  it("the shape has a HAN Variant split per Region for the first 10 months and a Region total after: 10×3×2 + 14×3 cells", () => {
    const shape = forecastShape("2027-01");
    expect(shape).toHaveLength(10 * 3 * 2 + 14 * 3);
    const variantMonths = [...new Set(shape.filter((c) => c.hanVariant !== "").map((c) => c.month))];
    expect(variantMonths).toEqual(forecastMonths("2027-01").slice(0, 10));
    expect(variantMonths.at(-1)).toBe("2028-04");
    expect(shape.filter((c) => c.month === "2028-04").map((c) => `${c.region}/${c.hanVariant}`)).toEqual([
      "NORTH/SINGLE_BAND",
      "NORTH/DUAL_BAND",
      "CENTRAL/SINGLE_BAND",
      "CENTRAL/DUAL_BAND",
      "SOUTH/SINGLE_BAND",
      "SOUTH/DUAL_BAND",
    ]);
    expect(shape.filter((c) => c.month === "2028-05").map((c) => `${c.region}/${c.hanVariant}`)).toEqual(["NORTH/", "CENTRAL/", "SOUTH/"]);
    expect(shape.filter((c) => c.index === 11).every((c) => c.hanVariant === "")).toBe(true);
  });

  it("orders submitted in January are delivered in June; the year rolls over", () => {
    expect(deliveryMonthFor("2027-01")).toBe("2027-06");
    expect(deliveryMonthFor("2026-11")).toBe("2027-04");
    expect(deliveryMonthFor("2026-08")).toBe("2027-01");
  });

  it("shiftMonth moves across years both ways", () => {
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
    expect(shiftMonth("2027-06", -10)).toBe("2026-08");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2027-01", 29)).toBe("2029-06");
  });
});
