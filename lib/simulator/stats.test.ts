import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import type { DuisMessageKind, ServiceRequestStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, makeDevice } from "@/lib/testing/smi-fixtures";
import { setBehaviour } from "./behaviours";
import { initialState } from "./state";
import { INSPECTOR_ROWS, readDeviceAlerts, readDeviceInspector, readStats } from "./stats";

const NOW = new Date("2026-12-07T10:00:02.000Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

interface SrOptions {
  partyId: string;
  receivedAt: Date;
  deviceId?: string;
  srv?: string;
  status?: ServiceRequestStatus;
  responseCode?: string | null;
  commandSentAt?: Date;
  respondedAt?: Date;
  responseData?: Prisma.InputJsonObject;
}

async function makeRequest(o: SrOptions) {
  const counter = crypto.randomBytes(6).toString("hex");
  return db().serviceRequest.create({
    data: {
      requestId: `90-B3-D5-1F-30-01-00-00:00-00-00-00-00-00-00-00:${counter}`,
      originatorEui: "90B3D51F30010000",
      targetEui: o.deviceId ?? "0000000000000000",
      partyId: o.partyId,
      srv: o.srv ?? "4.1.1",
      commandVariant: 1,
      kind: "NON_CRITICAL",
      status: o.status ?? "RESPONDED",
      responseCode: o.responseCode === undefined ? "I0" : o.responseCode,
      deviceId: o.deviceId ?? null,
      checks: [],
      requestXml: "<Request/>",
      receivedAt: o.receivedAt,
      commandSentAt: o.commandSentAt ?? null,
      respondedAt: o.respondedAt ?? null,
      responseData: o.responseData,
    },
  });
}

const makeMessage = (partyId: string, kind: DuisMessageKind, code: string, createdAt: Date, deviceId: string | null = null) =>
  db().duisMessage.create({ data: { partyId, kind, code, xml: "<Alert/>", createdAt, deviceId } });

let admin: Actor;
let supplier: Actor;

beforeEach(async () => {
  await resetDatabase();
  setNow(NOW);
  admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  supplier = await makeActor(["PARTY_USER"], { roles: ["IS"] });
});
afterEach(() => resetClock());

describe("the dashboard's figures", () => {
  it("counts requests per second in 5 s buckets over the last complete minute", async () => {
    // NOW is 10:00:02, so the window is 09:59:00 to 10:00:00 (the bucket in progress is left out).
    for (const at of [ago(3), ago(4), ago(4.5), ago(8), ago(61), ago(63), ago(120)]) await makeRequest({ partyId: supplier.partyId, receivedAt: at });
    const { rate } = await readStats(admin);
    expect(rate.buckets).toHaveLength(12);
    expect(rate.buckets[0].at).toBe("2026-12-07T09:59:00.000Z");
    expect(rate.buckets.at(-1)).toEqual({ at: "2026-12-07T09:59:55.000Z", perSecond: 0.6 }); // 09:59:59, :58, :57.5
    expect(rate.buckets.at(-2)).toEqual({ at: "2026-12-07T09:59:50.000Z", perSecond: 0.2 }); // 09:59:54
    expect(rate.buckets[0].perSecond).toBe(0.2); // 09:59:01; 09:58:59 is before the window
    expect(rate.perSecond).toBeCloseTo(5 / 60);
  });

  it("gives the response-code mix of the last 15 minutes, unanswered requests apart", async () => {
    for (const code of ["I0", "I0", "I0", "E5", "W1"]) await makeRequest({ partyId: supplier.partyId, receivedAt: ago(60), responseCode: code });
    await makeRequest({ partyId: supplier.partyId, receivedAt: ago(30), status: "COMMAND_SENT", responseCode: null });
    await makeRequest({ partyId: supplier.partyId, receivedAt: ago(16 * 60), responseCode: "E19" });
    const { responseCodes } = await readStats(admin);
    expect(responseCodes).toEqual({
      codes: [
        { code: "I0", count: 3 },
        { code: "", count: 1 },
        { code: "E5", count: 1 },
        { code: "W1", count: 1 },
      ],
      total: 6,
      sampled: false,
    });
  });

  it("gives the latency percentiles of Commands answered in the last 15 minutes", async () => {
    // 1 s to 100 s: p50 is 50.5 s; percentile_cont interpolates p95 and p99.
    for (let i = 1; i <= 100; i++) {
      const sent = ago(600);
      await makeRequest({ partyId: supplier.partyId, receivedAt: ago(601), commandSentAt: sent, respondedAt: new Date(sent.getTime() + i * 1000) });
    }
    await makeRequest({ partyId: supplier.partyId, receivedAt: ago(30), status: "COMMAND_SENT", responseCode: null, commandSentAt: ago(29) });
    const { latency } = await readStats(admin);
    expect(latency).toEqual({ count: 100, p50: 50_500, p95: 95_050, p99: 99_010, sampled: false });
  });

  it("counts Device and DCC Alerts of the last hour by code, never Service Responses", async () => {
    await makeMessage(supplier.partyId, "DEVICE_ALERT", "8F3F", ago(10));
    await makeMessage(supplier.partyId, "DEVICE_ALERT", "8F3F", ago(20));
    await makeMessage(supplier.partyId, "DCC_ALERT", "N13", ago(30));
    await makeMessage(supplier.partyId, "SERVICE_RESPONSE", "I0", ago(30));
    await makeMessage(supplier.partyId, "DEVICE_ALERT", "8F0C", ago(61 * 60));
    const { alerts } = await readStats(admin);
    expect(alerts).toEqual({
      codes: [
        { kind: "DEVICE_ALERT", code: "8F3F", count: 2 },
        { kind: "DCC_ALERT", code: "N13", count: 1 },
      ],
      total: 3,
      sampled: false,
    });
  });

  it("lists the newest traffic runs and counts device states", async () => {
    await db().simTrafficRun.create({ data: { scenario: "normal-day", status: "RUNNING", ratePerSecond: 1, seed: 1, params: {}, total: 100, sent: 40, startedAt: ago(50), tickedAt: ago(1) } });
    await db().simTrafficRun.create({ data: { scenario: "compromised-supplier", status: "STOPPED", ratePerSecond: 1, seed: 1, params: {}, startedAt: ago(3 * 3600), stoppedAt: ago(2 * 3600), tickedAt: ago(2 * 3600) } });
    const device = await makeDevice({ status: "COMMISSIONED" });
    await db().simDeviceState.create({ data: { deviceId: device.id, state: {}, createdAt: NOW, updatedAt: NOW } });
    const stats = await readStats(admin);
    expect(stats.runs).toEqual([
      expect.objectContaining({ scenario: "normal-day", label: "Normal day", status: "RUNNING", total: 100, sent: 40 }),
      expect.objectContaining({ scenario: "compromised-supplier", status: "STOPPED" }),
    ]);
    expect(stats.deviceStates).toEqual({ count: 1, estimated: false });
  });

  it("is the DCC's: a party user is refused", async () => {
    await expect(readStats(supplier)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the device inspector", () => {
  it("shows a device without state yet, the normal behaviour, and no commands", async () => {
    const device = await makeDevice({ status: "COMMISSIONED" });
    const view = await readDeviceInspector(admin, device.id);
    expect(view.state).toBeNull();
    expect(view.behaviour).toEqual({ applies: expect.objectContaining({ mode: "RESPOND_OK", dropPercent: 0 }), source: null });
    expect(view.commands).toEqual([]);
  });

  it("shows the state, the latest 20 commands with their answers, the alerts and the most specific behaviour", async () => {
    const model = await makeCplModel();
    const device = await makeDevice({ status: "COMMISSIONED", model });
    const state = initialState({ id: device.id, deviceType: "ESME", status: "COMMISSIONED", manufacturer: null, model: null, hardwareVersion: null, firmwareVersion: "1.0.0", esmeVariant: null }, NOW);
    await db().simDeviceState.create({ data: { deviceId: device.id, state: state as object, createdAt: NOW, updatedAt: NOW } });
    for (let i = 0; i < INSPECTOR_ROWS + 2; i++) {
      await makeRequest({ partyId: supplier.partyId, deviceId: device.id, receivedAt: ago(100 - i), responseData: { supplyState: "ENABLED", index: i } });
    }
    await makeMessage(supplier.partyId, "DEVICE_ALERT", "8F3F", ago(5), device.id);
    await makeMessage(supplier.partyId, "SERVICE_RESPONSE", "I0", ago(5), device.id);
    await setBehaviour(admin, { scope: "POPULATION", target: "", mode: "NO_RESPONSE" });
    await setBehaviour(admin, { scope: "MODEL", target: model.id, mode: "RESPOND_ERROR", errorCode: "E21", delaySeconds: 4 });

    const view = await readDeviceInspector(admin, device.id.toLowerCase());
    expect(view.state?.state.supply.state).toBe("ENABLED");
    expect(view.commands).toHaveLength(INSPECTOR_ROWS);
    expect(view.commands[0]).toMatchObject({ srv: "4.1.1", responseCode: "I0", responseData: { index: INSPECTOR_ROWS + 1 }, partyName: supplier.partyName });
    expect(view.alerts).toEqual([expect.objectContaining({ kind: "DEVICE_ALERT", code: "8F3F" })]);
    expect(view.behaviour.applies).toMatchObject({ mode: "RESPOND_ERROR", errorCode: "E21", delaySeconds: 4 });
    expect(view.behaviour.source).toMatchObject({ scope: "MODEL", target: model.id });
  });

  it("is not found for an unknown device or a value that is no Device ID", async () => {
    for (const id of ["00DB1234567890FF", "not-a-device", "' OR 1=1"]) {
      const error = await readDeviceInspector(admin, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("is the DCC's: a party user is refused", async () => {
    const device = await makeDevice();
    await expect(readDeviceInspector(supplier, device.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("a device's alerts on its SMI page", () => {
  it("shows a party the alerts addressed to it, the DCC every party's", async () => {
    const other = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const device = await makeDevice({ status: "COMMISSIONED" });
    await makeMessage(supplier.partyId, "DEVICE_ALERT", "8F3F", ago(10), device.id);
    await makeMessage(other.partyId, "DCC_ALERT", "N13", ago(5), device.id);
    await makeMessage(supplier.partyId, "SERVICE_RESPONSE", "I0", ago(5), device.id);
    expect((await readDeviceAlerts(supplier, device.id)).map((m) => m.code)).toEqual(["8F3F"]);
    expect((await readDeviceAlerts(other, device.id)).map((m) => m.code)).toEqual(["N13"]);
    expect((await readDeviceAlerts(admin, device.id)).map((m) => m.code)).toEqual(["N13", "8F3F"]);
  });
});
