// Every page a role can reach, in Chromium with JavaScript on, against the built server: for one demo user of
// each role, starting from the menu, every link two steps deep (one page per kind of URL), and the main detail
// pages (a dossier, a session, a decision, a movement, a unit, a person). Any page error, console error
// (hydration warnings included), failed response (4xx/5xx, data requests too) fails the test.
// The walk is made on a phone's screen (375 × 812) and, on each page, checks what every page owes its users:
// nothing scrolls sideways, axe-core finds no serious or critical violation, no English word is shown.
// A picture of each page (the phone's first screen) goes to test-results/phone/<database>/<user>/.
// Those checks read the page as drawn, which is the same from either database (the same demo data): they run on
// the embedded database's walk; the PostgreSQL walk proves that every page loads, hydrates and links without an
// error from its data (the suite's longest file, run once per database).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { launchChromium, signedIn } from "../e2e/browser.ts";
import { englishWords, overflow, PHONE, seriousAxeViolations, widestElements } from "../e2e/page-checks.ts";
import { preparedPlace } from "../support/prepared-place.ts";
import { startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let browser: Browser;
let place: ServerPlace | undefined;

beforeAll(async () => {
  // The demo commune, carried to a decision, certificates and an open session, before the server starts.
  ({ place } = await preparedPlace("tdkt-every-page-"));
  [server, browser] = await Promise.all([startServer(place.env), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await place?.remove();
});

/** One demo user per role (prisma/seed.ts DEMO_USERS). */
const ROLES = [
  ["chairman", "chutich"],
  ["vice_chairman", "phochutich"],
  ["secretary", "vanphong"],
  ["council_member", "hoidong.mttq"],
  ["official", "canbo.tuphap"],
  ["admin", "quantri"],
] as const;

// Files and actions are not pages: downloads, and the sign-out form's target.
const NOT_A_PAGE = /\.(pdf|docx|xlsx|zip|csv)$|\/tep\/|^\/dang-xuat|^\/build\//;

/** "/ho-so/cm3x…/bao-cao" → "/ho-so/:id/bao-cao": a kind of page, visited once per user. */
function patternOf(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => (segment.length >= 12 && /\d/.test(segment) ? ":id" : segment))
    .join("/");
}

type Problem = { url: string; problem: string };

/** Listens to a page for everything that counts as broken. */
function watch(page: Page, problems: Problem[]) {
  page.on("pageerror", (error) => problems.push({ url: page.url(), problem: `page error: ${error.message}` }));
  page.on("console", (message) => {
    if (message.type() === "error" || (message.type() === "warning" && /hydrat/i.test(message.text()))) {
      problems.push({ url: page.url(), problem: `console ${message.type()}: ${message.text()}` });
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push({ url: response.url(), problem: `HTTP ${response.status()}` });
  });
}

/** Waits until React has hydrated the page: the root's effect marks the document once the whole tree committed. */
async function hydratedPage(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
}

async function linksOn(page: Page): Promise<string[]> {
  // The attribute, resolved against the page: SVG links (the dashboard's charts) have no string `href` property.
  const hrefs = await page.$$eval("a[href]", (anchors) => anchors.map((a) => new URL(a.getAttribute("href") ?? "", document.baseURI).href));
  const origin = new URL(server.url).origin;
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === origin && !NOT_A_PAGE.test(url.pathname))
    .map((url) => `${url.pathname}${url.search}`);
}

/** The phone, accessibility and language checks of the page as it is now. */
async function pageChecks(page: Page, pattern: string): Promise<Problem[]> {
  const found: Problem[] = [];
  const wider = await overflow(page);
  if (wider > 0) found.push({ url: pattern, problem: `${wider}px wider than the phone: ${(await widestElements(page)).join(", ")}` });
  for (const v of await seriousAxeViolations(page))
    found.push({ url: pattern, problem: `axe ${v.impact} ${v.id}: ${v.help} — ${v.targets.join(" | ")}` });
  const english = await englishWords(page);
  if (english.length > 0) found.push({ url: pattern, problem: `English words: ${english.join(", ")}` });
  return found;
}

const CHECK_DRAWN_PAGES = process.env.TEST_DB !== "postgres";

const DETAIL_PAGES = ["/ho-so/:id", "/bo-phieu/:id", "/quyet-dinh/:id", "/phong-trao/:id", "/don-vi/:id", "/ca-nhan/:id"];
const visitedByAnyone = new Set<string>();

describe(`every page in Chromium with JavaScript on (${process.env.TEST_DB})`, () => {
  test.each(ROLES)(
    "%s (%s): every page from the menu and the detail pages load without an error",
    { timeout: 600_000 },
    async (_role, username) => {
      const { context, page } = await signedIn(browser, server.url, username, DEMO_PASSWORD, { viewport: PHONE });
      const pictures = path.join("test-results", "phone", process.env.TEST_DB ?? "", username);
      mkdirSync(pictures, { recursive: true });
      const problems: Problem[] = [];
      watch(page, problems);
      try {
        await page.goto("/");
        await hydratedPage(page);
        const menu = await page.$$eval("header a[href]", (anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
        expect(menu.length).toBeGreaterThan(3);

        // Breadth first from the menu: each kind of page once, two links deep.
        const seen = new Set<string>();
        const checked = new Set<string>();
        const checkedPerKind = new Map<string, number>();
        let frontier = [...new Set(menu)].filter((href) => !NOT_A_PAGE.test(href)).map((href) => ({ href, from: "menu" }));
        const visited: string[] = [];
        for (let depth = 0; depth <= 2 && frontier.length > 0; depth++) {
          const next: typeof frontier = [];
          for (const { href, from } of frontier) {
            const pattern = patternOf(new URL(href, server.url).pathname);
            if (seen.has(pattern)) continue;
            seen.add(pattern);
            const response = await page.goto(href);
            const status = response?.status() ?? 0;
            if (status >= 400) {
              problems.push({ url: href, problem: `HTTP ${status} for a link on ${from}` });
              continue;
            }
            await hydratedPage(page);
            visited.push(pattern);
            if (CHECK_DRAWN_PAGES) {
              problems.push(...(await pageChecks(page, pattern)));
              await page.screenshot({ path: path.join(pictures, `${pattern.replace(/\//g, "_") || "_"}.png`) });
            }
            const links = await linksOn(page);
            if (depth < 2) next.push(...links.map((link) => ({ href: link, from: href })));
            // Every link a page shows must lead somewhere (a few of each kind, fetched without rendering them).
            for (const link of links) {
              const kind = patternOf(new URL(link, server.url).pathname);
              if (checked.has(link) || (checkedPerKind.get(kind) ?? 0) >= 4) continue;
              checked.add(link);
              checkedPerKind.set(kind, (checkedPerKind.get(kind) ?? 0) + 1);
              const answer = await context.request.get(link, { maxRedirects: 0 });
              if (answer.status() >= 400) problems.push({ url: link, problem: `HTTP ${answer.status()} for a link on ${href}` });
            }
          }
          frontier = next;
        }
        for (const pattern of visited) visitedByAnyone.add(pattern);
        expect(problems, `${username}: ${JSON.stringify(problems, null, 1)}`).toEqual([]);
        expect(visited.length).toBeGreaterThan(5);
      } finally {
        await context.close();
      }
    },
  );

  test("the error pages (404, 403) speak Vietnamese, fit a phone and pass axe", { timeout: 120_000 }, async () => {
    const { context, page } = await signedIn(browser, server.url, "canbo.tuphap", DEMO_PASSWORD, { viewport: PHONE });
    try {
      const cases: Array<[string, number]> = [
        ["/trang-khong-ton-tai", 404],
        ["/ho-so/khong-co-ho-so-nay-123", 404],
        ["/quan-tri/nguoi-dung", 403],
      ];
      for (const [url, status] of cases) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(status);
        const problems = await pageChecks(page, url);
        expect(problems, JSON.stringify(problems, null, 1)).toEqual([]);
        expect(await page.locator("main").innerText()).toContain(`Lỗi ${status}`);
      }
    } finally {
      await context.close();
    }
  });

  test("the public pages (sign-in, certificate check) speak Vietnamese, fit a phone and pass axe", { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, locale: "vi-VN" });
    try {
      const page = await context.newPage();
      for (const url of ["/dang-nhap", "/xac-minh", "/xac-minh/KHONG-CO-SO-HIEU-NAY"]) {
        const response = await page.goto(url);
        const status = response?.status() ?? 0;
        expect(status, url).toBeLessThan(500);
        if (status < 400) await hydratedPage(page);
        const problems = await pageChecks(page, url);
        expect(problems, JSON.stringify(problems, null, 1)).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  test("between them, the roles opened every kind of detail page", () => {
    for (const pattern of DETAIL_PAGES) expect([...visitedByAnyone]).toContain(pattern);
  });
});
