import { describe, expect, it } from "vitest";
import { deriveDateShiftDays, derivePseudonymousUid, maxDateShiftDays } from "./derive-pseudonymous-uid";
import { derivePatientAge, generalisePatientAge } from "./generalise-patient-age";
import { shiftDicomDate, shiftDicomDateTime } from "./shift-dicom-date";

const secretA = "poc-A-secret-0123456789abcdef0123456789";
const secretB = "poc-B-secret-0123456789abcdef0123456789";

describe("derivePseudonymousUid", () => {
  it("is deterministic per PoC secret, different across secrets and inputs, and a valid 2.25 UID", () => {
    const uid = "1.2.392.200036.9116.2.5.1.37.2417525831.1";
    expect(derivePseudonymousUid(secretA, uid)).toBe(derivePseudonymousUid(secretA, uid));
    expect(derivePseudonymousUid(secretA, `${uid} `)).toBe(derivePseudonymousUid(secretA, uid));
    expect(derivePseudonymousUid(secretA, uid)).not.toBe(derivePseudonymousUid(secretB, uid));
    expect(derivePseudonymousUid(secretA, uid)).not.toBe(derivePseudonymousUid(secretA, `${uid}0`));
    for (let index = 0; index < 200; index += 1) {
      const derived = derivePseudonymousUid(secretA, `1.2.3.${index}`);
      expect(derived).toMatch(/^2\.25\.(0|[1-9]\d{0,38})$/);
      expect(derived.length).toBeLessThanOrEqual(64);
      expect(BigInt(derived.slice(5))).toBeLessThan(2n ** 128n);
    }
  });
});

describe("deriveDateShiftDays", () => {
  it("moves dates back by 1 to maxDateShiftDays days, per case and per PoC", () => {
    const shifts = Array.from({ length: 300 }, (_, index) => deriveDateShiftDays(secretA, `case-${index}`));
    expect(Math.max(...shifts)).toBeLessThanOrEqual(-1);
    expect(Math.min(...shifts)).toBeGreaterThanOrEqual(-maxDateShiftDays);
    expect(new Set(shifts).size).toBeGreaterThan(200);
    expect(deriveDateShiftDays(secretA, "case-1")).toBe(deriveDateShiftDays(secretA, "case-1"));
    expect(deriveDateShiftDays(secretA, "case-1")).not.toBe(deriveDateShiftDays(secretB, "case-1"));
  });
});

describe("shiftDicomDate and shiftDicomDateTime", () => {
  it("shifts across month, year and leap-day boundaries", () => {
    expect(shiftDicomDate("20240301", -1)).toBe("20240229");
    expect(shiftDicomDate("20230101", -1)).toBe("20221231");
    expect(shiftDicomDate("20040119", -365)).toBe("20030119");
  });

  it("keeps the time and offset of a DT and refuses what it cannot shift", () => {
    expect(shiftDicomDateTime("20240301083000.123456+0900", -1)).toBe("20240229083000.123456+0900");
    expect(shiftDicomDateTime("20240301", -1)).toBe("20240229");
    for (const value of ["2024", "202403", "20240230", "19800401-19800501", "not a date"]) {
      expect(shiftDicomDate(value, -1)).toBeUndefined();
      expect(shiftDicomDateTime(value, -1)).toBeUndefined();
    }
  });
});

describe("generalisePatientAge and derivePatientAge", () => {
  it("keeps ages up to 89 years and puts older ages in the 090Y band", () => {
    expect(generalisePatientAge("065Y")).toEqual({ age: "065Y", capped: false });
    expect(generalisePatientAge("089Y")).toEqual({ age: "089Y", capped: false });
    expect(generalisePatientAge("090Y")).toEqual({ age: "090Y", capped: true });
    expect(generalisePatientAge("104Y")).toEqual({ age: "090Y", capped: true });
    expect(generalisePatientAge("018M")).toEqual({ age: "018M", capped: false });
    expect(generalisePatientAge("65")).toBeUndefined();
  });

  it("derives the age at the study from two dates", () => {
    expect(derivePatientAge("19561224", "20040826")).toEqual({ age: "047Y", capped: false });
    expect(derivePatientAge("19561224", "20041224")).toEqual({ age: "048Y", capped: false });
    expect(derivePatientAge("19100101", "20040826")).toEqual({ age: "090Y", capped: true });
    expect(derivePatientAge("20240101", "20240415")).toEqual({ age: "003M", capped: false });
    expect(derivePatientAge("20240401", "20240415")).toEqual({ age: "014D", capped: false });
    expect(derivePatientAge("20250101", "20240101")).toBeUndefined();
  });
});
