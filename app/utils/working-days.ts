// Working days (ngày làm việc) of Vietnamese civil servants: Monday–Friday minus the public
// holidays of Bộ luật Lao động 2019 Art. 112, their compensatory days (Art. 111.3) and the
// government's yearly announcements. Pure: no I/O; calendar days are taken in Asia/Ho_Chi_Minh.
import { lastDayOfLunarYear, lunarNewYear, lunarToSolar, type SolarDate } from "./lunar.ts";

/** A calendar date 'YYYY-MM-DD' (Vietnam calendar day, no time zone attached). */
export type IsoDate = string;

export type HolidayAdjustments = {
  /** Weekdays the government gives off in addition to the statutory rule (swaps, moved compensatory days). */
  extraDaysOff: IsoDate[];
  /** Days worked although the rule says off: make-up Saturdays (làm bù), or a rule-derived day off the announcement does not give. */
  extraWorkingDays: IsoDate[];
  /** How the 5 Tết days are split around mùng 1: 1 = last day of the year + mùng 1–4, 2 = last two days + mùng 1–3. */
  tetDaysBefore?: 1 | 2;
  /** Which day joins 2/9 as the second Quốc khánh day: 1/9 ("before") or 3/9 ("after"). */
  nationalDayAdjoining?: "before" | "after";
};

export type PublicHoliday = {
  date: IsoDate;
  /** Vietnamese, shown to users. */
  name: string;
  /** holiday: statutory day (may fall on a weekend); compensatory: nghỉ bù; swap: announced extra day off. */
  kind: "holiday" | "compensatory" | "swap";
};

// Officially announced choices; add a year when Bộ Nội vụ publishes it (usually in Oct–Dec of the year before).
export const KNOWN_ADJUSTMENTS: Readonly<Record<number, Readonly<HolidayAdjustments>>> = {
  // 2024: TB 5015/TB-LĐTBXH 22/11/2023 (Tết 08–14/02, Quốc khánh 31/8–03/9, per CV 8662/VPCP-KGVX 03/11/2023); 30/4 swap per CV 2450/VPCP-KGVX 12/4/2024 (off Mon 29/4, work Sat 04/5).
  2024: { tetDaysBefore: 2, nationalDayAdjoining: "after", extraDaysOff: ["2024-04-29"], extraWorkingDays: ["2024-05-04"] },
  // 2025: TB 6150/TB-LĐTBXH 03/12/2024 per CV 8726/VPCP-KGVX 26/11/2024 (Tết 25/01–02/02 = 5 Tết days + 4 weekend days, no make-up day; 30/4–04/5 with work Sat 26/4; Quốc khánh 30/8–02/9).
  2025: { tetDaysBefore: 2, nationalDayAdjoining: "before", extraDaysOff: ["2025-05-02"], extraWorkingDays: ["2025-04-26"] },
  // 2026: TB 9441/TB-BNV 16/10/2025 (Tết 14–22/02; Quốc khánh 29/8–02/9, off Mon 31/8, work Sat 22/8); Tết Dương lịch per CV 12729/VPCP-KGVX 25/12/2025 (off Fri 02/01, work Sat 10/01).
  2026: {
    tetDaysBefore: 1,
    nationalDayAdjoining: "before",
    extraDaysOff: ["2026-01-02", "2026-08-31"],
    extraWorkingDays: ["2026-01-10", "2026-08-22"],
  },
};

export type WorkingCalendar = {
  isWorkingDay(date: Date | IsoDate): boolean;
  addWorkingDays(start: Date, n: number): Date;
  workingDaysBetween(a: Date, b: Date): number;
  publicHolidays(year: number): PublicHoliday[];
};

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000; // Vietnam has had no DST since 1975
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Day numbers: days since 1970-01-01 on the Vietnam calendar; 1970-01-01 was a Thursday.
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7; // 0 = Sunday … 6 = Saturday
const isWeekend = (day: number): boolean => {
  const w = weekday(day);
  return w === 0 || w === 6;
};
const dayFromParts = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / DAY_MS;
const dayFromSolar = (d: SolarDate): number => dayFromParts(d.year, d.month, d.day);
const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

function isoOfDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayOfIso(iso: IsoDate): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`Expected a date 'YYYY-MM-DD', got '${iso}'`);
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayFromParts(year, month, date);
  if (isoOfDay(day) !== iso) throw new RangeError(`No such date: '${iso}'`);
  return day;
}

function dayOfInstant(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Working-day calendar supports years ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
  }
}

/** Calendar day of an instant in Asia/Ho_Chi_Minh, as 'YYYY-MM-DD'. */
export function toVnIsoDate(date: Date): IsoDate {
  return isoOfDay(dayOfInstant(date));
}

// Default when no announcement: a weekday neighbour of 2/9; of two weekday neighbours the one touching
// the weekend (longer break), else 1/9. Reproduces every announced choice 2021–2026.
function defaultNationalDayAdjoining(year: number): "before" | "after" {
  switch (weekday(dayFromParts(year, 9, 2))) {
    case 0: // Sun: 1/9 is Saturday
    case 1: // Mon: 1/9 is Sunday
    case 4: // Thu: 3/9 is Friday, joins the weekend
      return "after";
    default: // Tue (1/9 Mon), Wed (no neighbour touches a weekend), Fri (3/9 is Saturday), Sat (1/9 Fri)
      return "before";
  }
}

// Default when no announcement: the split (1+4 or 2+3 days around mùng 1) with fewer days on a weekend, 2+3 on a tie.
// Reproduces every announced Tết 2020–2026 (2+3 in 2020, 2021, 2023, 2024, 2025; 1+4 in 2022, 2026).
function defaultTetDaysBefore(tetDay: number): 1 | 2 {
  const weekendCount = (first: number) => [0, 1, 2, 3, 4].filter((i) => isWeekend(first + i)).length;
  return weekendCount(tetDay - 1) < weekendCount(tetDay - 2) ? 1 : 2;
}

type ResolvedAdjustments = {
  extraDaysOff: number[];
  extraWorkingDays: number[];
  tetDaysBefore?: 1 | 2;
  nationalDayAdjoining?: "before" | "after";
};

function resolveAdjustments(adjustments: HolidayAdjustments | undefined): ResolvedAdjustments {
  const off = (adjustments?.extraDaysOff ?? []).map(dayOfIso);
  const working = (adjustments?.extraWorkingDays ?? []).map(dayOfIso);
  const clash = off.find((d) => working.includes(d));
  if (clash !== undefined) throw new RangeError(`${isoOfDay(clash)} is both an extra day off and an extra working day`);
  return {
    extraDaysOff: off,
    extraWorkingDays: working,
    tetDaysBefore: adjustments?.tetDaysBefore,
    nationalDayAdjoining: adjustments?.nationalDayAdjoining,
  };
}

// The whole year's days off (sorted) plus the Saturdays/Sundays that are worked.
function buildYear(year: number, adj: ResolvedAdjustments): { holidays: PublicHoliday[]; workingWeekendDays: Set<number> } {
  checkYear(year);
  const statutory = new Map<number, string>();
  statutory.set(dayFromParts(year, 1, 1), "Tết Dương lịch");

  const tetDay = dayFromSolar(lunarNewYear(year));
  const before = adj.tetDaysBefore ?? defaultTetDaysBefore(tetDay);
  const lastDay = dayFromSolar(lastDayOfLunarYear(year - 1)); // equals tetDay - 1, computed from the lunar calendar
  for (let i = 0; i < 5; i++) statutory.set(lastDay - (before - 1) + i, "Tết Âm lịch");

  statutory.set(dayFromSolar(lunarToSolar(10, 3, year)), "Giỗ Tổ Hùng Vương");
  statutory.set(dayFromParts(year, 4, 30), "Ngày Chiến thắng");
  statutory.set(dayFromParts(year, 5, 1), "Ngày Quốc tế Lao động");
  const adjoining = adj.nationalDayAdjoining ?? defaultNationalDayAdjoining(year);
  statutory.set(dayFromParts(year, 9, adjoining === "before" ? 1 : 2), "Quốc khánh");
  statutory.set(dayFromParts(year, 9, adjoining === "before" ? 2 : 3), "Quốc khánh");

  // Art. 111.3: a holiday on the weekly rest day is taken on the next working day, in date order.
  const entries = new Map<number, PublicHoliday>();
  const sorted = [...statutory.keys()].sort((a, b) => a - b);
  for (const day of sorted) entries.set(day, { date: isoOfDay(day), name: statutory.get(day)!, kind: "holiday" });
  for (const day of sorted) {
    if (!isWeekend(day)) continue;
    let comp = day + 1;
    while (isWeekend(comp) || entries.has(comp)) comp++;
    entries.set(comp, { date: isoOfDay(comp), name: `Nghỉ bù ${statutory.get(day)!}`, kind: "compensatory" });
  }

  const inYear = (day: number) => yearOfDay(day) === year;
  for (const day of adj.extraDaysOff.filter(inYear)) {
    if (!entries.has(day)) entries.set(day, { date: isoOfDay(day), name: "Nghỉ hoán đổi", kind: "swap" });
  }
  const workingWeekendDays = new Set<number>();
  for (const day of adj.extraWorkingDays.filter(inYear)) {
    entries.delete(day);
    if (isWeekend(day)) workingWeekendDays.add(day);
  }
  const holidays = [...entries.entries()].sort(([a], [b]) => a - b).map(([, h]) => h);
  return { holidays, workingWeekendDays };
}

/**
 * Days off of `year` for civil servants, sorted: statutory holidays (also those on a weekend),
 * compensatory days and announced extra days off; days listed in extraWorkingDays are left out.
 * Dates in `adjustments` outside `year` are ignored. Defaults to the announced data for that year.
 */
export function publicHolidays(year: number, adjustments?: HolidayAdjustments): PublicHoliday[] {
  if (adjustments === undefined) return defaultCalendar.publicHolidays(year);
  return buildYear(year, resolveAdjustments(adjustments)).holidays;
}

type YearTable = {
  start: number; // day number of 1 January
  working: Uint8Array; // 1 = working day, indexed by day of year
  prefix: Int32Array; // prefix[i] = working days among the first i days of the year
};

/**
 * A calendar over per-year adjustments (e.g. KNOWN_ADJUSTMENTS merged with data a unit entered).
 * An entry's dates apply to whichever year they fall in, so a swap may cross 31/12.
 */
export function createWorkingCalendar(
  adjustmentsByYear: Readonly<Record<number, Readonly<HolidayAdjustments>>> = KNOWN_ADJUSTMENTS,
): WorkingCalendar {
  const allOff: IsoDate[] = [];
  const allWorking: IsoDate[] = [];
  for (const adj of Object.values(adjustmentsByYear)) {
    allOff.push(...adj.extraDaysOff);
    allWorking.push(...adj.extraWorkingDays);
  }
  const merged = resolveAdjustments({ extraDaysOff: allOff, extraWorkingDays: allWorking }); // validates all data up front
  const forYear = (year: number): ResolvedAdjustments => ({
    ...merged,
    tetDaysBefore: adjustmentsByYear[year]?.tetDaysBefore,
    nationalDayAdjoining: adjustmentsByYear[year]?.nationalDayAdjoining,
  });

  // One table per year, built on first use: 100,000 dossiers touch only a handful of years.
  const tables = new Map<number, YearTable>();
  function table(year: number): YearTable {
    let t = tables.get(year);
    if (t) return t;
    const { holidays, workingWeekendDays } = buildYear(year, forYear(year));
    const start = dayFromParts(year, 1, 1);
    const length = dayFromParts(year + 1, 1, 1) - start;
    const off = new Set(holidays.map((h) => dayOfIso(h.date)));
    const working = new Uint8Array(length);
    const prefix = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) {
      const day = start + i;
      working[i] = workingWeekendDays.has(day) || (!isWeekend(day) && !off.has(day)) ? 1 : 0;
      prefix[i + 1] = prefix[i]! + working[i]!;
    }
    t = { start, working, prefix };
    tables.set(year, t);
    return t;
  }

  function isWorkingDayNumber(day: number): boolean {
    const t = table(yearOfDay(day));
    return t.working[day - t.start] === 1;
  }

  // Working days in the day range [from, to), from <= to.
  function countRange(from: number, to: number): number {
    let count = 0;
    let cursor = from;
    while (cursor < to) {
      const t = table(yearOfDay(cursor));
      const end = Math.min(to, t.start + t.working.length);
      count += t.prefix[end - t.start]! - t.prefix[cursor - t.start]!; // both within the year's table
      cursor = end;
    }
    return count;
  }

  // Due instant = 23:59:59.999 Vietnam time: BLDS 2015 Art. 148 ends a time limit at 24:00 of its last day.
  const endOfDay = (day: number): Date => new Date((day + 1) * DAY_MS - VN_OFFSET_MS - 1);

  return {
    isWorkingDay(date) {
      return isWorkingDayNumber(typeof date === "string" ? dayOfIso(date) : dayOfInstant(date));
    },

    // The n-th working day after the calendar day of `start` (BLDS Art. 147: the first day is not counted);
    // n = 0 gives the day of `start` itself, or the next working day when it is a day off (Art. 148.2).
    addWorkingDays(start, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
      let day = dayOfInstant(start);
      if (n === 0) {
        while (!isWorkingDayNumber(day)) day++;
        return endOfDay(day);
      }
      for (let counted = 0; counted < n;) {
        day++;
        if (isWorkingDayNumber(day)) counted++;
      }
      return endOfDay(day);
    },

    // Working days after a's calendar day up to and including b's; negative when b is earlier, so
    // between(a, b) === -between(b, a) and between(s, addWorkingDays(s, n)) === n for n >= 1.
    workingDaysBetween(a, b) {
      const da = dayOfInstant(a);
      const db = dayOfInstant(b);
      return db >= da ? countRange(da + 1, db + 1) : -countRange(db + 1, da + 1);
    },

    publicHolidays(year) {
      return buildYear(year, forYear(year)).holidays;
    },
  };
}

const defaultCalendar = createWorkingCalendar();

/** Whether the Vietnam calendar day of `date` (an instant, or 'YYYY-MM-DD') is a civil-service working day. */
export const isWorkingDay: WorkingCalendar["isWorkingDay"] = defaultCalendar.isWorkingDay;
/** Due instant: 23:59:59.999 Vietnam time of the n-th working day after the day of `start`. */
export const addWorkingDays: WorkingCalendar["addWorkingDays"] = defaultCalendar.addWorkingDays;
/** Working days after a's calendar day through b's (negative when b is before a). */
export const workingDaysBetween: WorkingCalendar["workingDaysBetween"] = defaultCalendar.workingDaysBetween;
