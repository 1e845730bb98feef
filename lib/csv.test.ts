import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvLines, csvResponse, type CsvColumn } from "./csv";

describe("the CSV writer", () => {
  it("writes text a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) as text: a leading apostrophe", () => {
    const hostile = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"];
    const [row] = parse(csvLines([hostile]), { relax_quotes: true }) as string[][];
    expect(row).toEqual(hostile.map((v) => `'${v}`));
  });

  it("leaves numbers and harmless text alone (booleans as 1 or empty, as before), quotes what CSV needs quoted, and writes nothing for null", () => {
    expect(csvLines([[-5, 3.5, true, "Brightwater Energy", "a,b", "say \"hi\"", "a=b", null, undefined]])).toBe('-5,3.5,1,Brightwater Energy,"a,b","say ""hi""",a=b,,\n');
  });

  it("a streamed export escapes every cell, the header too", async () => {
    const columns: CsvColumn<{ name: string }>[] = [{ header: "=name", value: (r) => r.name }];
    async function* batches() {
      yield [{ name: "@evil" }];
      yield [{ name: "fine" }];
    }
    const text = await csvResponse("x.csv", columns, batches()).text();
    expect(text).toBe("'=name\n'@evil\nfine\n");
  });
});
