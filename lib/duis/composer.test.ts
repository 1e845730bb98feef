import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetClock, setNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { buildRequest, COMPOSER_SRVS, composeRequestXml, composeSchema, type ComposeInput, type ComposerSrv } from "./composer";
import { readDuisRequest } from "./envelope";
import { bodyDigest, encodeCommand, openSignedPreCommand, signPreCommand } from "./gbcs";
import { signedPreCommandXml } from "./requests";
import { signDuis } from "./signature";
import { CORPUS_NOTE, hasDuisCorpus } from "./testing/corpus";
import { duisXsdProblems } from "./testing/xsd";
import { verifyBody } from "./verify";
import { parseDuisXml } from "./xml";

const NOW = new Date("2026-11-24T09:00:00Z");
const SUPPLIER = "90B3D51F30010000";
const DEVICE = "00-DB-12-34-56-78-90-A0";

/** A complete form for each SRV the composer builds, with every optional part used where the SRV allows it. */
const FORMS: Record<ComposerSrv, ComposeInput> = {
  "4.1.1": { srv: "4.1.1", deviceId: DEVICE, executionDateTime: "2026-11-25T09:30" },
  "4.8.1": { srv: "4.8.1", deviceId: DEVICE, readFrom: "2026-11-20T00:00", readTo: "2026-11-21T00:00", executionDateTime: "2026-11-25T09:30" },
  "4.17": { srv: "4.17", deviceId: DEVICE, readFrom: "2026-11-01T00:00", readTo: "2026-11-23T00:00" },
  "7.4": { srv: "7.4", deviceId: DEVICE },
  "11.2": { srv: "11.2", deviceId: DEVICE },
  "6.2.7": { srv: "6.2.7", deviceId: "00db1234567890a0" },
  "7.1": { srv: "7.1", deviceId: DEVICE },
  "7.2": { srv: "7.2", deviceId: DEVICE },
  "7.3": { srv: "7.3", deviceId: DEVICE },
  "1.1.1": { srv: "1.1.1", deviceId: DEVICE, standingCharge: "53.12", unitRate: "24.5", executionDateTime: "2026-12-01T00:00" },
  "5.1": { srv: "5.1", deviceId: DEVICE, scheduledSrv: "4.17", frequency: "Daily", startDate: "2026-11-25", endDate: "2027-11-25" },
  "5.2": { srv: "5.2", scheduleId: "123" },
  "5.3": { srv: "5.3", deviceId: DEVICE },
};

const read = (xml: string) => {
  const result = readDuisRequest(parseDuisXml(xml));
  if (!result.ok) throw new Error(result.problems.join("; "));
  return result.request;
};

function fieldErrors(input: ComposeInput): Record<string, string> {
  const parsed = composeSchema.safeParse(input);
  return parsed.success ? {} : AppError.fromZod(parsed.error).fieldErrors;
}

describe("the Service Request composer", () => {
  beforeEach(() => setNow(NOW));
  afterEach(() => resetClock());

  it.each(COMPOSER_SRVS)("SRV %s: the built request reads as DUIS and its body passes Verify", (srv) => {
    const built = composeRequestXml(FORMS[srv], SUPPLIER, "1764000000000123");
    const request = read(built.xml);
    expect(request).toMatchObject({ srv, commandVariant: built.commandVariant, counter: "1764000000000123", originatorEui: SUPPLIER });
    expect(verifyBody(srv, request.body)).toEqual([]);
    expect(built.requestId).toBe(request.requestId);
  });

  it("addresses device SRs to the device and Non-Device SRs to the DCC, with the Command Variant and web service of their kind", () => {
    const at = (srv: ComposerSrv) => composeRequestXml(FORMS[srv], SUPPLIER, "42");
    expect(at("4.1.1")).toMatchObject({ requestId: `90-B3-D5-1F-30-01-00-00:${DEVICE}:42`, commandVariant: 1, endpoint: "serviceS" });
    expect(at("7.2")).toMatchObject({ requestId: `90-B3-D5-1F-30-01-00-00:${DEVICE}:42`, commandVariant: 4, endpoint: "serviceT" });
    expect(at("5.2")).toMatchObject({ requestId: "90-B3-D5-1F-30-01-00-00:90-B3-D5-1F-30-00-00-02:42", commandVariant: 8, endpoint: "serviceD" });
  });

  it("gives each request a fresh counter below 2^64", () => {
    const a = read(composeRequestXml(FORMS["7.4"], SUPPLIER).xml);
    const b = read(composeRequestXml(FORMS["7.4"], SUPPLIER).xml);
    expect(a.counter).not.toBe(b.counter);
    expect(BigInt(a.counter)).toBeLessThan(2n ** 64n);
  });

  it("writes the execution time, read period, tariff prices and schedule as asked", () => {
    const future = read(composeRequestXml(FORMS["4.8.1"], SUPPLIER).xml);
    // London wall clock: 25 November is GMT.
    expect(future.executionDateTime?.toISOString()).toBe("2026-11-25T09:30:00.000Z");
    const tariff = composeRequestXml(FORMS["1.1.1"], SUPPLIER).xml;
    expect(tariff).toContain("<sr:StandingCharge>5312</sr:StandingCharge>");
    expect(tariff).toContain('<sr:TOUPrice index="1">2450</sr:TOUPrice>');
    const schedule = composeRequestXml(FORMS["5.1"], SUPPLIER).xml;
    expect(schedule).toContain("<sr:DSPScheduledServiceReferenceVariant>4.17</sr:DSPScheduledServiceReferenceVariant>");
    expect(schedule).toContain("<sr:DSPRetrieveDailyConsumptionLog>");
    expect(composeRequestXml({ ...FORMS["5.1"], scheduledSrv: "4.8.1" }, SUPPLIER).xml).toContain("<sr:DSPReadActiveImportProfileData>");
  });

  it("shows every problem of the form at once", () => {
    expect(fieldErrors({ srv: "1.1.1", deviceId: "nope", executionDateTime: "2026-11-24T08:00", unitRate: "abc" })).toEqual({
      deviceId: "The Device ID: 16 hexadecimal digits, e.g. 00-DB-12-34-56-78-90-A0.",
      unitRate: "The unit rate: pence, with at most two decimals, e.g. 24.50.",
      executionDateTime: "The execution date and time must be in the future.",
      standingCharge: "The standing charge is required.",
    });
    expect(fieldErrors({ srv: "7.2", executionDateTime: "2026-11-25T10:00" })).toEqual({
      deviceId: "The Device ID is required.",
      executionDateTime: "SRV 7.2 cannot be future-dated: leave the execution date and time empty.",
    });
    expect(fieldErrors({ srv: "4.17", deviceId: DEVICE, readFrom: "2026-11-02T00:00", readTo: "2026-11-01T00:00", executionDateTime: "2027-01-30T00:00" })).toMatchObject({
      readTo: "The end of the read period must be after its start.",
      executionDateTime: "The execution date and time can be at most 30 days ahead.",
    });
    expect(Object.keys(fieldErrors({ srv: "5.1", startDate: "2026-11-23", endDate: "2026-02-31" }))).toEqual(["endDate", "deviceId", "scheduledSrv", "frequency", "startDate"]);
    expect(fieldErrors({ srv: "5.3" })).toEqual({ scheduleId: "Give the DSPScheduleID, or a Device ID for all of your schedules on that device." });
    expect(fieldErrors({ srv: "9.9" as ComposerSrv })).toEqual({ srv: "Choose the Service Request to send." });
  });

  it("the Signed Pre-Command of a composed Critical request reads as DUIS, CV 5, same RequestID, and its payload opens", () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const built = buildRequest(composeSchema.parse(FORMS["7.2"]), SUPPLIER, "77");
    const request = read(built.xml);
    const preCommand = encodeCommand({ requestId: request.requestId, srv: "7.2", deviceId: request.targetEui, bodyDigest: bodyDigest(request.body.toString()) });
    const spc = read(signDuis(signedPreCommandXml(built.xml, signPreCommand(preCommand, privateKey).toString("base64")), { privateKey, issuer: "CN=Test", serial: "1" }));
    expect(spc).toMatchObject({ requestId: built.requestId, commandVariant: 5, srv: "7.2", bodyName: "SignedPreCommand" });
    expect(verifyBody("7.2", spc.body)).toEqual([]);
    const opened = openSignedPreCommand(Buffer.from(spc.signedPreCommand!.gbcsPayload, "base64"), publicKey);
    expect(opened.signatureValid).toBe(true);
    expect(opened.payload?.equals(preCommand)).toBe(true);
  });

  describe.skipIf(!hasDuisCorpus)(`against the DUIS 5.4 XSD ${CORPUS_NOTE}`, () => {
    it("every composed request is valid", async () => {
      const documents = COMPOSER_SRVS.map((srv) => composeRequestXml(FORMS[srv], SUPPLIER).xml);
      const problems = await duisXsdProblems(documents);
      expect(Object.fromEntries(COMPOSER_SRVS.map((srv, i) => [srv, problems[i]]))).toEqual(Object.fromEntries(COMPOSER_SRVS.map((srv) => [srv, []])));
    });
  });
});
