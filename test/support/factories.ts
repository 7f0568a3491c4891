// Small factories: each test makes the rows it needs, with readable defaults.
import { randomBytes } from "node:crypto";
import type { Role } from "~/generated/prisma/enums.ts";
import { upsertUnit, type NewUnit } from "~/models/org-unit.server.ts";
import { createSession, hashPassword } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { foldForSearch } from "~/utils/search.ts";

const unique = () => randomBytes(4).toString("hex");

export async function createUnit(unit: Partial<NewUnit> & { name?: string } = {}) {
  return prisma.$transaction((tx) => upsertUnit(tx, { code: `unit-${unique()}`, name: `Đơn vị ${unique()}`, kind: "commune", ...unit }));
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
  // Every account belongs to a person of the register, as the administration makes them.
  const user = await prisma.user.create({
    data: {
      username,
      fullName,
      searchName: foldForSearch(`${fullName} ${username}`),
      email,
      passwordHash,
      unitId,
      roles: { create: roles.map((grant) => ({ role: grant.role, unitId: grant.unitId ?? unitId })) },
      person: { create: { fullName, searchName: foldForSearch(fullName), kind: "civil_servant", unitId } },
    },
    include: { person: { select: { id: true } } },
  });
  return { ...user, personId: user.person!.id };
}

/** A person of the register without an account. */
export async function createPerson({
  unitId,
  fullName = "Trần Văn Thử",
  kind = "civil_servant",
  position = null,
}: {
  unitId: string;
  fullName?: string;
  kind?: "cadre" | "civil_servant" | "part_time_worker" | "worker" | "household";
  position?: string | null;
}) {
  return prisma.person.create({ data: { fullName, searchName: foldForSearch(fullName), kind, position, unitId } });
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

// ─── Movements and dossiers (issue 4: forms) ────────────────────────────────

export type TestTarget = {
  metric: string;
  label: string;
  comparator?: "gte" | "lte" | "eq";
  threshold: number;
  unit?: string;
  optional?: boolean;
  appliesTo?: Array<"unit_head" | "civil_servant" | "part_time_worker" | "hamlet" | "household">;
};

/** Three targets like the demo plan's: a rate, a "(nếu có)" rate, and one for heads of units only. */
export const DEFAULT_TARGETS: TestTarget[] = [
  { metric: "procedures_on_time_rate", label: "Hồ sơ TTHC giải quyết đúng hạn", comparator: "gte", threshold: 99, unit: "%" },
  {
    metric: "legal_documents_rate",
    label: "Văn bản QPPL đúng quy định (nếu có)",
    comparator: "gte",
    threshold: 100,
    unit: "%",
    optional: true,
  },
  {
    metric: "disciplined_staff",
    label: "Cán bộ bị xử lý kỷ luật",
    comparator: "eq",
    threshold: 0,
    unit: "người",
    appliesTo: ["unit_head"],
  },
];

/** An open movement of `unitId` (the commune) with targets, a quota of 5 individuals (null: no cap), open for 30 days. */
export async function createMovement({
  unitId,
  title = "Phong trào thi đua thử nghiệm",
  targets = DEFAULT_TARGETS,
  state = "open",
  submissionDeadline = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
  quota = 5,
  legalBasis = [],
}: {
  unitId: string;
  legalBasis?: string[];
  title?: string;
  targets?: TestTarget[];
  state?: "draft" | "open" | "closed" | "finished";
  submissionDeadline?: Date;
  quota?: number | null;
}) {
  return prisma.movement.create({
    data: {
      unitId,
      title,
      year: 2023,
      legalBasis,
      subjectKinds: ["unit_head", "civil_servant", "part_time_worker", "hamlet"],
      awardForms: ["commune_chairman_certificate"],
      submissionDeadline,
      state,
      quotas: quota === null ? undefined : { create: [{ nomineeKind: "individual", maxAwards: quota }] },
      targets: {
        create: targets.map((target, index) => ({
          position: index + 1,
          metric: target.metric,
          label: target.label,
          comparator: target.comparator ?? "gte",
          threshold: target.threshold,
          unit: target.unit ?? "%",
          optional: target.optional ?? false,
          appliesTo: target.appliesTo ?? [],
        })),
      },
    },
    include: { targets: { orderBy: { position: "asc" } } },
  });
}

/** A draft dossier made the way the app makes it (createDossier), for a civil servant by default. */
export async function createTestDossier({
  officialId,
  movementId,
  unitId,
  nominee = {},
}: {
  officialId: string;
  movementId: string;
  unitId: string;
  nominee?: Partial<{
    kind: "individual" | "collective" | "household";
    subjectKind: "unit_head" | "civil_servant" | "part_time_worker" | "hamlet" | "household";
    name: string;
    position: string;
  }>;
}) {
  const { createDossier } = await import("~/models/dossier.server.ts");
  const { getUser } = await import("~/utils/auth.server.ts");
  const user = await getUser(await requestAs(officialId));
  if (!user) throw new Error("no such official");
  const result = await createDossier(user, {
    movementId,
    unitId,
    nominee: {
      kind: "individual",
      subjectKind: "civil_servant",
      name: "Trần Văn Thành",
      position: "Công chức Tư pháp - Hộ tịch",
      ...nominee,
    },
  });
  if (!result.ok) throw new Error(result.message);
  return result.dossierId;
}

/** A tiny valid PDF, PNG and DOCX-like ZIP, for attachment tests. */
export const SAMPLE_FILES = {
  pdf: () => new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  png: () =>
    new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
    ]),
  text: () => new TextEncoder().encode("Đây không phải là tệp PDF.\n"),
};

/**
 * Fills every document of a dossier as completed, with a figure for every applicable target that meets it
 * and the signed scan of the minutes: what SUBMIT's completeness guard needs. Writes rows directly.
 */
export async function completeDossierDocuments(dossierId: string, userId: string) {
  const { storeBlob } = await import("~/models/attachment.server.ts");
  const dossier = await prisma.dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: { nominee: { select: { name: true, subjectKind: true } }, movement: { select: { targets: true } } },
  });
  const now = new Date();
  const documents = {
    proposal: {
      number: "01/TTr-TP",
      date: "2023-11-20",
      submittingUnit: "Bộ phận Tư pháp - Hộ tịch",
      addressee: "Chủ tịch UBND xã",
      reasons: "Có thành tích xuất sắc.",
      nominees: [{ name: dossier.nominee.name, awardForm: "commune_chairman_certificate" }],
    },
    unit_minutes: {
      date: "2023-11-18",
      place: "Hội trường",
      chair: "Nguyễn Văn Chủ",
      secretary: "Lê Thị Ký",
      present: 5,
      total: 5,
      votes: [{ nominee: dossier.nominee.name, agree: 5, total: 5 }],
      conclusion: "Thống nhất đề nghị.",
    },
    achievement_report: {
      fullName: dossier.nominee.name,
      birthDate: "1985-05-01",
      sex: "male",
      position: "Công chức",
      unitName: "Bộ phận Tư pháp - Hộ tịch",
      duties: "Tư pháp - hộ tịch.",
      solutions: "Áp dụng một cửa điện tử.",
      headName: "Nguyễn Văn Trưởng",
      headTitle: "Trưởng bộ phận",
      confirmedOn: "2023-11-20",
    },
  } as const;
  for (const [kind, data] of Object.entries(documents)) {
    await prisma.dossierDocument.upsert({
      where: { dossierId_kind: { dossierId, kind: kind as keyof typeof documents } },
      create: { dossierId, kind: kind as keyof typeof documents, data, completedAt: now, updatedById: userId },
      update: { data, completedAt: now, updatedById: userId },
    });
  }
  for (const target of dossier.movement.targets) {
    if (target.appliesTo.length > 0 && !target.appliesTo.includes(dossier.nominee.subjectKind)) continue;
    await prisma.achievementFigure.upsert({
      where: { dossierId_targetId: { dossierId, targetId: target.id } },
      create: { dossierId, targetId: target.id, value: target.threshold, notApplicable: false },
      update: { value: target.threshold, notApplicable: false },
    });
  }
  const bytes = SAMPLE_FILES.pdf();
  const stored = await storeBlob(bytes);
  await prisma.attachment.create({
    data: {
      dossierId,
      kind: "unit_minutes_scan",
      fileName: "bien-ban.pdf",
      mimeType: "application/pdf",
      size: bytes.byteLength,
      ...stored,
      uploadedById: userId,
    },
  });
}
