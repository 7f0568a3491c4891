// "Lưu nháp" keeps a half-filled form; "Hoàn thành" validates it fully. Both are plain submit buttons,
// so the choice reaches the action with or without JavaScript.
import { SAVE_INTENT } from "~/forms/proposal.ts";

export function SaveButtons({ busy }: { busy?: boolean }) {
  return (
    <div className="doc-actions">
      <button type="submit" name={SAVE_INTENT} value="draft" className="secondary" disabled={busy}>
        Lưu nháp
      </button>
      <button type="submit" name={SAVE_INTENT} value="complete" className="primary" disabled={busy}>
        Hoàn thành
      </button>
      <span className="muted">«Lưu nháp» lưu cả khi chưa điền đủ; «Hoàn thành» kiểm tra đầy đủ các mục.</span>
    </div>
  );
}

const SAVED_NOTICES: Record<string, string> = {
  draft: "Đã lưu nháp. Tài liệu chưa được tính là hoàn thành.",
  complete: "Đã lưu và đánh dấu hoàn thành.",
};

export function SavedNotice({ saved, restored }: { saved: string | null; restored: boolean }) {
  return (
    <>
      {restored ? (
        <p className="notice restored" role="status">
          Phiên đăng nhập đã hết hạn khi bạn đang nhập liệu. Các thông tin bạn đã nhập được khôi phục dưới đây — vui lòng kiểm tra rồi bấm
          «Lưu nháp» hoặc «Hoàn thành» (tệp đính kèm, nếu có, cần chọn lại).
        </p>
      ) : null}
      {saved && SAVED_NOTICES[saved] ? (
        <p className="notice saved" role="status">
          {SAVED_NOTICES[saved]}
        </p>
      ) : null}
    </>
  );
}

export function ReadOnlyNotice({ stateLabel, isOfficial }: { stateLabel: string; isOfficial: boolean }) {
  return (
    <p className="notice">
      {isOfficial
        ? `Hồ sơ đang ở trạng thái «${stateLabel}»: chỉ xem, không sửa được (chỉ sửa khi là bản nháp hoặc được trả lại để bổ sung).`
        : "Chỉ xem: cán bộ phụ trách của đơn vị trình khen mới được sửa tài liệu này."}
    </p>
  );
}
