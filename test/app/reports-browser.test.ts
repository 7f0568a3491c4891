// In Chromium against the real server with the demo commune: the secretary finds a dossier by typing a name
// without tone marks, opens the movement's dashboard and follows a number to its list, and downloads the award
// register — with JavaScript on and no console error; the search also works with JavaScript off.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { hydrated, launchChromium, signedIn, snap, watchErrors } from "../e2e/browser.ts";
import { serverPlace, startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let browser: Browser;
let place: ServerPlace;

beforeAll(async () => {
  place = await serverPlace("tdkt-reports-browser-");
  [server, browser] = await Promise.all([startServer(place.env), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await place?.remove();
});

describe(`finding and reporting in the browser on ${process.env.TEST_DB}`, () => {
  test("the secretary searches without tone marks, opens the dashboard and downloads the register", { timeout: 180_000 }, async () => {
    const { context, page } = await signedIn(browser, server.url, "vanphong", DEMO_PASSWORD);
    const errors = watchErrors(page);

    // ── Search: "nguyen thi hong" finds «Nguyễn Thị Hồng Nhung»; the query lands in the URL.
    await page.goto("/ho-so");
    await hydrated(page);
    await page.getByLabel("Tìm theo tên người (tập thể) được đề nghị").fill("nguyen thi hong");
    await page.getByRole("button", { name: "Tìm kiếm" }).click();
    await page.waitForURL(/[?&]q=nguyen\+thi\+hong/);
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(1);
    expect(await page.locator("table tbody").innerText()).toContain("Nguyễn Thị Hồng Nhung");
    expect(await page.getByText("Tìm thấy 1 hồ sơ.").count()).toBe(1);
    await snap(page, "search-1-results");

    // ── The dashboard of the demo movement, from the movement's page.
    await page.goto("/phong-trao");
    await page
      .getByRole("link", { name: /Nâng cao trách nhiệm người đứng đầu/ })
      .first()
      .click();
    await page.waitForURL(/\/phong-trao\/[^/]+$/);
    await page.getByRole("link", { name: "Tổng quan, báo cáo" }).click();
    await page.waitForURL(/\/tong-quan$/);
    await hydrated(page);
    // A client-side navigation changes the URL before React commits the new page: wait for the heading.
    await expect.poll(() => page.locator("h1").innerText()).toContain("Tổng quan phong trào");
    expect(await page.locator("svg.chart").count()).toBeGreaterThanOrEqual(2);
    await snap(page, "search-2-dashboard");
    // A number of the chart is a link to the list behind it: "Đã thẩm định" in the demo.
    const screened = page.getByRole("link", { name: /^Đã thẩm định: \d+$/ });
    const shown = Number((await screened.getAttribute("aria-label"))!.split(": ")[1]);
    expect(shown).toBeGreaterThan(0);
    await screened.click();
    await page.waitForURL(/\/ho-so\?.*trang-thai=screened/);
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(shown);

    // ── The award register: the page, then its .xlsx downloaded and read back.
    await page.goto("/so-vang");
    await hydrated(page);
    expect(await page.locator("h1").innerText()).toContain("Sổ theo dõi khen thưởng");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải Excel (.xlsx)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^so-theo-doi-khen-thuong-\d{4}\.xlsx$/);
    const file = path.join(place.dataDir, "so-vang.xlsx");
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as never);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell("A1").value)).toMatch(/^SỔ THEO DÕI KHEN THƯỞNG \(SỔ VÀNG\) NĂM \d{4} — UBND XÃ TAM PHƯỚC$/);
    const pdf = await page.request.get(
      await page
        .getByRole("link", { name: "Bản in (PDF)" })
        .getAttribute("href")
        .then((href) => href!),
    );
    expect(pdf.headers()["content-type"]).toBe("application/pdf");

    expect(errors).toEqual([]);
    await context.close();
  });

  test("without JavaScript the search is a plain form whose query is the URL", { timeout: 120_000 }, async () => {
    const { context, page } = await signedIn(browser, server.url, "vanphong", DEMO_PASSWORD, { javaScript: false });
    await page.goto("/ho-so");
    await page.getByLabel("Tìm theo tên người (tập thể) được đề nghị").fill("lam van tai");
    await page.getByRole("button", { name: "Tìm kiếm" }).click();
    await page.waitForURL(/[?&]q=lam\+van\+tai/);
    expect(await page.locator("table tbody").innerText()).toContain("Lâm Văn Tài");
    await context.close();
  });
});
