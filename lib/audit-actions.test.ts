import { describe, expect, it } from "vitest";
import { auditActionLabel, auditEntityLabel } from "./audit-actions";

describe("the audit trail in words", () => {
  it("names actions and record types, and shows a stored value it does not know as stored", () => {
    expect(auditActionLabel("ch-order.submit")).toBe("CH order submitted");
    expect(auditEntityLabel("ChRma")).toBe("RMA");
    expect(auditEntityLabel("QuarantineItem")).toBe("Quarantined command");
    expect(auditEntityLabel("RetiredThing")).toBe("RetiredThing");
    expect(auditEntityLabel("constructor")).toBe("constructor");
  });
});
