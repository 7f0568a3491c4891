// In Chromium against the real server, on the demo commune: two tabs edit one person of the register; the
// second tab's save is refused with the Vietnamese message and its typed text stays in the form, with
// JavaScript on and without it; saving again from the refused page overwrites (no console errors). The same
// for a dossier's Tờ trình with JavaScript, whose form is redrawn when the page's version changes.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { hydrated, launchChromium, signedIn, watchErrors } from "../e2e/browser.ts";
import { serverPlace, startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let browser: Browser;
let place: ServerPlace;
let editPath: string;

beforeAll(async () => {
  place = await serverPlace("tdkt-versions-");
  [server, browser] = await Promise.all([startServer(place.env), launchChromium()]);
  // A person of the demo register, found as a user finds them: the register's list.
  const { context, page } = await signedIn(browser, server.url, "vanphong", DEMO_PASSWORD);
  await page.goto("/ca-nhan");
  const hrefs = await page.locator("main a").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const person = hrefs.find((href) => /^\/ca-nhan\/(?!moi)[^/?]+$/.test(href));
  if (!person) throw new Error("no person in the demo register");
  editPath = `${person}/sua`;
  await context.close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await place?.remove();
});

type Form = { path: string; label: string; button: string; message: RegExp; saved: (url: URL) => boolean };

const PERSON = (): Form => ({
  path: editPath,
  label: "Chức vụ (không bắt buộc)",
  button: "Lưu",
  message:
    /^Thông tin cá nhân đã được người khác lưu sau khi bạn mở trang, nên nội dung của bạn chưa được lưu\. Nội dung bạn vừa nhập vẫn còn dưới đây/,
  saved: (url) => !url.pathname.endsWith("/sua"),
});

/** Two tabs of one signed-in browser open the form; the first saves, the second is refused, then overwrites. */
async function twoTabs(context: BrowserContext, first: Page, javaScript: boolean, form: Form, typed: { first: string; second: string }) {
  const second = await context.newPage();
  const errors = [...watchErrors(first), ...watchErrors(second, { refusalsExpected: true })];
  for (const tab of [first, second]) {
    await tab.goto(form.path);
    if (javaScript) await hydrated(tab);
  }
  await first.getByLabel(form.label).fill(typed.first);
  await Promise.all([first.waitForURL(form.saved), first.getByRole("button", { name: form.button, exact: true }).click()]);

  const revision = second.locator("input[name=revision]");
  const opened = await revision.inputValue();
  await second.getByLabel(form.label).fill(typed.second);
  await second.getByRole("button", { name: form.button, exact: true }).click();
  await expect.poll(() => second.locator(".form-error[role=alert]").innerText()).toMatch(form.message);
  expect(new URL(second.url()).pathname).toBe(form.path);
  expect(await second.getByLabel(form.label).inputValue()).toBe(typed.second);

  // The refused page carries the newer version (with JavaScript, once the page's data has reloaded): saving
  // again is the user's choice to overwrite.
  await expect.poll(() => revision.inputValue()).not.toBe(opened);
  expect(await second.getByLabel(form.label).inputValue()).toBe(typed.second);
  await Promise.all([second.waitForURL(form.saved), second.getByRole("button", { name: form.button, exact: true }).click()]);
  await second.goto(form.path);
  expect(await second.getByLabel(form.label).inputValue()).toBe(typed.second);
  return errors;
}

describe(`two tabs on one edit form, in the browser on ${process.env.TEST_DB}`, () => {
  test("a person, with JavaScript: the refusal shows beside the form and the typed text stays", { timeout: 180_000 }, async () => {
    const { context, page } = await signedIn(browser, server.url, "vanphong", DEMO_PASSWORD);
    const errors = await twoTabs(context, page, true, PERSON(), { first: "Chức vụ của thẻ một (JS)", second: "Chức vụ của thẻ hai (JS)" });
    expect(errors).toEqual([]);
    await context.close();
  });

  test("a person, without JavaScript: the server's page shows the refusal and the typed text", { timeout: 180_000 }, async () => {
    const { context, page } = await signedIn(browser, server.url, "vanphong", DEMO_PASSWORD, { javaScript: false });
    const typed = { first: "Chức vụ của thẻ một", second: "Chức vụ của thẻ hai, không mất" };
    const errors = await twoTabs(context, page, false, PERSON(), typed);
    expect(errors).toEqual([]);
    await context.close();
  });

  test(
    "a dossier's Tờ trình, with JavaScript: the refused page reloads its version, so saving again overwrites",
    { timeout: 180_000 },
    async () => {
      const { context, page } = await signedIn(browser, server.url, "canbo.tuphap", DEMO_PASSWORD);
      await page.goto("/ho-so/moi");
      await hydrated(page);
      await page.getByLabel("Đối tượng thi đua").selectOption("civil_servant");
      await page.getByLabel("Họ và tên (hoặc tên tập thể, hộ gia đình)").fill("Lê Thị Hai Thẻ");
      await Promise.all([page.waitForURL(/\/ho-so\/(?!moi)[^/]+$/), page.getByRole("button", { name: "Lập hồ sơ" }).click()]);
      const form: Form = {
        path: `${new URL(page.url()).pathname}/to-trinh`,
        label: "Lý do, căn cứ đề nghị khen thưởng",
        button: "Lưu nháp",
        message: /^Tờ trình đề nghị khen thưởng đã được người khác lưu sau khi bạn mở trang/,
        saved: (url) => url.searchParams.get("da-luu") === "draft",
      };
      const errors = await twoTabs(context, page, true, form, {
        first: "Hoàn thành xuất sắc nhiệm vụ (thẻ một).",
        second: "Lý do do thẻ thứ hai gõ, không được mất.",
      });
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
