import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildDuisResponse, responseIdFor, type DuisResponseInput, type ResponseBody } from "./response-xml";
import { signatureKeyInfo, signDuis, verifyDuisSignature } from "./signature";
import { CORPUS_NOTE, hasDuisCorpus } from "./testing/corpus";
import { duisXsdProblems } from "./testing/xsd";
import { DUIS_NS, parseDuisXml, srChild, textOf } from "./xml";

const REQUEST_ID = "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1660751141087";
const AT = new Date("2026-12-06T10:11:12.345Z");

const BODIES: Record<string, ResponseBody> = {
  acknowledgement: { message: { serviceReference: "4.1", srv: "4.1.1" } },
  "GBCS payload": { message: { serviceReference: "11.2", srv: "11.2", gbcsPayload: "3QAAAAAAAFURAAAAAN8J" } },
  "Pre-Command": { message: { serviceReference: "3.1", srv: "3.1", preCommand: { gbcsVersion: "4.3", gbcsPayload: "3QAAAA==" } } },
  "DSP Schedule ID": { message: { serviceReference: "5.1", srv: "5.1", dspScheduleId: "42" } },
  "pre-built content": {
    message: {
      serviceReference: "5.2",
      srv: "5.2",
      contentXml: "<sr:DSPScheduledMessage><sr:GBCSPayload>3QAAAA==</sr:GBCSPayload><sr:DSPScheduleID>7</sr:DSPScheduleID></sr:DSPScheduledMessage>",
    },
  },
  "device alert": { deviceAlert: { alertCode: "8f66", gbcsPayload: "3QAAAA==" } },
  "throttled device alert": { deviceAlert: { alertCode: "8F67", gbcsPayload: "3QAAAA==", throttledAlertSequenceId: 3, throttledAlertCount: 10 } },
  "DCC alert, command failure": { dccAlert: { code: "N7", commandFailure: { commandRequestId: REQUEST_ID, deviceId: "00DB1234567890A0" } } },
  "DCC alert, scheduled command failure": {
    dccAlert: { code: "N999", throttledAlertCount: 1, commandFailure: { commandRequestId: REQUEST_ID, deviceId: "00-db-12-34-56-78-90-a0", dspScheduleId: "42" } },
  },
  "DCC alert, other content": {
    dccAlert: { code: "N24", contentXml: "<sr:DSPScheduleRemoval><sr:DeviceID>00-DB-12-34-56-78-90-A0</sr:DeviceID><sr:DSPScheduleID>42</sr:DSPScheduleID></sr:DSPScheduleRemoval>" },
  },
};

describe("responseIdFor", () => {
  it("swaps the two EUIs and keeps the counter", () => {
    expect(responseIdFor(REQUEST_ID)).toBe("00-DB-12-34-56-78-90-A0:90-B3-D5-1F-30-01-00-00:1660751141087");
    expect(responseIdFor("90-b3-d5-1f-30-01-00-00:00-db-12-34-56-78-90-a0:1")).toBe("00-DB-12-34-56-78-90-A0:90-B3-D5-1F-30-01-00-00:1");
    expect(() => responseIdFor("x:y:1")).toThrow(/not a DUIS RequestID/);
  });
});

describe("buildDuisResponse", () => {
  it("writes the header in DUIS order with ResponseDateTime in UTC milliseconds, and the body", () => {
    const xml = buildDuisResponse({ requestId: REQUEST_ID, responseId: responseIdFor(REQUEST_ID), code: "I0", at: AT, body: BODIES["GBCS payload"] });
    const root = parseDuisXml(xml).documentElement!;
    expect(root.namespaceURI).toBe(DUIS_NS.sr);
    expect(root.localName).toBe("Response");
    expect(root.getAttribute("schemaVersion")).toBe("5.4");
    const header = srChild(root, "Header")!;
    expect(Array.from(header.childNodes).map((n) => [n.localName, n.textContent])).toEqual([
      ["RequestID", REQUEST_ID],
      ["ResponseID", "00-DB-12-34-56-78-90-A0:90-B3-D5-1F-30-01-00-00:1660751141087"],
      ["ResponseCode", "I0"],
      ["ResponseDateTime", "2026-12-06T10:11:12.345Z"],
    ]);
    const message = srChild(srChild(root, "Body")!, "ResponseMessage")!;
    expect(textOf(srChild(message, "GBCSPayload")!)).toBe("3QAAAAAAAFURAAAAAN8J");
  });

  it("escapes every text it writes", () => {
    const xml = buildDuisResponse({ code: "E2", at: AT, body: { message: { serviceReference: "<4.1&>", srv: `"4.1.1'` } } });
    const message = srChild(srChild(parseDuisXml(xml).documentElement!, "Body")!, "ResponseMessage")!;
    expect(textOf(srChild(message, "ServiceReference")!)).toBe("<4.1&>");
    expect(textOf(srChild(message, "ServiceReferenceVariant")!)).toBe(`"4.1.1'`);
  });

  it("refuses values the schema would refuse", () => {
    const base: DuisResponseInput = { code: "I0", at: AT, body: BODIES.acknowledgement };
    expect(() => buildDuisResponse({ ...base, requestId: "90-B3:1" })).toThrow(/RequestID/);
    expect(() => buildDuisResponse({ ...base, code: "I0<" })).toThrow(/ResponseCode/);
    expect(() => buildDuisResponse({ ...base, at: new Date("x") })).toThrow(/date/);
    expect(() => buildDuisResponse({ ...base, body: { message: { serviceReference: "5.1", srv: "5.1", gbcsPayload: "AA==", dspScheduleId: "1" } } })).toThrow(/at most one/);
    expect(() => buildDuisResponse({ ...base, body: { message: { serviceReference: "5.1", srv: "5.1", dspScheduleId: "-1" } } })).toThrow(/DSPScheduleID/);
    expect(() => buildDuisResponse({ ...base, body: { message: { serviceReference: "11.2", srv: "11.2", gbcsPayload: "<x/>" } } })).toThrow(/base64/);
    expect(() => buildDuisResponse({ ...base, body: { deviceAlert: { alertCode: "8F6", gbcsPayload: "AA==" } } })).toThrow(/AlertCode/);
    expect(() => buildDuisResponse({ ...base, body: { deviceAlert: { alertCode: "8F66", gbcsPayload: "AA==", throttledAlertCount: -1 } } })).toThrow(/ThrottledAlertCount/);
    expect(() => buildDuisResponse({ ...base, body: { dccAlert: { code: "X1", contentXml: "<sr:A/>" } } })).toThrow(/DCCAlertCode/);
    expect(() => buildDuisResponse({ ...base, body: { dccAlert: { code: "N7", commandFailure: { commandRequestId: REQUEST_ID, deviceId: "nope" } } } })).toThrow(/DeviceID/);
  });

  it("is signed with signDuis into a response that verifyDuisSignature accepts", () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const unsigned = buildDuisResponse({ requestId: REQUEST_ID, responseId: responseIdFor(REQUEST_ID), code: "I99", at: AT, body: BODIES.acknowledgement });
    const signed = signDuis(unsigned, { privateKey, issuer: "CN=Z1, OU=07", serial: "167048897159233642262001557408276884033" });
    expect(verifyDuisSignature(signed, publicKey)).toBe(true);
    expect(signatureKeyInfo(parseDuisXml(signed))?.serial).toBe("167048897159233642262001557408276884033");
  });
});

describe.skipIf(!hasDuisCorpus)(`buildDuisResponse against the DUIS 5.4 XSD ${CORPUS_NOTE}`, () => {
  it("builds schema-valid responses of every body kind, with and without RequestID and ResponseID, and signed ones too", async () => {
    const cases: [string, string][] = [];
    for (const [name, body] of Object.entries(BODIES)) {
      cases.push([`${name}, with IDs`, buildDuisResponse({ requestId: REQUEST_ID, responseId: responseIdFor(REQUEST_ID), code: "I0", at: AT, body })]);
      cases.push([`${name}, without IDs`, buildDuisResponse({ code: "E65", at: AT, body })]);
    }
    // libxml2 cannot hold a 128-bit X509SerialNumber in xs:integer (duis.md §6), so the signed one names a small serial.
    const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    cases.push(["signed", signDuis(cases[0][1], { privateKey, issuer: "CN=Z1, OU=07", serial: "1234567890" })]);
    const problems = await duisXsdProblems(cases.map(([, xml]) => xml));
    expect(Object.fromEntries(cases.map(([name], i) => [name, problems[i]]))).toEqual(Object.fromEntries(cases.map(([name]) => [name, []])));
  });

  it("is checked by a validator that does refuse invalid responses", async () => {
    const valid = buildDuisResponse({ code: "I0", at: AT, body: BODIES.acknowledgement });
    const [problems] = await duisXsdProblems([valid.replace("<sr:ResponseCode>I0<", "<sr:ResponseCode>I1234<")]);
    expect(problems.length).toBeGreaterThan(0);
  });
});
