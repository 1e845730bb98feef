// Validation against the DUIS 5.4 XSD (test material in the corpus, never shipped). libxml2 resolves no
// schemaLocation holding a space, so the DUIS schema's import of "MMC Schema V5.4.xsd" is pointed, in memory only, at
// a space-free name under which the MMC schema is preloaded.
import fs from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";
import { corpusPath } from "./corpus";

const DUIS_XSD = "DUIS Schema V5.4.xsd";
const MMC_XSD = "MMC Schema V5.4.xsd";
const DSIG_XSD = "xmldsig-core-schema.xsd";

/** The schema problems of each document (an empty list when it is valid), validated in one xmllint run. */
export async function duisXsdProblems(documents: string[], dir = corpusPath("xsd")): Promise<string[][]> {
  const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");
  const result = await validateXML({
    xml: documents.map((contents, i) => ({ fileName: `document-${i}.xml`, contents })),
    schema: { fileName: "duis.xsd", contents: read(DUIS_XSD).replace(`schemaLocation="${MMC_XSD}"`, 'schemaLocation="mmc.xsd"') },
    preload: [
      { fileName: "mmc.xsd", contents: read(MMC_XSD) },
      { fileName: DSIG_XSD, contents: read(DSIG_XSD) },
    ],
  });
  return documents.map((_, i) => result.errors.filter((e) => e.loc?.fileName === `document-${i}.xml`).map((e) => e.message));
}
