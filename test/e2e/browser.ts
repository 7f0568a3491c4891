// Chromium for the browser tests: the Debian package, driven by playwright-core (no download).
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A fresh browser profile signed in as `username`; `javaScript: false` proves the page works without it. */
export async function signedIn(
  browser: Browser,
  baseURL: string,
  username: string,
  password: string,
  { javaScript = true, viewport }: { javaScript?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: javaScript,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    ...(viewport ? { viewport } : {}),
  });
  const page = await context.newPage();
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/dang-nhap")),
    page.getByRole("button", { name: "Đăng nhập" }).click(),
  ]);
  return { context, page };
}

/** With JavaScript on, waits until React has hydrated the page (Remix's router is up). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Boolean((window as unknown as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized),
  );
}

/** With SCREENSHOT_DIR set, keeps a full-page picture of each step, to look at the pages. */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/**
 * Console errors and uncaught errors of a page (hydration mismatches show up here). With `refusalsExpected`,
 * the 4xx status Chromium logs for a refused submission is the answer the test expects, not an error.
 */
export function watchErrors(page: Page, { refusalsExpected = false } = {}): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (refusalsExpected && /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
