// In Chromium against the real server: an official fills the three documents and submits a dossier;
// the secretary returns it for supplement with a reason, which the official then reads.
// Parts run with JavaScript off, to show the forms work without it.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { hydrated, launchChromium, signedIn, snap } from "../e2e/browser.ts";
import { SAMPLE_FILES } from "../support/factories.ts";
import { serverPlace, startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let browser: Browser;
let place: ServerPlace;

beforeAll(async () => {
  place = await serverPlace("tdkt-browser-");
  [server, browser] = await Promise.all([startServer(place.env), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await place?.remove();
});

describe(`a dossier in the browser on ${process.env.TEST_DB}`, () => {
  test("official fills and submits; secretary returns it for supplement", { timeout: 180_000 }, async () => {
    // ── The official, without JavaScript: create the dossier and the Tờ trình (with a list row added and removed).
    const noJs = await signedIn(browser, server.url, "canbo.tuphap", DEMO_PASSWORD, { javaScript: false });
    let page = noJs.page;
    await page.goto("/ho-so/moi");
    await page.getByLabel("Đối tượng thi đua").selectOption("civil_servant");
    await page.getByLabel("Họ và tên (hoặc tên tập thể, hộ gia đình)").fill("Trần Văn Thành");
    await page.getByLabel("Chức vụ (cá nhân) hoặc người đứng đầu (tập thể)").fill("Công chức Tư pháp - Hộ tịch");
    await page.getByRole("button", { name: "Lập hồ sơ" }).click();
    await page.waitForURL(/\/ho-so\/[^/]+$/);
    const dossierPath = new URL(page.url()).pathname;
    await expect.poll(() => page.locator("h1").innerText()).toContain("Trần Văn Thành");
    expect(await page.locator(".dossier-header").innerText()).toContain("Nháp");

    await page.goto(`${dossierPath}/to-trinh`);
    await page.getByLabel("Số tờ trình").fill("15/TTr-TP");
    await page
      .getByLabel("Lý do, căn cứ đề nghị khen thưởng")
      .fill("Đồng chí Trần Văn Thành hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm 2023.");
    await page.getByRole("button", { name: "Thêm dòng" }).click();
    await expect.poll(() => page.locator("table.list-field tbody tr").count()).toBe(2);
    expect(await page.getByLabel("Số tờ trình").inputValue()).toBe("15/TTr-TP"); // the values survive the round trip
    await page.getByRole("button", { name: "Xóa dòng" }).nth(1).click();
    await expect.poll(() => page.locator("table.list-field tbody tr").count()).toBe(1);
    // Completing with an invalid date shows the error next to the field, in Vietnamese.
    await page.getByLabel("Ngày tờ trình").fill("31/02/2023");
    await page.getByRole("button", { name: "Hoàn thành" }).click();
    await expect
      .poll(() => page.locator(".field-error").allInnerTexts())
      .toContain("Ngày tờ trình phải có dạng ngày/tháng/năm, ví dụ 03/04/2023.");
    await page.getByLabel("Ngày tờ trình").fill("20/11/2023");
    await page.getByRole("button", { name: "Hoàn thành" }).click();
    await page.waitForURL(/da-luu=complete/);
    expect(await page.locator(".notice.saved").innerText()).toContain("Đã lưu và đánh dấu hoàn thành.");
    await snap(page, "1-to-trinh");

    // The minutes with the signed scan, still without JavaScript.
    await page.goto(`${dossierPath}/bien-ban`);
    await page.getByLabel("Chủ trì (họ và tên, chức vụ)").fill("Nguyễn Văn Hùng, Chủ tịch UBND xã");
    await page.getByLabel("Thư ký (họ và tên, chức vụ)").fill("Trần Thị Thu Hà");
    await page.getByLabel("Số thành viên có mặt").fill("7");
    await page.getByLabel("Tổng số thành viên Hội đồng").fill("7");
    await page.getByLabel("Số phiếu đồng ý, dòng 1").fill("7");
    await page.getByLabel("Tổng số phiếu, dòng 1").fill("7");
    await page.getByLabel("Kết luận cuộc họp").fill("Thống nhất 100% đề nghị tặng Giấy khen.");
    await page
      .locator('input[name="scan"]')
      .setInputFiles({ name: "bien-ban-ky.pdf", mimeType: "application/pdf", buffer: Buffer.from(SAMPLE_FILES.pdf()) });
    await page.getByRole("button", { name: "Hoàn thành" }).click();
    await page.waitForURL(/da-luu=complete/);
    expect(await page.locator(".doc-form").innerText()).toContain("bien-ban-ky.pdf");
    await snap(page, "2-bien-ban");
    await noJs.context.close();

    // ── The official, with JavaScript: the report, with the live check of the figures.
    const js = await signedIn(browser, server.url, "canbo.tuphap", DEMO_PASSWORD);
    page = js.page;
    await page.goto(`${dossierPath}/bao-cao`);
    await hydrated(page);
    await page.getByLabel("Ngày sinh").fill("01/05/1985");
    await page.getByLabel("Giới tính").selectOption("male");
    await page.getByLabel("Chức năng, nhiệm vụ được giao").fill("Tham mưu công tác tư pháp, hộ tịch, chứng thực.");
    // A half-filled report is saved as a draft (client validation uses the draft schema for that button).
    await page.getByRole("button", { name: "Lưu nháp" }).click();
    await page.waitForURL(/da-luu=draft/);
    expect(await page.getByLabel("Ngày sinh").inputValue()).toBe("01/05/1985");
    const rows = page.locator("table.figures tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThan(3);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      if ((await row.locator('input[type="checkbox"]').count()) > 0) await row.locator('input[type="checkbox"]').check();
      else await row.locator('input[type="text"]').fill("100");
    }
    const onTime = rows.filter({ hasText: "Hồ sơ TTHC giải quyết đúng hạn" });
    await onTime.locator('input[type="text"]').fill("98,5");
    await expect.poll(() => onTime.locator(".figure-status").innerText()).toBe("Chưa đạt (yêu cầu ≥ 99%)");
    await onTime.locator('input[type="text"]').fill("99,6");
    await expect.poll(() => onTime.locator(".figure-status").innerText()).toBe("Đạt (yêu cầu ≥ 99%)");
    await snap(page, "3-bao-cao");
    await page.getByLabel("Các giải pháp, biện pháp đã thực hiện").fill("Tiếp nhận 100% hồ sơ hộ tịch qua dịch vụ công trực tuyến.");
    await page.getByLabel("Họ và tên thủ trưởng đơn vị").fill("Nguyễn Văn Hùng");
    await page.getByLabel("Chức vụ", { exact: true }).last().fill("Chủ tịch UBND xã");
    await page.getByRole("button", { name: "Hoàn thành" }).click();
    await page.waitForURL(/da-luu=complete/);

    // Submit from the dossier page (the button comes from the machine).
    await page.goto(dossierPath);
    await hydrated(page);
    expect(await page.locator("section.card").filter({ hasText: "Kết quả thực hiện chỉ tiêu thi đua" }).innerText()).toContain("99,6%");
    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
    await expect.poll(() => page.locator(".dossier-header").innerText()).toContain("Đã nộp");
    await page.goto(`${dossierPath}/in`);
    await snap(page, "4-ban-in");
    await js.context.close();

    // ── The secretary, without JavaScript: returns it with a reason.
    const secretary = await signedIn(browser, server.url, "vanphong", DEMO_PASSWORD, { javaScript: false });
    page = secretary.page;
    await page.goto(dossierPath);
    expect(await page.getByRole("button", { name: "Tiếp nhận (đủ điều kiện)" }).count()).toBe(1);
    await page.locator(".event-RETURN_FOR_SUPPLEMENT textarea").fill("Bổ sung bản sao Quyết định khen thưởng năm 2022.");
    await page.getByRole("button", { name: "Trả lại để bổ sung" }).click();
    await page.waitForURL(/da-thuc-hien=RETURN_FOR_SUPPLEMENT/);
    expect(await page.locator(".dossier-header").innerText()).toContain("Cần bổ sung");
    const timeline = await page.locator("table.timeline").innerText();
    expect(timeline).toContain("Trần Thị Thu Hà");
    expect(timeline).toContain("Đã nộp → Cần bổ sung");
    await secretary.context.close();

    // ── The official reads the reason and may edit again.
    const back = await signedIn(browser, server.url, "canbo.tuphap", DEMO_PASSWORD, { javaScript: false });
    await back.page.goto(dossierPath);
    expect(await back.page.locator(".reason-box").innerText()).toContain("Bổ sung bản sao Quyết định khen thưởng năm 2022.");
    expect(await back.page.getByRole("button", { name: "Nộp lại" }).count()).toBe(1);
    await snap(back.page, "5-ho-so");
    await back.context.close();
  });
});
