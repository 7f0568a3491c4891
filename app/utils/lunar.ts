// Vietnamese lunar calendar (âm lịch): Hồ Ngọc Đức's astronomical algorithm
// (https://www.informatik.uni-leipzig.de/~duc/amlich/), computed for UTC+7.
// Pure: works on Julian day numbers and plain date parts, never on Date objects.
// Accurate for years 1800–2199 (the range the algorithm is published for).

export type SolarDate = { year: number; month: number; day: number };
export type LunarDate = { year: number; month: number; day: number; leap: boolean };

// Vietnam's calendar uses UTC+7; China's UTC+8 gives a different Tết in some years (1985, 2007).
const TIME_ZONE = 7;
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2415021.076998695; // new moon of 1900-01-01, the algorithm's k = 0

const int = Math.floor;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Lunar calendar supports years ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
  }
}

export function jdFromDate(day: number, month: number, year: number): number {
  const a = int((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const jd = day + int((153 * m + 2) / 5) + 365 * y + int(y / 4) - int(y / 100) + int(y / 400) - 32045;
  if (jd < 2299161) return day + int((153 * m + 2) / 5) + 365 * y + int(y / 4) - 32083; // Julian calendar before 1582-10-15
  return jd;
}

export function jdToDate(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = int((4 * a + 3) / 146097);
    c = a - int((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = int((4 * c + 3) / 1461);
  const e = c - int((1461 * d) / 4);
  const m = int((5 * e + 2) / 153);
  return {
    day: e - int((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * int(m / 10),
    year: b * 100 + d - 4800 + int(m / 10),
  };
}

// Julian day (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus, Astronomical Algorithms).
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

// Sun's apparent longitude in radians, normalised to [0, 2π).
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= Math.PI * 2 * int(L / (Math.PI * 2));
  return L;
}

// Which of the 12 solar-term sectors (0..11, 30° each) the sun is in at the start of the local day.
function sunSector(dayNumber: number): number {
  return int((sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

// Local day (JDN) of the k-th new moon.
function newMoonDay(k: number): number {
  return int(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

// JDN of the first day of lunar month 11 (the month containing the winter solstice) of solar year `year`.
function lunarMonth11(year: number): number {
  const off = jdFromDate(31, 12, year) - 2415021;
  const k = int(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

// Index (after month 11) of the leap month: the first month without a principal solar term.
function leapMonthOffset(a11: number): number {
  const k = int((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

export function solarToLunar(day: number, month: number, year: number): LunarDate {
  assertYear(year);
  const dayNumber = jdFromDate(day, month, year);
  const k = int((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = int((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    // 13-month year: months from the leap month on shift back by one
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: lunarDay, leap };
}

// Throws RangeError for a date that does not exist (e.g. day 30 of a 29-day month, or a leap month the year lacks).
export function lunarToSolar(day: number, month: number, year: number, leap = false): SolarDate {
  assertYear(year);
  if (!Number.isInteger(day) || day < 1 || day > 30 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Invalid lunar date ${day}/${month}/${year}`);
  }
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1);
    b11 = lunarMonth11(year);
  } else {
    a11 = lunarMonth11(year);
    b11 = lunarMonth11(year + 1);
  }
  const k = int(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
    } else if (leap || off >= leapOff) {
      off += 1;
    }
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month`);
  }
  const jd = newMoonDay(k + off) + day - 1;
  const solar = jdToDate(jd);
  // Day 30 of a 29-day month would silently roll into the next month: reject it instead.
  if (day === 30) {
    const back = solarToLunar(solar.day, solar.month, solar.year);
    if (back.day !== 30) throw new RangeError(`Lunar month ${month}/${year} has only 29 days`);
  }
  return solar;
}

// Mùng 1 Tết (first day of lunar month 1) of the lunar year that starts in Gregorian `year`.
export function lunarNewYear(year: number): SolarDate {
  return lunarToSolar(1, 1, year);
}

// Last day of lunar year `lunarYear` (giao thừa day): the day before the next Tết, lunar 29 or 30 of month 12.
export function lastDayOfLunarYear(lunarYear: number): SolarDate {
  const tet = lunarNewYear(lunarYear + 1);
  return jdToDate(jdFromDate(tet.day, tet.month, tet.year) - 1);
}
