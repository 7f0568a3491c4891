// How documents write numbers, money, dates and names.
import { describe, expect, test } from "vitest";
import {
  authorityLines,
  authorityName,
  countPhrase,
  documentNumber,
  initials,
  localityOf,
  longDate,
  numberInWords,
  placeDate,
  vndAmount,
  vndInWords,
} from "~/documents/wording.server.ts";

describe("numbers in words", () => {
  test.each([
    [0, "không"],
    [5, "năm"],
    [10, "mười"],
    [15, "mười lăm"],
    [21, "hai mươi mốt"],
    [25, "hai mươi lăm"],
    [105, "một trăm linh năm"],
    [2015, "hai nghìn không trăm mười lăm"],
    [500_000, "năm trăm nghìn"],
    [750_000, "bảy trăm năm mươi nghìn"],
    [1_500_000, "một triệu năm trăm nghìn"],
    [1_050_000, "một triệu không trăm năm mươi nghìn"],
    [3_000_000_000, "ba tỷ"],
    [1_234_567_890, "một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi"],
  ])("%i → %s", (value, words) => {
    expect(numberInWords(value)).toBe(words);
  });

  test("money as decisions write it", () => {
    expect(vndAmount(1_500_000)).toBe("1.500.000 đồng");
    expect(vndInWords(1_500_000)).toBe("Một triệu năm trăm nghìn đồng");
  });
});

describe("dates, numbers and names", () => {
  test("days below 10 and months 1–2 take a leading zero; the day is Vietnam's", () => {
    expect(longDate(new Date("2026-02-04T20:00:00Z"))).toBe("ngày 05 tháng 02 năm 2026"); // 03:00 on the 5th in Vietnam
    expect(longDate(new Date("2026-11-22T03:00:00Z"))).toBe("ngày 22 tháng 11 năm 2026");
    expect(placeDate("Tam Phước", new Date("2026-12-31T17:30:00Z"))).toBe("Tam Phước, ngày 01 tháng 01 năm 2027");
  });

  test("document numbers, counts and the issuing body", () => {
    expect(documentNumber(5, "QĐ-UBND")).toBe("05/QĐ-UBND");
    expect(documentNumber(12, "QĐ-UBND")).toBe("12/QĐ-UBND");
    expect(
      countPhrase([
        [3, "cá nhân"],
        [1, "tập thể"],
        [0, "hộ gia đình"],
      ]),
    ).toBe("03 cá nhân và 01 tập thể");
    expect(authorityName("UBND xã Tam Phước")).toBe("Ủy ban nhân dân xã Tam Phước");
    expect(authorityLines("UBND xã Tam Phước")).toEqual(["ỦY BAN NHÂN DÂN", "XÃ TAM PHƯỚC"]);
    expect(localityOf("UBND xã Tam Phước")).toBe("xã Tam Phước");
    expect(initials("Tam Phước")).toBe("TP");
    expect(initials("Đặc khu Côn Đảo")).toBe("DKCD");
  });
});
