// The whole journey of an award in Chromium, on the demo commune, against the built server and a real SMTP
// server: the secretary launches a movement (two targets, "không quá 05 cá nhân"); the officials of two units
// make and submit seven dossiers — one official with JavaScript, the other without — one with a figure below
// its target; one dossier is returned for supplement, fixed and resubmitted; all are accepted; a council
// session opens (a member nominated is recused on her own dossier by the system; another member never votes);
// the members vote — by keyboard, on a phone, and without JavaScript — the session closes and its minutes hold
// the tallies; the chairman approves five, the sixth is refused by the quota, one is rejected with a reason;
// the decision is signed, the certificates printed, and the QR code of a certificate opens the public page that
// says it is valid. Last, the mails each person received along the way.
// Pictures of each main page go to test-results/journey/<database>/ (not in git) for a person to look at.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { hydrated, launchChromium, signedIn, watchErrors } from "../e2e/browser.ts";
import { overflow, PHONE } from "../e2e/page-checks.ts";
import { SAMPLE_FILES } from "../support/factories.ts";
import { pdfText } from "../support/pdf.ts";
import { decodeQr } from "../support/qr.ts";
import { preparedPlace } from "../support/prepared-place.ts";
import { freePort, startServer, type RunningServer, type ServerPlace } from "../support/server.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";

const PICTURES = path.join("test-results", "journey", process.env.TEST_DB ?? "");
let server: RunningServer;
let browser: Browser;
let smtp: TestSmtpServer;
let place: ServerPlace;

beforeAll(async () => {
  mkdirSync(PICTURES, { recursive: true });
  // A fresh database with the demo commune, as `npm start` makes it, before the server starts on it.
  ({ place } = await preparedPlace("tdkt-journey-", { demo: "loaded" }));
  const port = await freePort();
  smtp = await startSmtpServer();
  const env = { ...place.env, SMTP_URL: smtp.url, APP_URL: `http://127.0.0.1:${port}` };
  [server, browser] = await Promise.all([startServer(env, port), launchChromium()]);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
  await place?.remove();
});

// How long a page may take to show the result of a form on a loaded machine: the poll ends as soon as it shows.
const SLOW = { timeout: 30_000 };

const fill = (page: Page, label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

/** Sends a form by its button; with `url`, waits until the page it leads to (with or without JavaScript). */
async function submit(page: Page, button: string, url?: RegExp) {
  const click = page.getByRole("button", { name: button, exact: true }).click();
  await (url ? Promise.all([page.waitForURL(url), click]) : click);
}

async function snap(page: Page, name: string) {
  await page.screenshot({ path: path.join(PICTURES, `${name}.png`), fullPage: true });
}

/** Console errors and uncaught errors of every page of the journey (hydration mismatches too): none allowed. */
const pageErrors: string[][] = [];

async function as(username: string, options: { javaScript?: boolean; viewport?: { width: number; height: number } } = {}) {
  const session = await signedIn(browser, server.url, username, DEMO_PASSWORD, options);
  // A refusal (the quota) answers 4xx, which Chromium logs: that one is expected.
  pageErrors.push(watchErrors(session.page, { refusalsExpected: true }));
  return session;
}

async function bodyText(page: Page) {
  return page.locator("body").innerText();
}

type Nominee = { name: string; position: string; official: "canbo.tuphap" | "canbo.diachinh"; fromRegister?: string; below?: boolean };

// Seven nominations from two units. Phạm Thị Lan sits on the council; one figure is below its target.
const NOMINEES: Nominee[] = [
  { name: "Trần Văn Thành", position: "Công chức Tư pháp - Hộ tịch", official: "canbo.tuphap" },
  { name: "Phạm Thị Lan", position: "Chủ tịch Hội Liên hiệp Phụ nữ xã", official: "canbo.tuphap", fromRegister: "pham thi lan" },
  { name: "Lê Thị Hồng", position: "Công chức Văn hóa - Xã hội", official: "canbo.tuphap", below: true },
  { name: "Đỗ Minh Khôi", position: "Công chức Tư pháp - Hộ tịch", official: "canbo.tuphap" },
  { name: "Nguyễn Thị Bích", position: "Công chức Địa chính - Xây dựng", official: "canbo.diachinh" },
  { name: "Võ Thanh Tâm", position: "Công chức Địa chính - Xây dựng", official: "canbo.diachinh" },
  { name: "Hồ Văn Lực", position: "Cán bộ Địa chính", official: "canbo.diachinh" },
];
const RETURNED = "Võ Thanh Tâm";
const REJECTED = "Hồ Văn Lực";
const RETURN_REASON = "Bổ sung số liệu giải quyết hồ sơ đất đai quý IV năm 2026.";
const REJECT_REASON = "Thành tích chưa tiêu biểu so với các hồ sơ khác của phong trào.";

/** Makes one dossier through its three documents and submits it (with or without JavaScript). */
async function makeDossier(page: Page, movementId: string, nominee: Nominee, javaScript: boolean): Promise<string> {
  const ready = async () => (javaScript ? hydrated(page) : undefined);
  if (nominee.fromRegister) {
    await page.goto(`/ho-so/moi?phong-trao=${movementId}&q=${encodeURIComponent(nominee.fromRegister)}`);
    await ready();
    await page
      .getByLabel(new RegExp(`^\\s*${nominee.name}`))
      .first()
      .check();
  } else {
    await page.goto(`/ho-so/moi?phong-trao=${movementId}`);
    await ready();
    await fill(page, "Họ và tên (hoặc tên tập thể, hộ gia đình)", nominee.name);
  }
  await page.getByLabel("Phong trào thi đua", { exact: true }).selectOption(movementId);
  await page.getByLabel("Đối tượng thi đua", { exact: true }).selectOption("civil_servant");
  await fill(page, "Chức vụ (cá nhân) hoặc người đứng đầu (tập thể)", nominee.position);
  await submit(page, "Lập hồ sơ", /\/ho-so\/(?!moi)[^/?]+$/);
  const dossierPath = new URL(page.url()).pathname;

  await page.goto(`${dossierPath}/to-trinh`);
  await ready();
  await fill(page, "Số tờ trình", `${NOMINEES.indexOf(nominee) + 1}/TTr`);
  await fill(page, "Ngày tờ trình", "20/11/2026");
  await fill(page, "Lý do, căn cứ đề nghị khen thưởng", `Đồng chí ${nominee.name} hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2026.`);
  await submit(page, "Hoàn thành", /da-luu=complete/);

  await page.goto(`${dossierPath}/bien-ban`);
  await ready();
  await fill(page, "Chủ trì (họ và tên, chức vụ)", "Nguyễn Văn Hùng, Chủ tịch UBND xã");
  await fill(page, "Thư ký (họ và tên, chức vụ)", "Trần Thị Thu Hà");
  await fill(page, "Số thành viên có mặt", "5");
  await fill(page, "Tổng số thành viên Hội đồng", "5");
  await fill(page, "Số phiếu đồng ý, dòng 1", "5");
  await fill(page, "Tổng số phiếu, dòng 1", "5");
  await fill(page, "Kết luận cuộc họp", "Thống nhất đề nghị tặng Giấy khen.");
  await page
    .locator('input[name="scan"]')
    .setInputFiles({ name: "bien-ban.pdf", mimeType: "application/pdf", buffer: Buffer.from(SAMPLE_FILES.pdf()) });
  await submit(page, "Hoàn thành", /da-luu=complete/);

  await page.goto(`${dossierPath}/bao-cao`);
  await ready();
  await fill(page, "Ngày sinh", "01/05/1985");
  await page.getByLabel("Giới tính", { exact: true }).selectOption("male");
  await fill(page, "Chức năng, nhiệm vụ được giao", "Tham mưu công tác chuyên môn, chuyển đổi số.");
  const rows = page.locator("table.figures tbody tr");
  // Target 1: on-time files ≥ 99 %; target 2: at least one initiative.
  await rows
    .nth(0)
    .locator('input[type="text"]')
    .fill(nominee.below ? "97,5" : "99,6");
  await rows.nth(1).locator('input[type="text"]').fill("2");
  if (javaScript) {
    await expect.poll(() => rows.nth(0).locator(".figure-status").innerText(), SLOW).toContain(nominee.below ? "Chưa đạt" : "Đạt");
  }
  await fill(page, "Các giải pháp, biện pháp đã thực hiện", "Số hóa toàn bộ hồ sơ, tiếp nhận trực tuyến.");
  await fill(page, "Họ và tên thủ trưởng đơn vị", "Nguyễn Văn Hùng");
  await page.getByLabel("Chức vụ", { exact: true }).last().fill("Chủ tịch UBND xã");
  await submit(page, "Hoàn thành", /da-luu=complete/);

  await page.goto(dossierPath);
  await ready();
  await submit(page, "Nộp hồ sơ");
  await expect.poll(() => page.locator(".dossier-header").innerText(), SLOW).toContain("Đã nộp");
  return dossierPath;
}

/** The row (a card on a phone) of a nominee in a list. */
const rowOf = (page: Page, table: string, name: string) => page.locator(`table.${table} tbody tr`).filter({ hasText: name });

describe(`the journey of an award in Chromium (${process.env.TEST_DB})`, () => {
  test(
    "movement → seven dossiers → screening → council vote → approval under the quota → decision → certificates → QR",
    { timeout: 1_200_000 },
    async () => {
      let session: { context: BrowserContext; page: Page };
      let page: Page;

      // ── 1. The secretary launches the movement: two targets, no more than five individuals.
      session = await as("vanphong");
      page = session.page;
      await page.goto("/phong-trao/moi");
      await hydrated(page);
      // Sent empty: each error is announced and tied to its field (aria-invalid, aria-describedby → the message).
      await page.getByRole("button", { name: "Lưu phong trào (nháp)", exact: true }).click();
      const title = page.getByLabel("Tên phong trào", { exact: true });
      await expect.poll(() => title.getAttribute("aria-invalid"), SLOW).toBe("true");
      const describedBy = (await title.getAttribute("aria-describedby"))!.split(" ")[0]!;
      const message = page.locator(`[id="${describedBy}"]`);
      expect(await message.getAttribute("aria-live")).toBe("polite");
      expect((await message.innerText()).length).toBeGreaterThan(5);
      await fill(page, "Tên phong trào", "Thi đua chuyển đổi số năm 2026");
      await page.getByLabel("Căn cứ 1").fill("Thực hiện Kế hoạch số 20/KH-UBND ngày 05/01/2026 của UBND huyện.");
      await page
        .locator("fieldset.card")
        .filter({ hasText: "Đối tượng thi đua" })
        .first()
        .getByLabel("cán bộ, công chức chuyên môn")
        .check();
      await fill(page, "Nội dung chỉ tiêu", "Hồ sơ TTHC giải quyết đúng hạn");
      await fill(page, "Mức", "99");
      await page.getByRole("button", { name: "+ Thêm chỉ tiêu" }).click();
      await expect.poll(() => page.getByLabel("Nội dung chỉ tiêu", { exact: true }).count(), SLOW).toBe(2);
      await page.getByLabel("Nội dung chỉ tiêu", { exact: true }).nth(1).fill("Sáng kiến, giải pháp được công nhận");
      await page.getByLabel("Mức", { exact: true }).nth(1).fill("1");
      await page.getByLabel("Đơn vị tính", { exact: true }).nth(1).fill("sáng kiến");
      await fill(page, "Không quá … cá nhân", "5");
      await fill(page, "Hạn nộp hồ sơ", "31/12/2099");
      await snap(page, "01-phong-trao-moi");
      await submit(page, "Lưu phong trào (nháp)", /\/phong-trao\/(?!moi)[^/?]+$/);
      const movementId = new URL(page.url()).pathname.split("/").pop()!;
      await submit(page, "Phát động phong trào");
      await expect.poll(() => bodyText(page), SLOW).toContain("Đang phát động");
      await snap(page, "02-phong-trao");
      await session.context.close();

      // ── 2. The officials: unit A with JavaScript, unit B without it (the forms work either way).
      const dossiers = new Map<string, string>();
      for (const official of ["canbo.tuphap", "canbo.diachinh"] as const) {
        const javaScript = official === "canbo.tuphap";
        session = await as(official, { javaScript });
        page = session.page;
        for (const nominee of NOMINEES.filter((n) => n.official === official)) {
          dossiers.set(nominee.name, await makeDossier(page, movementId, nominee, javaScript));
        }
        await page.goto("/ho-so");
        await snap(page, `03-ho-so-${official}`);
        await session.context.close();
      }
      expect(dossiers.size).toBe(7);

      // ── 3. The secretary screens: one returned for supplement with a reason, the others accepted.
      session = await as("vanphong");
      page = session.page;
      await page.goto("/tham-dinh");
      await hydrated(page);
      await snap(page, "04-tham-dinh");
      const returned = rowOf(page, "screening", RETURNED);
      await returned.getByLabel("Lý do trả lại để bổ sung").fill(RETURN_REASON);
      await returned.getByRole("button", { name: "Trả lại để bổ sung" }).click();
      await expect.poll(() => rowOf(page, "screening", RETURNED).count(), SLOW).toBe(0);
      for (const nominee of NOMINEES.filter((n) => n.name !== RETURNED)) {
        await rowOf(page, "screening", nominee.name).getByRole("button", { name: "Tiếp nhận", exact: true }).click();
        await expect.poll(() => rowOf(page, "screening", nominee.name).count(), SLOW).toBe(0);
      }
      await session.context.close();

      // The official of unit B reads the reason, completes the report and resubmits, without JavaScript.
      session = await as("canbo.diachinh", { javaScript: false });
      page = session.page;
      const returnedPath = dossiers.get(RETURNED)!;
      await page.goto(returnedPath);
      expect(await page.locator(".reason-box").innerText()).toContain(RETURN_REASON);
      await snap(page, "05-ho-so-can-bo-sung");
      await page.goto(`${returnedPath}/bao-cao`);
      await fill(page, "Các giải pháp, biện pháp đã thực hiện", "Số hóa toàn bộ hồ sơ đất đai; giải quyết 412 hồ sơ quý IV năm 2026.");
      await submit(page, "Hoàn thành", /da-luu=complete/);
      await page.goto(returnedPath);
      await submit(page, "Nộp lại");
      await expect.poll(() => page.locator(".dossier-header").innerText(), SLOW).toContain("Đã nộp");
      await session.context.close();

      session = await as("vanphong", { javaScript: false });
      page = session.page;
      await page.goto("/tham-dinh");
      await Promise.all([
        page.waitForURL(/\/tham-dinh/),
        rowOf(page, "screening", RETURNED).getByRole("button", { name: "Tiếp nhận", exact: true }).click(),
      ]);
      await expect.poll(() => rowOf(page, "screening", RETURNED).count(), SLOW).toBe(0);

      // ── 4. The session opens on the seven: Phạm Thị Lan is recused on her own dossier before it opens.
      await page.goto(`/bo-phieu/moi?phong-trao=${movementId}`);
      expect(await bodyText(page)).toContain("Phạm Thị Lan — hồ sơ của Phạm Thị Lan: là người được đề nghị khen thưởng");
      for (const nominee of NOMINEES) expect(await bodyText(page)).toContain(nominee.name);
      await snap(page, "06-bo-phieu-moi");
      await submit(page, "Mở phiên bỏ phiếu", /\/bo-phieu\/(?!moi)[^/?]+$/);
      const sessionPath = new URL(page.url()).pathname;
      await session.context.close();

      // ── 5. The ballots. A member on a phone, by keyboard only: the focus stays on the row voted on.
      const sectionOf = (p: Page, name: string) => p.locator("section.card").filter({ has: p.getByRole("link", { name, exact: true }) });
      session = await as("hoidong.mttq", { viewport: PHONE });
      page = session.page;
      await page.goto(sessionPath);
      await hydrated(page);
      expect(await overflow(page)).toBe(0);
      await snap(page, "07-bo-phieu-dien-thoai");
      for (const [index, nominee] of NOMINEES.entries()) {
        const section = sectionOf(page, nominee.name);
        const choice = index === 2 ? "Không đồng ý" : "Đồng ý"; // one "no", on the dossier below its target
        await section.getByLabel(choice, { exact: true }).focus();
        await page.keyboard.press("Space");
        await page.keyboard.press("Tab"); // from the radio group to its button
        expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Gửi phiếu");
        await page.keyboard.press("Enter");
        await expect.poll(() => section.getByRole("status").innerText(), SLOW).toBe("Bạn đã bỏ phiếu");
        // The focus is still on this row's button, not thrown to the top of the page.
        const focused = await page.evaluate(() => ({
          row: document.activeElement?.closest("section")?.id ?? null,
          text: document.activeElement?.textContent?.trim() ?? null,
        }));
        expect(focused).toEqual({ row: `ho-so-${dossiers.get(nominee.name)!.split("/").pop()}`, text: "Gửi phiếu" });
      }
      await snap(page, "08-bo-phieu-da-bo");
      await session.context.close();

      // Without JavaScript: each ballot is a plain form post, back to the row voted on.
      session = await as("hoidong.doan", { javaScript: false });
      page = session.page;
      await page.goto(sessionPath);
      for (const nominee of NOMINEES) {
        const section = sectionOf(page, nominee.name);
        await section.getByLabel("Đồng ý", { exact: true }).check();
        await Promise.all([page.waitForURL(/#ho-so-/), section.getByRole("button", { name: "Gửi phiếu" }).click()]);
        expect(await sectionOf(page, nominee.name).getByRole("status").innerText()).toBe("Bạn đã bỏ phiếu");
      }
      await session.context.close();

      // The member nominated: no ballot on her own dossier; she votes on the six others.
      session = await as("hoidong.phunu");
      page = session.page;
      await page.goto(sessionPath);
      await hydrated(page);
      const own = sectionOf(page, "Phạm Thị Lan");
      expect(await own.innerText()).toContain("Bạn không tham gia biểu quyết hồ sơ này (là người được đề nghị khen thưởng).");
      expect(await own.getByRole("button", { name: "Gửi phiếu" }).count()).toBe(0);
      for (const nominee of NOMINEES.filter((n) => n.name !== "Phạm Thị Lan")) {
        const section = sectionOf(page, nominee.name);
        await section.getByLabel("Đồng ý", { exact: true }).check();
        await section.getByRole("button", { name: "Gửi phiếu" }).click();
        await expect.poll(() => section.getByRole("status").innerText(), SLOW).toBe("Bạn đã bỏ phiếu");
      }
      await session.context.close();

      // The chairman, the vice-chairman and the secretary agree on all; hoidong.nongdan never votes.
      for (const member of ["chutich", "phochutich", "vanphong"]) {
        session = await as(member);
        page = session.page;
        await page.goto(sessionPath);
        await hydrated(page);
        for (const nominee of NOMINEES) {
          const section = sectionOf(page, nominee.name);
          await section.getByLabel("Đồng ý", { exact: true }).check();
          await section.getByRole("button", { name: "Gửi phiếu" }).click();
          await expect.poll(() => section.getByRole("status").innerText(), SLOW).toBe("Bạn đã bỏ phiếu");
        }
        await session.context.close();
      }

      // ── 6. The secretary closes the session; the minutes hold the tallies.
      session = await as("vanphong");
      page = session.page;
      await page.goto(sessionPath);
      await hydrated(page);
      await submit(page, "Kết thúc bỏ phiếu và kiểm phiếu");
      await expect.poll(() => bodyText(page), SLOW).toContain("Kết quả biểu quyết");
      await snap(page, "09-ket-qua-bo-phieu");
      const minutes = await session.context.request.get(`${sessionPath}/bien-ban.pdf`);
      expect(minutes.status()).toBe(200);
      const bytes = new Uint8Array(await minutes.body());
      const text = pdfText(bytes).replace(/\s+/g, " ");
      const table = pdfText(bytes, { layout: true });
      // Issued, returned, valid, agree, disagree (a row of the table as laid out): seven members, six voted (one never did).
      expect(table).toMatch(/Trần Văn Thành[^\n]*\s7\s+6\s+6\s+6\s+0\s/);
      expect(table).toMatch(/Lê Thị Hồng[^\n]*\s7\s+6\s+6\s+5\s+1\s/);
      // Phạm Thị Lan's own dossier: six may vote, five did.
      expect(table).toMatch(/Phạm Thị Lan[^\n]*\s6\s+5\s+5\s+5\s+0\s/);
      expect(text).toContain("hồ sơ của Phạm Thị Lan: là người được đề nghị khen thưởng");
      await session.context.close();

      // ── 7. The chairman: five approved, the sixth refused by the quota, one rejected with a reason.
      session = await as("chutich");
      page = session.page;
      await page.goto("/phe-duyet");
      await hydrated(page);
      await snap(page, "10-phe-duyet");
      await rowOf(page, "sign-off-table", REJECTED).getByLabel("Lý do không phê duyệt").fill(REJECT_REASON);
      await rowOf(page, "sign-off-table", REJECTED).getByRole("button", { name: "Không phê duyệt" }).click();
      await expect.poll(() => rowOf(page, "sign-off-table", REJECTED).count(), SLOW).toBe(0);
      const approved = NOMINEES.filter((n) => n.name !== REJECTED).slice(0, 5);
      for (const nominee of approved) {
        await rowOf(page, "sign-off-table", nominee.name).getByRole("button", { name: "Phê duyệt", exact: true }).click();
        await expect.poll(() => rowOf(page, "sign-off-table", nominee.name).count(), SLOW).toBe(0);
      }
      const sixth = NOMINEES.filter((n) => n.name !== REJECTED)[5]!;
      await rowOf(page, "sign-off-table", sixth.name).getByRole("button", { name: "Phê duyệt", exact: true }).click();
      await expect
        .poll(() => rowOf(page, "sign-off-table", sixth.name).getByRole("alert").innerText(), SLOW)
        .toBe("Đã đủ số lượng khen thưởng của phong trào (không quá 05 cá nhân); không thể phê duyệt thêm.");
      await snap(page, "11-phe-duyet-het-suat");

      // The decision signed, the certificates issued and printed.
      await submit(page, "Ký quyết định khen thưởng (5 hồ sơ)", /\/quyet-dinh\/[^/?]+\?xong=ky/);
      const decisionPath = new URL(page.url()).pathname;
      await hydrated(page);
      await submit(page, "Cấp Giấy khen (5)");
      await expect.poll(() => page.getByRole("link", { name: "Trang xác minh" }).count(), SLOW).toBe(5);
      await snap(page, "12-quyet-dinh");
      const certificates = await session.context.request.get(`${decisionPath}/giay-khen.pdf`);
      expect(certificates.status()).toBe(200);
      const printed = new Uint8Array(await certificates.body());
      const printedText = pdfText(printed);
      for (const nominee of approved) expect(printedText).toContain(nominee.name);
      await session.context.close();

      // ── 8. The QR code of the first certificate, read as a phone would, opens the public page: valid.
      const qr = decodeQr(printed, { page: 1 });
      expect(qr).toMatch(new RegExp(`^${server.url}/xac-minh/`));
      const anyone = await browser.newContext({ viewport: PHONE, locale: "vi-VN" });
      page = await anyone.newPage();
      await page.goto(qr!);
      expect(await page.locator(".verify-status").innerText()).toMatch(/hợp lệ/i);
      expect(await page.locator(".verify-status").innerText()).not.toMatch(/không hợp lệ/i);
      expect(await overflow(page)).toBe(0);
      await snap(page, "13-xac-minh");
      await anyone.close();

      // ── 9. The mails of each person along the way (the outbox sends every few seconds: wait for the last).
      const mail = (user: string) => smtp.to(`${user}@tamphuoc.example.vn`);
      const subjects = (user: string) => mail(user).map((m) => m.subject);
      // The last mails of all: «Đã cấp Giấy khen» to the official of each awarded nominee, of both units.
      const awardedMails = () => approved.filter((nominee) => subjects(nominee.official).includes(`Đã cấp Giấy khen: ${nominee.name}`));
      await expect.poll(() => awardedMails().length, { timeout: 120_000, interval: 500 }).toBe(approved.length);
      expect(subjects("canbo.tuphap").filter((s) => s.startsWith("Đã cấp Giấy khen"))).toHaveLength(4);
      // The secretary: every new dossier to screen, and the one resubmitted.
      for (const nominee of NOMINEES) expect(subjects("vanphong")).toContain(`Hồ sơ mới cần thẩm định: ${nominee.name}`);
      expect(subjects("vanphong")).toContain(`Hồ sơ đã bổ sung, nộp lại: ${RETURNED}`);
      // The official of unit B: the return with its reason, the rejection with its reason.
      const returnMail = mail("canbo.diachinh").find((m) => m.subject === `Hồ sơ cần bổ sung: ${RETURNED}`);
      expect(returnMail?.text).toContain(RETURN_REASON);
      const rejectMail = mail("canbo.diachinh").find((m) => m.subject === `Hồ sơ không được phê duyệt khen thưởng: ${REJECTED}`);
      expect(rejectMail?.text).toContain(REJECT_REASON);
      // Every council member was invited to vote, the one who never voted too.
      for (const member of ["chutich", "phochutich", "vanphong", "hoidong.mttq", "hoidong.phunu", "hoidong.doan", "hoidong.nongdan"]) {
        expect(
          subjects(member).some((s) => s.startsWith("Mời bỏ phiếu: phong trào «Thi đua chuyển đổi số năm 2026»")),
          member,
        ).toBe(true);
      }
      // The officials: approved, then awarded, for each of theirs that was.
      for (const nominee of approved) {
        expect(subjects(nominee.official)).toContain(`Hồ sơ đã được phê duyệt khen thưởng: ${nominee.name}`);
        expect(subjects(nominee.official)).toContain(`Đã cấp Giấy khen: ${nominee.name}`);
      }
      // Nobody got a mail twice, and no mail went to the unit that had nothing to do with a dossier.
      for (const [id, count] of smtp.countsByMessageId()) expect(count, id).toBe(1);
      for (const m of mail("canbo.tuphap")) expect(m.subject).not.toContain(RETURNED);
      expect(pageErrors.flat()).toEqual([]);
    },
  );
});
