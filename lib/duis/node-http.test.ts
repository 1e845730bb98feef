// The DUIS web services on plain node:http (the web server processes of `npm start` on PostgreSQL answer them there):
// the same answers as the Next.js routes, and nothing else taken from Next.js.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetClock } from "@/lib/clock";
import { resetDatabase } from "@/lib/testing/fixtures";
import { duisEndpointOf, serveDuis } from "./node-http";
import { readAnswer } from "./requests";
import { gatewayWorld, requestXml, signAs } from "./testing/gateway-fixtures";

describe("DUIS on node:http", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const endpoint = duisEndpointOf(req);
      if (endpoint) void serveDuis(endpoint, req, res);
      else res.writeHead(418).end("not DUIS");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
  });

  it("answers a signed request with the signed sr:Response, a non-DUIS body with 400, and leaves other paths alone", async () => {
    const world = await gatewayWorld();
    const signed = await signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" }));
    const ok = await fetch(`${base}/api/v1/serviceS`, { method: "POST", headers: { "content-type": "application/xml" }, body: signed });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(readAnswer(await ok.text()).code).toBe("I99");

    const xxe = await fetch(`${base}/api/v1/serviceD`, { method: "POST", body: '<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><x>&a;</x>' });
    expect(xxe.status).toBe(400);
    expect((await fetch(`${base}/api/v1/serviceS`)).status).toBe(418);
    expect((await fetch(`${base}/smi`, { method: "POST" })).status).toBe(418);
  });
});
