// Every notification kind has a Vietnamese template: subject, HTML and plain text, with the dossier or
// movement, what to do, by when (Vietnam's time), and an absolute link to the exact page.
import { describe, expect, test } from "vitest";
import { EMAIL_KINDS, EMAIL_TEMPLATES, PayloadError, renderNotificationEmail, renderSample } from "#emails/index.ts";
import { escapeHtml, when } from "#emails/layout.ts";

const ctx = { appUrl: "https://thidua.tamphuoc.example.vn", recipientName: "Trần Thị Thu Hà" };
const MOVEMENT = "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính";

/** The HTML as a reader sees it. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

describe("every kind", () => {
  test("has a template, the thirteen the workflow and the council need", () => {
    expect([...EMAIL_KINDS].sort()).toEqual(
      [
        "awaiting_signature",
        "certificate_issued",
        "dossier_approved",
        "dossier_council_failed",
        "dossier_rejected",
        "dossier_resubmitted",
        "dossier_returned",
        "dossier_submitted",
        "overdue_digest",
        "paper_count_entered",
        "session_closed",
        "vote_opened",
        "vote_reminder",
      ].sort(),
    );
  });

  test.each(EMAIL_KINDS)("%s: Vietnamese subject and body, greeting, absolute link, same content in HTML and text", (kind) => {
    const email = renderSample(kind, ctx);
    const sample = EMAIL_TEMPLATES[kind].sample as { path: string };
    const link = `${ctx.appUrl}${sample.path}`;
    expect(email.subject.length).toBeGreaterThan(10);
    expect(email.subject).toMatch(/[ạảãáàâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđĩịìíỉòóọỏõùúụủũ]/i);
    expect(email.subject).not.toMatch(/\n/);
    expect(email.text).toContain("Kính gửi Trần Thị Thu Hà,");
    expect(email.text).toContain(link);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).toMatch(/^<!DOCTYPE html>\n<html lang="vi">/);
    expect(email.html).toContain('<meta charset="utf-8">');
    expect(visible(email.html)).toContain("Kính gửi Trần Thị Thu Hà,");
    expect(email.text).toContain(`Đổi địa chỉ email nhận thông báo: ${ctx.appUrl}/tai-khoan`);
    // The movement is named in both bodies (the overdue digest spans movements: it names dossiers).
    const named = kind === "overdue_digest" ? "Khu phố Phước Lộc" : MOVEMENT;
    expect(email.text).toContain(named);
    expect(visible(email.html)).toContain(named);
  });
});

describe("what the reader must do and by when", () => {
  test("dossier submitted: the secretary screens it by the working-day deadline, shown in Vietnam's time", () => {
    const email = renderNotificationEmail(
      "dossier_submitted",
      {
        dossierId: "d1",
        nomineeName: "Lê Văn Phúc",
        movementTitle: MOVEMENT,
        state: "submitted",
        reason: null,
        dueAt: "2025-02-07T16:59:59.999Z",
        path: "/ho-so/d1",
      },
      ctx,
    );
    expect(email.subject).toBe("Hồ sơ mới cần thẩm định: Lê Văn Phúc");
    expect(email.text).toContain("Việc cần làm: Kiểm tra tính đầy đủ, hợp lệ của hồ sơ");
    expect(email.text).toContain("Thời hạn: 07/02/2025 23:59");
    expect(email.text).toContain("Thẩm định hồ sơ: https://thidua.tamphuoc.example.vn/ho-so/d1");
    expect(visible(email.html)).toContain("Thời hạn: 07/02/2025 23:59");
  });

  test("returned for supplement: the reason is in the email; without a due date the movement's deadline is meant", () => {
    const email = renderSample("dossier_returned", ctx);
    expect(email.subject).toBe("Hồ sơ cần bổ sung: Lê Văn Phúc");
    expect(email.text).toContain("Lý do trả lại: Báo cáo thành tích thiếu số liệu tỷ lệ hồ sơ TTHC giải quyết đúng hạn.");
    expect(email.text).toContain("Thời hạn: trước hạn nộp hồ sơ của phong trào");
  });

  test("rejected: with the reason, and no task", () => {
    const email = renderSample("dossier_rejected", ctx);
    expect(email.text).toContain("Lý do: Đã đủ số lượng khen thưởng của phong trào.");
    expect(email.text).not.toContain("Việc cần làm");
  });

  test("vote opened and reminder: vote before the session closes", () => {
    const opened = renderSample("vote_opened", ctx);
    expect(opened.subject).toBe(`Mời bỏ phiếu: phong trào «${MOVEMENT}»`);
    expect(opened.text).toContain("Thời hạn: 20/05/2023 17:00"); // 10:00 UTC
    expect(opened.text).toContain("Số hồ sơ: 2");
    const reminder = renderSample("vote_reminder", ctx);
    expect(reminder.subject).toBe("Nhắc bỏ phiếu: phiên bỏ phiếu đóng lúc 20/05/2023 17:00");
    expect(reminder.text).toContain("Hồ sơ chưa bỏ phiếu: 2");
  });

  test("session closed: the tallies, per dossier", () => {
    const email = renderSample("session_closed", ctx);
    expect(email.text).toContain("1/2 hồ sơ được Hội đồng thông qua.");
    expect(email.text).toContain("- Lê Văn Phúc; Đồng ý: 6/7; Đã bỏ phiếu: 7/7; Tỷ lệ đồng ý: 85,7%; Kết quả: Thông qua");
    expect(visible(email.html)).toContain("Không thông qua");
    // The voting module may send only counts.
    const counts = renderNotificationEmail(
      "session_closed",
      { sessionId: "s", movementTitle: MOVEMENT, path: "/bo-phieu/s", passed: 3, failed: 1 },
      ctx,
    );
    expect(counts.text).toContain("3/4 hồ sơ được Hội đồng thông qua.");
  });

  test("paper count entered: what the secretary counted, per dossier, for the chairman to confirm", () => {
    const email = renderSample("paper_count_entered", ctx);
    expect(email.subject).toBe(`Kết quả kiểm phiếu chờ xác nhận: phong trào «${MOVEMENT}»`);
    expect(email.text).toContain("Trần Thị Thu Hà đã nhập kết quả kiểm phiếu bầu giấy");
    expect(email.text).toContain("- Lê Văn Phúc; Phiếu phát ra: 7; Phiếu thu vào: 7; Phiếu hợp lệ: 7; Đồng ý: 6; Không đồng ý: 1");
    expect(email.text).toContain("Kết quả chỉ có hiệu lực khi Chủ tịch Hội đồng xác nhận");
    const corrected = renderNotificationEmail(
      "paper_count_entered",
      { ...EMAIL_TEMPLATES.paper_count_entered.sample, corrected: true },
      ctx,
    );
    expect(corrected.subject).toBe(`Kết quả kiểm phiếu được nhập lại chờ xác nhận: phong trào «${MOVEMENT}»`);
    expect(corrected.text).toContain("Trần Thị Thu Hà đã nhập lại kết quả");
  });

  test("overdue digest: each dossier with its state in Vietnamese, its due date and link", () => {
    const email = renderSample("overdue_digest", ctx);
    expect(email.subject).toBe("2 hồ sơ quá hạn xử lý");
    expect(email.text).toContain("- Lê Văn Phúc; Trạng thái: ");
    expect(email.text).toContain("Hạn xử lý: 12/05/2023 23:59");
    expect(email.text).toContain("https://thidua.tamphuoc.example.vn/ho-so/mau-1");
    // The deadline job stores due dates already formatted: kept as they are.
    expect(when("12/05/2023 23:59")).toBe("12/05/2023 23:59");
  });
});

describe("safety", () => {
  test("names are escaped in HTML, kept as written in text", () => {
    const email = renderNotificationEmail(
      "dossier_approved",
      {
        dossierId: "x",
        nomineeName: `<script>alert("x")</script> & Cộng sự`,
        movementTitle: MOVEMENT,
        state: "approved",
        path: "/ho-so/x",
      },
      ctx,
    );
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(escapeHtml(`<script>alert("x")</script> & Cộng sự`));
    expect(email.text).toContain(`<script>alert("x")</script> & Cộng sự`);
  });

  test("a payload that does not match its kind is refused with a Vietnamese message, never half-rendered", () => {
    expect(() => renderNotificationEmail("dossier_submitted", { nomineeName: "A" }, ctx)).toThrow(PayloadError);
    expect(() => renderNotificationEmail("dossier_submitted", { nomineeName: "A" }, ctx)).toThrow(
      /Dữ liệu thông báo «dossier_submitted» không hợp lệ: dossierId/,
    );
    expect(() => renderNotificationEmail("khong_co", {}, ctx)).toThrow("Không có mẫu email cho loại thông báo «khong_co».");
    expect(() =>
      renderNotificationEmail("vote_opened", { sessionId: "s", movementTitle: "M", closesAt: "ngày mai", path: "/bo-phieu/s" }, ctx),
    ).toThrow(/closesAt/);
    expect(() =>
      renderNotificationEmail(
        "dossier_submitted",
        { dossierId: "d", nomineeName: "A", movementTitle: "M", state: "submitted", path: "https://evil.example/" },
        ctx,
      ),
    ).toThrow(/path/);
  });
});
