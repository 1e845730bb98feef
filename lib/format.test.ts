import { describe, expect, it } from "vitest";
import { formatCount, formatDay, formatLondon, formatMonth, formatMonthShort, plural } from "./format";

describe("the portal's voice", () => {
  it("agrees the word with the count", () => {
    expect(plural(1, "CH")).toBe("1 CH");
    expect(plural(0, "CH")).toBe("0 CHs");
    expect(plural(12345, "CPL entry", "CPL entries")).toBe("12,345 CPL entries");
    expect(formatCount(1500000)).toBe("1,500,000");
  });

  it("writes instants in London time, the same shape everywhere", () => {
    expect(formatLondon("2026-11-24T08:46:00Z")).toBe("24 Nov 2026, 08:46");
    expect(formatLondon("2026-07-01T12:00:05Z", "d MMM yyyy, HH:mm:ss")).toBe("1 Jul 2026, 13:00:05"); // BST
  });

  it("writes months and days in words", () => {
    expect(formatMonth("2027-06")).toBe("June 2027");
    expect(formatMonth(new Date("2027-01-31T23:30:00Z"))).toBe("January 2027");
    expect(formatDay(new Date("2027-06-30T23:30:00Z"))).toBe("1 July 2027"); // BST: already the next day in London
    expect(() => formatMonth("June")).toThrow();
    expect(formatMonthShort("2027-06")).toBe("Jun 27"); // chart axes
  });
});
