// Delivery to Receive Response URLs against real HTTP servers on this machine (node:http on port 0): only approved
// URLs receive anything, a redirect is not followed, a refusal leaves the message undelivered with its attempt counted.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DuisMessageKind } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { deliverMessages, RESPONSE_DELIVERY_QUEUE, undeliveredMessages } from "./delivery";
import { decideResponseEndpoint, registerResponseEndpoint, revokeResponseEndpoint } from "./endpoints";

const NOW = new Date("2026-11-24T09:00:00Z");

interface Received {
  path: string;
  contentType: string | undefined;
  body: string;
}

/** A Receive Response service: records what it receives and answers `status` (with `headers`). */
interface Receiver {
  url: string;
  received: Received[];
  answer: { status: number; headers?: Record<string, string> };
  close: () => Promise<void>;
}

const receivers: Receiver[] = [];

async function startReceiver(status = 200, headers?: Record<string, string>): Promise<Receiver> {
  const received: Received[] = [];
  const receiver = { received, answer: { status, headers } } as Receiver;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", contentType: request.headers["content-type"], body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(receiver.answer.status, receiver.answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/smartdcc/duis`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  receivers.push(receiver);
  return receiver;
}

const responseXml = (requestId: string) => `<sr:Response xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:Header><sr:RequestID>${requestId}</sr:RequestID><sr:ResponseCode>I0</sr:ResponseCode></sr:Header></sr:Response>`;

let counter = 0;
async function makeMessage(partyId: string, kind: DuisMessageKind = "SERVICE_RESPONSE") {
  const requestId = `90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:${++counter}`;
  return db().duisMessage.create({ data: { partyId, kind, code: "I0", requestId, xml: responseXml(requestId), createdAt: NOW } });
}

describe("delivery to Receive Response URLs", () => {
  let supplier: Actor;
  let admin: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    supplier = await makeActor(["PARTY_USER"]);
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  async function approvedUrl(actor: Actor, url: string) {
    const endpoint = await registerResponseEndpoint(actor, { url });
    return decideResponseEndpoint(admin, { id: endpoint.id, decision: "APPROVE" });
  }

  const stored = (id: string) => db().duisMessage.findUniqueOrThrow({ where: { id } });

  it("an approved URL receives the message's XML as application/xml; the message is delivered", async () => {
    const receiver = await startReceiver(200);
    await approvedUrl(supplier, receiver.url);
    const message = await makeMessage(supplier.partyId);
    expect(await deliverMessages([message.id])).toEqual({ delivered: 1, failed: 0 });
    expect(receiver.received).toEqual([{ path: "/smartdcc/duis", contentType: "application/xml", body: message.xml }]);
    expect(await stored(message.id)).toMatchObject({ deliveredAt: NOW, deliveryAttempts: 1, deliveryError: null });
    // Delivered once: running the job again posts nothing.
    expect(await deliverMessages([message.id])).toEqual({ delivered: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it("a pending, rejected or revoked URL never receives anything: the message is left for polling", async () => {
    const pending = await startReceiver(200);
    const rejected = await startReceiver(200);
    const revoked = await startReceiver(200);
    await registerResponseEndpoint(supplier, { url: pending.url.replace("/duis", "/pending") });
    const refused = await registerResponseEndpoint(supplier, { url: rejected.url });
    await decideResponseEndpoint(admin, { id: refused.id, decision: "REJECT" });
    await revokeResponseEndpoint(supplier, { id: (await approvedUrl(supplier, revoked.url)).id });
    // Another party's approved URL is not this party's.
    const elsewhere = await startReceiver(200);
    await approvedUrl(await makeActor(["PARTY_USER"]), elsewhere.url);

    const message = await makeMessage(supplier.partyId, "DEVICE_ALERT");
    expect(await deliverMessages([message.id])).toEqual({ delivered: 0, failed: 0 });
    for (const receiver of [pending, rejected, revoked, elsewhere]) expect(receiver.received).toEqual([]);
    expect(await stored(message.id)).toMatchObject({ deliveredAt: null, deliveryAttempts: 0, deliveryError: null });
    expect((await undeliveredMessages(supplier)).data).toEqual([]);
  });

  it("a redirect to another server is not followed and counts as a failure", async () => {
    const target = await startReceiver(200);
    const redirecting = await startReceiver(302, { Location: target.url });
    await approvedUrl(supplier, redirecting.url);
    const message = await makeMessage(supplier.partyId);
    expect(await deliverMessages([message.id])).toEqual({ delivered: 0, failed: 1 });
    expect(redirecting.received).toHaveLength(1);
    expect(target.received).toEqual([]);
    expect(await stored(message.id)).toMatchObject({ deliveredAt: null, deliveryAttempts: 1, deliveryError: `${redirecting.url}: HTTP 302: redirect not followed` });
  });

  it("a 500 leaves the message undelivered with one attempt, listed for its party; the queue run throws so pg-boss retries", async () => {
    const failing = await startReceiver(500);
    await approvedUrl(supplier, failing.url);
    const message = await makeMessage(supplier.partyId);
    await expect(RESPONSE_DELIVERY_QUEUE.run([{ messageId: message.id }])).rejects.toThrow("1 of 1 messages not accepted");
    expect(await stored(message.id)).toMatchObject({ deliveredAt: null, deliveryAttempts: 1, deliveryError: `${failing.url}: HTTP 500` });

    const listed = await undeliveredMessages(supplier);
    expect(listed).toMatchObject({ count: 1, data: [{ id: message.id, deliveryAttempts: 1, deliveryError: `${failing.url}: HTTP 500`, kind: "SERVICE_RESPONSE" }] });
    expect((await undeliveredMessages(await makeActor(["PARTY_USER"]))).count).toBe(0);
    expect((await undeliveredMessages(admin)).data.map((m) => m.party.id)).toEqual([supplier.partyId]);

    // The retry, once the service is back, delivers it and it leaves the list.
    failing.answer.status = 204;
    await expect(RESPONSE_DELIVERY_QUEUE.run([{ messageId: message.id }])).resolves.toEqual({ delivered: 1, failed: 0 });
    expect(await stored(message.id)).toMatchObject({ deliveredAt: NOW, deliveryAttempts: 2, deliveryError: null });
    expect((await undeliveredMessages(supplier)).count).toBe(0);
  });

  it("the approved URLs are alternatives, tried in the order registered: one acceptance delivers", async () => {
    const down = await startReceiver(503);
    const up = await startReceiver(200);
    await approvedUrl(supplier, down.url);
    setNow(new Date(NOW.getTime() + 1000));
    await approvedUrl(supplier, up.url.replace("/duis", "/fallback"));
    const messages = [await makeMessage(supplier.partyId), await makeMessage(supplier.partyId)];
    expect(await deliverMessages(messages.map((m) => m.id))).toEqual({ delivered: 2, failed: 0 });
    expect(down.received).toHaveLength(2);
    expect(up.received.map((r) => r.path)).toEqual(["/smartdcc/fallback", "/smartdcc/fallback"]);
  });

  it("a URL nobody listens on is a failure naming the connection error", async () => {
    const gone = await startReceiver(200);
    await gone.close();
    receivers.splice(receivers.indexOf(gone), 1);
    await approvedUrl(supplier, gone.url);
    const message = await makeMessage(supplier.partyId);
    expect(await deliverMessages([message.id])).toEqual({ delivered: 0, failed: 1 });
    expect((await stored(message.id)).deliveryError).toBe(`${gone.url}: ECONNREFUSED`);
  });
});
