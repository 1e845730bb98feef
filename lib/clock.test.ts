import { afterEach, describe, expect, it } from "vitest";
import { addWorkingDates, addWorkingDays, advanceClock, formatLondon, isWorkingDay, londonAt, now, resetClock, setNow, workingDaysBetween } from "./clock";

afterEach(resetClock);

describe("clock", () => {
  it("can be frozen and moved by tests", () => {
    setNow("2026-11-24T09:00:00Z");
    expect(now().toISOString()).toBe("2026-11-24T09:00:00.000Z");
    advanceClock(90 * 60_000);
    expect(now().toISOString()).toBe("2026-11-24T10:30:00.000Z");
  });

  it("shows times in Europe/London across the clock change", () => {
    expect(formatLondon("2026-07-01T12:00:00Z", "HH:mm")).toBe("13:00"); // BST
    expect(formatLondon("2026-12-01T12:00:00Z", "HH:mm")).toBe("12:00"); // GMT
    // 23:30 UTC on 31 March is already 1 April in London.
    expect(formatLondon("2026-03-31T23:30:00Z", "yyyy-MM-dd")).toBe("2026-04-01");
  });

  it("treats weekends and England and Wales bank holidays as non-working days", () => {
    expect(isWorkingDay(new Date("2026-11-24T12:00:00Z"))).toBe(true); // Tuesday
    expect(isWorkingDay(new Date("2026-11-28T12:00:00Z"))).toBe(false); // Saturday
    expect(isWorkingDay(new Date("2026-12-25T12:00:00Z"))).toBe(false); // Christmas Day
    expect(isWorkingDay(new Date("2026-12-28T12:00:00Z"))).toBe(false); // Boxing Day substitute
    expect(isWorkingDay(new Date("2026-08-31T12:00:00Z"))).toBe(false); // Summer bank holiday (England, not Scotland)
    expect(isWorkingDay(new Date("2026-03-15T12:00:00Z"))).toBe(false); // a Sunday (Mother's Day is an observance)
    expect(isWorkingDay(new Date("2026-03-16T12:00:00Z"))).toBe(true);
  });

  it("adds Working Days over weekends and the Christmas bank holidays", () => {
    // Thursday 24 Dec 2026 + 1 WD skips Christmas (Fri), the weekend and the Boxing Day substitute (Mon 28).
    expect(addWorkingDays(new Date("2026-12-24T10:00:00Z"), 1).toISOString()).toBe("2026-12-29T10:00:00.000Z");
    expect(addWorkingDays(new Date("2026-11-27T10:00:00Z"), 3).toISOString()).toBe("2026-12-02T10:00:00.000Z");
    expect(addWorkingDays(new Date("2026-12-29T10:00:00Z"), -1).toISOString()).toBe("2026-12-24T10:00:00.000Z");
  });

  it("keeps the London wall-clock time when a Working Day count crosses the clock change", () => {
    // Friday 23 Oct 2026 09:00 BST (08:00Z) + 2 WD = Tuesday 27 Oct 09:00 GMT (09:00Z).
    expect(addWorkingDays(new Date("2026-10-23T08:00:00Z"), 2).toISOString()).toBe("2026-10-27T09:00:00.000Z");
  });

  it("counts Working Days between two instants", () => {
    expect(workingDaysBetween(new Date("2026-12-24T10:00:00Z"), new Date("2026-12-29T09:00:00Z"))).toBe(1);
    expect(workingDaysBetween(new Date("2026-11-23T10:00:00Z"), new Date("2026-11-30T10:00:00Z"))).toBe(5);
    expect(workingDaysBetween(new Date("2026-11-30T10:00:00Z"), new Date("2026-11-23T10:00:00Z"))).toBe(0);
  });

  it("keeps the London time of day across a clock change, in the small hours too", () => {
    // Friday 27 March 2026, 01:30 GMT; summer time starts on Sunday 29 March at 01:00 GMT.
    const fridayNight = new Date("2026-03-27T01:30:00Z");
    expect(addWorkingDays(fridayNight, 1).toISOString()).toBe("2026-03-30T00:30:00.000Z"); // Monday 01:30 BST
    expect(formatLondon(addWorkingDays(fridayNight, 1), "EEE HH:mm")).toBe("Mon 01:30");
    expect(addWorkingDays(new Date("2026-03-30T00:30:00Z"), -1).toISOString()).toBe("2026-03-27T01:30:00.000Z");
    // And back to GMT on Sunday 25 October 2026.
    expect(formatLondon(addWorkingDays(new Date("2026-10-23T00:15:00Z"), 1), "EEE HH:mm")).toBe("Mon 01:15");
  });

  it("steps London dates by Working Days and builds London wall-clock instants", () => {
    expect(addWorkingDates("2026-12-24", 1)).toBe("2026-12-29"); // over Christmas, Boxing Day substitute and the weekend
    expect(addWorkingDates("2026-12-29", -1)).toBe("2026-12-24");
    expect(londonAt("2026-07-01", 9, 30).toISOString()).toBe("2026-07-01T08:30:00.000Z");
    expect(londonAt("2026-12-01", 9, 30).toISOString()).toBe("2026-12-01T09:30:00.000Z");
  });
});
