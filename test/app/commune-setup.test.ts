// A real installation set up in the product alone, in Chromium: from an empty database with DEMO_DATA=false, the
// first run makes the province and its admin; the admin makes two communes with departments and hamlets and
// their accounts; the first commune's secretary sets up the council and a movement. The chairman is nominated
// for his own award: he cannot vote on it (a crafted ballot too), the minutes say so, and the thresholds count
// the others. The second commune's official then finds none of the first commune's records, even by URL.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchChromium, signedIn } from "../e2e/browser.ts";
import { SAMPLE_FILES } from "../support/factories.ts";
import { pdfText } from "../support/pdf.ts";
import { serverPlace, startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let browser: Browser;
let place: ServerPlace;

beforeAll(async () => {
  place = await serverPlace("tdkt-setup-");
  [server, browser] = await Promise.all([startServer({ ...place.env, DEMO_DATA: "false" }), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await place?.remove();
});

// How long a page may take to show the result of a form on a loaded machine: the poll ends as soon as it shows.
const SLOW = { timeout: 30_000 };
const ADMIN_PASSWORD = "Quan-tri-2026";
const OWN_PASSWORD = "Mat-khau-rieng-2026";

/** Fills a field found by its label, exactly. */
const fill = (page: Page, label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);
const choose = (page: Page, label: string, option: string) => page.getByLabel(label, { exact: true }).selectOption({ label: option });

/** Sends a form by its button; with `url`, waits until the page it leads to (with or without JavaScript). */
async function submit(page: Page, button: string, url?: RegExp) {
  const click = page.getByRole("button", { name: button, exact: true }).click();
  await (url ? Promise.all([page.waitForURL(url), click]) : click);
}

type Account = { username: string; fullName: string; password: string };

async function newUnit(page: Page, parentName: string, kind: string, name: string, placeName = "") {
  await page.goto("/quan-tri/don-vi");
  await page.getByRole("link", { name: parentName, exact: true }).click();
  await page.getByRole("link", { name: "Thêm đơn vị trực thuộc" }).click();
  await choose(page, "Loại đơn vị", kind);
  await fill(page, "Tên đơn vị", name);
  if (placeName) await fill(page, "Địa danh ghi trên văn bản (không bắt buộc)", placeName);
  await submit(page, "Tạo đơn vị", /da-tao=1/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

async function newAccount(
  page: Page,
  commune: string,
  person: { username: string; fullName: string; gender: "Ông" | "Bà"; unit: string; title: string; roles: Array<[string, string]> },
): Promise<Account> {
  await page.goto("/quan-tri/nguoi-dung/moi");
  await choose(page, "Tài khoản thuộc xã, phường", commune);
  await submit(page, "Chọn", /[?&]xa=/);
  await fill(page, "Tên đăng nhập", person.username);
  await fill(page, "Họ và tên", person.fullName);
  await choose(page, "Danh xưng", person.gender);
  await choose(page, "Đơn vị công tác", person.unit);
  await fill(page, "Chức vụ", person.title);
  for (const [index, [role, unit]] of person.roles.entries()) {
    await choose(page, `Vai trò ${index + 1}`, role);
    await choose(page, `Đơn vị của vai trò ${index + 1}`, unit);
  }
  await submit(page, "Tạo tài khoản");
  const password = (await page.getByTestId("temporary-password").innerText()).trim();
  expect(password).toMatch(/^\S{4}-\S{4}-\S{4}$/);
  return { username: person.username, fullName: person.fullName, password };
}

/** The first sign-in with a temporary password: the user must choose their own before anything else. */
async function firstSignIn(account: Account): Promise<{ context: BrowserContext; page: Page }> {
  const session = await signedIn(browser, server.url, account.username, account.password);
  await session.page.waitForURL(/\/doi-mat-khau/);
  await fill(session.page, "Mật khẩu tạm thời", account.password);
  await fill(session.page, "Mật khẩu mới", OWN_PASSWORD);
  await fill(session.page, "Nhập lại mật khẩu mới", OWN_PASSWORD);
  await submit(session.page, "Đổi mật khẩu", /tai-khoan\?doi-mat-khau=1|\/$/);
  return session;
}

const as = (account: Account) => signedIn(browser, server.url, account.username, OWN_PASSWORD);

describe(`a commune set up through the UI alone (${process.env.TEST_DB})`, () => {
  test(
    "first run, two communes, accounts, council, movement; the chairman's own dossier; the other commune sees nothing",
    { timeout: 900_000 },
    async () => {
      // ── The first run, without JavaScript: the sign-in page sends an empty installation to /khoi-tao.
      const setup = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false, locale: "vi-VN" });
      let page = await setup.newPage();
      await page.goto("/dang-nhap");
      expect(new URL(page.url()).pathname).toBe("/khoi-tao");
      await fill(page, "Tên cơ quan cấp tỉnh", "UBND tỉnh Đồng Nai");
      await page.getByLabel("Địa danh ghi trên văn bản", { exact: true }).first().fill("Đồng Nai");
      await fill(page, "Tên đăng nhập", "quantri");
      await fill(page, "Họ và tên", "Lý Thanh Sơn");
      await choose(page, "Danh xưng", "Ông");
      await fill(page, "Mật khẩu", "ngan1");
      await fill(page, "Nhập lại mật khẩu", "ngan1");
      await submit(page, "Khởi tạo");
      await expect.poll(() => page.locator(".field-error").allInnerTexts(), SLOW).toContain("Mật khẩu phải có ít nhất 8 ký tự.");
      await fill(page, "Mật khẩu", ADMIN_PASSWORD);
      await fill(page, "Nhập lại mật khẩu", ADMIN_PASSWORD);
      await submit(page, "Khởi tạo", /\/quan-tri\/don-vi/);

      // ── Units, still without JavaScript.
      const communeA = await newUnit(page, "UBND tỉnh Đồng Nai", "Xã, phường", "UBND xã An Phước", "An Phước");
      await newUnit(page, "UBND xã An Phước", "Bộ phận, ban ngành", "Bộ phận Tư pháp - Hộ tịch A");
      await newUnit(page, "UBND xã An Phước", "Ấp, khu phố", "Ấp An Lợi");
      await newUnit(page, "UBND tỉnh Đồng Nai", "Xã, phường", "UBND xã Bình Sơn", "Bình Sơn");
      await newUnit(page, "UBND xã Bình Sơn", "Bộ phận, ban ngành", "Bộ phận Tư pháp - Hộ tịch B");
      await newUnit(page, "UBND xã Bình Sơn", "Ấp, khu phố", "Ấp Bình Lâm");
      await page.goto("/quan-tri/don-vi");
      const tree = await page.locator("ul.tree").innerText();
      for (const name of ["UBND xã An Phước", "Ấp An Lợi", "UBND xã Bình Sơn", "Ấp Bình Lâm"]) expect(tree).toContain(name);
      await setup.close();

      // ── Accounts, with JavaScript (the admin signs in again, as on another day).
      const admin = await signedIn(browser, server.url, "quantri", ADMIN_PASSWORD);
      page = admin.page;
      const A = "UBND xã An Phước (Xã, phường)";
      const deptA = "Bộ phận Tư pháp - Hộ tịch A (Bộ phận, ban ngành)";
      const deptB = "Bộ phận Tư pháp - Hộ tịch B (Bộ phận, ban ngành)";
      const member = "Thành viên Hội đồng TĐKT";
      const chairman = await newAccount(page, "UBND xã An Phước", {
        username: "chutich.ap",
        fullName: "Nguyễn Văn Hùng",
        gender: "Ông",
        unit: A,
        title: "Chủ tịch UBND xã",
        roles: [
          ["Chủ tịch UBND xã", A],
          [member, A],
        ],
      });
      const secretary = await newAccount(page, "UBND xã An Phước", {
        username: "vanphong.ap",
        fullName: "Trần Thị Thu Hà",
        gender: "Bà",
        unit: A,
        title: "Công chức Văn phòng - Thống kê",
        roles: [
          ["Văn phòng UBND xã (thường trực Hội đồng TĐKT)", A],
          [member, A],
        ],
      });
      const members = [
        await newAccount(page, "UBND xã An Phước", {
          username: "mttq.ap",
          fullName: "Lê Văn Phúc",
          gender: "Ông",
          unit: A,
          title: "Chủ tịch Ủy ban MTTQ xã",
          roles: [[member, A]],
        }),
        await newAccount(page, "UBND xã An Phước", {
          username: "phunu.ap",
          fullName: "Phạm Thị Lan",
          gender: "Bà",
          unit: A,
          title: "Chủ tịch Hội Phụ nữ xã",
          roles: [[member, A]],
        }),
      ];
      const officialA = await newAccount(page, "UBND xã An Phước", {
        username: "tuphap.ap",
        fullName: "Đặng Thị Mai",
        gender: "Bà",
        unit: deptA,
        title: "Công chức Tư pháp - Hộ tịch",
        roles: [["Cán bộ, công chức phụ trách", deptA]],
      });
      const officialB = await newAccount(page, "UBND xã Bình Sơn", {
        username: "tuphap.bs",
        fullName: "Ngô Quốc Bảo",
        gender: "Ông",
        unit: deptB,
        title: "Công chức Tư pháp - Hộ tịch",
        roles: [["Cán bộ, công chức phụ trách", deptB]],
      });
      // The chairman heads the commune (người đứng đầu), chosen from its people.
      await page.goto(`/quan-tri/don-vi/${communeA}`);
      await choose(page, "Người đứng đầu", "Nguyễn Văn Hùng — Chủ tịch UBND xã");
      await submit(page, "Lưu người đứng đầu", /da-luu=1/);
      await admin.context.close();

      // ── The secretary: the council from the commune's people, then a movement, launched.
      let session = await firstSignIn(secretary);
      page = session.page;
      await page.goto("/hoi-dong");
      await fill(page, "Nhiệm kỳ từ ngày (dd/mm/yyyy)", "01/01/2026");
      for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Thêm thành viên" }).click();
      const seats: Array<[string, string]> = [
        ["Nguyễn Văn Hùng — Chủ tịch UBND xã", "Chủ tịch Hội đồng"],
        ["Trần Thị Thu Hà — Công chức Văn phòng - Thống kê", "Ủy viên thường trực (Thư ký)"],
        ["Lê Văn Phúc — Chủ tịch Ủy ban MTTQ xã", "Ủy viên"],
        ["Phạm Thị Lan — Chủ tịch Hội Phụ nữ xã", "Ủy viên"],
      ];
      for (const [index, [who, seat]] of seats.entries()) {
        await page.getByLabel("Thành viên", { exact: true }).nth(index).selectOption({ label: who });
        await page.getByLabel("Chức danh", { exact: true }).nth(index).selectOption({ label: seat });
      }
      await submit(page, "Lưu Hội đồng", /da-luu=1/);

      await page.goto("/phong-trao/moi");
      await fill(page, "Tên phong trào", "Thi đua thực hiện cải cách hành chính năm 2026");
      await page.getByLabel("Căn cứ 1").fill("Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND tỉnh Đồng Nai.");
      await page.locator("fieldset.card").filter({ hasText: "Đối tượng thi đua" }).first().getByLabel("người đứng đầu").check();
      await fill(page, "Nội dung chỉ tiêu", "Hồ sơ TTHC giải quyết đúng hạn");
      await fill(page, "Mức", "99");
      await fill(page, "Không quá … cá nhân", "5");
      await fill(page, "Hạn nộp hồ sơ", "31/12/2099");
      await submit(page, "Lưu phong trào (nháp)", /\/phong-trao\/(?!moi)[^/?]+$/);
      const movementPath = new URL(page.url()).pathname;
      await submit(page, "Phát động phong trào");
      await expect.poll(() => page.locator("body").innerText(), SLOW).toContain("Đang phát động");
      await session.context.close();

      // ── The official nominates the chairman himself, chosen from the register, and completes the dossier.
      session = await firstSignIn(officialA);
      page = session.page;
      await page.goto("/ho-so/moi");
      await fill(page, "Họ tên (gõ không dấu cũng được)", "van hung");
      await submit(page, "Tìm người", /[?&]q=van/);
      await page.getByLabel(/Nguyễn Văn Hùng, Chủ tịch UBND xã/).check();
      await choose(page, "Đối tượng thi đua", "Người đứng đầu");
      await submit(page, "Lập hồ sơ", /\/ho-so\/(?!moi)[^/?]+$/);
      const dossierPath = new URL(page.url()).pathname;
      const dossierId = dossierPath.split("/").pop()!;
      await expect.poll(() => page.locator("h1").innerText(), SLOW).toContain("Nguyễn Văn Hùng");

      await page.goto(`${dossierPath}/to-trinh`);
      await fill(page, "Số tờ trình", "01/TTr-TP");
      await fill(page, "Ngày tờ trình", "10/01/2026");
      await fill(page, "Lý do, căn cứ đề nghị khen thưởng", "Đồng chí Nguyễn Văn Hùng hoàn thành xuất sắc nhiệm vụ năm 2026.");
      await submit(page, "Hoàn thành", /da-luu=complete/);

      await page.goto(`${dossierPath}/bien-ban`);
      await fill(page, "Chủ trì (họ và tên, chức vụ)", "Đặng Thị Mai, phụ trách bộ phận");
      await fill(page, "Thư ký (họ và tên, chức vụ)", "Lê Thị Thu");
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
      await fill(page, "Ngày sinh", "02/09/1975");
      await choose(page, "Giới tính", "Nam");
      await fill(page, "Chức năng, nhiệm vụ được giao", "Lãnh đạo, điều hành chung UBND xã.");
      await page.locator("table.figures tbody tr").first().locator('input[type="text"]').fill("99,5");
      await fill(page, "Các giải pháp, biện pháp đã thực hiện", "Số hóa toàn bộ hồ sơ TTHC.");
      await fill(page, "Họ và tên thủ trưởng đơn vị", "Nguyễn Văn Hùng");
      await page.getByLabel("Chức vụ", { exact: true }).last().fill("Chủ tịch UBND xã");
      await submit(page, "Hoàn thành", /da-luu=complete/);
      await page.goto(dossierPath);
      const scanLink = await page.locator(`a[href*="${dossierPath}/tep/"]`).first().getAttribute("href");
      expect(scanLink).toBeTruthy();
      await submit(page, "Nộp hồ sơ");
      await expect.poll(() => page.locator(".dossier-header").innerText(), SLOW).toContain("Đã nộp");
      await session.context.close();

      // ── The secretary screens it and opens the vote: the chairman is shown as recused before it opens.
      session = await as(secretary);
      page = session.page;
      await page.goto(dossierPath);
      await submit(page, "Tiếp nhận (đủ điều kiện)");
      await expect.poll(() => page.locator(".dossier-header").innerText(), SLOW).toContain("Đã thẩm định");
      await page.goto(`/bo-phieu/moi?phong-trao=${movementPath.split("/").pop()}`);
      expect(await page.locator("body").innerText()).toContain(
        "Nguyễn Văn Hùng — hồ sơ của Nguyễn Văn Hùng: là người được đề nghị khen thưởng",
      );
      await submit(page, "Mở phiên bỏ phiếu", /\/bo-phieu\/(?!moi)[^/?]+$/);
      const sessionPath = new URL(page.url()).pathname;
      await session.context.close();

      // ── The chairman: no ballot offered, and a ballot posted by hand is refused.
      session = await firstSignIn(chairman);
      page = session.page;
      await page.goto(sessionPath);
      expect(await page.locator("body").innerText()).toContain(
        "Bạn không tham gia biểu quyết hồ sơ này (là người được đề nghị khen thưởng).",
      );
      expect(await page.getByRole("button", { name: "Gửi phiếu" }).count()).toBe(0);
      const crafted = await session.context.request.post(sessionPath, {
        form: { intent: "vote", dossierId, choice: "agree" },
        headers: { Origin: server.url },
      });
      expect(crafted.status()).toBe(422);
      await session.context.close();

      // ── The three others vote; the secretary closes the session.
      for (const voter of [secretary, ...members]) {
        session = voter === secretary ? await as(voter) : await firstSignIn(voter);
        page = session.page;
        await page.goto(sessionPath);
        await page.getByLabel("Đồng ý", { exact: true }).check();
        await submit(page, "Gửi phiếu");
        await expect.poll(() => page.locator("body").innerText(), SLOW).toContain("Bạn đã bỏ phiếu");
        await session.context.close();
      }
      session = await as(secretary);
      page = session.page;
      await page.goto(sessionPath);
      await submit(page, "Kết thúc bỏ phiếu và kiểm phiếu");
      await expect.poll(() => page.locator("body").innerText(), SLOW).toContain("Kết quả biểu quyết");
      const minutes = await session.context.request.get(`${sessionPath}/bien-ban.pdf`);
      expect(minutes.status()).toBe(200);
      const text = pdfText(new Uint8Array(await minutes.body()));
      expect(text).toContain("Không tham gia biểu quyết (hồ sơ của Nguyễn Văn Hùng: là người được đề nghị khen thưởng)");
      // The session's one dossier (his): issued to the three who may vote, three returned and valid, three
      // agree, none against: 100 %, passed.
      expect(text).toContain("1 Phiếu phát ra Nguyễn Văn Hùng, Chủ tịch UBND xã");
      expect(pdfText(new Uint8Array(await minutes.body()), { layout: true })).toMatch(/\s3\s+3\s+3\s+3\s+0\s+100%\s+Đạt/);
      await session.context.close();

      // ── The chairman approves and signs: a decision exists in commune A.
      session = await as(chairman);
      page = session.page;
      await page.goto("/phe-duyet");
      await submit(page, "Phê duyệt", /xong=phe-duyet/);
      await submit(page, "Ký quyết định khen thưởng (1 hồ sơ)", /\/quyet-dinh\/[^/?]+\?xong=ky/);
      const decisionHref = new URL(page.url()).pathname;
      await session.context.close();

      // ── The second commune's official: none of it, from the lists or by URL.
      session = await firstSignIn(officialB);
      page = session.page;
      for (const list of ["/ho-so", "/phong-trao", "/ca-nhan"]) {
        await page.goto(list);
        expect(await page.locator("main").innerText()).not.toContain("Nguyễn Văn Hùng");
      }
      const guessed = [
        dossierPath,
        `${dossierPath}/to-trinh`,
        `${dossierPath}/bien-ban`,
        `${dossierPath}/bao-cao`,
        `${dossierPath}/in`,
        `${dossierPath}/bao-cao.docx`,
        scanLink!,
        decisionHref!,
        `${decisionHref}/quyet-dinh.pdf`,
        `${decisionHref}/giay-khen.pdf`,
        sessionPath,
        `${sessionPath}/bien-ban.pdf`,
        movementPath,
      ];
      for (const url of guessed) {
        const response = await session.context.request.get(url, { maxRedirects: 0 });
        expect([403, 404], `${url} answered ${response.status()}`).toContain(response.status());
        expect(await response.text(), url).not.toContain("Nguyễn Văn Hùng");
      }
      await session.context.close();
    },
  );
});
