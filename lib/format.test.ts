import { describe, expect, it } from "vitest";
import { formatDay, formatMonth, plural } from "./format";

describe("the portal's voice", () => {
  it("agrees the word with the count", () => {
    expect(plural(1, "CH")).toBe("1 CH");
    expect(plural(0, "CH")).toBe("0 CHs");
    expect(plural(12345, "CPL entry", "CPL entries")).toBe("12,345 CPL entries");
  });

  it("writes months and days in words", () => {
    expect(formatMonth("2027-06")).toBe("June 2027");
    expect(formatMonth(new Date("2027-01-31T23:30:00Z"))).toBe("January 2027");
    expect(formatDay(new Date("2027-06-30T23:30:00Z"))).toBe("1 July 2027"); // BST: already the next day in London
    expect(() => formatMonth("June")).toThrow();
  });
});
