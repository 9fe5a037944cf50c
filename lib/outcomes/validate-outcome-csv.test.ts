import { describe, expect, it } from "vitest";
import { validateOutcomeCsv } from "./validate-outcome-csv";

const header = "caseCode,referencePresent,referenceSource,repeatExamOrdered,repeatExamAvoidable,timeToTreatmentHours,readmitted30d,complication,patientSatisfaction";

describe("validateOutcomeCsv", () => {
  it("accepts good rows in English and Japanese spellings", () => {
    const result = validateOutcomeCsv(`${header}\nC-AAAA11,yes,pathology,no,,12.5,false,0,4\nC-BBBB22,はい,EXPERT_PANEL,あり,なし,,,,\n`);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toEqual({ line: 2, caseCode: "C-AAAA11", referencePresent: true, referenceSource: "PATHOLOGY", repeatExamOrdered: false, repeatExamAvoidable: null, timeToTreatmentHours: 12.5, readmitted30d: false, complication: false, patientSatisfaction: 4 });
    expect(result.rows[1]).toMatchObject({ referencePresent: true, repeatExamOrdered: true, repeatExamAvoidable: false, patientSatisfaction: null });
  });

  it("reports each bad cell by line and column", () => {
    const result = validateOutcomeCsv(`${header}\nC-1,maybe,PATHOLOGY,no,,,,,\nC-2,yes,GUESS,no,,-3,,,9\nC-1,yes,OTHER,no,,,,,\n`);
    expect(result.errors).toEqual([
      { row: 2, column: "referencePresent", code: "custom" },
      { row: 3, column: "referenceSource", code: "invalid_value" },
      { row: 3, column: "timeToTreatmentHours", code: "too_small" },
      { row: 3, column: "patientSatisfaction", code: "too_big" },
    ]);
  });

  it("flags a duplicate case code and missing or unknown columns", () => {
    expect(validateOutcomeCsv(`${header}\nC-1,yes,OTHER,no,,,,,\nC-1,no,OTHER,no,,,,,\n`).errors).toEqual([{ row: 3, column: "caseCode", code: "duplicate" }]);
    expect(validateOutcomeCsv("caseCode,referencePresent,patientName\nC-1,yes,x\n").errors).toEqual([
      { row: 1, column: "referenceSource", code: "missing_column" },
      { row: 1, column: "repeatExamOrdered", code: "missing_column" },
      { row: 1, column: "patientName", code: "unknown_column" },
    ]);
  });
});
