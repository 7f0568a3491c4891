// Field types shared by the forms: Vietnamese numbers ("99,6") and dates (dd/mm/yyyy).
// Used by the browser (Conform) and by the actions: no server-only imports here.
import { z } from "zod";
import "./zod-config.ts";

/** Dots grouping thousands: "1.334", "1.234,5". */
const THOUSANDS = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/;

/** "99,6", "99.6", "1.234,5" → 99.6, 1234.5. Thousands dots are accepted only with a decimal comma or in groups of three. */
export function parseVietnameseNumber(input: string): number | null {
  const text = input.trim().replace(/\s*%$/, "");
  if (text === "") return null;
  let normalised: string;
  if (THOUSANDS.test(text)) normalised = text.replace(/\./g, "").replace(",", ".");
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

/** Why a percentage above 100 is refused, and how a decimal is written (the "1.334" that read as 1334 %). */
export const PERCENT_OVER_100 =
  "Tỷ lệ phần trăm không được lớn hơn 100%. Phần thập phân ghi sau dấu phẩy (ví dụ 99,5); dấu chấm là dấu ngăn cách hàng nghìn.";

/**
 * A percentage 0–100 as typed ("99,6", "99.6", "99,6%"), or a Vietnamese message: "1.334" is not read as
 * 1334 % (dots group thousands) but refused as ambiguous, since a rate is almost surely meant.
 */
export function readPercent(input: string, label = "tỷ lệ"): { value: number } | { message: string } {
  const text = input.trim().replace(/\s*%$/, "");
  if (/^\d{1,3}\.\d{3}$/.test(text))
    return {
      message: `${capitalise(label)} «${input.trim()}» không rõ nghĩa: dấu chấm là dấu ngăn cách hàng nghìn, nên số này lớn hơn 100%. Phần thập phân ghi sau dấu phẩy, ví dụ ${text.replace(".", ",")}.`,
    };
  const value = parseVietnameseNumber(text);
  if (value === null) return { message: `${capitalise(label)} phải là một số (ví dụ: 99,6).` };
  if (value < 0) return { message: `${capitalise(label)} không được nhỏ hơn 0.` };
  if (value > 100) return { message: PERCENT_OVER_100 };
  return { value };
}

/** A percentage field, 0–100 (see `readPercent`). */
export function vnPercent({ label }: { label: string }) {
  return z.string({ error: `Vui lòng nhập ${label}.` }).transform((text, ctx) => {
    const read = readPercent(text, label);
    if ("message" in read) {
      ctx.addIssue({ code: "custom", message: read.message });
      return z.NEVER;
    }
    return read.value;
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

/** Control characters (NUL, escape…) other than tab and line breaks: never typed, refused in every text field. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Text with nothing a reader can see: empty, or only spaces, control and invisible format characters. */
export function isInvisible(text: string): boolean {
  return text.replace(/[\p{Cc}\p{Cf}\p{Z}\s]/gu, "") === "";
}

function requiredText(label: string, max: number) {
  return z
    .string({ error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .max(max, `${capitalise(label)} không quá ${max} ký tự.`)
    .refine((text) => text === "" || !isInvisible(text), `Vui lòng nhập ${label}.`);
}

/** A required line of text: no control characters (tab and line breaks apart). */
export function vnText({ label, max = 500 }: { label: string; max?: number }) {
  return requiredText(label, max).refine(
    (text) => !CONTROL_CHARACTERS.test(text),
    `${capitalise(label)} chứa ký tự điều khiển không hợp lệ (ví dụ ký tự NUL); vui lòng xoá chúng.`,
  );
}

// Markup and invisible characters have no place in a person's or a unit's name: they would reach
// emails, documents and the public verification page (a bidi override can reverse what is read).
const NOT_IN_NAMES = /[<>\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

/** A name (person, unit, collective): required, no `<`, `>` or control characters, composed (NFC) Vietnamese. */
export function vnName({ label, max = 200 }: { label: string; max?: number }) {
  return requiredText(label, max)
    .refine((text) => !NOT_IN_NAMES.test(text), `${capitalise(label)} không được chứa ký tự <, > hoặc ký tự điều khiển.`)
    .transform((text) => text.normalize("NFC"));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
