import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixturePath, readReferenceManifestJson } from "@/lib/inference/testing/reference-model";
import { modelManifestSchema } from "@/lib/inference/manifest";
import { selectLabValues } from "./select-lab-values";

const labs = modelManifestSchema.parse(readReferenceManifestJson()).preprocessing.labs;
const recorded = JSON.parse(readFileSync(fixturePath("fhir/observations-bundle.json"), "utf8")) as { studyTime: string; bundle: { entry: { resource: unknown }[] } };
const resources = recorded.bundle.entry.map((entry) => entry.resource);
const studyTime = new Date(recorded.studyTime);

describe("selectLabValues (a recorded FHIR R4 searchset)", () => {
  const selected = selectLabValues(labs, resources, studyTime, 72);

  it("converts UCUM units to the manifest's and takes the closest value before the study", () => {
    expect(selected.values).toMatchObject({ wbc: 14.2, crp: 8.1, neutrophilPct: 82, lymphocytePct: 10, spo2: 91, bodyTemperature: 38.5 });
    expect(selected.hoursBeforeStudy.wbc).toBe(2.3);
  });

  it("names each refused Observation with its reason and lists the labs still missing", () => {
    expect(selected.refusals).toEqual(
      expect.arrayContaining([
        { observation: "Observation/crp-err", labKey: "crp", loinc: "1988-5", reason: "STATUS_NOT_FINAL" },
        { observation: "Observation/pct-1", labKey: "procalcitonin", loinc: "33959-8", reason: "UNIT_NOT_CONVERTIBLE" },
        { observation: "Observation/ldh-after", labKey: "ldh", loinc: "2532-0", reason: "AFTER_STUDY" },
        { observation: "Observation/spo2-1", labKey: "spo2", loinc: "59408-5", reason: "OUT_OF_RANGE" },
        { observation: "Observation/temp-novalue", labKey: "bodyTemperature", loinc: "8310-5", reason: "NO_VALUE" },
      ]),
    );
    expect(selected.refusals).toHaveLength(5);
    expect(selected.missing.sort()).toEqual(["ldh", "procalcitonin"]);
  });

  it("refuses values outside the window and garbage that is not an Observation", () => {
    const narrow = selectLabValues(labs, [...resources, { resourceType: "Observation", code: "nonsense" }, "garbage"], studyTime, 1);
    expect(narrow.values.wbc).toBeUndefined();
    expect(narrow.refusals).toEqual(expect.arrayContaining([{ observation: "Observation/wbc-1", labKey: "wbc", loinc: "6690-2", reason: "OUTSIDE_WINDOW" }, { observation: "Observation #15", labKey: null, loinc: null, reason: "NOT_AN_OBSERVATION" }]));
    expect(narrow.values.spo2).toBe(91);
  });
});
