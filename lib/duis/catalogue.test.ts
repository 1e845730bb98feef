import { describe, expect, it } from "vitest";
import { BODY_SCHEMAS } from "./body-schemas";
import { ENDPOINT_FOR_CV, SRV_CATALOGUE, srvEntry, targetDeviceTypes } from "./catalogue";
import { readDuisRequest } from "./envelope";
import { CORPUS_NOTE, corpusFiles, hasDuisCorpus, readCorpusFile } from "./testing/corpus";
import { parseDuisXml } from "./xml";

interface MatrixRow {
  "Service Request Name": string;
  "Service Reference": string;
  "Service Reference Variant": string;
  Critical: "Yes" | "No";
  "On Demand": "Yes" | "No";
  "Future Dated Response Pattern": "No" | "Device" | "DSP" | "DSP & Device";
  "DCC Scheduled": "Yes" | "No";
  "Non-Device Request": "Yes" | "No";
  "Eligible User Roles": string[];
}

const matrix = (): MatrixRow[] => JSON.parse(readCorpusFile("catalogue", "duis-request-matrix.json"));
const xsd = () => readCorpusFile("xsd", "DUIS Schema V5.4.xsd");
/** The values of one named xs:simpleType enumeration of the DUIS schema, with the note that follows each value. */
function enumeration(typeName: string): { value: string; note: string }[] {
  const text = xsd();
  const start = text.indexOf(`<xs:simpleType name="${typeName}">`);
  const section = text.slice(start, text.indexOf("</xs:simpleType>", start));
  return [...section.matchAll(/<xs:enumeration value="([^"]+)"\/>\s*(?:<!--([^-]*)-->)?/g)].map((m) => ({ value: m[1], note: m[2]?.trim() ?? "" }));
}

describe("SRV catalogue", () => {
  it("holds 129 SRVs, each keyed by its SRV, with a body element Verify has a schema for", () => {
    expect(SRV_CATALOGUE.size).toBe(129);
    for (const [srv, entry] of SRV_CATALOGUE) {
      expect(entry.srv).toBe(srv);
      expect(srvEntry(srv)).toBe(entry);
      expect(entry.roles.length).toBeGreaterThan(0);
      for (const element of entry.bodyElements) expect(BODY_SCHEMAS[element], element).toBeDefined();
    }
    expect(srvEntry("4.1.9")).toBeUndefined();
  });

  it("gives Command Variants by kind: Critical 4-7, Non-Device 8, others 1-3; each CV has its web service", () => {
    expect(srvEntry("7.1")!.commandVariants).toEqual([4, 5, 6, 7]);
    expect(srvEntry("8.2")!.commandVariants).toEqual([8]);
    expect(srvEntry("4.1.1")!.commandVariants).toEqual([1, 2, 3]);
    expect(srvEntry("8.1.1")!.commandVariants).toEqual([4, 5]);
    expect(srvEntry("8.5")!.commandVariants).toEqual([1]);
    expect(ENDPOINT_FOR_CV).toEqual({ 1: "serviceS", 2: "serviceD", 3: "serviceS", 4: "serviceT", 5: "serviceS", 6: "serviceD", 7: "serviceS", 8: "serviceD" });
  });

  it("names the device types each device SRV may be sent to; Non-Device SRVs name none", () => {
    for (const entry of SRV_CATALOGUE.values()) expect(entry.targetDeviceTypes.length > 0, entry.srv).toBe(!entry.nonDevice);
    expect(targetDeviceTypes("7.1")).toEqual(["ESME"]);
    expect(targetDeviceTypes("4.1.1")).toEqual(["ESME", "GSME", "GPF"]);
    expect(targetDeviceTypes("6.31")).toEqual(["CHF"]);
    expect(targetDeviceTypes("8.2")).toEqual([]);
    expect(targetDeviceTypes("4.1.9")).toBeUndefined();
  });

  it("lets the Import Supplier and an Other User (the load controller) send 7.16 Limit APC Level, and the Supplier (IS, GS) 8.5 Service Opt Out and 8.6 Service Opt In", () => {
    expect(srvEntry("7.16")!.roles).toEqual(["IS", "OU"]);
    expect(srvEntry("8.5")!.roles).toEqual(["IS", "GS"]);
    expect(srvEntry("8.6")!.roles).toEqual(["IS", "GS"]);
  });
});

describe.skipIf(!hasDuisCorpus)(`SRV catalogue against the DUIS matrix and schema ${CORPUS_NOTE}`, () => {
  it("matches the matrix SRV by SRV: flags, future dating and roles (the three the matrix leaves empty decided)", () => {
    const rows = matrix();
    expect(rows.map((row) => row["Service Reference Variant"]).sort()).toEqual([...SRV_CATALOGUE.keys()].sort());
    const pattern = { No: null, Device: "DEVICE", DSP: "DSP", "DSP & Device": "BOTH" } as const;
    for (const row of rows) {
      const entry = srvEntry(row["Service Reference Variant"])!;
      expect(entry.critical, entry.srv).toBe(row.Critical === "Yes");
      expect(entry.onDemand, entry.srv).toBe(row["On Demand"] === "Yes");
      expect(entry.dccScheduled, entry.srv).toBe(row["DCC Scheduled"] === "Yes");
      expect(entry.nonDevice, entry.srv).toBe(row["Non-Device Request"] === "Yes");
      expect(entry.futureDated, entry.srv).toBe(pattern[row["Future Dated Response Pattern"]]);
      if (row["Eligible User Roles"].length) expect(entry.roles, entry.srv).toEqual(row["Eligible User Roles"]);
      else expect(["7.16", "8.5", "8.6"]).toContain(entry.srv);
    }
    const count = (flag: "Critical" | "Non-Device Request") => rows.filter((row) => row[flag] === "Yes").length;
    expect([...SRV_CATALOGUE.values()].filter((entry) => entry.critical).length).toBe(count("Critical"));
    expect([...SRV_CATALOGUE.values()].filter((entry) => entry.nonDevice).length).toBe(count("Non-Device Request"));
  });

  it("uses the schema's Service References and SRVs, and its Command Variant notes except where they contradict the matrix (7.12-7.15)", () => {
    const references = enumeration("ServiceReference").map((e) => e.value);
    const variants = enumeration("ServiceReferenceVariant");
    expect(variants.map((e) => e.value).sort()).toEqual([...SRV_CATALOGUE.keys()].sort());
    for (const { value, note } of variants) {
      const entry = srvEntry(value)!;
      expect(references).toContain(entry.serviceReference);
      const noted = note.replace("CV =", "").split(",").map(Number);
      if (["7.12", "7.13", "7.14", "7.15"].includes(value)) expect(entry.commandVariants, value).not.toEqual(noted);
      else expect(entry.commandVariants, value).toEqual(noted);
    }
  });

  it("gives each SRV the one body element the schema's body choice allows for it (SignedPreCommand aside)", () => {
    const text = xsd();
    const body = text.slice(text.indexOf('<xs:element name="Body">'), text.indexOf("</xs:choice>", text.indexOf('<xs:element name="Body">')));
    const elements = [...body.matchAll(/<xs:element\s+name="(\w+)"/g)].map((m) => m[1]).filter((name) => !["Body", "SignedPreCommand"].includes(name));
    expect([...SRV_CATALOGUE.values()].flatMap((entry) => entry.bodyElements).sort()).toEqual(elements.sort());
  });

  it("covers every reference template: its SRV, its body element and its Command Variant", () => {
    const templates = corpusFiles("templates");
    expect(templates).toHaveLength(297);
    for (const file of templates) {
      const read = readDuisRequest(parseDuisXml(readCorpusFile("templates", file)));
      if (!read.ok) throw new Error(`${file}: ${read.problems.join("; ")}`);
      const entry = srvEntry(read.request.srv);
      expect(entry, file).toBeDefined();
      expect(entry!.serviceReference, file).toBe(read.request.serviceReference);
      expect(entry!.bodyElements, file).toContain(read.request.bodyName);
      expect(entry!.commandVariants, file).toContain(read.request.commandVariant);
    }
  });
});
