import crypto from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { SignedXml, type SignatureAlgorithm } from "xml-crypto";
import { buildDuisResponse, type ResponseBody } from "./response-xml";
import { signatureKeyInfo, signDuis, signOwnResponse, verifyDuisSignature } from "./signature";
import { CORPUS_NOTE, corpusFiles, hasDuisCorpus, readCorpusFile } from "./testing/corpus";
import { childElements, DUIS_NS, DuisFormatError, parseDuisXml } from "./xml";

const ECDSA = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
const SIGNER = { issuer: "CN=Z1, OU=07", serial: "50669612984035780968362471400449834504" };
const newKey = () => crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });

const UNSIGNED = `<?xml version="1.0" encoding="UTF-8"?>
<sr:Request xmlns:sr="${DUIS_NS.sr}" xmlns:ds="${DUIS_NS.ds}" schemaVersion="5.4">
  <sr:Header>
    <sr:RequestID>90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1000</sr:RequestID>
    <sr:CommandVariant>1</sr:CommandVariant>
    <sr:ServiceReference>4.1</sr:ServiceReference>
    <sr:ServiceReferenceVariant>4.1.1</sr:ServiceReferenceVariant>
  </sr:Header>
  <sr:Body>
    <sr:ReadInstantaneousImportRegisters/>
  </sr:Body>
</sr:Request>`;

/** An independent ECDSA plug-in for xml-crypto, so that tests check the module against xml-crypto's reference processing. */
class LibraryEcdsa {
  getSignature = (data: string, key: crypto.KeyObject) => crypto.sign("sha256", Buffer.from(data), { key, dsaEncoding: "ieee-p1363" }).toString("base64");
  verifySignature = (data: string, key: crypto.KeyObject, value: string) =>
    crypto.verify("sha256", Buffer.from(data), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(value, "base64"));
  getAlgorithmName = () => ECDSA;
}

const signaturesIn = (xml: string) => parseDuisXml(xml).getElementsByTagNameNS(DUIS_NS.ds, "Signature").length;

describe.skipIf(!hasDuisCorpus)(`verifyDuisSignature on DCC Boxed responses ${CORPUS_NOTE}`, () => {
  // Certificates picked by serial, as the gateway picks them: node's X509Certificate gives the serial in hex.
  const certificates = () =>
    corpusFiles("certs").map((name) => {
      const pem = readCorpusFile("certs", name);
      return { name, pem, serial: BigInt(`0x${new crypto.X509Certificate(pem).serialNumber}`).toString() };
    });
  const certFor = (xml: string) => {
    const keyInfo = signatureKeyInfo(parseDuisXml(xml));
    return keyInfo ? certificates().find((c) => c.serial === keyInfo.serial) : undefined;
  };

  it("verifies the six genuinely signed responses against the certificates their KeyInfo names", () => {
    const genuine = [
      "signingtool__read-inventory-response-4g.xml",
      "signingtool__read-inventory-response-5.4.xml",
      "signingtool__readfw-response.xml",
      "signingtool__readfw-response-resigned.xml",
      "signwrap__readfw-version-response.xml",
      "templates__ECS52_11.2_SUCCESS_RESPONSE_DUIS.XML",
    ];
    for (const name of genuine) {
      const xml = readCorpusFile("responses", name);
      const cert = certFor(xml);
      expect(cert, name).toBeDefined();
      expect(verifyDuisSignature(xml, cert!.pem), name).toBe(true);
      expect(verifyDuisSignature(xml, new crypto.X509Certificate(cert!.pem).publicKey, parseDuisXml(xml)), name).toBe(true);
      // Any certificate with another key fails (some re-issued certificates share a key).
      const key = new crypto.X509Certificate(cert!.pem).publicKey;
      const other = certificates().find((c) => !new crypto.X509Certificate(c.pem).publicKey.equals(key))!;
      expect(verifyDuisSignature(xml, other.pem), name).toBe(false);
    }
  });

  it("names issuer and 128-bit serial as KeyInfo gives them", () => {
    expect(signatureKeyInfo(parseDuisXml(readCorpusFile("responses", "signingtool__readfw-response.xml")))).toEqual({
      issuer: "CN=Z1,OU=07",
      serial: "50669612984035780968362471400449834504",
    });
  });

  it("rejects the tampered responses, and refuses the XXE sample before any signature check", () => {
    for (const name of ["signingtool__readfw-response-badsignature.xml", "signingtool__readfw-response-invalid.xml"]) {
      const xml = readCorpusFile("responses", name);
      expect(certFor(xml), name).toBeDefined();
      expect(verifyDuisSignature(xml, certFor(xml)!.pem), name).toBe(false);
    }
    const xxe = readCorpusFile("responses", "signingtool__duis-xxe.xml");
    expect(() => parseDuisXml(xxe)).toThrow(DuisFormatError);
    for (const cert of certificates()) expect(verifyDuisSignature(xxe, cert.pem)).toBe(false);
  });

  it("finds no usable key where there is no serial, no signature, or a serial no certificate has", () => {
    expect(signatureKeyInfo(parseDuisXml(readCorpusFile("responses", "signingtool__readfw-response-no-serial.xml")))).toBeNull();
    expect(signatureKeyInfo(parseDuisXml(readCorpusFile("responses", "signingtool__readfw-response-no-signature.xml")))).toBeNull();
    expect(signatureKeyInfo(parseDuisXml(readCorpusFile("responses", "signingtool__acknowledgement-error.xml")))).toBeNull();
    expect(certFor(readCorpusFile("responses", "signingtool__readfw-response-nonexist-serial.xml"))).toBeUndefined();
    const unsigned = readCorpusFile("responses", "signingtool__readfw-response-no-signature.xml");
    for (const cert of certificates()) expect(verifyDuisSignature(unsigned, cert.pem)).toBe(false);
  });

  it("re-signs a template: the placeholder signature is replaced by one that verifies", () => {
    const { privateKey, publicKey } = newKey();
    const template = readCorpusFile("templates", "ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS.XML");
    expect(verifyDuisSignature(template, publicKey)).toBe(false);
    const signed = signDuis(template, { privateKey, ...SIGNER });
    expect(signaturesIn(signed)).toBe(1);
    expect(signed).not.toContain("placeholder");
    expect(verifyDuisSignature(signed, publicKey)).toBe(true);
  });
});

describe("signDuis and verifyDuisSignature", () => {
  it("round-trips: an enveloped ds:Signature, last child of the root, in the DUIS shape, that verifies", () => {
    const { privateKey, publicKey } = newKey();
    const signed = signDuis(UNSIGNED, { privateKey, ...SIGNER });
    const doc = parseDuisXml(signed);
    const last = childElements(doc.documentElement!).at(-1)!;
    expect(last.namespaceURI).toBe(DUIS_NS.ds);
    expect(last.nodeName).toBe("ds:Signature");
    expect(signed).toContain('<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></ds:Transforms>');
    expect(signed).toContain('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>');
    expect(signed).toContain('<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/>');
    expect(signed).toContain('<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>');
    expect(signed).not.toContain("X509Certificate");
    const value = /<ds:SignatureValue>([^<]+)<\/ds:SignatureValue>/.exec(signed)![1];
    expect(Buffer.from(value, "base64")).toHaveLength(64);
    expect(signatureKeyInfo(doc)).toEqual({ issuer: SIGNER.issuer, serial: SIGNER.serial });

    expect(verifyDuisSignature(signed, publicKey)).toBe(true);
    expect(verifyDuisSignature(signed, publicKey.export({ type: "spki", format: "pem" }).toString())).toBe(true);
    expect(verifyDuisSignature(signed, privateKey)).toBe(true);
    expect(verifyDuisSignature(signed, publicKey, doc)).toBe(true);
  });

  it("accepts a PKCS#8 PEM key, escapes the issuer, and replaces any signature already there", () => {
    const { privateKey, publicKey } = newKey();
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const once = signDuis(UNSIGNED, { privateKey: pem, issuer: "CN=A&B, OU=<07>", serial: "0001234" });
    const twice = signDuis(once, { privateKey: pem, issuer: "CN=A&B, OU=<07>", serial: "1234" });
    expect(signaturesIn(twice)).toBe(1);
    expect(signatureKeyInfo(parseDuisXml(twice))).toEqual({ issuer: "CN=A&B, OU=<07>", serial: "1234" });
    expect(verifyDuisSignature(twice, publicKey)).toBe(true);
  });

  it("refuses keys that are not P-256 and serials that are not decimals of at most 128 bits", () => {
    const { privateKey } = newKey();
    const p384 = crypto.generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey;
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    expect(() => signDuis(UNSIGNED, { ...SIGNER, privateKey: p384 })).toThrow(/P-256/);
    expect(() => signDuis(UNSIGNED, { ...SIGNER, privateKey: rsa })).toThrow(/P-256/);
    expect(() => signDuis(UNSIGNED, { ...SIGNER, privateKey: newKey().publicKey })).toThrow(/P-256/);
    expect(() => signDuis(UNSIGNED, { ...SIGNER, privateKey, serial: "12ab" })).toThrow(/serial/);
    expect(() => signDuis(UNSIGNED, { ...SIGNER, privateKey, serial: (2n ** 128n).toString() })).toThrow(/serial/);
    expect(() => signDuis(UNSIGNED, { ...SIGNER, privateKey, issuer: " " })).toThrow(/issuer/);
    expect(() => signDuis("<!DOCTYPE a><a/>", { ...SIGNER, privateKey })).toThrow(DuisFormatError);
  });

  it("gives false when any element's text or any attribute changes after signing", () => {
    const { privateKey, publicKey } = newKey();
    const signed = signDuis(UNSIGNED, { privateKey, ...SIGNER });
    const texts = [...signed.matchAll(/<(sr:[A-Za-z]+)>([^<\s][^<]*)</g)];
    expect(texts.length).toBe(4);
    for (const [whole, tag, text] of texts) {
      expect(verifyDuisSignature(signed.replace(whole, `<${tag}>${text}0<`), publicKey), tag).toBe(false);
      expect(verifyDuisSignature(signed.replace(whole, `<${tag}> ${text}<`), publicKey), tag).toBe(false);
    }
    expect(verifyDuisSignature(signed.replace('schemaVersion="5.4"', 'schemaVersion="5.3"'), publicKey)).toBe(false);
    // Canonicalization makes an empty-element tag and a start-end pair the same, and drops comments: still valid.
    const sameCanonically = signed.replace(
      "<sr:ReadInstantaneousImportRegisters/>",
      "<sr:ReadInstantaneousImportRegisters></sr:ReadInstantaneousImportRegisters><!-- -->",
    );
    expect(verifyDuisSignature(sameCanonically, publicKey)).toBe(true);
    expect(verifyDuisSignature(signed.replace("<sr:ReadInstantaneousImportRegisters/>", "<sr:ReadInstantaneousExportRegisters/>"), publicKey)).toBe(false);
    // SignedInfo is covered by the signature value.
    expect(verifyDuisSignature(signed.replace("http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2001/04/xmlenc#sha512"), publicKey)).toBe(false);
  });

  it("gives false for a signature made by another key", () => {
    const signed = signDuis(UNSIGNED, { privateKey: newKey().privateKey, ...SIGNER });
    expect(verifyDuisSignature(signed, newKey().publicKey)).toBe(false);
    expect(verifyDuisSignature(signed, crypto.generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey)).toBe(false);
    expect(verifyDuisSignature(signed, "not a key")).toBe(false);
  });

  it("tolerates a line-wrapped SignatureValue with &#13; and CRLF line endings in the document", () => {
    const { privateKey, publicKey } = newKey();
    const signed = signDuis(UNSIGNED, { privateKey, ...SIGNER });
    const wrapped = signed.replace(/<ds:SignatureValue>([^<]{40})([^<]+)</, "<ds:SignatureValue>$1&#13;\n$2<");
    expect(wrapped).not.toBe(signed);
    expect(verifyDuisSignature(wrapped, publicKey)).toBe(true);
    expect(verifyDuisSignature(signed.replace(/\n/g, "\r\n"), publicKey)).toBe(true);
  });

  it("gives false for every signature shape other than the DUIS one, and follows no reference", () => {
    const { privateKey, publicKey } = newKey();
    const signed = signDuis(UNSIGNED, { privateKey, ...SIGNER });
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
    const variants: Record<string, string> = {
      "external URI": signed.replace('URI=""', 'URI="http://example.invalid/x"'),
      "fragment URI": signed.replace('URI=""', 'URI="#x"'),
      "no URI": signed.replace(' URI=""', ""),
      "XPath transform": signed.replace(
        "</ds:Transforms>",
        '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>/</ds:XPath></ds:Transform></ds:Transforms>',
      ),
      "no enveloped transform": signed.replace(/<ds:Transforms>.*<\/ds:Transforms>/, "<ds:Transforms/>"),
      "second reference": signed.replace("</ds:Reference>", "</ds:Reference><ds:Reference URI=\"\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>"),
      "inclusive SignedInfo": signed.replace("http://www.w3.org/2001/10/xml-exc-c14n#", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"),
      "RSA method": signed.replace("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"),
      "ds:Object": signed.replace("</ds:KeyInfo>", "</ds:KeyInfo><ds:Object>x</ds:Object>"),
      "signature not last": signed.replace(signature, "").replace("<sr:Body>", `${signature}<sr:Body>`),
      "signature inside Body": signed.replace(signature, "").replace("</sr:Body>", `${signature}</sr:Body>`),
      "two signatures": signed.replace("</sr:Body>", `</sr:Body>${signature}`),
      "processing instruction": signed.replace("<sr:Body>", "<?evil x?><sr:Body>"),
      "DER signature value": signed.replace(/<ds:SignatureValue>[^<]+</, `<ds:SignatureValue>${crypto.sign("sha256", Buffer.from("x"), privateKey).toString("base64")}<`),
      "not base64": signed.replace(/<ds:SignatureValue>[^<]+</, "<ds:SignatureValue>!!<"),
    };
    for (const [name, xml] of Object.entries(variants)) {
      expect(xml, name).not.toBe(signed);
      expect(verifyDuisSignature(xml, publicKey), name).toBe(false);
    }
    expect(verifyDuisSignature("<not xml", publicKey)).toBe(false);
    expect(verifyDuisSignature(UNSIGNED, publicKey)).toBe(false);
  });

  it("interoperates with xml-crypto's own SignedXml both ways, including an explicit exclusive C14N transform", () => {
    const { privateKey, publicKey } = newKey();

    const theirs = new SignedXml({ privateKey, canonicalizationAlgorithm: EXC_C14N, signatureAlgorithm: ECDSA, getKeyInfoContent: () => null });
    theirs.SignatureAlgorithms[ECDSA] = LibraryEcdsa as unknown as new () => SignatureAlgorithm;
    theirs.addReference({ xpath: "/*", transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256, isEmptyUri: true });
    theirs.computeSignature(UNSIGNED, { prefix: "ds", location: { reference: "/*", action: "append" } });
    const signedByThem = theirs.getSignedXml();
    expect(signedByThem).toContain(`<ds:Transform Algorithm="${EXC_C14N}"/>`);
    expect(verifyDuisSignature(signedByThem, publicKey)).toBe(true);

    const ours = signDuis(UNSIGNED, { privateKey, ...SIGNER });
    const checker = new SignedXml({ publicCert: publicKey, getCertFromKeyInfo: () => null });
    checker.SignatureAlgorithms[ECDSA] = LibraryEcdsa as unknown as new () => SignatureAlgorithm;
    checker.loadSignature(checker.findSignatures(new DOMParser().parseFromString(ours, "application/xml") as unknown as Node)[0]);
    expect(checker.checkSignature(ours)).toBe(true);
  });
});

describe("signOwnResponse (the DCC's responses)", () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const signer = { privateKey, issuer: "CN=SSI Demo CA,OU=07", serial: "123456789012345678901234567890" };
  const requestId = "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1000";
  const bodies: ResponseBody[] = [
    { message: { serviceReference: "4.1", srv: "4.1.1" } },
    { message: { serviceReference: "7.2", srv: "7.2", preCommand: { gbcsVersion: "4.3", gbcsPayload: "U1NJLUdCQ1MvMQ==" } } },
    { message: { serviceReference: "5.1", srv: "5.1", dspScheduleId: "42" } },
    { dccAlert: { code: "N7", commandFailure: { commandRequestId: requestId, deviceId: "00-DB-12-34-56-78-90-A0" } } },
    { message: { serviceReference: "8.2", srv: "8.2", contentXml: "<sr:DSPInventory><sr:Device><sr:DeviceID>00-DB-12-34-56-78-90-A0</sr:DeviceID></sr:Device></sr:DSPInventory>" } },
    // Not in canonical form (an empty-element tag): signed by signDuis instead.
    { message: { serviceReference: "8.2", srv: "8.2", contentXml: "<sr:DSPInventory><sr:Device/></sr:DSPInventory>" } },
  ];

  it("makes the signature signDuis makes (same digest), which xml-crypto and our verifier accept, and refuses tampering", () => {
    for (const body of bodies) {
      const xml = buildDuisResponse({ requestId, code: "I0", at: new Date("2026-12-06T10:00:00Z"), body });
      const fast = signOwnResponse(xml, signer);
      const digest = (signed: string) => /<ds:DigestValue>([^<]+)</.exec(signed)![1];
      expect(digest(fast)).toBe(digest(signDuis(xml, signer)));
      expect(verifyDuisSignature(fast, publicKey)).toBe(true);
      expect(verifyDuisSignature(fast.replace("<sr:ResponseCode>I0<", "<sr:ResponseCode>I99<"), publicKey)).toBe(false);
      const checker = new SignedXml({ publicCert: publicKey, getCertFromKeyInfo: () => null });
      checker.SignatureAlgorithms[ECDSA] = LibraryEcdsa as unknown as new () => SignatureAlgorithm;
      checker.loadSignature(checker.findSignatures(new DOMParser().parseFromString(fast, "application/xml") as unknown as Node)[0]);
      expect(checker.checkSignature(fast)).toBe(true);
    }
  });
});
