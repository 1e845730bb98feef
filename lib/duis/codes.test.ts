import { describe, expect, it } from "vitest";
import { CODE, RESPONSE_CODES } from "./codes";
import { NON_DEVICE_CODE } from "./non-device";
import { CORPUS_NOTE, hasDuisCorpus, readCorpusFile } from "./testing/corpus";

describe("RESPONSE_CODES", () => {
  it("has a name in CODE (or the Non-Device work's NON_DEVICE_CODE) for every code it documents, and documents every code they name", () => {
    expect(new Set([...Object.values(CODE), ...Object.values(NON_DEVICE_CODE)])).toEqual(new Set(Object.keys(RESPONSE_CODES)));
  });

  it.skipIf(!hasDuisCorpus)(`uses only codes the DUIS schema enumerates, so every response stays schema-valid ${CORPUS_NOTE}`, () => {
    const xsd = readCorpusFile("xsd", "DUIS Schema V5.4.xsd");
    const start = xsd.indexOf('<xs:simpleType name="ResponseCode">');
    const enumerated = [...xsd.slice(start, xsd.indexOf("</xs:simpleType>", start)).matchAll(/<xs:enumeration value="([^"]+)"/g)].map((m) => m[1]);
    for (const code of Object.keys(RESPONSE_CODES)) expect(enumerated, code).toContain(code);
  });
});
