import { describe, expect, it } from "vitest";
import { z } from "zod";
import { caseKeyForStudy, studyImportKey } from "./study-import-key";

describe("study import keys", () => {
  it("are stable per PoC, differ between PoCs, and never contain the UID", () => {
    const uid = "1.2.392.200036.9116.2.6.1.48.1214834239.1531466285.123456";
    expect(studyImportKey("poc-a", uid)).toBe(studyImportKey("poc-a", uid));
    expect(studyImportKey("poc-b", uid)).not.toBe(studyImportKey("poc-a", uid));
    expect(studyImportKey("poc-a", uid)).not.toContain("1214834239");
  });

  it("give a case key that upload validation accepts as a UUID", () => {
    const key = caseKeyForStudy(studyImportKey("poc-a", "1.2.3"));
    expect(z.uuid().safeParse(key).success).toBe(true);
    expect(caseKeyForStudy(studyImportKey("poc-a", "1.2.3"))).toBe(key);
  });
});
