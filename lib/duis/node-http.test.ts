// The DUIS web services on plain node:http (the web server processes of `npm start` on PostgreSQL answer them there):
// the same answers as the Next.js routes, and nothing else taken from Next.js.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { issueDemoApiKey } from "@/lib/api-keys/api-keys";
import { resetClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { resetDatabase } from "@/lib/testing/fixtures";
import { duisEndpoint } from "./http";
import { duisEndpointOf, serveDuis } from "./node-http";
import { readAnswer } from "./requests";
import { MAX_DUIS_BYTES } from "./xml";
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

  it("a Bearer key must hold SEND and be the signer's; an unknown signer is a silent 202; over the size limit 413, declared or streamed", async () => {
    const world = await gatewayWorld();
    const signed = () => signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" }));
    const post = (body: BodyInit, headers: Record<string, string> = {}) => fetch(`${base}/api/v1/serviceS`, { method: "POST", headers: { "content-type": "application/xml", ...headers }, body, duplex: "half" } as RequestInit);
    const [own, other] = await db().$transaction(async (tx) => [await issueDemoApiKey(tx, world.supplier.id), await issueDemoApiKey(tx, world.distributor.id)]);

    const keyed = await post(await signed(), { authorization: `Bearer ${own}` });
    expect([keyed.status, readAnswer(await keyed.text()).code, keyed.headers.get("x-content-type-options")]).toEqual([200, "I99", "nosniff"]);
    const bad = await post(await signed(), { authorization: "Bearer ssi_not-a-key" });
    expect([bad.status, await bad.text()]).toEqual([401, "The API key is not valid for sending requests."]);
    const another = await post(await signed(), { authorization: `Bearer ${other}` });
    expect([another.status, await another.text()]).toEqual([401, "The API key belongs to another party than the request's signer."]);

    const unknown = await post((await signed()).replace(/<ds:X509SerialNumber>\d+/, "<ds:X509SerialNumber>1"));
    expect([unknown.status, await unknown.text()]).toEqual([202, ""]);

    const huge = "x".repeat(MAX_DUIS_BYTES + 1);
    const declared = await post(huge);
    expect([declared.status, await declared.text()]).toEqual([413, `A DUIS request is at most ${MAX_DUIS_BYTES / 1024} KiB.`]);
    const streamed = await post(new Blob([huge]).stream());
    expect(streamed.status).toBe(413);
  });

  it("the Next.js route answers the same", async () => {
    const world = await gatewayWorld();
    const route = duisEndpoint("serviceS");
    const post = (body: BodyInit) => route(new Request(`${base}/api/v1/serviceS`, { method: "POST", body, duplex: "half" } as RequestInit));
    const ok = await post(await signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" })));
    expect([ok.status, ok.headers.get("content-type"), readAnswer(await ok.text()).code]).toEqual([200, "application/xml; charset=utf-8", "I99"]);
    expect((await post("not xml")).status).toBe(400);
    expect((await post(new Blob(["x".repeat(MAX_DUIS_BYTES + 1)]).stream())).status).toBe(413);
  });
});
