import { lastDayOfLunarYear, lunarNewYear, lunarToSolar, solarToLunar } from "~/utils/lunar.ts";

// Every expected date below is a published Vietnamese calendar date, not output of the code under test.
const iso = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

describe("lunarNewYear (mùng 1 Tết, Vietnam UTC+7)", () => {
  it.each([
    [2020, "2020-01-25"],
    [2021, "2021-02-12"],
    [2022, "2022-02-01"],
    [2023, "2023-01-22"],
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
    [2028, "2028-01-26"],
    [2029, "2029-02-13"],
    [2030, "2030-02-02"], // a day before China's 03/02/2030 because of UTC+7
  ])("Tết %i is %s", (year, expected) => {
    expect(iso(lunarNewYear(year))).toBe(expected);
  });

  // The years where Vietnam's Tết differs from China's (UTC+8: 20/02/1985, 18/02/2007).
  it("uses Vietnam's time zone, not China's", () => {
    expect(iso(lunarNewYear(1985))).toBe("1985-01-21");
    expect(iso(lunarNewYear(2007))).toBe("2007-02-17");
  });
});

describe("lunarToSolar", () => {
  it.each([
    [2024, "2024-04-18"],
    [2025, "2025-04-07"],
    [2026, "2026-04-26"],
  ])("Giỗ Tổ Hùng Vương (10/3 lunar) %i is %s", (year, expected) => {
    expect(iso(lunarToSolar(10, 3, year))).toBe(expected);
  });

  it("handles the leap 6th month of Ất Tỵ 2025", () => {
    expect(iso(lunarToSolar(1, 6, 2025, true))).toBe("2025-07-25");
    expect(iso(lunarToSolar(15, 7, 2025))).toBe("2025-09-06"); // Rằm tháng Bảy (Vu Lan) 2025
    expect(iso(lunarToSolar(15, 8, 2025))).toBe("2025-10-06"); // Tết Trung thu 2025
  });

  it("rejects dates that do not exist", () => {
    expect(() => lunarToSolar(1, 5, 2025, true)).toThrow(RangeError); // 2025's leap month is the 6th
    expect(() => lunarToSolar(1, 1, 2024, true)).toThrow(RangeError); // Giáp Thìn has no leap month
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(RangeError); // Giáp Thìn's last month has 29 days
    expect(() => lunarToSolar(0, 1, 2024)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2024)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 1700)).toThrow(RangeError);
  });
});

describe("solarToLunar", () => {
  it("converts published dates", () => {
    expect(solarToLunar(10, 2, 2024)).toEqual({ year: 2024, month: 1, day: 1, leap: false });
    expect(solarToLunar(8, 2, 2024)).toEqual({ year: 2023, month: 12, day: 29, leap: false }); // TB 5015/TB-LĐTBXH
    expect(solarToLunar(16, 2, 2026)).toEqual({ year: 2025, month: 12, day: 29, leap: false }); // TB 9441/TB-BNV
    expect(solarToLunar(20, 2, 2026)).toEqual({ year: 2026, month: 1, day: 4, leap: false }); // TB 9441/TB-BNV
    expect(solarToLunar(25, 7, 2025)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
  });

  it("round-trips every day of 2020–2030", () => {
    for (let t = Date.UTC(2020, 0, 1); t <= Date.UTC(2030, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      const solar = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const lunar = solarToLunar(solar.day, solar.month, solar.year);
      expect(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap)).toEqual(solar);
    }
  });
});

describe("lastDayOfLunarYear (the day before Tết)", () => {
  it.each([
    [2019, "2020-01-24", 30], // Kỷ Hợi: 23/01/2020 was 29 Chạp, so 24/01 was 30
    [2023, "2024-02-09", 30], // Quý Mão: 08/02/2024 was 29 Chạp (TB 5015/TB-LĐTBXH)
    [2024, "2025-01-28", 29], // Giáp Thìn
    [2025, "2026-02-16", 29], // Ất Tỵ (TB 9441/TB-BNV)
  ])("lunar year %i ends on %s (day %i of month 12)", (lunarYear, expected, lunarDay) => {
    const last = lastDayOfLunarYear(lunarYear);
    expect(iso(last)).toBe(expected);
    expect(solarToLunar(last.day, last.month, last.year)).toMatchObject({ year: lunarYear, month: 12, day: lunarDay });
  });

  // Published (Vietnam Space Center): no "30 Tết" from 2025 to 2032; the next one falls in 2033.
  it("has no 30 Tết for lunar years 2024–2031, and one at the start of 2033", () => {
    for (let y = 2024; y <= 2031; y++) {
      const last = lastDayOfLunarYear(y);
      expect(solarToLunar(last.day, last.month, last.year).day).toBe(29);
    }
    const last2032 = lastDayOfLunarYear(2032);
    expect(last2032.year).toBe(2033);
    expect(solarToLunar(last2032.day, last2032.month, last2032.year).day).toBe(30);
  });
});
