import { parseCsv } from "@/lib/csv/csv";
import { outcomeCsvColumns, outcomeCsvRowSchema, type OutcomeCsvRow } from "@/lib/outcomes/schema";

export type CsvRowError = { row: number; column: string; code: string };
export type OutcomeCsvValidation = { rows: (OutcomeCsvRow & { line: number })[]; errors: CsvRowError[] };

const maxRows = 5000;

/** Parses and validates every row; errors name the 1-based line (header = 1) and column, never the value. */
export function validateOutcomeCsv(text: string): OutcomeCsvValidation {
  const [header, ...body] = parseCsv(text);
  if (!header) return { rows: [], errors: [{ row: 1, column: "", code: "empty" }] };
  const columns = header.map((name) => name.trim());
  const missing = outcomeCsvColumns.filter((column) => ["caseCode", "referencePresent", "referenceSource", "repeatExamOrdered"].includes(column) && !columns.includes(column));
  const unknown = columns.filter((column) => !(outcomeCsvColumns as string[]).includes(column));
  if (missing.length || unknown.length) {
    return { rows: [], errors: [...missing.map((column) => ({ row: 1, column, code: "missing_column" })), ...unknown.map((column) => ({ row: 1, column, code: "unknown_column" }))] };
  }
  if (body.length > maxRows) return { rows: [], errors: [{ row: maxRows + 2, column: "", code: "too_many_rows" }] };

  const rows: OutcomeCsvValidation["rows"] = [];
  const errors: CsvRowError[] = [];
  const seenCodes = new Set<string>();
  body.forEach((cells, index) => {
    const line = index + 2;
    const record = Object.fromEntries(columns.map((column, position) => [column, cells[position] ?? ""]));
    const parsed = outcomeCsvRowSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row: line, column: String(issue.path[0] ?? ""), code: issue.code });
      return;
    }
    if (seenCodes.has(parsed.data.caseCode)) errors.push({ row: line, column: "caseCode", code: "duplicate" });
    seenCodes.add(parsed.data.caseCode);
    rows.push({ ...parsed.data, line });
  });
  return { rows, errors };
}
