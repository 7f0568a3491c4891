// In Chromium against the real server, on the demo commune: the chairman sets the legal basis of the
// commune's decisions and uploads its certificate, without JavaScript and with it (no console errors).
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateTestPkcs12 } from "~/utils/pdf-signature.server.ts";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { hydrated, launchChromium, signedIn, watchErrors } from "../e2e/browser.ts";
import { serverPlace, startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let browser: Browser;
let place: ServerPlace;

beforeAll(async () => {
  place = await serverPlace("tdkt-settings-");
  [server, browser] = await Promise.all([startServer(place.env), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await place?.remove();
});

describe(`document settings in the browser on ${process.env.TEST_DB}`, () => {
  test(
    "the legal basis: edited and saved without JavaScript, a bad line refused next to the field with it",
    { timeout: 180_000 },
    async () => {
      const noJs = await signedIn(browser, server.url, "chutich", DEMO_PASSWORD, { javaScript: false });
      let page = noJs.page;
      await page.goto("/cai-dat/quyet-dinh");
      const basis = page.getByLabel("Căn cứ (mỗi dòng một văn bản)");
      expect(await basis.inputValue()).toContain("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025");
      await basis.fill(
        `${await basis.inputValue()}\nCăn cứ Quyết định số 12/2025/QĐ-UBND ngày 01 tháng 8 năm 2025 của Ủy ban nhân dân Thành phố`,
      );
      await page.getByRole("button", { name: "Lưu căn cứ" }).click();
      await page.waitForURL(/xong=save/);
      expect(await page.locator(".notice").innerText()).toBe("Đã lưu căn cứ ban hành quyết định.");
      expect(await page.getByLabel("Căn cứ (mỗi dòng một văn bản)").inputValue()).toContain(
        "Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 01 tháng 8 năm 2025 của Ủy ban nhân dân Thành phố;",
      );
      await noJs.context.close();

      const withJs = await signedIn(browser, server.url, "vanphong", DEMO_PASSWORD);
      page = withJs.page;
      const errors = watchErrors(page, { refusalsExpected: true });
      await page.goto("/cai-dat/quyet-dinh");
      await hydrated(page);
      await page.getByLabel("Căn cứ (mỗi dòng một văn bản)").fill("Căn cứ Luật Thi đua, khen thưởng;\nLuật không có chữ căn cứ");
      await page.getByRole("button", { name: "Lưu căn cứ" }).click();
      await expect
        .poll(() => page.locator("#decision-basis-legalBasis-error, [id$='legalBasis-error']").first().innerText())
        .toBe("Dòng 2 phải bắt đầu bằng «Căn cứ».");
      await page.getByRole("button", { name: "Khôi phục căn cứ mặc định" }).click();
      await page.waitForURL(/xong=reset/);
      await expect.poll(() => page.locator(".notice").innerText()).toBe("Đã khôi phục căn cứ mặc định.");
      expect(errors).toEqual([]);
      await withJs.context.close();
    },
  );

  test("the certificate: a PKCS#12 uploaded without JavaScript, a wrong passphrase refused with it", { timeout: 180_000 }, async () => {
    const file = path.join(place.dataDir, "chung-thu.p12");
    writeFileSync(file, generateTestPkcs12("Ủy ban nhân dân xã Tam Phước", "Ủy ban nhân dân xã Tam Phước", "bí mật"));

    const noJs = await signedIn(browser, server.url, "chutich", DEMO_PASSWORD, { javaScript: false });
    let page = noJs.page;
    await page.goto("/cai-dat/chu-ky-so");
    await page.getByLabel("Tệp chứng thư số (.p12 hoặc .pfx)").setInputFiles(file);
    await page.getByLabel("Mật khẩu của tệp").fill("bí mật");
    await page.getByRole("button", { name: "Tải lên" }).click();
    await page.waitForURL(/xong=1/);
    expect(await page.locator(".notice").innerText()).toBe("Đã lưu chứng thư số mới. Các quyết định ký từ nay dùng chứng thư này.");
    expect(await page.locator(".facts").innerText()).toContain("CN=Ủy ban nhân dân xã Tam Phước, O=Ủy ban nhân dân xã Tam Phước, C=VN");
    await noJs.context.close();

    const withJs = await signedIn(browser, server.url, "quantri", DEMO_PASSWORD);
    page = withJs.page;
    const errors = watchErrors(page, { refusalsExpected: true });
    await page.goto("/cai-dat/chu-ky-so");
    await hydrated(page);
    await page.getByLabel("Tệp chứng thư số (.p12 hoặc .pfx)").setInputFiles(file);
    await page.getByLabel("Mật khẩu của tệp").fill("sai mật khẩu");
    await page.getByRole("button", { name: "Tải lên" }).click();
    await expect
      .poll(() => page.locator(".form-error[role=alert]").innerText())
      .toBe("Không mở được tệp chứng thư số: mật khẩu không đúng.");
    expect(errors).toEqual([]);
    await withJs.context.close();
  });
});
