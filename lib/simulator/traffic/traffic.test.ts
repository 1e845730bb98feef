// The traffic generator: scenario mixes repeat under a seed, a tick sends what the rate owes through the real gateway
// as the simulated Users (their requests stored with their checks, Critical ones completed by their Signed
// Pre-Command), runs start and stop once, and bad input is refused with a message.
import { beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { advanceClock, now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { gatewayWorld } from "@/lib/duis/testing/gateway-fixtures";
import { AppError } from "@/lib/errors";
import { concurrently, times } from "@/lib/testing/concurrently";
import { formatEui64 } from "@/lib/identifiers";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { associate, makeDevice, makeMeterPoint } from "@/lib/testing/smi-fixtures";
import { initialState } from "../state";
import { drawsOf } from "./generator";
import { listTrafficRuns, SCENARIOS, startTraffic, stopTraffic, tickTraffic } from "./index";
import { owedBy } from "./traffic";

const NOW = new Date("2026-12-01T10:00:00Z");
type World = Awaited<ReturnType<typeof gatewayWorld>>;

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error : ((error as { issues?: { message: string }[] }).issues?.map((i) => i.message).join(" ") ?? error)),
  );

describe("scenario mixes", () => {
  const run = (scenario: string, seed: number) => ({ scenario, seed, params: {} });

  it("are the same under a seed and differ under another; a normal day mixes reads, tariffs, top-ups, installs and firmware", () => {
    const day = drawsOf(run("normal-day", 7), 0, 2_000);
    expect(drawsOf(run("normal-day", 7), 0, 2_000)).toEqual(day);
    expect(drawsOf(run("normal-day", 8), 0, 2_000)).not.toEqual(day);
    // Any slice is the same as in the whole: two workers sending halves send what one would.
    expect(drawsOf(run("normal-day", 7), 1_000, 500)).toEqual(day.slice(1_000, 1_500));
    const share = (kind: string) => day.filter((d) => d.kind === kind).length / day.length;
    expect(share("read")).toBeGreaterThan(0.55);
    expect(share("read")).toBeLessThan(0.67);
    for (const kind of ["network-read", "tariff", "top-up", "han-add", "commission", "firmware-batch"]) expect(share(kind)).toBeGreaterThan(0.01);
    expect(new Set(day.flatMap((d) => (d.kind === "read" ? [d.srv] : [])))).toEqual(new Set(["4.1.1", "4.8.1", "4.17", "7.4", "11.2", "6.2.7"]));
  });

  it("the compromised supplier only disables supply; the firmware campaign distributes once, then activates meter by meter", () => {
    expect(new Set(drawsOf(run("compromised-supplier", 1), 0, 600).map((d) => d.kind))).toEqual(new Set(["disable-supply"]));
    expect(drawsOf(run("firmware-campaign", 1), 0, 3)).toEqual([{ kind: "campaign-update" }, { kind: "campaign-activate", meter: 0 }, { kind: "campaign-activate", meter: 1 }]);
  });

  it("each scenario has a label and a description", () => {
    for (const scenario of Object.values(SCENARIOS)) {
      expect(scenario.label).toBeTruthy();
      expect(scenario.description.length).toBeGreaterThan(20);
    }
  });
});

describe("what a run owes", () => {
  const run = { ratePerSecond: 2, tickedAt: NOW, total: null, sent: 0 };
  it("is the rate times the time since its last tick, the remainder carried; a long pause is not flooded; never past its total", () => {
    expect(owedBy(run, new Date(NOW.getTime() + 1_700))).toEqual({ count: 3, tickedAt: new Date(NOW.getTime() + 1_500) });
    expect(owedBy(run, new Date(NOW.getTime() + 3_600_000))).toEqual({ count: 20, tickedAt: new Date(NOW.getTime() + 3_600_000) });
    expect(owedBy({ ...run, total: 10, sent: 9 }, new Date(NOW.getTime() + 5_000)).count).toBe(1);
  });
});

describe("traffic runs", () => {
  let world: World;
  let admin: Actor;

  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    world = await gatewayWorld();
    admin = await makeActor(["DCC_ADMIN"], { partyId: world.dcc.id });
  });

  it("a tick sends what the rate owes through the gateway as the registered parties, Critical ones with their Signed Pre-Command", async () => {
    const run = await startTraffic(admin, { scenario: "normal-day", ratePerSecond: 10, seed: 42 });
    advanceClock(2_000);
    expect(await tickTraffic()).toMatchObject({ runs: 1, sent: 20, refused: 0 });
    const rows = await db().serviceRequest.findMany({ orderBy: { receivedAt: "asc" } });
    expect(rows).toHaveLength(20);
    const senders = new Set([world.supplier.id, world.distributor.id, world.transporter.id]);
    for (const row of rows) {
      expect(senders.has(row.partyId)).toBe(true);
      if (row.kind === "CRITICAL") expect(row).toMatchObject({ status: "COMMAND_SENT", responseCode: "I99", spcXml: expect.stringContaining("SignedPreCommand") });
      else if (row.kind === "NON_DEVICE") expect(row).toMatchObject({ status: "COMPLETED", responseCode: "I0", srv: "11.1" });
      else expect(row).toMatchObject({ status: "COMMAND_SENT", responseCode: "I99" });
      expect((row.checks as { result: string }[]).every((c) => c.result !== "fail")).toBe(true);
    }
    // Network Operators read too (4.1.1 as ED or GT), and the mix holds more than reads.
    expect(rows.some((r) => r.partyId !== world.supplier.id && r.srv === "4.1.1")).toBe(true);
    expect(new Set(rows.map((r) => r.srv)).size).toBeGreaterThan(4);
    expect(await db().simTrafficRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ sent: 20, refused: 0, status: "RUNNING" });
    // Nothing more is owed until time passes.
    expect(await tickTraffic()).toMatchObject({ sent: 0 });
  });

  it("installs and top-ups: 8.11 adds a Pending meter to its site's CHF, 8.1.1 commissions a Whitelisted one, 2.2 tops up a prepayment meter", async () => {
    const registration = { supplierId: world.supplier.id, networkOperatorId: world.distributor.id };
    const pending = await makeDevice({ status: "PENDING", mpxn: (await makeMeterPoint({ uprn: world.premises.mpan.uprn, registration })).mpxn });
    const whitelisted = await makeDevice({ status: "WHITELISTED", mpxn: (await makeMeterPoint({ registration })).mpxn });
    await associate(whitelisted.id, world.premises.chf.id);
    // Both Commissioned meters are prepayment meters in the simulator's state.
    for (const meter of [world.premises.esme, world.premises.gsme]) {
      const state = initialState({ id: meter.id, deviceType: meter.deviceType, status: "COMMISSIONED", manufacturer: null, model: null, hardwareVersion: null, firmwareVersion: null, esmeVariant: null }, now());
      const prepaid = { ...state, payment: { ...state.payment, mode: "PREPAYMENT" } };
      await db().simDeviceState.create({ data: { deviceId: meter.id, state: prepaid as unknown as Prisma.InputJsonObject, createdAt: now(), updatedAt: now() } });
    }

    const run = await startTraffic(admin, { scenario: "normal-day", ratePerSecond: 60, seed: 42 });
    advanceClock(1_000);
    await tickTraffic();
    const draws = drawsOf(run, 0, 60);
    const rows = await db().serviceRequest.findMany();
    const of = (srv: string) => rows.filter((r) => r.srv === srv);
    const drawn = (kind: string) => draws.filter((d) => d.kind === kind).length;
    expect(drawn("han-add") * drawn("commission") * drawn("top-up")).toBeGreaterThan(0);
    expect(of("8.11")).toHaveLength(drawn("han-add"));
    expect(of("8.11").every((r) => r.deviceId === world.premises.chf.id && r.status === "COMMAND_SENT" && r.requestXml.includes(formatEui64(pending.id)))).toBe(true);
    expect(of("8.1.1")).toHaveLength(drawn("commission"));
    expect(of("8.1.1").every((r) => r.deviceId === whitelisted.id && r.status === "COMMAND_SENT" && r.spcXml)).toBe(true);
    expect(of("2.2")).toHaveLength(drawn("top-up"));
    expect(of("2.2").every((r) => [world.premises.esme.id, world.premises.gsme.id].includes(r.deviceId!) && r.partyId === world.supplier.id)).toBe(true);
  });

  it("the compromised supplier sends its Disable Supply commands from one party and the run finishes at its total", async () => {
    const run = await startTraffic(admin, { scenario: "compromised-supplier", total: 5 });
    expect(run).toMatchObject({ ratePerSecond: 1, total: 5, params: { partyId: world.supplier.id } });
    advanceClock(30_000);
    await tickTraffic();
    const rows = await db().serviceRequest.findMany();
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.srv === "7.2" && r.partyId === world.supplier.id && r.status === "COMMAND_SENT" && r.spcXml)).toBe(true);
    expect(await db().simTrafficRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "FINISHED", sent: 5, stoppedAt: expect.any(Date) });
    advanceClock(30_000);
    expect(await tickTraffic()).toMatchObject({ runs: 0, sent: 0 });
  });

  it("a recalled CH model's devices are suspended through the CPL, and the suppliers' reads of them are refused E5", async () => {
    const chModel = (await db().device.findUniqueOrThrow({ where: { id: world.premises.chf.id } })).modelId!;
    const run = await startTraffic(admin, { scenario: "ch-model-recalled", ratePerSecond: 2, params: { modelId: chModel } });
    expect(await db().deviceModel.findUniqueOrThrow({ where: { id: chModel } })).toMatchObject({ status: "REMOVED" });
    expect(await db().device.findUniqueOrThrow({ where: { id: world.premises.gpf.id } })).toMatchObject({ status: "SUSPENDED" });
    advanceClock(3_000);
    expect(await tickTraffic()).toMatchObject({ sent: 6, refused: 6 });
    const rows = await db().serviceRequest.findMany();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.responseCode === "E5" && r.partyId === world.supplier.id && [world.premises.chf.id, world.premises.gpf.id].includes(r.deviceId!))).toBe(true);
    expect(await db().simTrafficRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ sent: 6, refused: 6 });
  });

  it("a firmware campaign sends one Update Firmware naming its meters, then an Activate Firmware per meter", async () => {
    const run = await startTraffic(admin, { scenario: "firmware-campaign" });
    expect(run).toMatchObject({ total: 2, params: { partyId: world.supplier.id, meters: 1 } });
    advanceClock(5_000);
    await tickTraffic();
    const rows = await db().serviceRequest.findMany({ orderBy: { srv: "asc" } });
    expect(rows.map((r) => [r.srv, r.responseCode])).toEqual([
      ["11.1", "I0"],
      ["11.3", "I99"],
    ]);
    expect(rows[1]).toMatchObject({ deviceId: world.premises.esme.id, status: "COMMAND_SENT" });
    expect(await db().simTrafficRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "FINISHED", sent: 2 });
  });

  it("stops exactly once; a stopped run sends nothing more; start and stop are audited", async () => {
    const run = await startTraffic(admin, { scenario: "normal-day" });
    const { succeeded, refused } = await concurrently(times(2, () => stopTraffic(admin, { runId: run.id })));
    expect(succeeded).toHaveLength(1);
    expect(refused.map((e) => [e.code, e.message])).toEqual([["CONFLICT", "This traffic run is already stopped."]]);
    advanceClock(10_000);
    expect(await tickTraffic()).toMatchObject({ runs: 0 });
    expect(await db().serviceRequest.count()).toBe(0);
    const trail = await db().auditEvent.findMany({ where: { entityId: run.id }, orderBy: { at: "asc" } });
    expect(trail.map((a) => a.action).sort()).toEqual(["simulator.traffic.start", "simulator.traffic.stop"]);
    const [listed] = await listTrafficRuns();
    expect(listed).toMatchObject({ id: run.id, status: "STOPPED", label: "Normal day" });
    expect(await refusal(stopTraffic(admin, { runId: "nope" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses bad input with a message, and anyone but a DCC admin", async () => {
    expect(await refusal(startTraffic(admin, { scenario: "rush-hour" }))).toBe(
      'There is no scenario "rush-hour": choose one of normal-day, compromised-supplier, firmware-campaign, ch-model-recalled.',
    );
    expect(await refusal(startTraffic(admin, { scenario: "normal-day", ratePerSecond: 0 }))).toBe("The rate must be at least 0.01 requests per second.");
    expect(await refusal(startTraffic(admin, { scenario: "normal-day", ratePerSecond: "fast" }))).toBe("The rate must be a number of requests per second.");
    expect(await refusal(startTraffic(admin, { scenario: "normal-day", total: 0 }))).toBe("The total must be at least 1.");
    expect(await refusal(startTraffic(admin, { scenario: "compromised-supplier", params: { partyId: world.distributor.id } }))).toMatchObject({
      code: "INVALID",
      message: `${world.distributor.name} is not a supplier (Import or Gas Supplier).`,
    });
    const supplierUser = await makeActor(["PARTY_USER"], { partyId: world.supplier.id });
    expect(await refusal(startTraffic(supplierUser, { scenario: "normal-day" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await db().simTrafficRun.count()).toBe(0);
  });
});
