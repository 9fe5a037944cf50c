import { describe, expect, it } from "vitest";
import { isDeaNumber, isIban, isMyNumber, isNhsNumber, isSocialSecurityNumber, passesLuhn } from "./note-check-digits";

describe("check digits", () => {
  it.each([
    ["マイナンバー", isMyNumber, "318472659405", "318472659404"],
    ["NHS number", isNhsNumber, "401 023 8712", "401 023 8713"],
    ["DEA number", isDeaNumber, "BM4821737", "BM4821736"],
    ["IBAN", isIban, "GB29 NWBK 6016 1331 9268 19", "GB28 NWBK 6016 1331 9268 19"],
    ["Luhn (card, IMEI, SIN)", passesLuhn, "4532 0151 1283 0366", "4532 0151 1283 0367"],
    ["US SSN rules", isSocialSecurityNumber, "527-84-1936", "666-84-1936"],
  ])("%s: accepts a valid number, refuses one digit off", (_kind, check, valid, invalid) => {
    expect(check(valid)).toBe(true);
    expect(check(invalid)).toBe(false);
  });
});
