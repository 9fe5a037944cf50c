import { describe, expect, it } from "vitest";
import { findNoteDates } from "./note-dates";

const options = { shiftDays: -10, referenceDate: new Date(Date.UTC(2026, 0, 15)) };
const replaced = (text: string) => findNoteDates(text, options).map((span) => [text.slice(span.start, span.end), span.replacement ?? `[${span.category}]`]);

describe("findNoteDates", () => {
  it.each([
    ["seen 14/03/2024 (day first)", "14/03/2024", "04/03/2024"],
    ["seen 03/14/2024 (month first)", "03/14/2024", "03/04/2024"],
    ["令和元年5月10日入院", "令和元年5月10日", "平成31年4月30日"],
    ["平成30年に手術", "平成30年", "平成29年"],
    ["admitted March 9th, 2026", "March 9th, 2026", "February 27, 2026"],
    ["appendicectomy in 1998", "1998", "1997"],
    ["Discharged on the 15th after 5 days", "15th", "[DATE]"],
    ["昨年12月の退職後から", "昨年12月", "[DATE]"],
    ["同年12月1日 手術", "12月1日", "11月21日"],
    ["救急隊より：2/11 19:42覚知", "2/11", "2/1"],
    ["PET 13.01.25; surgery next", "13.01.25", "03.01.25"],
    ["next review the week of 3/16.", "3/16", "3/6"],
    ["腹腔鏡下虫垂切除術（4/2）。ドレーンは4/5抜去。", "4/5", "3/26"],
    ["腹腔鏡下虫垂切除術（4/2）。", "4/2", "3/23"],
    ["Admitted on Christmas Day 2025; repeat CT on Boxing Day.", "Christmas Day 2025", "[DATE]"],
    ["Admitted on Christmas Day 2025; repeat CT on Boxing Day.", "Boxing Day", "[DATE]"],
    ["8月下旬にCF", "8月下旬", "[DATE]"],
    ["recheck Thurs 12th.", "Thurs 12th", "[DATE]"],
  ])("%s", (text, date, replacement) => {
    expect(replaced(text)).toContainEqual([date, replacement]);
  });

  it("turns a labelled birth date into an age band", () => {
    expect(replaced("生年月日: 昭和55年4月1日")).toEqual([["昭和55年4月1日", "[45-49歳]"]]);
  });

  it.each(["on the 5th day of admission", "the 50th centile", "MMT 4/5", "1/2錠 頓用", "HbA1c 7.4%", "version 1.5.10", "2-3 times", "Christmas disease (haemophilia B)"])("leaves what is not a date: %s", (text) => {
    expect(replaced(text)).toEqual([]);
  });
});
