// The hidden field of an edit form that carries the version the user started from (the row's updatedAt,
// or "new"): a save over someone else's newer save is refused, and the user's text stays in the form.
// Pure (no server imports): the form component reads REVISION_FIELD, the models check with checkRevision.
import { Refusal } from "~/utils/result.ts";

export const REVISION_FIELD = "revision";

/** The revision a form sends for a row (its updatedAt), or for a row not yet saved. */
export function revisionOf(updatedAt: Date | null | undefined): string {
  return updatedAt ? updatedAt.toISOString() : "new";
}

/** The revision a posted form started from, or null when it sent none (an old page, a script). */
export function postedRevision(formData: FormData): string | null {
  const value = formData.get(REVISION_FIELD);
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * Why a save over a newer one did nothing, naming what was saved («Thông tin cá nhân», «Căn cứ ban hành …»).
 * `upload`: the form sent a file, which a page cannot keep, so the user chooses it again.
 */
export function staleSaveMessage(thing: string, { upload = false } = {}): string {
  return upload
    ? `${thing} đã được người khác thay sau khi bạn mở trang, nên tệp của bạn chưa được lưu. Trang đang hiện bản mới: hãy xem lại, rồi chọn tệp và tải lên lần nữa nếu vẫn muốn thay.`
    : `${thing} đã được người khác lưu sau khi bạn mở trang, nên nội dung của bạn chưa được lưu. Nội dung bạn vừa nhập vẫn còn dưới đây: hãy xem bản mới ở một thẻ khác, rồi bấm lưu lần nữa nếu muốn ghi đè.`;
}

/**
 * Inside the save's transaction, after locking the row: refuses (409, rolling back) a form opened at an older
 * version than the one stored (`stored`: the row's updatedAt, null when there is no row yet). A form that sent
 * no revision is not checked.
 */
export function checkRevision(
  posted: string | null | undefined,
  stored: Date | null | undefined,
  thing: string,
  options?: { upload?: boolean },
): void {
  if (posted && posted !== revisionOf(stored)) throw new Refusal(409, staleSaveMessage(thing, options));
}
