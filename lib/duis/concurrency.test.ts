// Exactly-once in the DUIS pipeline, with the competing calls fired at the same moment (they race on PostgreSQL;
// PGlite runs them one after another): a Signed Pre-Command sent twice sends one Command; the stand-in Device's job,
// a future-dated execution and the DCC Schedules job run twice act once; one RequestID sent twice is stored once.
import { beforeEach, describe, expect, it } from "vitest";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { signingKeyFor } from "@/lib/smki/keys";
import { concurrently, times } from "@/lib/testing/concurrently";
import { resetDatabase } from "@/lib/testing/fixtures";
import { runDueSchedules } from "./dcc-schedules";
import { answerNow as answerCommands } from "@/lib/simulator/testing";
import { executeFutureDated } from "./duis-jobs";
import { gatewayActor } from "./gateway-actor";
import { submitXml } from "./gateway";
import { signPreCommand } from "./gbcs";
import { readAnswer, signedPreCommandXml } from "./requests";
import { DCC_EUI, gatewayWorld, requestXml, send, signAs } from "./testing/gateway-fixtures";

type World = Awaited<ReturnType<typeof gatewayWorld>>;
const DAY = 86_400_000;

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

  it("a future-dated request's execution job run twice at once sends one Command", async () => {
    const at = new Date(Date.now() + DAY);
    const answer = await send({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: `<sr:ReadInstantaneousImportRegisters><sr:ExecutionDateTime>${at.toISOString()}</sr:ExecutionDateTime></sr:ReadInstantaneousImportRegisters>` });
    setNow(new Date(at.getTime() + 1000));
    await concurrently(times(2, () => executeFutureDated([answer.serviceRequestId!])));
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: answer.serviceRequestId! } })).toMatchObject({ status: "COMMAND_SENT" });
    expect(await db().duisMessage.count({ where: { serviceRequestId: answer.serviceRequestId! } })).toBe(0);
  });

  it("the DCC Schedules job run twice at once sends each due occurrence once", async () => {
    // Certificates are valid from the day before they were issued (now): the schedule starts tomorrow.
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const device = world.premises.esme.id.match(/../g)!.join("-");
    await send({
      from: world.supplier,
      to: DCC_EUI,
      srv: "5.1",
      body: `<sr:CreateSchedule><sr:ScheduleFrequency>Daily</sr:ScheduleFrequency><sr:ScheduleStartDate>${tomorrow}</sr:ScheduleStartDate><sr:DSPScheduledServiceReference>4.6</sr:DSPScheduledServiceReference><sr:DSPScheduledServiceReferenceVariant>4.6.1</sr:DSPScheduledServiceReferenceVariant><sr:DeviceID>${device}</sr:DeviceID><sr:DSPRetrieveImportDailyReadLog><sr:StartDateOffset>-1</sr:StartDateOffset><sr:StartTime>00:00:00.00Z</sr:StartTime><sr:EndDateOffset>0</sr:EndDateOffset><sr:EndTime>00:00:00.00Z</sr:EndTime></sr:DSPRetrieveImportDailyReadLog></sr:CreateSchedule>`,
    });
    setNow(new Date(`${tomorrow}T00:00:01Z`));
    const { succeeded } = await concurrently(times(2, () => runDueSchedules()));
    expect(succeeded.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(await db().serviceRequest.count({ where: { mode: "DCC_SCHEDULED" } })).toBe(1);
  });

  it("a party's first requests arriving together create its one DUIS gateway account, and each gets it", async () => {
    const party = await db().party.findUniqueOrThrow({ where: { id: world.distributor.id } });
    // The window is narrow (both read nothing, then both insert): race it many times.
    for (let round = 0; round < 25; round++) {
      await db().account.deleteMany({ where: { partyId: party.id, isSystem: true } });
      const { succeeded } = await concurrently(times(8, () => gatewayActor(party)));
      expect(succeeded).toHaveLength(8);
      expect(new Set(succeeded.map((a) => a.accountId)).size).toBe(1);
      expect(await db().account.count({ where: { partyId: party.id, isSystem: true } })).toBe(1);
    }
  });
});
