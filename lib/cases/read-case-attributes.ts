import type { DataSet } from "dicom-parser";
import { ageBands } from "@/lib/cases/schema";

export type CaseAttributes = { modality: string; sex: string | null; ageBand: (typeof ageBands)[number] | null; scannerVendor: string | null; frames: number; width: number; height: number };

export function ageBandOf(years: number): (typeof ageBands)[number] {
  if (years < 18) return "0-17";
  if (years < 40) return "18-39";
  if (years < 65) return "40-64";
  if (years < 80) return "65-79";
  return "80+";
}

/** DICOM age string (nnnD/W/M/Y) in years. */
function ageInYears(age: string | undefined): number | null {
  const match = /^(\d{3})([DWMY])$/.exec(age?.trim() ?? "");
  if (!match) return null;
  const value = Number(match[1]);
  return { D: value / 365, W: value / 52, M: value / 12, Y: value }[match[2] as "D" | "W" | "M" | "Y"];
}

/** The few attributes the fairness subgroups need, read from an already de-identified and parsed DICOM file. */
export function readDicomCaseAttributes(dataSet: DataSet): Omit<CaseAttributes, "frames" | "width" | "height"> {
  const sex = dataSet.string("x00100040")?.trim().toUpperCase();
  const years = ageInYears(dataSet.string("x00101010"));
  return {
    modality: dataSet.string("x00080060")?.trim() || "OT",
    sex: sex === "F" || sex === "M" || sex === "O" ? sex : null,
    ageBand: years === null ? null : ageBandOf(years),
    scannerVendor: dataSet.string("x00080070")?.trim() || null,
  };
}
