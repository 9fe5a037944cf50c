import { describe, expect, it } from "vitest";
import { csvCell, parseCsv, toCsv } from "./csv";

describe("parseCsv", () => {
  it("reads quoted fields with commas, quotes and newlines, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFa,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"line\nbreak",\n')).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'he said "hi"'],
      ["2", "line\nbreak", ""],
    ]);
  });

  it("skips blank lines and keeps a last line without newline", () => {
    expect(parseCsv("a,b\n\n1,2")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("round-trips what toCsv writes", () => {
    const rows = [["C-1", 'quote "x"', "a,b"], ["C-2", "", "multi\nline"]];
    expect(parseCsv(toCsv(["code", "text", "other"], rows))).toEqual([["code", "text", "other"], ...rows]);
  });

  it("quotes commas, quotes and line breaks, and writes nothing for null", () => {
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("neutralises spreadsheet formulas but keeps negative numbers", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-12.5")).toBe("-12.5");
    expect(csvCell("@SUM")).toBe("'@SUM");
  });
});
