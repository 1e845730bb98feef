// Optional full validation against the published DUIS 5.4 XSD, for operators who hold it: set DUIS_XSD_DIR to a folder
// with "DUIS Schema V5.4.xsd", "MMC Schema V5.4.xsd" and "xmldsig-core-schema.xsd" as the DCC publishes them. The XSD
// is never shipped with the project; without it, Verify relies on the project's own body schemas (verify.ts).
import fs from "node:fs/promises";
import path from "node:path";
import { XMLSerializer } from "@xmldom/xmldom";
import { validateXML, type XMLFileInfo } from "xmllint-wasm";
import { DUIS_NS, parseDuisXml } from "./xml";

const SCHEMA_FILES = { duis: "DUIS Schema V5.4.xsd", mmc: "MMC Schema V5.4.xsd", xmldsig: "xmldsig-core-schema.xsd" } as const;

interface LoadedSchema {
  schema: XMLFileInfo;
  preload: XMLFileInfo[];
}

// Read once per process and folder. libxml2 does not resolve the import of a file name with spaces, so the files
// get plain names in xmllint's in-memory file system and the DUIS schema's import points at them.
const loaded = new Map<string, Promise<LoadedSchema>>();

function loadSchema(dir: string): Promise<LoadedSchema> {
  let schema = loaded.get(dir);
  if (!schema) {
    schema = (async () => {
      const [duis, mmc, xmldsig] = await Promise.all(Object.values(SCHEMA_FILES).map((file) => fs.readFile(path.join(dir, file), "utf8")));
      return {
        schema: { fileName: "duis.xsd", contents: duis.replace(`schemaLocation="${SCHEMA_FILES.mmc}"`, 'schemaLocation="mmc.xsd"').replace(`schemaLocation="${SCHEMA_FILES.xmldsig}"`, 'schemaLocation="xmldsig.xsd"') },
        preload: [
          { fileName: "mmc.xsd", contents: mmc },
          { fileName: "xmldsig.xsd", contents: xmldsig },
        ],
      };
    })();
    schema.catch(() => loaded.delete(dir));
    loaded.set(dir, schema);
  }
  return schema;
}

/**
 * The request without its ds:Signature. Real signatures carry a 128-bit X509SerialNumber, beyond the xs:integer range
 * libxml2 implements, so every genuinely signed document would fail; the signature is optional in the schema and is
 * checked on its own (signature.ts), so leaving it out loses nothing.
 */
function withoutSignature(xml: string): string {
  const doc = parseDuisXml(xml);
  const root = doc.documentElement!;
  for (const signature of Array.from(root.getElementsByTagNameNS(DUIS_NS.ds, "Signature"))) {
    if (signature.parentNode === root) root.removeChild(signature);
  }
  return new XMLSerializer().serializeToString(doc);
}

const PREFIXES = Object.entries(DUIS_NS).map(([prefix, uri]) => [`{${uri}}`, `${prefix}:`] as const);

/** libxml2's message without its boilerplate, namespaces written as the usual prefixes. */
function readable(message: string): string {
  return PREFIXES.reduce((text, [qualified, prefix]) => text.replaceAll(qualified, prefix), message.replace(/^.*?Schemas validity error : /, ""));
}

/** Schema problems in a DUIS document ([] when it validates); null when DUIS_XSD_DIR is not set. */
export async function validateAgainstXsd(xml: string): Promise<string[] | null> {
  const dir = process.env.DUIS_XSD_DIR;
  if (!dir) return null;
  const { schema, preload } = await loadSchema(dir);
  const result = await validateXML({ xml: { fileName: "request.xml", contents: withoutSignature(xml) }, schema, preload });
  return result.valid ? [] : result.errors.map((error) => readable(error.message));
}
