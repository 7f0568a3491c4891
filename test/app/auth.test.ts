import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { action as signInAction } from "~/routes/dang-nhap.tsx";
import { action as signOutAction } from "~/routes/dang-xuat.tsx";
import { loader as unitLoader } from "~/routes/don-vi.$unitId.tsx";
import { THROTTLE, getUser, requireRole, requireUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createCommune, createUser, formRequest, requestAs, TEST_PASSWORD } from "../support/factories.ts";

let db: TestDatabase;
let units: Awaited<ReturnType<typeof createCommune>>;
let official: { id: string; username: string };
let secretary: { id: string; username: string };

beforeAll(async () => {
  db = await createTestDatabase();
  units = await createCommune();
  official = await createUser({ unitId: units.justice.id, roles: [{ role: "official" }], username: "canbo.a" });
  secretary = await createUser({ unitId: units.commune.id, roles: [{ role: "secretary" }], username: "vanphong.a" });
});
afterAll(() => db.destroy());

const context = { clientIp: "203.0.113.7" };

async function signIn(username: string, password: string, redirectTo = "") {
  const result = await signInAction({ request: formRequest("/dang-nhap", { username, password, redirectTo }), params: {}, context });
  return result as Response | { data: { error?: Record<string, string[] | null> | null }; init: ResponseInit | null };
}

function formError(result: Awaited<ReturnType<typeof signIn>>): string | undefined {
  if (result instanceof Response) return undefined;
  return result.data.error?.[""]?.join(" ");
}

describe("sign-in", () => {
  test("the right password opens a session and goes back where the user was", async () => {
    const result = await signIn("canbo.a", TEST_PASSWORD, "/phong-trao/abc");
    expect(result).toBeInstanceOf(Response);
    const response = result as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/phong-trao/abc");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = await getUser(new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0]! } }));
    expect(user?.username).toBe("canbo.a");
    expect(user?.grants).toEqual([{ role: "official", unitId: units.justice.id, unitName: "Bộ phận Tư pháp - Hộ tịch" }]);
  });

  test("usernames are not case-sensitive and a foreign redirect is ignored", async () => {
    const response = (await signIn("  CanBo.A ", TEST_PASSWORD, "//evil.example/")) as Response;
    expect(response.headers.get("Location")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
  });

  test("a wrong password or unknown user gets one Vietnamese message, and no session", async () => {
    const sessionsBefore = await prisma.session.count();
    expect(formError(await signIn("vanphong.a", "sai-mat-khau"))).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(formError(await signIn("khong.ton.tai", "sai-mat-khau"))).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(await prisma.session.count()).toBe(sessionsBefore);
  });

  test("an empty form names the missing fields", async () => {
    const result = await signIn("", "");
    expect(result).not.toBeInstanceOf(Response);
    const { data, init } = result as Exclude<typeof result, Response>;
    expect(init?.status).toBe(400);
    expect(data.error).toMatchObject({ username: ["Vui lòng nhập tên đăng nhập."], password: ["Vui lòng nhập mật khẩu."] });
  });

  test(`after ${THROTTLE.perUsername} failures the account is throttled, even with the right password, until the window passes`, async () => {
    const target = await createUser({ unitId: units.land.id, username: "bi.khoa" });
    for (let i = 0; i < THROTTLE.perUsername; i++) {
      expect(formError(await signIn("bi.khoa", `sai-${i}`))).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    }
    expect(formError(await signIn("bi.khoa", TEST_PASSWORD))).toBe(
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${THROTTLE.windowMinutes} phút.`,
    );
    // Another account from elsewhere is not affected.
    expect(await signIn("vanphong.a", TEST_PASSWORD)).toBeInstanceOf(Response);

    // The failures age out of the window.
    const old = new Date(Date.now() - (THROTTLE.windowMinutes + 1) * 60_000);
    await prisma.loginAttempt.updateMany({ where: { username: "bi.khoa" }, data: { createdAt: old } });
    expect(await signIn("bi.khoa", TEST_PASSWORD)).toBeInstanceOf(Response);
    expect(target.id).toBeTruthy();
  });
});

describe("sessions", () => {
  test("an expired session is no session: back to the sign-in page, then back here", async () => {
    const request = await requestAs(official.id, "/don-vi/x?tab=1");
    await prisma.session.updateMany({ where: { userId: official.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const thrown = await requireUser(request).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/dang-nhap?redirectTo=%2Fdon-vi%2Fx%3Ftab%3D1");
  });

  test("signing out deletes the session and clears the cookie", async () => {
    const request = await requestAs(secretary.id, "/dang-xuat", { method: "POST" });
    expect(await getUser(request)).not.toBeNull();
    const response = await signOutAction({ request, params: {}, context });
    expect(response.headers.get("Set-Cookie")).toMatch(/__session=;.*Max-Age=0/);
    expect(await getUser(request)).toBeNull();
  });

  test("within one request the signed-in user is read once (the root and the route loaders share it)", async () => {
    const { withRequestScope } = await import("~/utils/request-scope.server.ts");
    const request = await requestAs(official.id, "/");
    await withRequestScope(async () => {
      expect((await getUser(request))?.id).toBe(official.id);
      await prisma.session.deleteMany({ where: { userId: official.id } });
      expect((await getUser(request))?.id).toBe(official.id); // same request: not read again
    });
    expect(await getUser(request)).toBeNull(); // the next request reads the database
  });

  test("a forged cookie (not signed with the secret) is ignored", async () => {
    const session = await prisma.session.create({
      data: { id: "guessable", userId: official.id, expiresAt: new Date(Date.now() + 60_000) },
    });
    const request = new Request("http://localhost/", {
      headers: { Cookie: `__session=${encodeURIComponent(btoa(JSON.stringify(session.id)))}` },
    });
    expect(await getUser(request)).toBeNull();
  });
});

describe("requireRole", () => {
  async function status(promise: Promise<unknown>) {
    const outcome = await promise.then(
      () => 200,
      (error: unknown) => (error instanceof Response ? error.status : 500),
    );
    return outcome;
  }

  test("by role: an official is not a secretary", async () => {
    expect(await status(requireRole(await requestAs(official.id), "secretary"))).toBe(403);
    expect(await status(requireRole(await requestAs(official.id), "official"))).toBe(200);
    expect(await status(requireRole(await requestAs(null), "official"))).toBe(302);
  });

  test("by unit: an official is refused another unit's page; the commune's secretary sees every department", async () => {
    const load = async (userId: string, unitId: string) =>
      status(unitLoader({ request: await requestAs(userId, `/don-vi/${unitId}`), params: { unitId }, context }));
    expect(await load(official.id, units.justice.id)).toBe(200);
    expect(await load(official.id, units.land.id)).toBe(403);
    expect(await load(official.id, units.commune.id)).toBe(403);
    expect(await load(secretary.id, units.land.id)).toBe(200);
    expect(await load(secretary.id, units.commune.id)).toBe(200);

    const otherCommune = await createCommune("UBND xã Bên Cạnh");
    expect(await load(secretary.id, otherCommune.justice.id)).toBe(403);
    expect(await load(secretary.id, "khong-ton-tai")).toBe(403);
  });
});
