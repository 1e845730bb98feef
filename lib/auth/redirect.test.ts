import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./redirect";

describe("sign-in callback target", () => {
  it.each([
    ["/%5Cevil.example/x", "/\\evil.example/x"],
    ["/%09/evil.example/x", "/\t/evil.example/x"],
    ["//evil.example/x", "//evil.example/x"],
    ["\\\\evil.example", "\\\\evil.example"],
    ["https://evil.example/x", "https://evil.example/x"],
    ["javascript:alert(1)", "javascript:alert(1)"],
    ["/\n/evil.example", "/\n/evil.example"],
  ])("%s (decoded %j) stays on the portal", (_encoded, decoded) => {
    const path = sameOriginPath(decoded);
    expect(path).toBe("/");
    // What the browser would do with it.
    expect(new URL(path, "https://ssi.example").origin).toBe("https://ssi.example");
  });

  it("keeps a path on the portal, with its query and fragment; a full URL of the portal itself becomes its path", () => {
    expect(sameOriginPath("/smi?q=1400123456786#results")).toBe("/smi?q=1400123456786#results");
    expect(sameOriginPath("https://ssi.example/incidents/INC0000001", "https://ssi.example")).toBe("/incidents/INC0000001");
    expect(sameOriginPath("/./..//evil.example/x")).toBe("/evil.example/x");
    expect(sameOriginPath(undefined)).toBe("/");
    expect(sameOriginPath("http://[bad")).toBe("/");
  });
});
