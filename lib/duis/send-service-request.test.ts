// The composer's sending paths through the one gateway: signed here in demo mode, or signed elsewhere and uploaded.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { formatEui64 } from "@/lib/identifiers";
import { answerNow as answerCommands } from "@/lib/simulator/testing";
import { readServiceRequest } from "./read-service-requests";
import { sendComposedRequest, sendSignedRequest, signAndSendPreCommand } from "./send-service-request";
import { gatewayWorld, requestXml, signAs } from "./testing/gateway-fixtures";

const NOW = new Date("2026-12-01T10:00:00Z");

describe("sending from the portal", () => {
  let world: Awaited<ReturnType<typeof gatewayWorld>>;
  let supplierUser: Actor;
  let esme: string;

  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    world = await gatewayWorld();
    supplierUser = await makeActor(["PARTY_USER"], { partyId: world.supplier.id });
    esme = formatEui64(world.premises.esme.id);
  });

  it("demo mode: a read is signed with the party's key, answered I99 and stored as composed by the user", async () => {
    const result = await sendComposedRequest(supplierUser, { srv: "7.4", deviceId: esme });
    expect(result).toMatchObject({ sent: true, code: "I99" });
    const row = await db().serviceRequest.findUniqueOrThrow({ where: { id: (result as { serviceRequestId: string }).serviceRequestId } });
    expect(row).toMatchObject({ partyId: world.supplier.id, accountId: supplierUser.accountId, srv: "7.4", status: "COMMAND_SENT", commandVariant: 1 });
  });

  it("the Critical flow: Transform (Pre-Command), then Sign and send completes it with the same RequestID, and the response follows", async () => {
    const transform = await sendComposedRequest(supplierUser, { srv: "7.2", deviceId: esme });
    expect(transform).toMatchObject({ sent: true, code: "I0" });
    const id = (transform as { serviceRequestId: string }).serviceRequestId;
    expect((await readServiceRequest(supplierUser, id)).status).toBe("PRE_COMMAND_ISSUED");

    // Sending is the party's own: another party, or DCC staff who may view it, cannot sign it.
    const distributorUser = await makeActor(["PARTY_USER"], { partyId: world.distributor.id });
    await expect(signAndSendPreCommand(distributorUser, { id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const desk = await makeActor(["SERVICE_DESK"], { partyId: world.dcc.id });
    await expect(signAndSendPreCommand(desk, { id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await signAndSendPreCommand(supplierUser, { id })).toEqual({ serviceRequestId: id, code: "I99" });
    await expect(signAndSendPreCommand(supplierUser, { id })).rejects.toMatchObject({ code: "CONFLICT" });
    await answerCommands([id]);
    const detail = await readServiceRequest(supplierUser, id);
    expect(detail).toMatchObject({ status: "RESPONDED", responseCode: "I0", commandVariant: 4 });
    expect(detail.spcXml).toContain("<sr:CommandVariant>5</sr:CommandVariant>");
    expect(detail.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["pre-command", "spc-received", "command-sent", "service-response"]));
    expect(detail.events.filter((e) => e.kind === "check").every((e) => e.result !== "fail")).toBe(true);
  });

  it("a party whose keys the portal does not hold gets the unsigned request; its own signed upload is sent as it", async () => {
    const unsigned = await sendComposedRequest(supplierUser, { srv: "7.4", deviceId: esme });
    expect(unsigned.sent).toBe(true);

    const keyless = await makeActor(["PARTY_USER"], { partyId: (await makeParty({ roles: ["IS"] })).id });
    const composed = await sendComposedRequest(keyless, { srv: "7.4", deviceId: esme });
    expect(composed.sent).toBe(false);
    const { request } = composed as { request: { xml: string; requestId: string } };
    expect(request.xml).not.toContain("ds:Signature");
    expect(request.requestId.startsWith(formatEui64(keyless.partyEui64))).toBe(true);
    // Nobody the DCC knows signed it: silently rejected, nothing stored for the party.
    await expect(sendSignedRequest(keyless, { xml: request.xml })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("silently") });
    expect(await db().serviceRequest.count({ where: { partyId: keyless.partyId } })).toBe(0);

    const signed = await signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "7.4", body: "<sr:ReadSupplyStatus/>" }));
    const sent = await sendSignedRequest(supplierUser, { xml: signed });
    expect(sent.code).toBe("I99");
    // A RequestID already used: the answer's code says why, nothing new is stored.
    await expect(sendSignedRequest(supplierUser, { xml: signed })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("E41") });
  });

  it("an upload must be a DUIS request sent as the user's own party", async () => {
    const signed = await signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "7.4", body: "<sr:ReadSupplyStatus/>" }));
    const distributorUser = await makeActor(["PARTY_USER"], { partyId: world.distributor.id });
    await expect(sendSignedRequest(distributorUser, { xml: signed })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { xml: expect.stringContaining("you can only send as") } });
    await expect(sendSignedRequest(supplierUser, { xml: "<html/>" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { xml: expect.stringContaining("sr:Request") } });
    await expect(sendSignedRequest(supplierUser, { xml: "<!DOCTYPE x><x/>" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(sendSignedRequest(supplierUser, { xml: " " })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { xml: "Choose the signed XML file." } });
    const desk = await makeActor(["SERVICE_DESK"], { partyId: world.dcc.id });
    await expect(sendSignedRequest(desk, { xml: signed })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(sendComposedRequest(desk, { srv: "7.4", deviceId: esme })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
