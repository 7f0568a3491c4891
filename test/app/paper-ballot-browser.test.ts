// In Chromium against the built server: a council that met in person. The secretary takes the attendance and
// enters the counted paper ballots, an impossible count is refused next to its field with the typed figures kept,
// and the chair confirms: the session closes and the dossier has its result. Once with JavaScript on (no console
// error, no hydration warning), once with it off (plain form posts).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openVotingSession } from "~/models/voting.server.ts";
import { hydrated, launchChromium, signedIn, watchErrors } from "../e2e/browser.ts";
import {
  createCommuneWithStaff,
  createCouncil,
  createDossierAt,
  createMovement,
  currentUser,
  TEST_PASSWORD,
} from "../support/factories.ts";
import { preparedPlace } from "../support/prepared-place.ts";
import { startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let browser: Browser;
let place: ServerPlace | undefined;
type PaperSession = { sessionId: string; dossierId: string };
let people: { secretary: string; chairman: string };
let sessions: { withJs: PaperSession; withoutJs: PaperSession };

beforeAll(async () => {
  ({ place } = await preparedPlace("tdkt-paper-", {
    demo: "none",
    then: async () => {
      const staff = await createCommuneWithStaff("UBND xã Họp Trực Tiếp");
      await createCouncil(staff, 5);
      const movementId = (await createMovement(staff.commune.id, { quota: null })).id;
      const secretary = await currentUser(staff.secretary.id);
      const paperSession = async (name: string): Promise<PaperSession> => {
        const dossierId = await createDossierAt(staff, movementId, "screened", { name });
        const opened = await openVotingSession(secretary, {
          movementId,
          dossierIds: [dossierId],
          closesAt: new Date(Date.now() + 2 * 3600_000),
          mode: "paper",
          place: "Hội trường Ủy ban nhân dân xã",
        });
        if (!opened.ok) throw new Error(opened.message);
        return { sessionId: opened.sessionId, dossierId };
      };
      people = { secretary: staff.secretary.username, chairman: staff.chairman.username };
      sessions = { withJs: await paperSession("Phạm Văn Giấy"), withoutJs: await paperSession("Hồ Thị Phiếu") };
    },
  }));
  [server, browser] = await Promise.all([startServer(place.env), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await place?.remove();
});

// How long a page may take to show the answer to a form on a loaded machine: the poll ends as soon as it shows.
const SLOW = { timeout: 30_000 };

async function fillCount(page: Page, figures: { returned: string; valid: string; agree: string; disagree: string }) {
  await page.getByLabel("Số phiếu thu về").fill(figures.returned);
  await page.getByLabel("Số phiếu hợp lệ").fill(figures.valid);
  await page.getByLabel("Số phiếu đồng ý", { exact: true }).fill(figures.agree);
  await page.getByLabel("Số phiếu không đồng ý").fill(figures.disagree);
}

async function countAndConfirm({ sessionId, dossierId }: PaperSession, javaScript: boolean) {
  const url = `/bo-phieu/${sessionId}/kiem-phieu`;
  const secretary = await signedIn(browser, server.url, people.secretary, TEST_PASSWORD, { javaScript });
  const errors = javaScript ? watchErrors(secretary.page, { refusalsExpected: true }) : [];
  try {
    const page = secretary.page;
    await page.goto(url);
    if (javaScript) await hydrated(page);
    expect(await page.locator("h1").innerText()).toBe("Kiểm phiếu bầu giấy");

    // 1. Everyone came: the attendance as ticked by default.
    await page.getByRole("button", { name: "Ghi điểm danh" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Tải phiếu bầu (PDF)" }).count(), SLOW).toBe(1);
    expect(await page.getByLabel("Số phiếu phát ra").inputValue()).toBe("5");

    // 3. Six votes out of five valid sheets: refused next to the field, the figures stay as typed.
    await fillCount(page, { returned: "5", valid: "5", agree: "6", disagree: "0" });
    await page.getByRole("button", { name: "Lưu kết quả kiểm phiếu" }).click();
    const refusal = "Tổng số phiếu đồng ý và không đồng ý (6) nhiều hơn số phiếu hợp lệ (5).";
    await expect.poll(() => page.getByText(refusal).count(), SLOW).toBe(1);
    expect(await page.getByLabel("Số phiếu đồng ý", { exact: true }).inputValue()).toBe("6");

    await fillCount(page, { returned: "5", valid: "5", agree: "4", disagree: "1" });
    await page.getByRole("button", { name: "Lưu kết quả kiểm phiếu" }).click();
    await expect.poll(() => page.getByText("Chờ Chủ tịch Hội đồng xác nhận.").count(), SLOW).toBe(1);
    expect(errors).toEqual([]);
  } finally {
    await secretary.context.close();
  }

  // 4. The chair confirms: the session ends and the dossier passed (4 of 5 entitled members, threshold 70 %).
  const chairman = await signedIn(browser, server.url, people.chairman, TEST_PASSWORD, { javaScript });
  const chairErrors = javaScript ? watchErrors(chairman.page) : [];
  try {
    const page = chairman.page;
    await page.goto(url);
    if (javaScript) await hydrated(page);
    expect(await page.locator("table tbody").innerText()).toMatch(/5\s+5\s+5\s+4\s+1/);
    await page.getByRole("button", { name: "Xác nhận kết quả kiểm phiếu" }).click();
    // Back on the session's page: closed, its minutes numbered, the dossier's result as counted.
    await page.waitForURL(new RegExp(`/bo-phieu/${sessionId}$`));
    await expect.poll(() => page.getByText("Đã kết thúc", { exact: true }).count(), SLOW).toBe(1);
    expect(await page.locator("main").innerText()).toMatch(/Số \d{2}\/BB-HĐTĐKT/);
    expect(await page.locator("main table").innerText()).toMatch(/5\s+5\s+4\s+1\s+80%\s+Đạt/);
    // The dossier's page shows the council's result (the server owns the embedded database: read through it).
    await page.goto(`/ho-so/${dossierId}`);
    if (javaScript) await hydrated(page);
    expect(await page.locator("h1 .badge").innerText()).toBe("Hội đồng thông qua");
    expect(chairErrors).toEqual([]);
  } finally {
    await chairman.context.close();
  }
}

describe(`paper ballots in the browser (${process.env.TEST_DB})`, () => {
  test("with JavaScript on", { timeout: 180_000 }, () => countAndConfirm(sessions.withJs, true));
  test("with JavaScript off", { timeout: 180_000 }, () => countAndConfirm(sessions.withoutJs, false));
});
