// In Chromium against the built server, on the demo commune carried to issued certificates: the chairman
// reissues a revoked certificate with a corrected name, without JavaScript and with it (no console errors),
// and the old serial's public page links to the new one.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { revokeCertificate } from "~/models/certificate.server.ts";
import { currentUserById } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { hydrated, launchChromium, signedIn, watchErrors } from "../e2e/browser.ts";
import { preparedPlace } from "../support/prepared-place.ts";
import { startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let browser: Browser;
let place: ServerPlace | undefined;
let revoked: Array<{ id: string; serial: string; recipientName: string }> = [];

beforeAll(async () => {
  // Two certificates of the demo decision, revoked for a misspelt name, before the server starts.
  ({ place } = await preparedPlace("tdkt-reissue-", {
    then: async () => {
      const { id } = await prisma.user.findUniqueOrThrow({ where: { username: "chutich" }, select: { id: true } });
      const chairman = (await currentUserById(id))!;
      const rows = await prisma.certificate.findMany({
        take: 2,
        orderBy: { serial: "asc" },
        select: { id: true, serial: true, recipientName: true },
      });
      for (const row of rows) expect(await revokeCertificate(chairman, row.id, "In sai chính tả họ tên")).toEqual({ ok: true });
      revoked = rows;
    },
  }));
  [server, browser] = await Promise.all([startServer(place.env), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await place?.remove();
});

async function reissue(page: Page, certificate: { id: string; serial: string; recipientName: string }, corrected: string, js: boolean) {
  await page.goto(`/giay-khen/${certificate.id}/cap-lai`);
  if (js) await hydrated(page);
  expect(await page.getByLabel("Họ và tên (tên tập thể) in trên Giấy khen").inputValue()).toBe(certificate.recipientName);
  // No reason: refused next to the field, in Vietnamese.
  await page.getByRole("button", { name: "Cấp lại Giấy khen" }).click();
  await page.getByText("Vui lòng nhập lý do cấp lại.").waitFor();
  await page.getByLabel("Lý do cấp lại").fill("Giấy khen cũ in sai chính tả họ tên");
  await page.getByLabel("Họ và tên (tên tập thể) in trên Giấy khen").fill(corrected);
  await page.getByRole("button", { name: "Cấp lại Giấy khen" }).click();
  await page.waitForURL(/xong=cap-lai/);
  const notice = await page.locator(".notice").innerText();
  const newSerial = /số hiệu (\S+);/.exec(notice)![1]!;
  expect(newSerial).not.toBe(certificate.serial);

  await page.goto(`/xac-minh/${certificate.serial}`);
  await page.getByText("Đã được thay thế bằng Giấy khen cấp lại số hiệu").waitFor();
  await page.getByRole("link", { name: newSerial }).click();
  await page.waitForURL(new RegExp(`/xac-minh/${newSerial}$`));
  expect(await page.locator(".verify-status strong").innerText()).toBe("Hợp lệ");
  expect(await page.locator(".verify-status").innerText()).toContain(`thay thế Giấy khen số hiệu ${certificate.serial}`);
  expect(await page.locator(".facts").innerText()).toContain(corrected);
}

describe(`reissuing a certificate in the browser on ${process.env.TEST_DB}`, () => {
  test("without JavaScript, then with it", { timeout: 240_000 }, async () => {
    const noJs = await signedIn(browser, server.url, "chutich", DEMO_PASSWORD, { javaScript: false });
    await reissue(noJs.page, revoked[0]!, `${revoked[0]!.recipientName} (đã sửa)`, false);
    await noJs.context.close();

    const withJs = await signedIn(browser, server.url, "chutich", DEMO_PASSWORD);
    const errors = watchErrors(withJs.page, { refusalsExpected: true });
    await withJs.page.goto("/");
    await hydrated(withJs.page);
    await reissue(withJs.page, revoked[1]!, `${revoked[1]!.recipientName} Sửa`, true);
    expect(errors).toEqual([]);
    await withJs.context.close();
  });
});
