// The first run of an installation without demo data: the province (and, if given, the first commune) and the
// first admin, from the first-run page or `npm run setup`. Available only while no account exists; two first
// runs at once make one admin (an advisory lock serialises them, the second finds an account and stops).
import type { Gender } from "~/generated/prisma/client.ts";
import { hashPassword } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Refusal, attempt, type Result } from "~/utils/result.ts";
import { foldForSearch } from "~/utils/search.ts";
import { appendAudit } from "./audit.server.ts";

// Any number, shared by every app server: taken inside the first run's transaction.
const FIRST_RUN_LOCK = 7_113_051;

export const ALREADY_SET_UP = "Hệ thống đã được khởi tạo (đã có tài khoản). Vui lòng đăng nhập.";

/** True while the installation has no account at all: the first-run page is open only then. */
export async function needsFirstRun(): Promise<boolean> {
  return (await prisma.user.count({ take: 1 })) === 0;
}

export type FirstRun = {
  province: { name: string; placeName: string };
  commune?: { name: string; placeName?: string | null } | null;
  admin: { username: string; fullName: string; gender: Gender; email?: string | null; password: string; mustChangePassword?: boolean };
};

const code = (name: string) =>
  foldForSearch(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "") || "don-vi";

/** Creates the province, the commune (if any) and the admin, who administers the province (every commune under it). */
export async function firstRun(
  input: FirstRun,
  now = new Date(),
): Promise<Result<{ userId: string; provinceId: string; communeId: string | null }>> {
  const passwordHash = await hashPassword(input.admin.password);
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_RUN_LOCK})`;
      if ((await tx.user.count({ take: 1 })) > 0) throw new Refusal(409, ALREADY_SET_UP);
      const unique = async (base: string) => {
        let candidate = base;
        for (let i = 2; await tx.orgUnit.findUnique({ where: { code: candidate }, select: { id: true } }); i++) candidate = `${base}-${i}`;
        return candidate;
      };
      const province = await tx.orgUnit.create({
        data: {
          code: await unique(code(input.province.name)),
          name: input.province.name,
          searchName: foldForSearch(input.province.name),
          kind: "province",
          placeName: input.province.placeName,
          ancestorIds: [],
        },
      });
      const commune = input.commune
        ? await tx.orgUnit.create({
            data: {
              code: await unique(code(input.commune.name)),
              name: input.commune.name,
              searchName: foldForSearch(input.commune.name),
              kind: "commune",
              placeName: input.commune.placeName || null,
              parentId: province.id,
              ancestorIds: [province.id],
            },
          })
        : null;
      const { admin } = input;
      const user = await tx.user.create({
        data: {
          username: admin.username,
          fullName: admin.fullName,
          searchName: foldForSearch(`${admin.fullName} ${admin.username}`),
          email: admin.email?.toLowerCase() || null,
          title: "Quản trị hệ thống",
          unitId: province.id,
          passwordHash,
          mustChangePassword: admin.mustChangePassword ?? false,
          roles: { create: [{ role: "admin", unitId: province.id }] },
          person: {
            create: {
              fullName: admin.fullName,
              searchName: foldForSearch(admin.fullName),
              gender: admin.gender,
              kind: "civil_servant",
              position: "Quản trị hệ thống",
              unitId: province.id,
            },
          },
        },
      });
      await appendAudit(
        tx,
        {
          chainId: province.id,
          actorId: user.id,
          actorName: user.fullName,
          action: "installation.FIRST_RUN",
          entityType: "OrgUnit",
          entityId: province.id,
          data: {
            province: { id: province.id, name: province.name, placeName: province.placeName },
            commune: commune && { id: commune.id, name: commune.name, placeName: commune.placeName },
            admin: { id: user.id, username: user.username, fullName: user.fullName },
          },
        },
        now,
      );
      return { ok: true as const, userId: user.id, provinceId: province.id, communeId: commune?.id ?? null };
    }),
  );
}
