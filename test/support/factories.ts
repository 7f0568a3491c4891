// Small factories: each test makes the rows it needs, with readable defaults.
import { randomBytes } from "node:crypto";
import type { Role } from "~/generated/prisma/enums.ts";
import { upsertUnit, type NewUnit } from "~/models/org-unit.server.ts";
import { createSession, hashPassword } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";

const unique = () => randomBytes(4).toString("hex");

export async function createUnit(unit: Partial<NewUnit> & { name?: string } = {}) {
  return prisma.$transaction((tx) =>
    upsertUnit(tx, { code: `unit-${unique()}`, name: `Đơn vị ${unique()}`, kind: "commune", ...unit }),
  );
}

/** A commune with two departments, as most tests need. */
export async function createCommune(name = "UBND xã Thử Nghiệm") {
  const commune = await createUnit({ name, kind: "commune", placeName: name.replace(/^UBND xã /, "") });
  const justice = await createUnit({ name: "Bộ phận Tư pháp - Hộ tịch", kind: "department", parentId: commune.id });
  const land = await createUnit({ name: "Bộ phận Địa chính - Xây dựng", kind: "department", parentId: commune.id });
  return { commune, justice, land };
}

let passwordHash: string | undefined;
export const TEST_PASSWORD = "Mat-khau-thu-1";

export async function createUser({
  unitId,
  roles = [],
  fullName = "Nguyễn Thị Thử",
  username = `user.${unique()}`,
  email = `${username}@example.vn`,
}: {
  unitId: string;
  roles?: Array<{ role: Role; unitId?: string }>;
  fullName?: string;
  username?: string;
  email?: string | null;
}) {
  passwordHash ??= await hashPassword(TEST_PASSWORD);
  return prisma.user.create({
    data: {
      username,
      fullName,
      email,
      passwordHash,
      unitId,
      roles: { create: roles.map((grant) => ({ role: grant.role, unitId: grant.unitId ?? unitId })) },
    },
  });
}

/** A request carrying a signed-in session of `userId`. */
export async function requestAs(userId: string | null, path = "/", init: RequestInit = {}): Promise<Request> {
  const headers = new Headers(init.headers);
  if (userId) {
    const setCookie = await createSession(userId);
    headers.set("Cookie", setCookie.split(";")[0]!);
  }
  return new Request(new URL(path, "http://localhost"), { ...init, headers });
}

export function formRequest(path: string, fields: Record<string, string>, cookie?: string): Request {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(new URL(path, "http://localhost"), { method: "POST", headers, body: new URLSearchParams(fields) });
}
