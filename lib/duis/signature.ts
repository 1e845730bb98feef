// DUIS XML signatures as DUIS clients and DCC Boxed make them (spec duis.md §3): one enveloped XMLDSig signature over
// the whole document, the last child of the root, exclusive C14N of SignedInfo, SHA-256 digest, ECDSA P-256 with the
// raw r||s value, KeyInfo naming the certificate by issuer and serial only. xml-crypto signs and canonicalizes; it has
// no ECDSA, so the algorithm below adds it on node:crypto.
import crypto from "node:crypto";
import { Node, XMLSerializer } from "@xmldom/xmldom";
import { C14nCanonicalization, ExclusiveCanonicalization, SignedXml, type NamespacePrefix, type SignatureAlgorithm } from "xml-crypto";
import { childElements, DUIS_NS, escapeXml, parseDuisXml, textOf, type Document, type Element } from "./xml";

const ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
/** P-256 in node:crypto's naming. */
const P256 = "prime256v1";
/** r||s of a P-256 signature. */
const SIGNATURE_BYTES = 64;
const MAX_SERIAL = 2n ** 128n;

/** ECDSA-SHA256 with the XMLDSig 1.1 value encoding (raw r||s, not DER). Keys reach it as KeyObjects only. */
class EcdsaSha256 {
  getSignature(signedInfo: crypto.BinaryLike, privateKey: crypto.KeyObject): string {
    const data = typeof signedInfo === "string" ? Buffer.from(signedInfo, "utf8") : signedInfo;
    return crypto.sign("sha256", data, { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64");
  }

  verifySignature(material: string, key: crypto.KeyObject, signatureValue: string): boolean {
    const value = signatureValue.replace(/\s/g, ""); // line-wrapped, often with a `&#13;`
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
    const signature = Buffer.from(value, "base64");
    if (signature.length !== SIGNATURE_BYTES) return false;
    return crypto.verify("sha256", Buffer.from(material, "utf8"), { key, dsaEncoding: "ieee-p1363" }, signature);
  }

  getAlgorithmName() {
    return ECDSA_SHA256;
  }
}

const isP256 = (key: crypto.KeyObject) => key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === P256;

/** A certificate's serial as DUIS writes it: decimal, no leading zeros; null when it is not a decimal of 128 bits at most. */
function decimalSerial(value: string): string | null {
  if (!/^\d{1,39}$/.test(value)) return null;
  const serial = BigInt(value);
  return serial < MAX_SERIAL ? serial.toString() : null;
}

const dsChildren = (parent: Element, localName?: string) =>
  childElements(parent).filter((el) => el.namespaceURI === DUIS_NS.ds && (localName === undefined || el.localName === localName));

/**
 * The document's one enveloped signature: the only ds:Signature in the document, and the last element child of the
 * root. Null when there is none, more than one, or it sits anywhere else.
 */
function envelopedSignature(doc: Document): Element | null {
  const root = doc.documentElement;
  if (!root || doc.getElementsByTagNameNS(DUIS_NS.ds, "Signature").length !== 1) return null;
  const last = childElements(root).at(-1);
  return last && last.namespaceURI === DUIS_NS.ds && last.localName === "Signature" ? last : null;
}

export interface DuisSigner {
  /** The XML-signing private key (ECDSA P-256): a KeyObject or PKCS#8 PEM. */
  privateKey: crypto.KeyObject | string;
  /** The certificate's issuer as KeyInfo names it, e.g. "CN=Z1, OU=07". */
  issuer: string;
  /** The certificate's serial, decimal (up to 128 bits). */
  serial: string;
}

/**
 * Sign a DUIS document as a DUIS client does: any ds:Signature already there (e.g. a template's placeholder) is
 * removed and a fresh enveloped signature is appended as the last child of the root, with the `ds:` prefix.
 * Throws DuisFormatError for a document parseDuisXml refuses, and Error for a key that is not P-256 or a bad serial.
 */
export function signDuis(xml: string, signer: DuisSigner): string {
  const doc = parseDuisXml(xml);
  const privateKey = typeof signer.privateKey === "string" ? crypto.createPrivateKey(signer.privateKey) : signer.privateKey;
  if (privateKey.type !== "private" || !isP256(privateKey)) throw new Error("A DUIS signing key must be an ECDSA P-256 private key.");
  const serial = decimalSerial(signer.serial.trim());
  if (!serial) throw new Error(`Certificate serial ${signer.serial} is not a decimal of at most 128 bits.`);
  const issuer = signer.issuer.trim();
  if (!issuer) throw new Error("The signing certificate's issuer is required.");

  for (const old of Array.from(doc.getElementsByTagNameNS(DUIS_NS.ds, "Signature"))) {
    const indent = old.previousSibling;
    if (indent?.nodeType === Node.TEXT_NODE && !indent.textContent?.trim()) indent.parentNode?.removeChild(indent);
    old.parentNode?.removeChild(old);
  }
  const keyInfo =
    `<ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>${escapeXml(issuer)}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${serial}</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data>`;
  const signed = new SignedXml({
    privateKey,
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: ECDSA_SHA256,
    getKeyInfoContent: () => keyInfo,
  });
  signed.SignatureAlgorithms = { [ECDSA_SHA256]: EcdsaSha256 as unknown as new () => SignatureAlgorithm };
  // URI="" with only the enveloped transform: the digest covers the whole document (inclusive C14N after the
  // transform, as XMLDSig prescribes for a node-set), exactly as the DCC's and its clients' signatures do.
  signed.addReference({ xpath: "/*", transforms: [ENVELOPED], digestAlgorithm: SHA256, isEmptyUri: true });
  signed.computeSignature(new XMLSerializer().serializeToString(doc), { prefix: "ds", location: { reference: "/*", action: "append" } });
  return signed.getSignedXml();
}

/**
 * Markers that a document is not already in canonical form (C14N writes empty elements as start and end tags, quotes
 * in text as they are, carriage returns as character references): any of them sends signing to signDuis.
 */
const NOT_CANONICAL = /\/>|&quot;|&apos;|'|\r|<!--|<\?(?!xml )/;

/**
 * Sign a response the DCC built itself (lib/duis/response-xml.ts writes it in canonical form: no self-closing tags,
 * namespace declarations in C14N order, text with only &amp; &lt; &gt; escapes). Its canonical form is then its own
 * text after the XML declaration, so the digest is taken over the bytes directly and the signature is the one signDuis
 * would make (same SignedInfo, same digest; tests compare them and verify both with xml-crypto), in a twentieth of the
 * time: the DCC signs two responses per request. Anything else goes through signDuis.
 */
export function signOwnResponse(xml: string, signer: DuisSigner & { privateKey: crypto.KeyObject }): string {
  const start = xml.indexOf("<sr:Response ");
  const serial = decimalSerial(signer.serial.trim());
  if (start < 0 || NOT_CANONICAL.test(xml.slice(start)) || !serial || !xml.endsWith("</sr:Response>")) return signDuis(xml, signer);
  const digest = crypto.createHash("sha256").update(xml.slice(start)).digest("base64");
  const signedInfo =
    `<ds:SignedInfo xmlns:ds="${DUIS_NS.ds}"><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${ECDSA_SHA256}"></ds:SignatureMethod><ds:Reference URI=""><ds:Transforms>` +
    `<ds:Transform Algorithm="${ENVELOPED}"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="${SHA256}"></ds:DigestMethod>` +
    `<ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  // Exclusive C14N of SignedInfo inside the Signature renders the ds declaration on SignedInfo itself: the bytes signed.
  const value = crypto.sign("sha256", Buffer.from(signedInfo), { key: signer.privateKey, dsaEncoding: "ieee-p1363" }).toString("base64");
  const signature =
    `<ds:Signature xmlns:ds="${DUIS_NS.ds}">${signedInfo.replace(` xmlns:ds="${DUIS_NS.ds}"`, "")}<ds:SignatureValue>${value}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>${escapeXml(signer.issuer.trim())}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${serial}</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo></ds:Signature>`;
  return `${xml.slice(0, -"</sr:Response>".length)}${signature}</sr:Response>`;
}

/** What the document's signature names in KeyInfo (issuer, decimal serial); null without a signature or a serial. */
export function signatureKeyInfo(doc: Document): { issuer: string; serial: string } | null {
  const signature = envelopedSignature(doc);
  const keyInfo = signature && dsChildren(signature, "KeyInfo")[0];
  const x509Data = keyInfo && dsChildren(keyInfo, "X509Data")[0];
  const issuerSerial = x509Data && dsChildren(x509Data, "X509IssuerSerial")[0];
  if (!issuerSerial) return null;
  const serialElement = dsChildren(issuerSerial, "X509SerialNumber")[0];
  const serial = serialElement ? decimalSerial(textOf(serialElement)) : null;
  if (!serial) return null;
  const issuerElement = dsChildren(issuerSerial, "X509IssuerName")[0];
  return { issuer: issuerElement ? textOf(issuerElement) : "", serial };
}

const algorithmOf = (el: Element | undefined) => el?.getAttribute("Algorithm") ?? null;

/**
 * The one SignedInfo shape DUIS signatures have: exclusive C14N, ECDSA-SHA256, and one Reference with URI="" whose
 * transforms are the enveloped-signature transform, optionally followed by a plain (exclusive or inclusive) C14N,
 * and a SHA-256 digest. Anything else (another reference, an XPath or XSLT transform, an external URI) is refused.
 */
function hasDuisShape(signature: Element): boolean {
  const parts = dsChildren(signature);
  const names = parts.map((el) => el.localName).join(",");
  if (names !== "SignedInfo,SignatureValue,KeyInfo" && names !== "SignedInfo,SignatureValue") return false;
  if (childElements(signature).length !== parts.length) return false;

  const [canonicalization, method, reference, ...rest] = childElements(parts[0]);
  if (rest.length || !reference || dsChildren(parts[0]).length !== 3) return false;
  if (canonicalization.localName !== "CanonicalizationMethod" || algorithmOf(canonicalization) !== EXC_C14N) return false;
  if (childElements(canonicalization).length) return false; // no InclusiveNamespaces
  if (method.localName !== "SignatureMethod" || algorithmOf(method) !== ECDSA_SHA256) return false;
  if (reference.localName !== "Reference" || !reference.hasAttribute("URI") || reference.getAttribute("URI") !== "") return false;

  const [transforms, digestMethod, digestValue, ...more] = childElements(reference);
  if (more.length || !digestValue || dsChildren(reference).length !== 3) return false;
  if (transforms.localName !== "Transforms" || digestMethod.localName !== "DigestMethod" || digestValue.localName !== "DigestValue") return false;
  if (algorithmOf(digestMethod) !== SHA256) return false;
  const transformList = childElements(transforms);
  if (transformList.some((t) => t.namespaceURI !== DUIS_NS.ds || t.localName !== "Transform" || childElements(t).length)) return false;
  const algorithms = transformList.map(algorithmOf).join(" ");
  return algorithms === ENVELOPED || algorithms === `${ENVELOPED} ${EXC_C14N}` || algorithms === `${ENVELOPED} ${C14N}`;
}

/** A P-256 public key from a certificate PEM, a public key PEM, or a KeyObject (a private one gives its public half). */
function publicKeyOf(key: crypto.KeyObject | string): crypto.KeyObject | null {
  const publicKey =
    typeof key !== "string"
      ? key.type === "private"
        ? crypto.createPublicKey(key)
        : key
      : key.includes("-----BEGIN CERTIFICATE-----")
        ? new crypto.X509Certificate(key).publicKey
        : crypto.createPublicKey(key);
  return publicKey.type === "public" && isP256(publicKey) ? publicKey : null;
}

// The enveloped-signature transform without copying the document: canonicalization skips the signature element.
class InclusiveWithoutSignature extends C14nCanonicalization {
  constructor(private readonly signature: Element) {
    super();
  }
  override processInner(node: unknown, ...rest: [unknown, unknown, unknown, unknown, NamespacePrefix[]?]): string {
    return node === this.signature ? "" : super.processInner(node, ...rest);
  }
}

class ExclusiveWithoutSignature extends ExclusiveCanonicalization {
  constructor(private readonly signature: Element) {
    super();
  }
  override processInner(node: unknown, ...rest: [unknown, unknown, unknown, string[]]): string {
    return node === this.signature ? "" : super.processInner(node, ...rest);
  }
}

/**
 * A processing instruction other than the XML declaration. DUIS documents have none, and xml-crypto's canonicalizers
 * do not render them as C14N does, so a signature over one could not be checked faithfully.
 */
function hasProcessingInstruction(doc: Document): boolean {
  const pending: Array<Document | Element> = [doc];
  for (let parent = pending.pop(); parent; parent = pending.pop()) {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.PROCESSING_INSTRUCTION_NODE && !(parent === doc && child.nodeName === "xml")) return true;
      if (child.nodeType === Node.ELEMENT_NODE) pending.push(child as Element);
    }
  }
  return false;
}

const sameBase64 = (a: string, b: string) => {
  const left = Buffer.from(a.replace(/\s/g, ""), "base64");
  const right = Buffer.from(b.replace(/\s/g, ""), "base64");
  return left.length === right.length && left.length > 0 && crypto.timingSafeEqual(left, right);
};

/**
 * Whether `xml` carries a valid DUIS signature by `publicKey` (certificate PEM, public key PEM or KeyObject) over the
 * whole document. False, never an exception, for anything else: a missing, misplaced, malformed or foreign-shaped
 * signature, a changed document, another key, a document parseDuisXml refuses. `doc`, when given, must be `xml`
 * already parsed by parseDuisXml (saves a second parse). Nothing is cached between calls.
 *
 * The reference is processed here, on the very DOM the gateway goes on to read, with xml-crypto's canonicalizers and
 * the ECDSA algorithm above: SignedXml.checkSignature would parse the text again with its own, older xmldom (two
 * parsers that could disagree) and costs several times as much.
 */
export function verifyDuisSignature(xml: string, publicKey: crypto.KeyObject | string, doc?: Document): boolean {
  try {
    const parsed = doc ?? parseDuisXml(xml);
    const root = parsed.documentElement;
    const signature = envelopedSignature(parsed);
    if (!root || !signature || !hasDuisShape(signature) || hasProcessingInstruction(parsed)) return false;
    const key = publicKeyOf(publicKey);
    if (!key) return false;

    const [signedInfo, signatureValue] = dsChildren(signature);
    const [, , reference] = childElements(signedInfo);
    const [transforms, , digestValue] = childElements(reference);
    const exclusive = childElements(transforms).some((t) => algorithmOf(t) === EXC_C14N);
    const canonicalDocument = (exclusive ? new ExclusiveWithoutSignature(signature) : new InclusiveWithoutSignature(signature)).process(
      root as unknown as globalThis.Element,
      {},
    );
    const digest = crypto.createHash("sha256").update(canonicalDocument, "utf8").digest("base64");
    if (!sameBase64(digest, textOf(digestValue))) return false;

    const canonicalSignedInfo = new ExclusiveCanonicalization().process(signedInfo as unknown as globalThis.Element, {});
    return new EcdsaSha256().verifySignature(canonicalSignedInfo, key, signatureValue.textContent ?? "");
  } catch {
    return false;
  }
}
