import { describe, expect, it } from "vitest";
import { currentRequestId, requestIdFrom, withRequestId } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keeps a proxy's x-request-id when it is a plain token, and replaces anything else with a fresh UUID", () => {
    expect(requestIdFrom("3b0c1f6e-5d2a-4f7e-9a10-1c2d3e4f5a6b")).toBe("3b0c1f6e-5d2a-4f7e-9a10-1c2d3e4f5a6b");
    expect(requestIdFrom("Root=1-67891233-abcdef012345678912345678")).toMatch(UUID);
    for (const bad of [null, undefined, "", "short", "a".repeat(129), "id with spaces", "<script>alert(1)</script>", "x\u0000y-request-id"]) {
      expect(requestIdFrom(bad)).toMatch(UUID);
    }
    expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
  });

  it("holds the id across awaits inside withRequestId, apart for concurrent runs, and none outside", async () => {
    expect(currentRequestId()).toBeNull();
    const seen = await Promise.all(
      ["request-one", "request-two"].map((id) =>
        withRequestId(id, async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return currentRequestId();
        }),
      ),
    );
    expect(seen).toEqual(["request-one", "request-two"]);
    expect(currentRequestId()).toBeNull();
  });
});
