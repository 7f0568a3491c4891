// In Chromium against the built server: the secretary states, per kind of nominee, the award form and a title
// (danh hiệu thi đua) on the movement form, without JavaScript and with it (no console errors); a title that does
// not fit is refused next to its field; the movement's page (read from the database by the server) then says what
// each kind receives. (The test reads no database itself: PGlite's folder belongs to the server while it runs.)
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { hydrated, launchChromium, signedIn, watchErrors } from "../e2e/browser.ts";
import { preparedPlace } from "../support/prepared-place.ts";
import { startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let browser: Browser;
let place: ServerPlace | undefined;

beforeAll(async () => {
  // The demo commune as `npm start` loads it, before the server starts on it.
  ({ place } = await preparedPlace("tdkt-awards-", { demo: "loaded" }));
  [server, browser] = await Promise.all([startServer(place.env), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await place?.remove();
});

async function createMovement(page: Page, title: string, js: boolean) {
  await page.goto("/phong-trao/moi");
  if (js) await hydrated(page);
  await page.getByLabel("Tên phong trào", { exact: true }).fill(title);
  await page.getByLabel("Căn cứ 1").fill("Thực hiện Kế hoạch số 30/KH-UBND ngày 05/01/2026 của UBND tỉnh.");
  const subjects = page.locator("fieldset.card").filter({ hasText: "Đối tượng thi đua" }).first();
  await subjects.getByLabel("người đứng đầu").check();
  await subjects.getByLabel("tập thể ấp, khu phố").check();
  await page.getByLabel("Nội dung chỉ tiêu", { exact: true }).fill("Hồ sơ TTHC giải quyết đúng hạn");
  await page.getByLabel("Mức", { exact: true }).fill("99");
  await page.getByLabel("Hạn nộp hồ sơ").fill("31/12/2099");
  expect(await page.getByLabel("Hình thức khen thưởng cho cá nhân").inputValue()).toBe("commune_chairman_certificate");
  await page.getByLabel("Danh hiệu thi đua cho cá nhân (nếu có)").selectOption({ label: "Lao động tiên tiến" });
  await page.getByLabel("Danh hiệu thi đua cho tập thể (nếu có)").selectOption({ label: "Thôn, tổ dân phố văn hóa" });
  // The movement has no households: a title for them is refused next to its field, nothing is saved.
  await page.getByLabel("Danh hiệu thi đua cho hộ gia đình (nếu có)").selectOption({ label: "Gia đình văn hóa" });
  await page.getByRole("button", { name: "Lưu phong trào (nháp)", exact: true }).click();
  await page
    .getByText("Phong trào không có đối tượng thi đua là hộ gia đình: bỏ chọn danh hiệu này hoặc chọn thêm đối tượng thi đua.")
    .waitFor();
  expect(new URL(page.url()).pathname).toBe("/phong-trao/moi");
  // The choices typed so far are still there.
  expect(await page.getByLabel("Danh hiệu thi đua cho cá nhân (nếu có)").inputValue()).toBe("advanced_worker");
  await page
    .getByLabel("Danh hiệu thi đua cho hộ gia đình (nếu có)")
    .selectOption({ label: "Không kèm danh hiệu (chỉ tặng hình thức khen thưởng)" });
  await Promise.all([
    page.waitForURL(/\/phong-trao\/(?!moi)[^/?]+$/),
    page.getByRole("button", { name: "Lưu phong trào (nháp)", exact: true }).click(),
  ]);
  const facts = await page.locator(".facts").first().innerText();
  expect(facts).toContain("Cá nhân: Danh hiệu “Lao động tiên tiến” và Giấy khen của Chủ tịch UBND xã");
  expect(facts).toContain("Tập thể: Danh hiệu “Thôn, tổ dân phố văn hóa” và Giấy khen của Chủ tịch UBND xã");
  return new URL(page.url()).pathname;
}

describe(`the movement form's awards in the browser on ${process.env.TEST_DB}`, () => {
  test("without JavaScript, then with it", { timeout: 300_000 }, async () => {
    const noJs = await signedIn(browser, server.url, "vanphong", DEMO_PASSWORD, { javaScript: false });
    await createMovement(noJs.page, "Thi đua lao động giỏi năm 2026 (không JavaScript)", false);
    await noJs.context.close();

    const withJs = await signedIn(browser, server.url, "vanphong", DEMO_PASSWORD);
    const errors = watchErrors(withJs.page, { refusalsExpected: true });
    const second = await createMovement(withJs.page, "Thi đua lao động giỏi năm 2026", true);
    // The edit form shows the choices as saved; changing the collective's title is saved.
    await withJs.page.goto(`${second}/sua`);
    await hydrated(withJs.page);
    expect(await withJs.page.getByLabel("Danh hiệu thi đua cho tập thể (nếu có)").inputValue()).toBe("cultural_hamlet");
    await withJs.page.getByLabel("Danh hiệu thi đua cho tập thể (nếu có)").selectOption({ label: "Tập thể lao động tiên tiến" });
    await Promise.all([
      withJs.page.waitForURL(new RegExp(`${second}$`)),
      withJs.page.getByRole("button", { name: "Lưu thay đổi", exact: true }).click(),
    ]);
    expect(await withJs.page.locator(".facts").first().innerText()).toContain(
      "Tập thể: Danh hiệu “Tập thể lao động tiên tiến” và Giấy khen của Chủ tịch UBND xã",
    );
    expect(await withJs.page.locator(".facts").first().innerText()).toContain(
      "Cá nhân: Danh hiệu “Lao động tiên tiến” và Giấy khen của Chủ tịch UBND xã",
    );
    // The demo movement is launched: its awards are shown read-only, the Giấy khen alone for each kind.
    await withJs.page.goto("/phong-trao");
    await hydrated(withJs.page);
    await Promise.all([
      withJs.page.waitForURL(/\/phong-trao\/[^/?]+$/),
      withJs.page
        .getByRole("link", { name: /Nâng cao trách nhiệm người đứng đầu/ })
        .first()
        .click(),
    ]);
    await withJs.page.goto(`${new URL(withJs.page.url()).pathname}/sua`);
    await hydrated(withJs.page);
    const frozen = await withJs.page.locator("fieldset.frozen").innerText();
    expect(frozen).toContain("Cá nhân: Giấy khen của Chủ tịch UBND xã");
    expect(frozen).toContain("Tập thể: Giấy khen của Chủ tịch UBND xã");
    expect(errors).toEqual([]);
    await withJs.context.close();
  });
});
