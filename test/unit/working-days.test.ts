import {
  KNOWN_ADJUSTMENTS,
  addWorkingDays,
  createWorkingCalendar,
  isWorkingDay,
  publicHolidays,
  toVnIsoDate,
  workingDaysBetween,
} from "~/utils/working-days.ts";

// Expected values are the breaks published by the government (sources next to each case),
// never values computed by the code under test.

const at = (iso: string, time = "10:00") => new Date(`${iso}T${time}:00+07:00`);
const dueEndOf = (iso: string) => new Date(`${iso}T23:59:59.999+07:00`);

function daysFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

// A published break: every day in it is off, and the day before and after are worked.
function expectBreak(first: string, last: string, workedBefore: string, workedAfter: string) {
  for (const day of daysFrom(first, last)) expect(isWorkingDay(day), day).toBe(false);
  expect(isWorkingDay(workedBefore), workedBefore).toBe(true);
  expect(isWorkingDay(workedAfter), workedAfter).toBe(true);
}

describe("Tết Âm lịch breaks of civil servants", () => {
  it("2024: Thu 08/02 – Wed 14/02 (TB 5015/TB-LĐTBXH)", () => {
    expectBreak("2024-02-08", "2024-02-14", "2024-02-07", "2024-02-15");
  });

  it("2025: Sat 25/01 – Sun 02/02, 5 Tết days + 4 weekend days (TB 6150/TB-LĐTBXH)", () => {
    expectBreak("2025-01-25", "2025-02-02", "2025-01-24", "2025-02-03");
  });

  it("2025: no make-up Saturday after Tết (the notice lists none)", () => {
    expect(isWorkingDay("2025-02-15")).toBe(false);
  });

  it("2026: Sat 14/02 – Sun 22/02, Tết days Mon 16/02 – Fri 20/02 (TB 9441/TB-BNV)", () => {
    expectBreak("2026-02-14", "2026-02-22", "2026-02-13", "2026-02-23");
  });

  // Years without data exercise the default rule for splitting the 5 Tết days.
  it.each([
    ["2020", "2020-01-23", "2020-01-29", "2020-01-22", "2020-01-30"],
    ["2021", "2021-02-10", "2021-02-16", "2021-02-09", "2021-02-17"],
    ["2022", "2022-01-29", "2022-02-06", "2022-01-28", "2022-02-07"],
    ["2023", "2023-01-20", "2023-01-26", "2023-01-19", "2023-01-27"],
  ])("%s (rule only): %s – %s", (_year, first, last, before, after) => {
    expectBreak(first, last, before, after);
  });
});

describe("Giỗ Tổ Hùng Vương", () => {
  it("is off on 18/04/2024, 07/04/2025 and 26/04/2026 with nghỉ bù Mon 27/04/2026", () => {
    expect(isWorkingDay("2024-04-18")).toBe(false);
    expect(isWorkingDay("2025-04-07")).toBe(false);
    expect(isWorkingDay("2026-04-27")).toBe(false);
    expect(isWorkingDay("2026-04-28")).toBe(true);
  });
});

describe("30/4 – 1/5", () => {
  it("2024: Sat 27/04 – Wed 01/05, make-up Sat 04/05 (CV 2450/VPCP-KGVX)", () => {
    expectBreak("2024-04-27", "2024-05-01", "2024-04-26", "2024-05-02");
    expect(isWorkingDay("2024-05-04")).toBe(true);
  });

  it("2025: Wed 30/04 – Sun 04/05, make-up Sat 26/04 (TB 6150/TB-LĐTBXH)", () => {
    expectBreak("2025-04-30", "2025-05-04", "2025-04-29", "2025-05-05");
    expect(isWorkingDay("2025-04-26")).toBe(true);
  });

  it("2026: Thu 30/04 – Sun 03/05, no swap", () => {
    expectBreak("2026-04-30", "2026-05-03", "2026-04-29", "2026-05-04");
  });
});

describe("Quốc khánh 2/9 and its adjoining day", () => {
  it("2024: Mon 02/09 + Tue 03/09 (TB 5015/TB-LĐTBXH)", () => {
    expectBreak("2024-08-31", "2024-09-03", "2024-08-30", "2024-09-04");
  });

  it("2025: Mon 01/09 + Tue 02/09 (TB 6150/TB-LĐTBXH)", () => {
    expectBreak("2025-08-30", "2025-09-02", "2025-08-29", "2025-09-03");
  });

  it("2026: Tue 01/09 + Wed 02/09, off Mon 31/08, make-up Sat 22/08 (TB 9441/TB-BNV)", () => {
    expectBreak("2026-08-29", "2026-09-02", "2026-08-28", "2026-09-03");
    expect(isWorkingDay("2026-08-22")).toBe(true);
  });

  it("2021 and 2022 (rule only): Thu 02/09 + Fri 03/09; Thu 01/09 + Fri 02/09", () => {
    expectBreak("2021-09-02", "2021-09-05", "2021-09-01", "2021-09-06");
    expectBreak("2022-09-01", "2022-09-04", "2022-08-31", "2022-09-05");
  });
});

describe("Tết Dương lịch 2026", () => {
  it("Thu 01/01 – Sun 04/01, off Fri 02/01, make-up Sat 10/01 (CV 12729/VPCP-KGVX)", () => {
    expectBreak("2026-01-01", "2026-01-04", "2025-12-31", "2026-01-05");
    expect(isWorkingDay("2026-01-10")).toBe(true);
  });
});

describe("publicHolidays", () => {
  it("lists the 2025 weekdays off exactly (TB 6150/TB-LĐTBXH)", () => {
    expect(publicHolidays(2025).map((h) => h.date)).toEqual([
      "2025-01-01",
      "2025-01-27",
      "2025-01-28",
      "2025-01-29",
      "2025-01-30",
      "2025-01-31",
      "2025-04-07",
      "2025-04-30",
      "2025-05-01",
      "2025-05-02",
      "2025-09-01",
      "2025-09-02",
    ]);
  });

  it("labels statutory days, nghỉ bù and swaps", () => {
    const h2026 = publicHolidays(2026);
    expect(h2026.find((h) => h.date === "2026-04-26")).toEqual({ date: "2026-04-26", name: "Giỗ Tổ Hùng Vương", kind: "holiday" });
    expect(h2026.find((h) => h.date === "2026-04-27")).toMatchObject({ kind: "compensatory" });
    expect(h2026.find((h) => h.date === "2026-08-31")).toMatchObject({ kind: "swap" });
    expect(h2026.filter((h) => h.name === "Tết Âm lịch").map((h) => h.date)).toEqual(daysFrom("2026-02-16", "2026-02-20"));
  });

  it("applies the adjustments it is given instead of the announced ones", () => {
    const ruleOnly = publicHolidays(2025, { extraDaysOff: [], extraWorkingDays: [] }).map((h) => h.date);
    expect(ruleOnly).not.toContain("2025-05-02");
    const swapped = publicHolidays(2025, {
      ...KNOWN_ADJUSTMENTS[2025]!,
      extraWorkingDays: [...KNOWN_ADJUSTMENTS[2025]!.extraWorkingDays, "2025-09-01"],
    });
    expect(swapped.map((h) => h.date)).not.toContain("2025-09-01");
  });

  it("rejects malformed or contradictory data", () => {
    expect(() => publicHolidays(2025, { extraDaysOff: ["2025-02-30"], extraWorkingDays: [] })).toThrow(RangeError);
    expect(() => publicHolidays(2025, { extraDaysOff: ["25/01/2025"], extraWorkingDays: [] })).toThrow(RangeError);
    expect(() => publicHolidays(2025, { extraDaysOff: ["2025-05-02"], extraWorkingDays: ["2025-05-02"] })).toThrow(RangeError);
    expect(() => createWorkingCalendar({ 2030: { extraDaysOff: ["2030-1-2"], extraWorkingDays: [] } })).toThrow(RangeError);
  });
});

describe("isWorkingDay on instants", () => {
  it("takes the calendar day in Vietnam (UTC+7)", () => {
    expect(isWorkingDay(new Date("2025-04-29T16:59:59Z"))).toBe(true); // Tue 29/04 23:59:59 in Hà Nội
    expect(isWorkingDay(new Date("2025-04-29T17:00:00Z"))).toBe(false); // Wed 30/04 00:00 in Hà Nội
    expect(toVnIsoDate(new Date("2025-04-29T17:00:00Z"))).toBe("2025-04-30");
  });

  it("rejects an invalid Date", () => {
    expect(() => isWorkingDay(new Date("nonsense"))).toThrow(RangeError);
  });
});

describe("addWorkingDays: due at 23:59:59.999 Vietnam time of the n-th working day after the start day", () => {
  it("crosses a weekend", () => {
    expect(addWorkingDays(at("2025-03-14"), 1)).toEqual(dueEndOf("2025-03-17")); // Fri → Mon
    expect(addWorkingDays(at("2025-03-14"), 3)).toEqual(dueEndOf("2025-03-19"));
    expect(addWorkingDays(at("2025-03-14"), 1).toISOString()).toBe("2025-03-17T16:59:59.999Z");
  });

  it("counts from the Vietnam calendar day, not the UTC one", () => {
    // 2025-03-13T17:30Z is Fri 14/03 00:30 in Hà Nội: the next working day is Mon 17/03.
    expect(addWorkingDays(new Date("2025-03-13T17:30:00Z"), 1)).toEqual(dueEndOf("2025-03-17"));
    expect(addWorkingDays(new Date("2025-03-13T16:30:00Z"), 1)).toEqual(dueEndOf("2025-03-14"));
  });

  it("crosses Tết 2024, 2025 and 2026", () => {
    expect(addWorkingDays(at("2024-02-07"), 1)).toEqual(dueEndOf("2024-02-15"));
    expect(addWorkingDays(at("2025-01-24"), 1)).toEqual(dueEndOf("2025-02-03"));
    expect(addWorkingDays(at("2025-01-24"), 10)).toEqual(dueEndOf("2025-02-14"));
    expect(addWorkingDays(at("2026-02-13"), 12)).toEqual(dueEndOf("2026-03-10"));
  });

  it("crosses 30/4 – 1/5 and counts make-up Saturdays", () => {
    expect(addWorkingDays(at("2025-04-29"), 1)).toEqual(dueEndOf("2025-05-05"));
    expect(addWorkingDays(at("2025-04-25"), 1)).toEqual(dueEndOf("2025-04-26")); // make-up Sat 26/04/2025
    expect(addWorkingDays(at("2025-04-25"), 4)).toEqual(dueEndOf("2025-05-05"));
    expect(addWorkingDays(at("2024-04-26"), 1)).toEqual(dueEndOf("2024-05-02"));
    expect(addWorkingDays(at("2024-04-26"), 3)).toEqual(dueEndOf("2024-05-04")); // make-up Sat 04/05/2024
  });

  it("with n = 0 ends the start day, or the next working day when the start day is off", () => {
    expect(addWorkingDays(at("2025-03-14"), 0)).toEqual(dueEndOf("2025-03-14"));
    expect(addWorkingDays(at("2025-03-16"), 0)).toEqual(dueEndOf("2025-03-17"));
    expect(addWorkingDays(at("2025-04-30"), 0)).toEqual(dueEndOf("2025-05-05"));
  });

  it("rejects a negative or fractional n", () => {
    expect(() => addWorkingDays(at("2025-03-14"), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(at("2025-03-14"), 1.5)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("is 0 within a day and antisymmetric", () => {
    expect(workingDaysBetween(at("2025-03-14", "08:00"), at("2025-03-14", "17:00"))).toBe(0);
    const pairs: [string, string, number][] = [
      ["2025-03-14", "2025-03-17", 1], // Fri → Mon
      ["2025-01-24", "2025-02-03", 1], // across Tết 2025
      ["2024-02-07", "2024-02-15", 1], // across Tết 2024
      ["2025-04-29", "2025-05-05", 1], // across 30/4 – 1/5 2025
      ["2025-04-25", "2025-04-28", 2], // make-up Sat 26/04/2025 counts
      ["2025-12-31", "2026-01-05", 1], // across the new year and the 2026 swap
    ];
    for (const [a, b, n] of pairs) {
      expect(workingDaysBetween(at(a), at(b)), `${a} → ${b}`).toBe(n);
      expect(workingDaysBetween(at(b), at(a)), `${b} → ${a}`).toBe(-n);
    }
  });

  it("counts the working days of February 2024 (21 weekdays minus the 5 of Tết)", () => {
    expect(workingDaysBetween(at("2024-01-31"), at("2024-02-29"))).toBe(16);
  });

  it("agrees with addWorkingDays", () => {
    for (const start of ["2024-02-05", "2025-01-20", "2025-04-24", "2026-08-20", "2026-12-28"]) {
      for (const n of [1, 5, 12, 30]) {
        expect(workingDaysBetween(at(start), addWorkingDays(at(start), n))).toBe(n);
      }
    }
  });
});

describe("createWorkingCalendar", () => {
  it("without announced data keeps only the statutory rule", () => {
    const ruleOnly = createWorkingCalendar({});
    expect(ruleOnly.isWorkingDay("2025-05-02")).toBe(true);
    expect(ruleOnly.isWorkingDay("2025-04-26")).toBe(false);
    expect(ruleOnly.isWorkingDay("2025-05-01")).toBe(false);
  });
});
