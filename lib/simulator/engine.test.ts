// The device simulator's engine through the real gateway: Commands answered by their device's model with its state
// created on first contact, behaviour knobs (delay, error, no CSP ack, no response, drops, WAN-blocked hubs), and
// processing.md §5.2's retries ending in N12 / N13 / N11 (scenario 31).
import { beforeEach, describe, expect, it } from "vitest";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { gatewayWorld, send } from "@/lib/duis/testing/gateway-fixtures";
import { decodeCommand } from "@/lib/duis/gbcs";
import { readAnswer } from "@/lib/duis/requests";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { isDropped, NORMAL, setBehaviour } from "./behaviours";
import { answerCommands, noAnswerCode, retryAfterSeconds } from "./engine";
import { DEFAULT_SETTINGS } from "./settings";
import { storeSettings } from "./testing";

const NOW = new Date("2026-12-01T10:00:00Z");
const READ_SUPPLY = { srv: "7.4", body: "<sr:ReadSupplyStatus/>" };

type World = Awaited<ReturnType<typeof gatewayWorld>>;

async function sendRead(world: World, deviceId = world.premises.esme.id) {
  const answer = await send({ from: world.supplier, to: deviceId, ...READ_SUPPLY });
  expect(readAnswer(answer.xml!).code).toBe("I99");
  return answer.serviceRequestId!;
}

const row = (id: string) => db().serviceRequest.findUniqueOrThrow({ where: { id } });
const attempt = (id: string, n: number) => answerCommands([{ serviceRequestId: id, attempt: n }]);

describe("device simulator engine", () => {
  let world: World;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    world = await gatewayWorld();
    await storeSettings({ onDemandRetries: 1, onDemandRetrySeconds: 30 });
  });

  it("answers a read from the device's state, created on first contact only, with the decoded values in the response", async () => {
    expect(await db().simDeviceState.count()).toBe(0);
    const id = await sendRead(world);
    await attempt(id, 1);
    expect(await row(id)).toMatchObject({ status: "RESPONDED", responseCode: "I0", attempts: 1 });
    expect((await row(id)).responseData).toMatchObject({ supplyState: "ENABLED" });
    // Only the device that was spoken to has a state row.
    expect(await db().simDeviceState.findMany({ select: { deviceId: true } })).toEqual([{ deviceId: world.premises.esme.id }]);
    const message = await db().duisMessage.findFirstOrThrow({ where: { serviceRequestId: id } });
    expect(message).toMatchObject({ kind: "SERVICE_RESPONSE", code: "I0", deviceId: world.premises.esme.id, partyId: world.supplier.id });
    const payload = /<sr:GBCSPayload>([^<]+)</.exec(message.xml)![1];
    expect(JSON.parse(decodeCommand(Buffer.from(payload, "base64"))!.Data)).toMatchObject({ supplyState: "ENABLED" });
  });

  it("waits the device's answer time: the default delay plus its delay knob", async () => {
    await storeSettings({ answerDelayMs: 1_500 });
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await setBehaviour(admin, { scope: "DEVICE", target: world.premises.esme.id, mode: "RESPOND_OK", delaySeconds: 5 });
    const id = await sendRead(world);
    await attempt(id, 1);
    expect(await row(id)).toMatchObject({ status: "COMMAND_SENT", attempts: 0 });
    advanceClock(7_000);
    await attempt(id, 1);
    expect(await row(id)).toMatchObject({ status: "RESPONDED", responseCode: "I0" });
  });

  it("a device set to respond with an error answers with that code and keeps its state", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await setBehaviour(admin, { scope: "DEVICE_TYPE", target: "ESME", mode: "RESPOND_ERROR", errorCode: "E50" });
    const id = await sendRead(world);
    await attempt(id, 1);
    expect(await row(id)).toMatchObject({ status: "RESPONDED", responseCode: "E50" });
    expect(await db().duisMessage.findFirstOrThrow({ where: { serviceRequestId: id } })).toMatchObject({ kind: "SERVICE_RESPONSE", code: "E50" });
  });

  it("scenario 31: no response to an On Demand read is re-sent once, then N13 goes to the sender and the request fails", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await setBehaviour(admin, { scope: "DEVICE", target: world.premises.esme.id, mode: "NO_RESPONSE" });
    const id = await sendRead(world);
    await attempt(id, 1);
    expect(await row(id)).toMatchObject({ status: "COMMAND_SENT", attempts: 1 });
    // A repeated job for the attempt already made does nothing.
    await attempt(id, 1);
    expect((await row(id)).attempts).toBe(1);
    advanceClock(30_000);
    await attempt(id, 2);
    expect(await row(id)).toMatchObject({ status: "FAILED", responseCode: "N13", attempts: 2 });
    const alert = await db().duisMessage.findFirstOrThrow({ where: { serviceRequestId: id } });
    expect(alert).toMatchObject({ kind: "DCC_ALERT", code: "N13", partyId: world.supplier.id });
    expect(alert.xml).toContain("<sr:CommandFailure>");
    expect(await db().simDeviceState.count()).toBe(0);
  });

  it("scenario 31: with no CSP acknowledgement the request ends with N12", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await setBehaviour(admin, { scope: "POPULATION", target: "", mode: "NO_CSP_ACK" });
    const id = await sendRead(world);
    await attempt(id, 1);
    await attempt(id, 2);
    expect(await row(id)).toMatchObject({ status: "FAILED", responseCode: "N12" });
  });

  it("a meter behind a CH blocked from the SM WAN (lost, F8.6) answers nothing: N12", async () => {
    await db().device.update({ where: { id: world.premises.chf.id }, data: { wanBlockedAt: NOW } });
    const id = await sendRead(world);
    await attempt(id, 1);
    await attempt(id, 2);
    expect(await row(id)).toMatchObject({ status: "FAILED", responseCode: "N12" });
  });

  it("scenario 31: a DCC Scheduled instance is retried after 2 h, again after the 2 h back-off, and N11 follows the final wait of TRT + 60 min", () => {
    const waits = [1, 2, 3, 4].map((n) => retryAfterSeconds("DCC_SCHEDULED", n, DEFAULT_SETTINGS));
    expect(waits).toEqual([7_200, 7_200, 3_660, null]);
    expect(noAnswerCode("DCC_SCHEDULED", false)).toBe("N11");
    expect(noAnswerCode("FUTURE_DATED_DSP", false)).toBe("N11");
    expect(noAnswerCode("FUTURE_DATED_DEVICE", false)).toBe("N10");
    expect(noAnswerCode("ON_DEMAND", false)).toBe("N13");
    expect(noAnswerCode("FUTURE_DATED_DEVICE", true)).toBe("N12");
  });

  it("a DCC Scheduled Command that is never answered ends with N11 after its fourth attempt", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await setBehaviour(admin, { scope: "DEVICE", target: world.premises.esme.id, mode: "NO_RESPONSE" });
    const id = await sendRead(world);
    await db().serviceRequest.update({ where: { id }, data: { mode: "DCC_SCHEDULED" } });
    for (const n of [1, 2, 3]) {
      await attempt(id, n);
      expect(await row(id)).toMatchObject({ status: "COMMAND_SENT", attempts: n });
      advanceClock(retryAfterSeconds("DCC_SCHEDULED", n, DEFAULT_SETTINGS)! * 1_000);
    }
    await attempt(id, 4);
    expect(await row(id)).toMatchObject({ status: "FAILED", responseCode: "N11", attempts: 4 });
    expect(await db().dccAlert.findMany({ where: { code: "N11" }, select: { partyId: true, deviceId: true } })).toEqual([{ partyId: world.supplier.id, deviceId: world.premises.esme.id }]);
  });

  it("a dropping device ignores the same commands on every run with the same seed", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await setBehaviour(admin, { scope: "DEVICE", target: world.premises.esme.id, mode: "RESPOND_OK", dropPercent: 50 });
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await sendRead(world));
    await answerCommands(ids.map((serviceRequestId) => ({ serviceRequestId })));
    const rows = await db().serviceRequest.findMany({ where: { id: { in: ids } }, select: { requestId: true, status: true } });
    const unanswered = rows.filter((r) => r.status !== "RESPONDED").map((r) => r.requestId);
    // The drops are the seed's choice, by RequestID and attempt: the same on every run, about half of them.
    expect(unanswered.sort()).toEqual(rows.filter((r) => isDropped({ ...NORMAL, dropPercent: 50 }, DEFAULT_SETTINGS.seed, r.requestId, 1)).map((r) => r.requestId).sort());
    expect(unanswered.length).toBeGreaterThan(0);
    expect(unanswered.length).toBeLessThan(12);
  });
});
