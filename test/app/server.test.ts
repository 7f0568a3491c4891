// Request level: the real server process, as `npm start` runs it, on the database of the project.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readMigrations } from "~/utils/migrate.server.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed.ts";
import { Client, serverPlace, startServer, visibleText, type RunningServer, type ServerPlace } from "../support/server.ts";

let server: RunningServer;
let place: ServerPlace;

beforeAll(async () => {
  place = await serverPlace("tdkt-server-");
  server = await startServer(place.env);
});

afterAll(async () => {
  await server?.stop();
  await place?.remove();
});

// What each role must find on its home page.
const HOME_SECTIONS: Record<string, string> = {
  official: "Hồ sơ của đơn vị",
  secretary: "Thường trực Hội đồng",
  council_member: "Hội đồng Thi đua – Khen thưởng",
  chairman: "Lãnh đạo UBND xã",
  vice_chairman: "Lãnh đạo UBND xã",
  admin: "Quản trị hệ thống",
};

describe(`the server on ${process.env.TEST_DB}`, () => {
  test("first start has every migration and loads the demo commune", () => {
    const count = readMigrations().length;
    // A new embedded database is unpacked with this checkout's migrations (docs/decisions/022); PostgreSQL gets them now.
    expect(server.output()).toContain(
      process.env.TEST_DB === "pglite"
        ? `0 migration mới, ${count} đã có; đã nạp dữ liệu mẫu`
        : `${count} migration mới, 0 đã có; đã nạp dữ liệu mẫu`,
    );
  });

  test("a visitor is sent to the Vietnamese sign-in page", async () => {
    const client = new Client(server.url);
    const home = await client.get("/");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/dang-nhap");
    const page = await client.get("/dang-nhap");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("Tên đăng nhập");
  });

  test.each(DEMO_USERS.map((user) => [user.username, user] as const))(
    "%s signs in, sees a home page for the role, signs out",
    async (_name, demo) => {
      const client = new Client(server.url);
      const signIn = await client.post("/dang-nhap", { username: demo.username, password: DEMO_PASSWORD });
      expect(signIn.status).toBe(302);
      const home = await client.get("/");
      expect(home.status).toBe(200);
      const raw = await home.text();
      expect(raw).not.toContain("\0"); // React 18 stream bug, see app/entry.server.tsx
      const html = visibleText(raw);
      expect(html).toContain(`Xin chào, ${demo.fullName}`);
      for (const role of demo.roles) expect(html).toContain(HOME_SECTIONS[role]);
      expect(html).toContain("Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính");

      const signOut = await client.post("/dang-xuat", {});
      expect(signOut.status).toBe(302);
      expect((await client.get("/")).status).toBe(302);
    },
  );

  test("a post from another site is refused", async () => {
    const client = new Client(server.url);
    const response = await client.post("/dang-nhap", { username: "vanphong", password: DEMO_PASSWORD }, "https://evil.example");
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("Yêu cầu từ trang web khác bị từ chối.");
  });

  test("errors are explained in Vietnamese: 404, and 403 for another unit's page", async () => {
    const client = new Client(server.url);
    await client.post("/dang-nhap", { username: "canbo.tuphap", password: DEMO_PASSWORD });
    const missing = await client.get("/khong-co-trang-nay");
    expect(missing.status).toBe(404);
    expect(visibleText(await missing.text())).toContain("Không tìm thấy");

    const home = await (await client.get("/")).text();
    const movementLink = /href="(\/phong-trao\/[^"]+)"/.exec(home)![1]!;
    const movement = await client.get(movementLink);
    expect(await movement.text()).toContain("Hồ sơ TTHC giải quyết đúng hạn");

    // The official of the justice department may not open the land department's page.
    const secretary = new Client(server.url);
    await secretary.post("/dang-nhap", { username: "vanphong", password: DEMO_PASSWORD });
    const communeHtml = await (await secretary.get(`/don-vi/${await unitIdOf(secretary, "Bộ phận Địa chính")}`)).text();
    expect(communeHtml).toContain("Ngô Quốc Bảo");
    const forbidden = await client.get(`/don-vi/${await unitIdOf(secretary, "Bộ phận Địa chính")}`);
    expect(forbidden.status).toBe(403);
    expect(visibleText(await forbidden.text())).toContain("Không có quyền truy cập");
  });

  test("a second start keeps the data and the sessions", async () => {
    const client = new Client(server.url);
    await client.post("/dang-nhap", { username: "chutich", password: DEMO_PASSWORD });
    await server.stop();
    server = await startServer(place.env, server.port);
    expect(server.output()).toContain(`0 migration mới, ${readMigrations().length} đã có.`);
    expect(server.output()).not.toMatch(/đã nạp dữ liệu mẫu/);
    const home = await client.get("/");
    expect(home.status).toBe(200);
    expect(visibleText(await home.text())).toContain("Xin chào, Nguyễn Văn Hùng");
  });
});

/** Finds a department's id the way a user would: from the commune's page. */
async function unitIdOf(client: Client, namePrefix: string): Promise<string> {
  const commune = await (await client.get(`/don-vi/${await communeId(client)}`)).text();
  const match = new RegExp(`href="/don-vi/([^"]+)">${namePrefix}`).exec(commune);
  if (!match) throw new Error(`no unit ${namePrefix} on the commune page`);
  return match[1]!;
}

async function communeId(client: Client): Promise<string> {
  const home = await (await client.get("/")).text();
  const match = /href="\/don-vi\/([^"]+)"/.exec(home);
  if (!match) throw new Error("the home page links to no unit");
  return match[1]!;
}
