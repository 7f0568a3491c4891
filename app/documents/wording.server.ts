// How official documents write names, dates, numbers and money (Nghị định 30/2020/NĐ-CP habits).
// Pure functions: the PDF builders and the models share them, the unit tests pin them.

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** Laws and decrees as documents cite them: by number and date (and, for a decree, its issuer and title). */
export const LAWS = {
  localGovernment2025: "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025",
  localGovernment2015:
    "Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương số 47/2019/QH14 ngày 22 tháng 11 năm 2019",
  emulation2022: "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022",
  decree152of2025:
    "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
  decree98of2023:
    "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
} as const;

/** From 01/07/2025 (Vietnam): two-tier local government (Luật 72/2025/QH15) and Nghị định 152/2025/NĐ-CP in force. */
export function twoTierGovernment(date: Date): boolean {
  return date.getTime() >= Date.parse("2025-06-30T17:00:00Z");
}

/** The decree detailing the law on emulation and awards in force on `date`. */
export function emulationDecree(date: Date): string {
  return twoTierGovernment(date) ? LAWS.decree152of2025 : LAWS.decree98of2023;
}

export const upperVi = (text: string) => text.toLocaleUpperCase("vi-VN");

/** "UBND xã Tam Phước" → "Ủy ban nhân dân xã Tam Phước" (documents spell the body out). */
export function authorityName(unitName: string): string {
  return unitName.replace(/^UBND\s+/i, "Ủy ban nhân dân ");
}

/** The two lines of the issuing body in a header: ["ỦY BAN NHÂN DÂN", "XÃ TAM PHƯỚC"]. */
export function authorityLines(unitName: string): [string, string] | [string] {
  const full = authorityName(unitName);
  const match = /^(Ủy ban nhân dân)\s+(.+)$/i.exec(full);
  return match ? [upperVi(match[1]!), upperVi(match[2]!)] : [upperVi(full)];
}

/** "xã Tam Phước" of "UBND xã Tam Phước": what follows "Chủ tịch Ủy ban nhân dân". */
export function localityOf(unitName: string): string {
  return authorityName(unitName).replace(/^Ủy ban nhân dân\s+/i, "");
}

/** Day, month and year of an instant in Vietnam (UTC+7, no daylight saving). */
export function vietnamDate(date: Date): { day: number; month: number; year: number } {
  const vn = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  return { day: vn.getUTCDate(), month: vn.getUTCMonth() + 1, year: vn.getUTCFullYear() };
}

export function vietnamYear(date: Date): number {
  return vietnamDate(date).year;
}

/** "ngày 05 tháng 02 năm 2026": days below 10 and the months 1 and 2 take a leading zero. */
export function longDate(date: Date): string {
  const { day, month, year } = vietnamDate(date);
  return `ngày ${String(day).padStart(2, "0")} tháng ${month < 3 ? `0${month}` : month} năm ${year}`;
}

/** "Tam Phước, ngày 05 tháng 02 năm 2026" */
export function placeDate(place: string, date: Date): string {
  return `${place}, ${longDate(date)}`;
}

/** "05/QĐ-UBND": numbers below 10 are written with a leading zero. */
export function documentNumber(sequence: number, series: string): string {
  return `${String(sequence).padStart(2, "0")}/${series}`;
}

/** Counts as plans write them: "05 cá nhân", "12 tập thể". */
export function count(n: number, noun: string): string {
  return `${String(n).padStart(2, "0")} ${noun}`;
}

/** "03 cá nhân và 01 tập thể", "02 cá nhân, 01 tập thể và 01 hộ gia đình". */
export function countPhrase(parts: Array<[number, string]>): string {
  const items = parts.filter(([n]) => n > 0).map(([n, noun]) => count(n, noun));
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} và ${items[items.length - 1]}`;
}

/** "1.500.000 đồng" */
export function vndAmount(amount: number): string {
  return `${new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 }).format(amount)} đồng`;
}

const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/** One group of three digits; `full` reads "không trăm" and "linh" inside a larger number. */
function readGroup(n: number, full: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: string[] = [];
  if (hundreds > 0 || full) words.push(DIGITS[hundreds]!, "trăm");
  if (tens === 0) {
    if (units > 0 && words.length > 0) words.push("linh");
  } else if (tens === 1) words.push("mười");
  else words.push(DIGITS[tens]!, "mươi");
  if (units === 1 && tens >= 2) words.push("mốt");
  else if (units === 5 && tens >= 1) words.push("lăm");
  else if (units > 0) words.push(DIGITS[units]!);
  return words;
}

/** Below a billion; `full` when a larger part comes before ("một tỷ không trăm linh năm triệu"). */
function readBelowBillion(n: number, full: boolean): string[] {
  const groups = [Math.floor(n / 1_000_000), Math.floor(n / 1000) % 1000, n % 1000];
  const scales = ["triệu", "nghìn", ""];
  const words: string[] = [];
  groups.forEach((group, i) => {
    if (group === 0) return;
    words.push(...readGroup(group, full || words.length > 0));
    if (scales[i]) words.push(scales[i]!);
  });
  return words;
}

function read(n: number, full: boolean): string[] {
  if (n < 1_000_000_000) return readBelowBillion(n, full);
  const billions = Math.floor(n / 1_000_000_000);
  const rest = n % 1_000_000_000;
  return [...read(billions, full), "tỷ", ...(rest > 0 ? readBelowBillion(rest, true) : [])];
}

/** Whole numbers in words, as amounts are repeated in documents: 1500000 → "một triệu năm trăm nghìn". */
export function numberInWords(value: number): string {
  const n = Math.trunc(Math.abs(value));
  return n === 0 ? "không" : read(n, false).join(" ");
}

/** "Một triệu năm trăm nghìn đồng" */
export function vndInWords(amount: number): string {
  const words = `${numberInWords(amount)} đồng`;
  return words.charAt(0).toLocaleUpperCase("vi-VN") + words.slice(1);
}

/** "Tam Phước" → "TP": the prefix of a unit's certificate serials. */
export function initials(place: string): string {
  const letters = place
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "D")
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase())
    .join("");
  return letters.replace(/[^A-Z0-9]/g, "").slice(0, 4) || "GK";
}
