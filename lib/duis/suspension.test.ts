// SEC M8.5 at the gateway: while a User is suspended every Service Request it sends is refused E3 (the role check,
// quoting the suspension's reason), device and Non-Device, over DUIS and from the portal; once lifted it is accepted.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { signingKeyFor } from "@/lib/smki/keys";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { reinstateParty, suspendParty } from "@/lib/parties/suspend-party";
import type { CheckResult } from "./checks";
import { executeFutureDated } from "./duis-jobs";
import { submitXml } from "./gateway";
import { signPreCommand } from "./gbcs";
import { sendDecommission } from "./portal-service-requests";
import { readAnswer, signedPreCommandXml } from "./requests";
import { DCC_EUI, gatewayWorld, requestXml, send, signAs } from "./testing/gateway-fixtures";

const REASON = "Unpaid DCC charges";

let world: Awaited<ReturnType<typeof gatewayWorld>>;
let admin: Actor;

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  world = await gatewayWorld();
  admin = await makeActor(["DCC_ADMIN"], { partyId: world.dcc.id });
});

const readRegisters = () => send({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" });
const readInventory = (from = world.supplier) => send({ from, to: DCC_EUI, srv: "8.2", body: `<sr:ReadInventory><sr:DeviceID>${formatEui64(world.premises.esme.id)}</sr:DeviceID></sr:ReadInventory>` });
const failedCheck = async (serviceRequestId: string | null | undefined) =>
  ((await db().serviceRequest.findUniqueOrThrow({ where: { id: serviceRequestId! } })).checks as CheckResult[]).find((c) => c.result === "fail");

describe("a suspended User's Service Requests", () => {
  it("are refused E3 on device and Non-Device requests, the reason stored with the role check; once lifted, accepted", async () => {
    await suspendParty(admin, { partyId: world.supplier.id, reason: REASON });
    const device = await readRegisters();
    expect(readAnswer(device.xml!).code).toBe("E3");
    expect(await failedCheck(device.serviceRequestId)).toMatchObject({ check: "role", code: "E3", reason: expect.stringContaining(REASON) });
    const nonDevice = await readInventory();
    expect(readAnswer(nonDevice.xml!).code).toBe("E3");
    expect(await failedCheck(nonDevice.serviceRequestId)).toMatchObject({ check: "role", code: "E3" });
    // Another User is not affected.
    expect(readAnswer((await readInventory(world.distributor)).xml!).code).toBe("I0");

    await reinstateParty(admin, { partyId: world.supplier.id });
    expect(readAnswer((await readRegisters()).xml!).code).toBe("I99");
    expect(readAnswer((await readInventory()).xml!).code).toBe("I0");
  });

  it("refuses the Signed Pre-Command of a Critical request transformed before the suspension: no Command is sent", async () => {
    const xml = requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "7.2", body: "<sr:DisableSupply/>" });
    const transform = await submitXml("serviceT", await signAs(world.supplier, xml));
    expect(readAnswer(transform.xml!).code).toBe("I0");
    await suspendParty(admin, { partyId: world.supplier.id, reason: REASON });
    const digital = await signingKeyFor(db(), world.supplier.eui64, "DIGITAL_SIGNING");
    const payload = signPreCommand(Buffer.from(readAnswer(transform.xml!).preCommandPayload!, "base64"), digital!.privateKey).toString("base64");
    const spc = await submitXml("serviceS", await signAs(world.supplier, signedPreCommandXml(xml, payload)));
    expect(readAnswer(spc.xml!).code).toBe("E3");
    expect((await db().serviceRequest.findUniqueOrThrow({ where: { id: transform.serviceRequestId! } })).status).toBe("PRE_COMMAND_ISSUED");
  });

  it("a future-dated request held before the suspension is not executed: N7 at its execution time", async () => {
    const at = new Date(Date.now() + 86_400_000);
    const held = await send({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: `<sr:ReadInstantaneousImportRegisters><sr:ExecutionDateTime>${at.toISOString()}</sr:ExecutionDateTime></sr:ReadInstantaneousImportRegisters>` });
    expect(readAnswer(held.xml!).code).toBe("I99");
    await suspendParty(admin, { partyId: world.supplier.id, reason: REASON });
    setNow(new Date(at.getTime() + 1000));
    await executeFutureDated([held.serviceRequestId!]);
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: held.serviceRequestId! } })).toMatchObject({ status: "REJECTED", responseCode: "N7" });
  });

  it("from the portal's forms: refused, with the suspension's reason in the message, and nothing done", async () => {
    const user = await makeActor(["PARTY_USER"], { partyId: world.supplier.id });
    await suspendParty(admin, { partyId: world.supplier.id, reason: REASON });
    await expect(sendDecommission(user, { deviceId: world.premises.esme.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(new RegExp(`^SR 8.3 Decommission Device refused \\(E3\\): .*${REASON}`)),
    });
    expect((await db().device.findUniqueOrThrow({ where: { id: world.premises.esme.id } })).status).toBe("COMMISSIONED");
  });
});
