import { describe, expect, it } from "vitest";
import { parseRequestId, parseXsDateTime, readDuisRequest, type DuisRequest } from "./envelope";
import { CORPUS_NOTE, corpusFiles, hasDuisCorpus, readCorpusFile } from "./testing/corpus";
import { DUIS_NS, parseDuisXml } from "./xml";

const REQUEST_ID = "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1000";

/** A request in DUIS layout; `header` replaces the header's children, `body` the body's. */
function requestXml({ header, body, root }: { header?: string; body?: string; root?: string } = {}) {
  return (
    `<sr:Request xmlns:sr="${DUIS_NS.sr}" ${root ?? 'schemaVersion="5.4"'}><sr:Header>` +
    (header ??
      `<sr:RequestID>${REQUEST_ID}</sr:RequestID><sr:CommandVariant>1</sr:CommandVariant>` +
        `<sr:ServiceReference>4.1</sr:ServiceReference><sr:ServiceReferenceVariant>4.1.1</sr:ServiceReferenceVariant>`) +
    `</sr:Header><sr:Body>${body ?? "<sr:ReadInstantaneousImportRegisters/>"}</sr:Body></sr:Request>`
  );
}

const read = (xml: string) => readDuisRequest(parseDuisXml(xml));

function ok(xml: string): DuisRequest {
  const result = read(xml);
  if (!result.ok) throw new Error(`expected ok, got: ${result.problems.join(" | ")}`);
  return result.request;
}

function problems(xml: string): string[] {
  const result = read(xml);
  if (result.ok) throw new Error("expected problems, the request was read");
  return result.problems;
}

const header = (parts: Record<string, string>) => Object.entries(parts).map(([name, value]) => `<sr:${name}>${value}</sr:${name}>`).join("");
const STANDARD = { RequestID: REQUEST_ID, CommandVariant: "1", ServiceReference: "4.1", ServiceReferenceVariant: "4.1.1" };

describe.skipIf(!hasDuisCorpus)(`readDuisRequest on the reference templates ${CORPUS_NOTE}`, () => {
  const templates = hasDuisCorpus ? corpusFiles("templates") : [];

  it("reads all 297 templates, with the SRV their file names give and a Command Variant of 1-8", () => {
    expect(templates).toHaveLength(297);
    const originators = new Set<string>();
    for (const name of templates) {
      const request = ok(readCorpusFile("templates", name));
      // "<use case>_<SRV>_..." or "<SRV>_<NAME>..." for Non-Device SRs.
      const fileSrv = (/^\d/.test(name) ? name.split("_")[0] : name.split("_")[1]).replace(/\.$/, "");
      expect(request.srv, name).toBe(fileSrv);
      expect(request.srv.startsWith(request.serviceReference), name).toBe(true);
      expect(request.commandVariant, name).toBeGreaterThanOrEqual(1);
      expect(request.commandVariant, name).toBeLessThanOrEqual(8);
      expect(request.schemaVersion).toBe("5.4");
      expect(request.requestId).toMatch(/^([0-9A-F]{2}-){7}[0-9A-F]{2}:([0-9A-F]{2}-){7}[0-9A-F]{2}:\d+$/);
      expect(request.isCancellation, name).toBe(name.includes("CANCELLATION"));
      if (name.includes("FUTURE_DATED") || name.includes("CANCELLATION")) expect(request.executionDateTime, name).toBeInstanceOf(Date);
      originators.add(request.originatorEui);
    }
    expect([...originators].sort()).toEqual(["90B3D51F30000002", "90B3D51F30010000", "90B3D51F30010008", "90B3D51F30020000", "90B3D51F30030000"]);
  });

  it("reads ECS17b_4.1.1_SINGLE_SUCCESS exactly", () => {
    const request = ok(readCorpusFile("templates", "ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS.XML"));
    expect({ ...request, body: undefined }).toEqual({
      requestId: "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1000",
      originatorEui: "90B3D51F30010000",
      targetEui: "00DB1234567890A0",
      counter: "1000",
      schemaVersion: "5.4",
      commandVariant: 1,
      serviceReference: "4.1",
      srv: "4.1.1",
      body: undefined,
      bodyName: "ReadInstantaneousImportRegisters",
      isCancellation: false,
    });
    expect(request.body.localName).toBe("ReadInstantaneousImportRegisters");
  });

  it("reads the future-dated and cancellation variants of one SRV", () => {
    const future = ok(readCorpusFile("templates", "ECS28a_6.4.1_FUTURE_DATED_SUCCESS_REQUEST_DUIS.XML"));
    expect(future.executionDateTime?.getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1));
    expect(future.isCancellation).toBe(false);
    const cancel = ok(readCorpusFile("templates", "ECS28a_6.4.1_CANCELLATION_SUCCESS_REQUEST_DUIS.XML"));
    expect(cancel.executionDateTime?.toISOString()).toBe("3000-12-31T00:00:00.000Z");
    expect(cancel.isCancellation).toBe(true);
    expect(ok(readCorpusFile("templates", "ECS28a_6.4.1_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML")).executionDateTime).toBeUndefined();
  });

  it("refuses the signing tool's invalid request for its RequestID", () => {
    const result = read(readCorpusFile("requests-extra", "signingtool__ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS-invalid.XML"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((p) => p.startsWith("RequestID"))).toBe(true);
    expect(result.requestId).toBeUndefined();
  });

  it("refuses a header with a misspelt element, and a response sent as a request", () => {
    expect(problems(readCorpusFile("requests-extra", "signwrap__8.2_READ_INVENTORY_REQUEST_DUIS-invalid.XML"))).toContain("Header: RequestID is missing.");
    expect(problems(readCorpusFile("requests-extra", "signingtool__message.xml"))[0]).toMatch(/not an sr:Request/);
  });
});

describe("readDuisRequest", () => {
  it("normalises EUIs written in lower case, and reads the optional header elements", () => {
    const request = ok(
      requestXml({
        header: header({
          RequestID: "90-b3-d5-1f-30-01-00-00:00-db-12-34-56-78-90-a0:18446744073709551615",
          FirstInSequence: "true",
          PrecedingServiceRequestID: "90-b3-d5-1f-30-01-00-00:00-db-12-34-56-78-90-a0:7",
          CommandVariant: "8",
          ServiceReference: "8.2",
          ServiceReferenceVariant: "8.2",
        }),
      }),
    );
    expect(request.requestId).toBe("90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551615");
    expect(request.originatorEui).toBe("90B3D51F30010000");
    expect(request.targetEui).toBe("00DB1234567890A0");
    expect(request.counter).toBe("18446744073709551615");
    expect(request.firstInSequence).toBe(true);
    expect(request.precedingRequestId).toBe("90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:7");
    expect(request.commandVariant).toBe(8);
    expect(ok(requestXml({ header: header({ RequestID: REQUEST_ID, FirstInSequence: "0", CommandVariant: "1", ServiceReference: "4.1", ServiceReferenceVariant: "4.1.1" }) })).firstInSequence).toBe(false);
  });

  it("refuses a missing CommandVariant, and one outside 1-8", () => {
    const { CommandVariant: _, ...withoutCv } = STANDARD;
    expect(problems(requestXml({ header: header(withoutCv) }))).toEqual(["Header: CommandVariant is missing."]);
    for (const cv of ["0", "9", "01", "1.0", "x", ""]) {
      expect(problems(requestXml({ header: header({ ...STANDARD, CommandVariant: cv }) }))[0], cv).toMatch(/^CommandVariant/);
    }
  });

  it("refuses RequestIDs that are not originator:target:counter with a 64-bit counter, and keeps a good one in the answer", () => {
    for (const id of [
      "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551616",
      "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:-1",
      "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:0100",
      "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:",
      "90B3D51F30010000:00DB1234567890A0:1",
      "90-B3-D5-1F-30-01-00:00-DB-12-34-56-78-90-A0:1",
      "90-B3-D5-1F-30-01-00-0G:00-DB-12-34-56-78-90-A0:1",
      "90:B3:D5:1F:30:01:00:00:00-DB-12-34-56-78-90-A0:1",
    ]) {
      const result = read(requestXml({ header: header({ ...STANDARD, RequestID: id }) }));
      expect(result.ok, id).toBe(false);
      if (!result.ok) {
        expect(result.problems[0], id).toMatch(/^RequestID/);
        expect(result.requestId).toBeUndefined();
      }
    }
    const later = read(requestXml({ header: header({ ...STANDARD, CommandVariant: "0" }) }));
    expect(later).toMatchObject({ ok: false, requestId: REQUEST_ID });
    expect(parseRequestId("90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:0")?.counter).toBe("0");
  });

  it("refuses header elements out of DUIS order, repeated or unknown", () => {
    const { RequestID, CommandVariant, ServiceReference, ServiceReferenceVariant } = STANDARD;
    expect(problems(requestXml({ header: header({ CommandVariant, RequestID, ServiceReference, ServiceReferenceVariant }) }))[0]).toMatch(/RequestID is repeated or out of order/);
    expect(problems(requestXml({ header: header({ RequestID, CommandVariant, FirstInSequence: "true", ServiceReference, ServiceReferenceVariant }) }))[0]).toMatch(/FirstInSequence is repeated or out of order/);
    expect(problems(requestXml({ header: header(STANDARD) + "<sr:ServiceReferenceVariant>4.1.1</sr:ServiceReferenceVariant>" }))[0]).toMatch(/repeated or out of order/);
    expect(problems(requestXml({ header: header(STANDARD) + "<sr:Extra/>" }))).toEqual(["Header: unexpected element sr:Extra."]);
    expect(problems(requestXml({ header: `text${header(STANDARD)}` }))).toEqual(["Header: text outside its elements."]);
  });

  it("refuses values of the wrong format in the other header elements", () => {
    expect(problems(requestXml({ header: header({ RequestID: REQUEST_ID, FirstInSequence: "yes", CommandVariant: "1", ServiceReference: "4.1", ServiceReferenceVariant: "4.1.1" }) }))[0]).toMatch(/FirstInSequence/);
    expect(problems(requestXml({ header: header({ RequestID: REQUEST_ID, PrecedingServiceRequestID: "1", CommandVariant: "1", ServiceReference: "4.1", ServiceReferenceVariant: "4.1.1" }) }))[0]).toMatch(/PrecedingServiceRequestID/);
    expect(problems(requestXml({ header: header({ ...STANDARD, ServiceReference: "four" }) }))[0]).toMatch(/^ServiceReference /);
    expect(problems(requestXml({ header: header({ ...STANDARD, ServiceReferenceVariant: "" }) }))[0]).toMatch(/^ServiceReferenceVariant/);
  });

  it("needs a decimal schemaVersion on an sr:Request holding Header then Body", () => {
    expect(problems(requestXml({ root: "" }))).toEqual(["sr:Request has no schemaVersion."]);
    expect(problems(requestXml({ root: 'schemaVersion="five"' }))[0]).toMatch(/not a decimal/);
    expect(ok(requestXml({ root: 'schemaVersion="5.1"' })).schemaVersion).toBe("5.1");
    expect(problems(`<sr:Request xmlns:sr="urn:other" schemaVersion="5.4"/>`)[0]).toMatch(/not an sr:Request/);
    expect(problems(`<sr:Request xmlns:sr="${DUIS_NS.sr}" schemaVersion="5.4"><sr:Body/><sr:Header/></sr:Request>`)[0]).toMatch(/must hold Header, Body/);
    expect(problems(requestXml().replace("</sr:Body>", "</sr:Body><sr:Body/>"))[0]).toMatch(/must hold Header, Body/);
  });

  it("needs exactly one SR element in the DUIS namespace in the body", () => {
    expect(problems(requestXml({ body: "<sr:ReadInstantaneousImportRegisters/><sr:ReadInstantaneousExportRegisters/>" }))).toEqual([
      "Body must hold exactly one Service Request element; it holds 2.",
    ]);
    expect(problems(requestXml({ body: "" }))).toEqual(["Body must hold exactly one Service Request element; it holds 0."]);
    expect(problems(requestXml({ body: '<x:Read xmlns:x="urn:x"/>' }))[0]).toMatch(/not in the DUIS namespace/);
    expect(problems(requestXml({ body: "words" }))).toContain("Body: text outside its elements.");
  });

  it("finds the first ExecutionDateTime anywhere inside the body, strictly parsed", () => {
    const nested = (value: string) => requestXml({ body: `<sr:A><sr:B><sr:ExecutionDateTime>${value}</sr:ExecutionDateTime></sr:B><sr:ExecutionDateTime>2031-01-01T00:00:00Z</sr:ExecutionDateTime></sr:A>` });
    expect(ok(nested("2030-01-15T09:00:00.00Z")).executionDateTime?.toISOString()).toBe("2030-01-15T09:00:00.000Z");
    expect(ok(nested(" 2030-01-15T10:00:00+01:00 ")).executionDateTime?.toISOString()).toBe("2030-01-15T09:00:00.000Z");
    expect(problems(nested("2030-01-15T09:00:00"))[0]).toMatch(/ExecutionDateTime .* time zone/);
    expect(problems(nested("2030-02-30T09:00:00Z"))[0]).toMatch(/ExecutionDateTime/);
  });

  it("takes 3000-12-31T00:00:00Z in any fractional precision as the cancellation marker, and nothing else", () => {
    const at = (value: string) => ok(requestXml({ body: `<sr:A><sr:ExecutionDateTime>${value}</sr:ExecutionDateTime></sr:A>` }));
    for (const marker of ["3000-12-31T00:00:00Z", "3000-12-31T00:00:00.00Z", "3000-12-31T00:00:00.000000000Z", "3000-12-31T00:00:00+00:00"]) {
      expect(at(marker).isCancellation, marker).toBe(true);
    }
    for (const other of ["3000-12-31T00:00:00.0001Z", "3000-12-31T00:00:01Z", "2999-12-31T00:00:00Z", "3000-12-31T00:00:00+01:00"]) {
      expect(at(other).isCancellation, other).toBe(false);
    }
  });

  it("reads a Signed Pre-Command: its GBCS payload and optional ExecutionDateTime", () => {
    const spc = (inner: string) => requestXml({ header: header({ ...STANDARD, CommandVariant: "5" }), body: `<sr:SignedPreCommand>${inner}</sr:SignedPreCommand>` });
    const immediate = ok(spc("<sr:GBCSPayload>3QAAAA==</sr:GBCSPayload>"));
    expect(immediate.signedPreCommand).toEqual({ gbcsPayload: "3QAAAA==" });
    expect(immediate.bodyName).toBe("SignedPreCommand");
    const dated = ok(spc("<sr:ExecutionDateTime>2030-01-15T09:00:00Z</sr:ExecutionDateTime><sr:GBCSPayload>\n3QAA\nAA==\n</sr:GBCSPayload>"));
    expect(dated.signedPreCommand).toEqual({ gbcsPayload: "3QAAAA==", executionDateTime: new Date("2030-01-15T09:00:00Z") });
    expect(dated.executionDateTime).toEqual(new Date("2030-01-15T09:00:00Z"));
    expect(problems(spc(""))).toEqual(["SignedPreCommand has no GBCSPayload."]);
    expect(problems(spc("<sr:GBCSPayload>not base64!</sr:GBCSPayload>"))).toEqual(["SignedPreCommand: GBCSPayload is not base64."]);
  });
});

describe("parseXsDateTime", () => {
  it("parses xs:dateTime with a time zone and real calendar values only", () => {
    expect(parseXsDateTime("2028-02-29T23:59:59.999999Z")?.date.toISOString()).toBe("2028-02-29T23:59:59.999Z");
    expect(parseXsDateTime("2030-01-15T09:00:00-05:30")?.date.toISOString()).toBe("2030-01-15T14:30:00.000Z");
    for (const bad of ["2027-02-29T00:00:00Z", "2030-13-01T00:00:00Z", "2030-01-01T24:00:00Z", "2030-01-01T00:60:00Z", "2030-01-01T00:00:00+15:00", "2030-01-01 00:00:00Z", "2030-01-01T00:00:00.Z", "2030-01-01"]) {
      expect(parseXsDateTime(bad), bad).toBeNull();
    }
  });
});
