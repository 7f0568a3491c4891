// Field types shared by the forms: Vietnamese numbers ("99,6") and dates (dd/mm/yyyy).
// Used by the browser (Conform) and by the actions: no server-only imports here.
import { z } from "zod";

/** "99,6", "99.6", "1.234,5" → 99.6, 1234.5. Thousands dots are accepted only with a decimal comma or in groups of three. */
export function parseVietnameseNumber(input: string): number | null {
  const text = input.trim().replace(/\s*%$/, "");
  if (text === "") return null;
  let normalised: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) normalised = text.replace(/\./g, "").replace(",", ".");
  else if (/^-?\d+(,\d+)?$/.test(text)) normalised = text.replace(",", ".");
  else if (/^-?\d+(\.\d+)?$/.test(text)) normalised = text;
  else return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

/** A number field: required unless `optional`, Vietnamese decimal comma accepted. */
export function vnNumber({ label, min, max }: { label: string; min?: number; max?: number }) {
  return z.string({ error: `Vui lòng nhập ${label}.` }).transform((text, ctx) => {
    const value = parseVietnameseNumber(text);
    if (value === null) {
      ctx.addIssue({ code: "custom", message: `${capitalise(label)} phải là một số (ví dụ: 99,6).` });
      return z.NEVER;
    }
    if (min !== undefined && value < min) {
      ctx.addIssue({ code: "custom", message: `${capitalise(label)} không được nhỏ hơn ${String(min).replace(".", ",")}.` });
      return z.NEVER;
    }
    if (max !== undefined && value > max) {
      ctx.addIssue({ code: "custom", message: `${capitalise(label)} không được lớn hơn ${String(max).replace(".", ",")}.` });
      return z.NEVER;
    }
    return value;
  });
}

/** "03/04/2023" → the calendar day, as an ISO date string "2023-04-03" (no time zone involved). */
export function parseVietnameseDate(input: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "2023-04-03" → "03/04/2023". */
export function formatIsoDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
}

/** A date field in dd/mm/yyyy; the value is the ISO calendar day "yyyy-mm-dd". */
export function vnDate({ label }: { label: string }) {
  return z.string({ error: `Vui lòng nhập ${label}.` }).transform((text, ctx) => {
    const value = parseVietnameseDate(text);
    if (value === null) {
      ctx.addIssue({ code: "custom", message: `${capitalise(label)} phải có dạng ngày/tháng/năm, ví dụ 03/04/2023.` });
      return z.NEVER;
    }
    return value;
  });
}

/** A required line of text. */
export function vnText({ label, max = 500 }: { label: string; max?: number }) {
  return z
    .string({ error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .max(max, `${capitalise(label)} không quá ${max} ký tự.`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
