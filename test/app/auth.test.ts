import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { action as signInAction } from "~/routes/dang-nhap.tsx";
import { action as signOutAction } from "~/routes/dang-xuat.tsx";
import { loader as unitLoader } from "~/routes/don-vi.$unitId.tsx";
import { action as userAdminAction, loader as userAdminLoader } from "~/routes/quan-tri.nguoi-dung.$userId.tsx";
import { THROTTLE, getUser, requireRole, requireUser, verifySignIn } from "~/utils/auth.server.ts";
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

  test(`after ${THROTTLE.perUsername} failures the account waits, even with the right password, until the wait passes`, async () => {
    const target = await createUser({ unitId: units.land.id, username: "bi.khoa" });
    for (let i = 0; i < THROTTLE.perUsername; i++) {
      expect(formError(await signIn("bi.khoa", `sai-${i}`))).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    }
    expect(formError(await signIn("bi.khoa", TEST_PASSWORD))).toBe("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.");
    // Another account from elsewhere is not affected.
    expect(await signIn("vanphong.a", TEST_PASSWORD)).toBeInstanceOf(Response);

    // The wait passes (the attempts are moved back in time: the test does not sleep).
    await prisma.loginAttempt.updateMany({ where: { username: "bi.khoa" }, data: { createdAt: new Date(Date.now() - 61_000) } });
    expect(await signIn("bi.khoa", TEST_PASSWORD)).toBeInstanceOf(Response);
    expect(target.id).toBeTruthy();
  });
});

describe("throttling: growing waits, not a lockout", () => {
  const MINUTE = 60_000;
  let clock: number;
  const at = (minutes: number) => new Date(clock + minutes * MINUTE);
  const WRONG = { ok: false, message: "Tên đăng nhập hoặc mật khẩu không đúng." };
  const wait = (minutes: number) => ({ ok: false, message: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.` });
  // Each test has its own moment far from the others', so their attempts never meet.
  let testIndex = 0;
  beforeEach(() => {
    testIndex += 1;
    clock = Date.UTC(2031, 0, 1 + testIndex * 3, 8);
  });

  test("each failure past the fifth doubles the wait, up to the cap; a wrong try during a wait is not even checked", async () => {
    const user = await createUser({ unitId: units.land.id, username: "ke.do.mat.khau" });
    for (let i = 0; i < THROTTLE.perUsername; i++) expect(await verifySignIn(user.username, "sai", "198.51.100.9", at(0))).toEqual(WRONG);
    expect(await verifySignIn(user.username, TEST_PASSWORD, "198.51.100.9", at(0))).toEqual(wait(1));
    expect(await verifySignIn(user.username, "sai", "198.51.100.9", at(0.5))).toEqual(wait(1));
    // One more failure once the minute is over: two minutes, then four, eight, sixteen, then the cap.
    let t = 1;
    for (const minutes of [2, 4, 8, 16, THROTTLE.maxDelayMinutes, THROTTLE.maxDelayMinutes]) {
      expect(await verifySignIn(user.username, "sai", "198.51.100.9", at(t))).toEqual(WRONG);
      expect(await verifySignIn(user.username, TEST_PASSWORD, "198.51.100.9", at(t))).toEqual(wait(minutes));
      t += minutes;
    }
    // The tries refused during a wait were not counted: the last wait is still the cap, and then the right password works.
    expect(await prisma.loginAttempt.count({ where: { username: user.username } })).toBe(THROTTLE.perUsername + 6);
    expect(await verifySignIn(user.username, TEST_PASSWORD, "198.51.100.9", at(t))).toEqual({ ok: true, userId: user.id });
    // A success starts afresh.
    expect(await verifySignIn(user.username, "sai", "198.51.100.9", at(t))).toEqual(WRONG);
    expect(await verifySignIn(user.username, TEST_PASSWORD, "198.51.100.9", at(t))).toEqual({ ok: true, userId: user.id });
  });

  test("an attacker elsewhere does not keep the chairman out of his own office; from a new address he waits too", async () => {
    const chairman = await createUser({ unitId: units.commune.id, roles: [{ role: "chairman" }], username: "chu.tich.b" });
    const office = "192.0.2.10";
    expect(await verifySignIn(chairman.username, TEST_PASSWORD, office, at(-60 * 24 * 3))).toEqual({ ok: true, userId: chairman.id });
    for (let i = 0; i < 12; i++) {
      expect((await verifySignIn(chairman.username, `doan-${i}`, `203.0.113.${i + 20}`, at(i / 100))).ok).toBe(false);
    }
    // From anywhere, the account had five tries; the other seven were not even checked.
    expect(await prisma.loginAttempt.count({ where: { username: chairman.username, success: false } })).toBe(THROTTLE.perUsername);
    expect(await verifySignIn(chairman.username, TEST_PASSWORD, "203.0.113.99", at(1))).toMatchObject({
      message: expect.stringMatching(/^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/),
    });
    expect(await verifySignIn(chairman.username, TEST_PASSWORD, office, at(1))).toEqual({ ok: true, userId: chairman.id });
  });

  test(`${THROTTLE.perIp} failures from one router slow down that address, but not the people who sign in there`, async () => {
    const router = "192.0.2.77";
    const regular = await createUser({ unitId: units.justice.id, username: "di.lam.hang.ngay" });
    const newcomer = await createUser({ unitId: units.justice.id, username: "moi.den" });
    expect(await verifySignIn(regular.username, TEST_PASSWORD, router, at(-60))).toEqual({ ok: true, userId: regular.id });
    for (let i = 0; i < THROTTLE.perIp; i++) expect(await verifySignIn(`khong.co.${i}`, "sai", router, at(i / 100))).toEqual(WRONG);
    expect(await verifySignIn(newcomer.username, TEST_PASSWORD, router, at(1))).toEqual(wait(1));
    expect(await verifySignIn(regular.username, TEST_PASSWORD, router, at(1))).toEqual({ ok: true, userId: regular.id });
    expect(await verifySignIn(newcomer.username, TEST_PASSWORD, router, at(2))).toEqual({ ok: true, userId: newcomer.id });
  });

  test("an administrator lets the account sign in again at once, and the unlock is in its history", async () => {
    clock = Date.now() - 3 * 3600_000; // before the unlock, which happens at the real time
    const admin = await createUser({ unitId: units.commune.id, roles: [{ role: "admin" }], username: "quan.tri.b" });
    const user = await createUser({ unitId: units.justice.id, username: "quen.mat.khau" });
    for (let i = 0; i < THROTTLE.perUsername + 3; i++) await verifySignIn(user.username, "sai", "198.51.100.50", at(i * 10));
    expect((await verifySignIn(user.username, TEST_PASSWORD, "198.51.100.50", at(71))).ok).toBe(false);

    const page = async () => {
      const loaded = await userAdminLoader({
        request: await requestAs(admin.id, `/quan-tri/nguoi-dung/${user.id}`),
        params: { userId: user.id },
        context,
      });
      return loaded as Exclude<typeof loaded, Response>;
    };
    expect((await page()).user.signInFailures).toBe(THROTTLE.perUsername + 3);
    const response = await userAdminAction({
      request: await requestAs(admin.id, `/quan-tri/nguoi-dung/${user.id}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "mo-dang-nhap" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
      params: { userId: user.id },
      context,
    });
    expect((response as Response).status).toBe(302);
    expect((await page()).user.signInFailures).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entityId: user.id, action: "user.UNLOCK_SIGN_IN", actorId: admin.id } })).toBe(1);
    expect(await verifySignIn(user.username, TEST_PASSWORD, "198.51.100.50")).toEqual({ ok: true, userId: user.id });
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
