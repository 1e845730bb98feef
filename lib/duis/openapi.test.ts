// The published description parses as OpenAPI 3.1 JSON and names every HTTP endpoint of the gateway.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";

describe("GET /api/v1/openapi.json", () => {
  it("is OpenAPI 3.1 JSON naming every endpoint, each operation with its answers", async () => {
    const response = GET();
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const document = JSON.parse(await response.text());
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        "/api/v1/serviceS",
        "/api/v1/serviceT",
        "/api/v1/serviceD",
        "/api/v1/responses",
        "/api/v1/smki/certificates",
        "/api/v1/smki/certificates/{serial}",
        "/api/v1/admin/reference-premises/reset",
      ].sort(),
    );
    for (const path of ["/api/v1/serviceS", "/api/v1/serviceT", "/api/v1/serviceD"]) {
      const post = document.paths[path].post;
      expect(Object.keys(post.requestBody.content)).toEqual(["application/xml"]);
      expect(Object.keys(post.responses).sort()).toEqual(["200", "202", "400", "401", "413", "503"]);
      expect(post.security).toEqual([{}, { bearerAuth: ["SEND"] }]);
    }
    expect(document.paths["/api/v1/responses"].get.security).toEqual([{ bearerAuth: ["READ"] }]);
    // Every $ref points at a schema the document defines.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(document.components.schemas).toHaveProperty(name);
  });
});
