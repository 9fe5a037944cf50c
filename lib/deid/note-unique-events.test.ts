import { describe, expect, it } from "vitest";
import { findUniqueEvents } from "./note-unique-events";

const clauses = (text: string) => findUniqueEvents(text).map((span) => text.slice(span.start, span.end));

describe("findUniqueEvents", () => {
  it.each([
    ["She is the only survivor of the Route 9 bus crash. Pain 3/10.", "She is the only survivor of the Route 9 bus crash"],
    ["Patient is the lottery winner from Dudley featured in the news last month. Insomnia.", "Patient is the lottery winner from Dudley featured in the news last month"],
    ["He was the pilot of the helicopter that crashed into the river, as widely reported. Chronic pain.", "as widely reported"],
    ["昨年の地震で唯一救出された漁船の船長とのことで、地元紙にも掲載された。PTSD症状あり。", "昨年の地震で唯一救出された漁船の船長とのことで"],
    ["本人は元オリンピック金メダリスト。", "本人は元オリンピック金メダリスト"],
    ["県内で最初に心臓移植を受けた患者であり、地元では知られている。", "県内で最初に心臓移植を受けた患者であり"],
  ])("%s", (text, clause) => {
    expect(clauses(text).some((found) => found.includes(clause))).toBe(true);
  });

  it("leaves ordinary clinical sentences alone", () => {
    expect(clauses("Ondansetron 4 mg PRN. Review in 2 weeks. 唯一の治療選択肢として化学療法を提案。")).toEqual([]);
  });
});
