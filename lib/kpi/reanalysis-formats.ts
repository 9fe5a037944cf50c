import { reanalysisColumns, type ReanalysisRow } from "./reanalysis-dictionary";

/** Reads that enter an ROC analysis: reference standard known and a rating on the finding-present scale. */
const rated = (rows: ReanalysisRow[]) => rows.filter((row) => row.truth !== null && row.scorePresent !== null);

/**
 * iMRMC's input file (.imrmc; FDA iMRMC, also read by RJafroc's DfReadDataFile): a description, the counts
 * NR, N0, N1, NM, then "BEGIN DATA:" and rows readerID,caseID,modalityID,score, with one truth row per case
 * (readerID −1, modalityID 0, score 0/1). Case ids are integers, as both tools require.
 */
export function toImrmc(rows: ReanalysisRow[], description: string): string {
  const usable = rated(rows);
  const truthByCase = new Map(usable.map((row) => [row.caseNumber as number, row.truth as number]));
  const caseNumbers = [...truthByCase.keys()].sort((a, b) => a - b);
  const lines = [
    description.replace(/[\r\n]+/g, " "),
    "Rating: scorePresent (confidence on the finding-present scale, 0–100); modalities UNAIDED and AIDED.",
    `NR: ${new Set(usable.map((row) => row.reader)).size}`,
    `N0: ${caseNumbers.filter((number) => truthByCase.get(number) === 0).length}`,
    `N1: ${caseNumbers.filter((number) => truthByCase.get(number) === 1).length}`,
    `NM: ${new Set(usable.map((row) => row.arm)).size}`,
    "",
    "BEGIN DATA:",
    ...caseNumbers.map((number) => `-1,${number},0,${truthByCase.get(number)}`),
    ...usable.map((row) => `${row.reader},${row.caseNumber},${row.arm},${row.scorePresent}`),
  ];
  return `${lines.join("\r\n")}\r\n`;
}

/** RJafroc's MRMC CSV (DfReadDataFile(format = "MRMC") on a .csv): readerID, modalityID, caseID, truth, rating. */
export function toRjafrocCsv(rows: ReanalysisRow[]): string {
  const lines = ["ReaderID,ModalityID,CaseID,Truth,Rating", ...rated(rows).map((row) => `${row.reader},${row.arm},${row.caseNumber},${row.truth},${row.scorePresent}`)];
  return `${lines.join("\r\n")}\r\n`;
}

/** The data dictionary as CSV: column, type, English and Japanese descriptions. */
export function dictionaryRows(): string[][] {
  return [["column", "type", "description_en", "description_ja"], ...reanalysisColumns.map((column) => [column.name, column.type, column.en, column.ja])];
}
