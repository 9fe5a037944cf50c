import { describe, expect, it } from "vitest";
import { findProtectedEponyms } from "./note-eponyms";

const protectedText = (text: string) => findProtectedEponyms(text).map((range) => text.slice(range.start, range.end));

describe("findProtectedEponyms", () => {
  it.each([
    ["Parkinson's disease, Hoehn and Yahr stage 2", "Parkinson's disease"],
    ["Crohn's disease in remission", "Crohn's disease"],
    ["Glasgow Coma Scale 13", "Glasgow Coma Scale"],
    ["Romberg negative; Babinski sign positive", "Romberg negative"],
    ["House-Brackmann grade IV", "House-Brackmann grade"],
    ["橋本病にて内服中", "橋本病"],
    ["川崎病疑いで入院", "川崎病"],
    ["バセドウ病の既往", "バセドウ病"],
  ])("%s", (text, eponym) => {
    expect(protectedText(text)).toContain(eponym);
  });

  it("protects a lone eponym only as itself, so a longer name around it is not protected", () => {
    const text = "ED note: Laura Glasgow, 93 yo F.";
    for (const range of findProtectedEponyms(text)) expect(text.slice(range.start, range.end)).toBe("Glasgow");
  });
});
