import { describe, expect, it } from "vitest";
import { CORPUS_NOTE, hasDuisCorpus, readCorpusFile } from "./testing/corpus";
import { childElements, DUIS_NS, DuisFormatError, escapeXml, firstDescendant, MAX_DUIS_BYTES, parseDuisXml, srChild, srChildren, textOf } from "./xml";

const SR = `xmlns:sr="${DUIS_NS.sr}"`;

function refusal(input: string | Buffer): string {
  try {
    parseDuisXml(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DuisFormatError);
    return (error as Error).message;
  }
  throw new Error("parseDuisXml accepted the input");
}

describe("parseDuisXml", () => {
  it("reads a DUIS document into a namespace-aware DOM, and the helpers find sr children and trimmed text", () => {
    const doc = parseDuisXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<sr:Request ${SR} schemaVersion="5.4"><sr:Header><sr:RequestID>  a:b:1 </sr:RequestID>` +
        `<x:Other xmlns:x="urn:x"/><sr:CommandVariant>1</sr:CommandVariant></sr:Header><sr:Body><sr:A><sr:B><sr:ExecutionDateTime>t</sr:ExecutionDateTime></sr:B></sr:A></sr:Body></sr:Request>`,
    );
    const root = doc.documentElement!;
    const header = srChild(root, "Header")!;
    expect(childElements(header)).toHaveLength(3);
    expect(srChildren(header).map((el) => el.localName)).toEqual(["RequestID", "CommandVariant"]);
    expect(textOf(srChild(header, "RequestID")!)).toBe("a:b:1");
    expect(srChild(header, "Missing")).toBeNull();
    expect(textOf(firstDescendant(srChild(root, "Body")!, DUIS_NS.sr, "ExecutionDateTime")!)).toBe("t");
  });

  it("accepts a Buffer, with or without a byte-order mark, and a carriage return written as &#13;", () => {
    const xml = `<sr:R ${SR}><sr:V>ab&#13;cd</sr:V></sr:R>`;
    expect(textOf(srChild(parseDuisXml(Buffer.from(xml)).documentElement!, "V")!)).toBe("ab\rcd");
    expect(parseDuisXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)])).documentElement!.localName).toBe("R");
  });

  it("refuses any DOCTYPE or ENTITY declaration (XXE), external or internal", () => {
    expect(refusal('<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]><a>&xxe;</a>')).toMatch(/DOCTYPE and ENTITY/);
    expect(refusal('<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a/>')).toMatch(/DOCTYPE/);
    expect(refusal('<!doctype a><a/>')).toMatch(/DOCTYPE/);
    expect(refusal('<a><!ENTITY b "c"></a>')).toMatch(/ENTITY/);
    expect(refusal('<!DOCTYPE a [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><a>&lol2;</a>')).toMatch(/DOCTYPE/);
  });

  it.skipIf(!hasDuisCorpus)(`refuses the corpus XXE sample ${CORPUS_NOTE}`, () => {
    expect(refusal(readCorpusFile("responses", "signingtool__duis-xxe.xml"))).toMatch(/DOCTYPE and ENTITY/);
  });

  it("refuses what is not XML or not well-formed, with a short message", () => {
    for (const input of ["", "hello", '{"RequestID": 1}', "<a>", "<a></b>", "<a x=1/>", "<a>&foo;</a>", "<a/><b/>", "<p:a/>", "<a><b></a></b>"]) {
      const message = refusal(input);
      expect(message).toMatch(/^The body is not well-formed XML: /);
      expect(message.length).toBeLessThan(220);
    }
  });

  it("refuses characters XML forbids, raw or as a character reference (NUL never reaches the database)", () => {
    expect(refusal("<a>&#0;</a>")).toMatch(/U\+0000/);
    expect(refusal("<a>&#x1;</a>")).toMatch(/U\+0001/);
    expect(refusal("<a>\u0000</a>")).toMatch(/U\+0000/);
    expect(refusal("<a>&#xFFFFFFFFFF;</a>")).toMatch(/forbids/);
    expect(parseDuisXml("<a>&#x9;&#xA;&#xD;&#x1F600;\uFFFD</a>").documentElement!.textContent).toBe("\t\n\r\u{1F600}\uFFFD");
  });

  it("refuses bodies that are not UTF-8", () => {
    expect(refusal(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]))).toMatch(/not UTF-8/);
    expect(refusal('<?xml version="1.0" encoding="ISO-8859-1"?><a/>')).toMatch(/encoding ISO-8859-1/);
    expect(parseDuisXml('<?xml version="1.0" encoding="utf-8"?><a/>').documentElement!.localName).toBe("a");
  });

  it(`refuses bodies over MAX_DUIS_BYTES (${MAX_DUIS_BYTES}) before parsing them`, () => {
    expect(MAX_DUIS_BYTES).toBe(1024 * 1024);
    const exactly = `<a>${"x".repeat(MAX_DUIS_BYTES - 7)}</a>`;
    expect(Buffer.byteLength(exactly)).toBe(MAX_DUIS_BYTES);
    expect(parseDuisXml(exactly).documentElement!.localName).toBe("a");
    expect(refusal(`<a>${"x".repeat(MAX_DUIS_BYTES - 6)}</a>`)).toMatch(/larger than/);
    expect(refusal(Buffer.alloc(MAX_DUIS_BYTES + 1, 0x20))).toMatch(/larger than/);
    // Counted in bytes, not characters.
    expect(refusal(`<a>${"é".repeat(MAX_DUIS_BYTES / 2)}</a>`)).toMatch(/larger than/);
  });
});

describe("escapeXml", () => {
  it("escapes the five XML specials so that the text reads back unchanged", () => {
    const text = `a<b>&"c'`;
    expect(escapeXml(text)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
    expect(parseDuisXml(`<a t="${escapeXml(text)}">${escapeXml(text)}</a>`).documentElement!.getAttribute("t")).toBe(text);
  });
});
