// Dates are stored in UTC and shown in Vietnam's time, dd/mm/yyyy.
const TIME_ZONE = "Asia/Ho_Chi_Minh";

const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** 03/04/2023 */
export function formatDate(value: Date | string): string {
  return dateFormat.format(new Date(value));
}

/** 03/04/2023 14:05 */
export function formatDateTime(value: Date | string): string {
  const date = new Date(value);
  return `${dateFormat.format(date)} ${timeFormat.format(date)}`;
}

/** 99,6 — the Vietnamese decimal comma. */
export function formatNumber(value: number | string, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat("vi-VN", { maximumFractionDigits }).format(Number(value));
}
