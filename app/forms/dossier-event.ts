// The fields of the small forms that send one event to one dossier (thẩm định, phê duyệt, đề nghị cấp
// trên, the dossier page): hidden fields the page filled in, and the reason typed in when one is needed.
// Used by the browser and by the actions: no server-only imports here.
import { z } from "zod";
import { CONTROL_CHARACTERS, isInvisible } from "./fields.ts";

/** A hidden field missing or mangled: the page is out of date (or was tampered with). */
export const STALE_FORM = "Yêu cầu không hợp lệ; vui lòng tải lại trang và thử lại.";

/** The longest reason accepted; the textarea's maxLength says the same. */
export const REASON_MAX_LENGTH = 2000;

/** The dossier's id as the page showed it. */
export const dossierId = z.string({ error: STALE_FORM }).max(200).min(1, STALE_FORM);

/** The version the page showed: if somebody acted in between, the workflow answers with a conflict. */
export const dossierVersion = z.coerce.number({ error: STALE_FORM }).int(STALE_FORM).min(0, STALE_FORM);

/** Spread into a z.object: `{ intent: …, ...dossierEventFields }`. */
export const dossierEventFields = { dossierId, version: dossierVersion };

/** A reason that must be given (`message` says which, in Vietnamese), trimmed, at most REASON_MAX_LENGTH characters. */
export function requiredReason(message: string) {
  return z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(REASON_MAX_LENGTH, `Lý do không quá ${REASON_MAX_LENGTH} ký tự.`)
    .refine((text) => !CONTROL_CHARACTERS.test(text), "Lý do chứa ký tự điều khiển không hợp lệ (ví dụ ký tự NUL); vui lòng xoá chúng.")
    .refine((text) => text === "" || !isInvisible(text), message);
}

/** The message for a refused event form: the reason's own message when the reason is what is wrong, else STALE_FORM. */
export function eventFormMessage(error: z.ZodError): string {
  return error.issues.find((issue) => issue.path[0] === "reason")?.message ?? STALE_FORM;
}
