import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeDevice } from "@/lib/testing/smi-fixtures";
import { simulatorCommand, simulatorState } from "./api";

let admin: Actor;
let supplier: Actor;

beforeEach(async () => {
  await resetDatabase();
  admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  supplier = await makeActor(["PARTY_USER"], { roles: ["IS"] });
});

const refused = (answer: Awaited<ReturnType<typeof simulatorCommand>>) => {
  if (answer.body.ok) throw new Error(`expected a refusal, got ${JSON.stringify(answer.body)}`);
  return answer.body;
};

describe("POST /api/simulator", () => {
  it("refuses a party's user before looking at the input", async () => {
    for (const input of [{ action: "behaviour", scope: "POPULATION", mode: "NO_RESPONSE" }, "not even an object"]) {
      const answer = await simulatorCommand(supplier, input);
      expect(answer.status).toBe(403);
      expect(refused(answer).error).toBe("FORBIDDEN");
    }
    expect(await db().simBehaviour.count()).toBe(0);
  });

  it("answers 400 naming the actions for a body without a known action", async () => {
    for (const input of ["", null, [], {}, { action: "reboot" }, { action: 7 }]) {
      const answer = await simulatorCommand(admin, input);
      expect(answer.status).toBe(400);
      expect(refused(answer).message).toMatch(/action/i);
    }
  });

  it("answers 400 with every message when several fields are wrong, and changes nothing", async () => {
    const answer = await simulatorCommand(admin, { action: "behaviour", scope: "DEVICE", target: "not-a-device", mode: "RESPOND_ERROR", dropPercent: 150, delaySeconds: -1 });
    expect(answer.status).toBe(400);
    const body = refused(answer);
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["delaySeconds", "dropPercent", "errorCode", "target"]);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        "The delay (s) cannot be negative.",
        "The drop percentage must be at most 100.",
        "Give the Device ID as 16 hex digits, e.g. 00-DB-12-34-56-78-90-A0.",
        "Give the error code the device answers with.",
      ]),
    );
    expect(await db().simBehaviour.count()).toBe(0);
  });

  it("answers 400 for bad settings, traffic, injected events and stop requests", async () => {
    const cases: Record<string, unknown>[] = [
      { action: "settings", seed: "x", answerDelayMs: -5, onDemandRetrySeconds: 0, onDemandRetries: 99, joinAllowanceSeconds: 1 },
      { action: "scenario", scenario: "meteor-strike" },
      { action: "start", ratePerSecond: "fast", total: 0 },
      { action: "inject", deviceId: "123", event: "earthquake", phase: 4 },
      { action: "stop" },
      { action: "clear-behaviour" },
    ];
    for (const input of cases) {
      const answer = await simulatorCommand(admin, input);
      expect(answer.status, JSON.stringify(input)).toBe(400);
    }
    const settings = refused(await simulatorCommand(admin, cases[0]));
    expect(Object.keys(settings.fieldErrors).sort()).toEqual(["answerDelayMs", "onDemandRetries", "onDemandRetrySeconds", "seed"]);
    const inject = refused(await simulatorCommand(admin, cases[3]));
    expect(Object.keys(inject.fieldErrors).sort()).toEqual(["deviceId", "event", "phase"]);
  });

  it("answers a refusal of the operation with its own status: unknown behaviour 404, stopping a stopped run 409", async () => {
    expect((await simulatorCommand(admin, { action: "clear-behaviour", id: "nope" })).status).toBe(404);
    const run = await db().simTrafficRun.create({
      data: { scenario: "normal-day", status: "STOPPED", ratePerSecond: 1, seed: 1, params: {}, startedAt: new Date(), stoppedAt: new Date(), tickedAt: new Date() },
    });
    expect((await simulatorCommand(admin, { action: "stop", runId: run.id })).status).toBe(409);
  });

  it("sets, lists and clears a behaviour; saves settings; starts and stops a scenario", async () => {
    const device = await makeDevice({ status: "COMMISSIONED" });
    const set = await simulatorCommand(admin, { action: "behaviour", scope: "DEVICE", target: device.id.toLowerCase(), mode: "RESPOND_ERROR", errorCode: "E21", dropPercent: "20" });
    expect(set.status).toBe(200);
    const state = await simulatorState(admin);
    expect(state.behaviours).toEqual([expect.objectContaining({ scope: "DEVICE", target: device.id, mode: "RESPOND_ERROR", errorCode: "E21", dropPercent: 20 })]);

    expect((await simulatorCommand(admin, { action: "clear-behaviour", id: state.behaviours[0].id })).status).toBe(200);
    expect(await db().simBehaviour.count()).toBe(0);

    const settings = { seed: 7, answerDelayMs: 500, onDemandRetrySeconds: 20, onDemandRetries: 2, joinAllowanceSeconds: 30 };
    expect((await simulatorCommand(admin, { action: "settings", ...settings })).status).toBe(200);
    expect((await simulatorState(admin)).settings).toEqual(settings);

    const started = await simulatorCommand(admin, { action: "start", ratePerSecond: "2" });
    expect(started.status).toBe(200);
    const [run] = (await simulatorState(admin)).runs;
    expect(run).toMatchObject({ scenario: "normal-day", status: "RUNNING", ratePerSecond: 2 });
    expect((await simulatorCommand(admin, { action: "stop", runId: run.id })).status).toBe(200);
    expect((await simulatorState(admin)).runs[0].status).toBe("STOPPED");
  });
});

describe("GET /api/simulator", () => {
  it("is the DCC's", async () => {
    await expect(simulatorState(supplier)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await simulatorState(admin)).toMatchObject({ rate: { perSecond: 0 }, behaviours: [], runs: [], settings: expect.objectContaining({ seed: expect.any(Number) }) });
  });
});
