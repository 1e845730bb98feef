import { afterEach, describe, expect, it } from "vitest";
import { CORPUS_NOTE, corpusPath, hasDuisCorpus, readCorpusFile } from "./testing/corpus";
import { validateAgainstXsd } from "./xsd";

const saved = process.env.DUIS_XSD_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.DUIS_XSD_DIR;
  else process.env.DUIS_XSD_DIR = saved;
});

describe("validateAgainstXsd", () => {
  it("is off (null) when DUIS_XSD_DIR is not set", async () => {
    delete process.env.DUIS_XSD_DIR;
    expect(await validateAgainstXsd("<anything/>")).toBeNull();
  });
});

describe.skipIf(!hasDuisCorpus)(`validateAgainstXsd with DUIS_XSD_DIR ${CORPUS_NOTE}`, () => {
  it("passes a reference template and names the misspelt element of an invalid one", async () => {
    process.env.DUIS_XSD_DIR = corpusPath("xsd");
    expect(await validateAgainstXsd(readCorpusFile("templates", "ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS.XML"))).toEqual([]);
    const problems = await validateAgainstXsd(readCorpusFile("requests-extra", "signwrap__8.2_READ_INVENTORY_REQUEST_DUIS-invalid.XML"));
    expect(problems).toEqual(["Element 'sr:ReqxuestID': This element is not expected. Expected is ( sr:RequestID )."]);
  });

  it("validates a genuinely signed document, whose 128-bit certificate serial libxml2 cannot read, without its signature", async () => {
    process.env.DUIS_XSD_DIR = corpusPath("xsd");
    const signed = readCorpusFile("requests-extra", "signingtool__message.xml");
    expect(signed).toMatch(/<ds:X509SerialNumber>\d{38,}</);
    expect(await validateAgainstXsd(signed)).toEqual([]);
  });
});
