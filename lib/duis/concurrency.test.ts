// Exactly-once in the DUIS pipeline, with the competing calls fired at the same moment (they race on PostgreSQL;
// PGlite runs them one after another): a Signed Pre-Command sent twice sends one Command; the stand-in Device's job
// run twice answers once; one RequestID sent twice is stored once.
import { beforeEach, describe, expect, it } from "vitest";
import { resetClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { signingKeyFor } from "@/lib/smki/keys";
import { concurrently, times } from "@/lib/testing/concurrently";
import { resetDatabase } from "@/lib/testing/fixtures";
import { answerCommands } from "./duis-jobs";
import { submitXml } from "./gateway";
import { signPreCommand } from "./gbcs";
import { readAnswer, signedPreCommandXml } from "./requests";
import { gatewayWorld, requestXml, signAs } from "./testing/gateway-fixtures";

type World = Awaited<ReturnType<typeof gatewayWorld>>;

describe("DUIS exactly-once", () => {
  let world: World;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    world = await gatewayWorld();
  });

  it("the same Signed Pre-Command sent twice at once sends one Command: one I99, one E45", async () => {
    const xml = requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "7.2", body: "<sr:DisableSupply/>" });
    const transform = await submitXml("serviceT", await signAs(world.supplier, xml));
    const digital = await signingKeyFor(db(), world.supplier.eui64, "DIGITAL_SIGNING");
    const payload = signPreCommand(Buffer.from(readAnswer(transform.xml!).preCommandPayload!, "base64"), digital!.privateKey).toString("base64");
    const spc = await signAs(world.supplier, signedPreCommandXml(xml, payload));
    const { succeeded } = await concurrently(times(2, () => submitXml("serviceS", spc)));
    expect(succeeded.map((a) => readAnswer(a.xml!).code).sort()).toEqual(["E45", "I99"]);
    const row = await db().serviceRequest.findUniqueOrThrow({ where: { id: transform.serviceRequestId! } });
    expect(row.status).toBe("COMMAND_SENT");
    const spcChecks = (row.checks as { check: string; result: string; stage?: string }[]).filter((c) => c.stage === "SPC" && c.check === "pre-command");
    expect(spcChecks.filter((c) => c.result === "pass")).toHaveLength(1);
  });

  it("the stand-in Device's job run twice at once answers each Command once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await submitXml("serviceS", await signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" })));
      ids.push(answer.serviceRequestId!);
    }
    await concurrently(times(2, () => answerCommands(ids)));
    expect(await db().duisMessage.count({ where: { serviceRequestId: { in: ids } } })).toBe(5);
    expect(await db().serviceRequest.count({ where: { id: { in: ids }, status: "RESPONDED" } })).toBe(5);
  });

  it("one RequestID sent twice at once is stored once: one I99, one E41", async () => {
    const signed = await signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" }));
    const { succeeded } = await concurrently(times(2, () => submitXml("serviceS", signed)));
    expect(succeeded.map((a) => readAnswer(a.xml!).code).sort()).toEqual(["E41", "I99"]);
    expect(await db().serviceRequest.count()).toBe(1);
  });
});
