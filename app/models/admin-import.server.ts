// Import of units and staff from .xlsx or .csv (app/utils/spreadsheet.server.ts reads the file). A template
// to download; a preview that judges every row with the forms' own schemas and the database's rules and names
// each bad row in Vietnamese; and the import itself, in one transaction with its audit rows, only when every
// row is valid — one bad row and nothing is written. Everything stays in the admin's scope.
import {
  PARENT_KINDS,
  PERSON_KINDS,
  PersonSchema,
  ROLES,
  UNIT_KINDS,
  USERNAME_PATTERN,
  UnitSchema,
  type GrantInput,
} from "~/forms/admin.ts";
import type { PersonKind, Prisma, Role, UnitKind } from "~/generated/prisma/client.ts";
import { hashPassword, type CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { HONORIFICS, PERSON_KIND_LABELS, ROLE_LABELS, UNIT_KIND_LABELS } from "~/utils/labels.ts";
import { Refusal, attempt, type Result } from "~/utils/result.ts";
import { foldForSearch } from "~/utils/search.ts";
import { listSheet, readSpreadsheet, writeSpreadsheet, type SheetColumn } from "~/utils/spreadsheet.server.ts";
import { appendAudit } from "./audit.server.ts";
import { auditChainOf, communeIdOf } from "./org-unit.server.ts";
import { adminScopeWhere } from "./unit-admin.server.ts";
import { ROLE_UNIT_KINDS, temporaryPassword } from "./user-admin.server.ts";

type Tx = Prisma.TransactionClient;
type Db = Tx | typeof prisma;

export type ImportKind = "units" | "staff";

// ─── The templates ──────────────────────────────────────────────────────────

const UNIT_COLUMNS: SheetColumn<"code" | "name" | "kind" | "parentCode" | "placeName" | "authorityName">[] = [
  { key: "code", header: "Mã đơn vị", required: true },
  { key: "name", header: "Tên đơn vị", required: true },
  { key: "kind", header: "Loại đơn vị", required: true },
  { key: "parentCode", header: "Mã đơn vị cấp trên", required: true },
  { key: "placeName", header: "Địa danh ghi trên văn bản" },
  { key: "authorityName", header: "Tên cơ quan ghi trên văn bản" },
];

const STAFF_COLUMNS: SheetColumn<
  "fullName" | "honorific" | "birthDate" | "kind" | "position" | "unitCode" | "username" | "email" | "roles"
>[] = [
  { key: "fullName", header: "Họ và tên", required: true },
  { key: "honorific", header: "Danh xưng (Ông/Bà)" },
  { key: "birthDate", header: "Ngày sinh", type: "date" },
  { key: "kind", header: "Loại" },
  { key: "position", header: "Chức vụ" },
  { key: "unitCode", header: "Mã đơn vị", required: true },
  { key: "username", header: "Tên đăng nhập" },
  { key: "email", header: "Email" },
  { key: "roles", header: "Vai trò" },
];

const EXAMPLE_UNITS = [
  { code: "xa-moi-tu-phap", name: "Bộ phận Tư pháp - Hộ tịch", kind: UNIT_KIND_LABELS.department, parentCode: "(mã của xã)" },
  { code: "xa-moi-ap-1", name: "Ấp Phước Lâm", kind: UNIT_KIND_LABELS.hamlet, parentCode: "(mã của xã)" },
];

/** The template to fill: the columns with a line of guidance, and a second sheet listing the units in scope with their codes. */
export async function importTemplate(admin: CurrentUser, kind: ImportKind): Promise<Buffer> {
  const units = await prisma.orgUnit.findMany({
    where: { AND: [adminScopeWhere(admin), { endedAt: null }] },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    take: 5000,
    select: { code: true, name: true, kind: true, parent: { select: { name: true } } },
  });
  const reference = listSheet({
    sheetName: "Đơn vị hiện có",
    title: "Các đơn vị trong phạm vi quản trị (dùng mã ở cột «Mã đơn vị»)",
    columns: [
      { header: "Mã đơn vị", value: (u: (typeof units)[number]) => u.code },
      { header: "Tên đơn vị", value: (u) => u.name },
      { header: "Loại đơn vị", value: (u) => UNIT_KIND_LABELS[u.kind] },
      { header: "Trực thuộc", value: (u) => u.parent?.name ?? "" },
    ],
    rows: units,
  });
  if (kind === "units") {
    return writeSpreadsheet(
      listSheet({
        sheetName: "Đơn vị",
        title: "Mẫu nhập đơn vị (xóa các dòng ví dụ trước khi nhập)",
        filters: [
          `Loại đơn vị: ${UNIT_KINDS.filter((k) => k !== "province")
            .map((k) => UNIT_KIND_LABELS[k])
            .join("; ")}.`,
          "Mã đơn vị cấp trên: mã của một đơn vị hiện có (trang «Đơn vị hiện có») hoặc của một dòng phía trên trong tệp này.",
        ],
        columns: UNIT_COLUMNS.map((column) => ({
          header: column.header,
          value: (row: Record<string, string>) => row[column.key] ?? "",
        })),
        rows: EXAMPLE_UNITS,
      }),
      reference,
    );
  }
  return writeSpreadsheet(
    listSheet({
      sheetName: "Cán bộ",
      title: "Mẫu nhập cán bộ, công chức, người lao động, hộ gia đình (xóa dòng ví dụ trước khi nhập)",
      filters: [
        `Loại: ${PERSON_KINDS.map((k) => PERSON_KIND_LABELS[k]).join("; ")} (để trống: công chức). Danh xưng: Ông hoặc Bà.`,
        "Tên đăng nhập: để trống nếu không cần tài khoản; có tên đăng nhập thì tạo tài khoản với mật khẩu tạm thời.",
        `Vai trò (cần tên đăng nhập), cách nhau bằng dấu phẩy: ${ROLES.map((r) => IMPORT_ROLE_NAMES[r]).join(", ")}.`,
      ],
      columns: STAFF_COLUMNS.map((column) => ({
        header: column.header,
        value: (row: Record<string, string>) => row[column.key] ?? "",
      })),
      rows: [
        {
          fullName: "Nguyễn Văn An",
          honorific: "Ông",
          birthDate: "03/04/1985",
          kind: PERSON_KIND_LABELS.civil_servant,
          position: "Công chức Tư pháp - Hộ tịch",
          unitCode: "(mã đơn vị)",
          username: "nguyenvanan",
          email: "an@example.gov.vn",
          roles: IMPORT_ROLE_NAMES.official,
        },
      ],
    }),
    reference,
  );
}

// ─── Reading labels ─────────────────────────────────────────────────────────

/** A code from its code or its Vietnamese label, typed with or without tone marks. */
function byLabel<T extends string>(text: string, codes: readonly T[], labels: Record<T, string>): T | null {
  const folded = foldForSearch(text);
  if (!folded) return null;
  return codes.find((code) => folded === code || folded === foldForSearch(labels[code])) ?? null;
}

/** The short names the template suggests for the «Vai trò» column (the glossary's labels are accepted too). */
export const IMPORT_ROLE_NAMES: Record<Role, string> = {
  official: "Cán bộ phụ trách",
  secretary: "Văn phòng",
  council_member: "Thành viên Hội đồng",
  chairman: "Chủ tịch",
  vice_chairman: "Phó Chủ tịch",
  admin: "Quản trị",
};

const ROLE_SYNONYMS: Array<[string, Role]> = [
  ["can bo", "official"],
  ["thuong truc", "secretary"],
  ["hoi dong", "council_member"],
];

/** A text folded, with its separators spaced out and single spaces, between spaces: names are found whole. */
const spaced = (text: string) => ` ${foldForSearch(text).replace(/[;,]/g, " , ").replace(/ +/g, " ").trim()} `;

/**
 * The roles of a «Vai trò» cell, separated by commas or semicolons. The glossary's own labels contain commas
 * ("cán bộ, công chức phụ trách"), so known names are taken out first, longest first; what is left is unknown.
 */
function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
  const names = ROLES.flatMap((role): Array<[string, Role]> => [
    [ROLE_LABELS[role], role],
    [IMPORT_ROLE_NAMES[role], role],
    [role, role],
  ])
    .concat(ROLE_SYNONYMS)
    .map(([name, role]): [string, Role] => [spaced(name), role])
    .sort((a, b) => b[0].length - a[0].length);
  let rest = spaced(text);
  const roles: Role[] = [];
  for (const [name, role] of names) {
    while (rest.includes(name)) {
      rest = rest.replace(name, " , ");
      if (!roles.includes(role)) roles.push(role);
    }
  }
  const unknown = rest
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return { roles, unknown };
}

// ─── Judging the rows ───────────────────────────────────────────────────────

export type PreviewRow = { rowNumber: number; cells: string[]; errors: string[] };
export type Preview = { kind: ImportKind; headers: string[]; rows: PreviewRow[]; valid: boolean; payload: string };

type UnitRow = {
  rowNumber: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string;
  placeName?: string;
  authorityName?: string;
};
type StaffRow = {
  rowNumber: number;
  fullName: string;
  gender?: "male" | "female";
  birthDate?: string;
  kind: PersonKind;
  position?: string;
  unitCode: string;
  username?: string;
  email?: string;
  roles: Role[];
};

const firstIssues = (issues: Array<{ message: string }>) => [...new Set(issues.map((issue) => issue.message))];

async function unitsInScopeByCode(db: Db, admin: CurrentUser, codes: string[]) {
  const units = await db.orgUnit.findMany({
    where: { AND: [{ code: { in: codes } }, adminScopeWhere(admin)] },
    select: { id: true, code: true, kind: true, endedAt: true, ancestorIds: true, name: true },
  });
  return new Map(units.map((u) => [u.code, u]));
}

/** Every unit row judged: the form's schema, codes unique, a parent in scope (or above in the file) of a fitting kind. */
async function judgeUnits(db: Db, admin: CurrentUser, raw: Array<{ rowNumber: number; values: Record<string, string | undefined> }>) {
  const codes = raw.map((r) => (r.values.code ?? "").trim().toLowerCase());
  const parentCodes = raw.map((r) => (r.values.parentCode ?? "").trim().toLowerCase());
  const [existing, allCodes] = await Promise.all([
    unitsInScopeByCode(db, admin, parentCodes),
    db.orgUnit.findMany({ where: { code: { in: codes } }, select: { code: true } }),
  ]);
  const taken = new Set(allCodes.map((u) => u.code));
  const inFile = new Map<string, UnitKind>();
  const judged: Array<{ row: UnitRow | null; errors: string[] }> = [];
  for (const [index, { rowNumber, values }] of raw.entries()) {
    const errors: string[] = [];
    const code = codes[index]!;
    const parentCode = parentCodes[index]!;
    if (!/^[a-z0-9][a-z0-9._-]{1,60}$/.test(code)) {
      errors.push("Mã đơn vị gồm 2–60 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang.");
    } else if (taken.has(code)) errors.push(`Mã đơn vị «${code}» đã có trong hệ thống.`);
    else if (inFile.has(code)) errors.push(`Mã đơn vị «${code}» trùng với một dòng phía trên.`);
    const kind = byLabel(values.kind ?? "", UNIT_KINDS, UNIT_KIND_LABELS);
    if (!kind)
      errors.push(
        `Loại đơn vị «${values.kind ?? ""}» không đúng; dùng một trong: ${UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]).join("; ")}.`,
      );
    else if (kind === "province") errors.push("Không nhập tỉnh, thành phố từ tệp.");
    const parsed = UnitSchema.safeParse({
      name: values.name ?? "",
      kind: kind ?? "commune",
      parentId: parentCode || undefined,
      placeName: values.placeName || undefined,
      authorityName: values.authorityName || undefined,
    });
    if (!parsed.success) errors.push(...firstIssues(parsed.error.issues));
    if (parentCode && kind) {
      const parentKind = existing.get(parentCode)?.kind ?? inFile.get(parentCode);
      const parent = existing.get(parentCode);
      if (!parentKind) errors.push(`Không tìm thấy đơn vị cấp trên mã «${parentCode}» trong phạm vi bạn quản trị (hoặc ở dòng phía trên).`);
      else if (parent?.endedAt) errors.push(`Đơn vị cấp trên «${parent.name}» đã kết thúc hoạt động.`);
      else if (!PARENT_KINDS[kind].includes(parentKind)) {
        errors.push(`${UNIT_KIND_LABELS[kind]} không thể trực thuộc ${UNIT_KIND_LABELS[parentKind].toLowerCase()}.`);
      }
    }
    if (kind && code) inFile.set(code, kind);
    judged.push({
      errors,
      row:
        errors.length === 0 && parsed.success && kind
          ? {
              rowNumber,
              code,
              name: parsed.data.name,
              kind,
              parentCode,
              placeName: parsed.data.placeName,
              authorityName: parsed.data.authorityName,
            }
          : null,
    });
  }
  return judged;
}

/** Every staff row judged: the person form's schema, a unit in scope, a free username, roles that fit the unit. */
async function judgeStaff(db: Db, admin: CurrentUser, raw: Array<{ rowNumber: number; values: Record<string, string | undefined> }>) {
  const unitCodes = raw.map((r) => (r.values.unitCode ?? "").trim().toLowerCase());
  const usernames = raw.map((r) => (r.values.username ?? "").trim().toLowerCase());
  const units = await unitsInScopeByCode(db, admin, unitCodes);
  const [takenUsers, people] = await Promise.all([
    db.user.findMany({ where: { username: { in: usernames.filter(Boolean) } }, select: { username: true } }),
    db.person.findMany({
      where: { unitId: { in: [...units.values()].map((u) => u.id) }, leftAt: null },
      select: { unitId: true, searchName: true },
    }),
  ]);
  const taken = new Set(takenUsers.map((u) => u.username));
  const known = new Set(people.map((p) => `${p.unitId}:${p.searchName}`));
  const seenUsers = new Set<string>();
  const seenPeople = new Set<string>();
  const communeOf = new Map<string, string | null>();
  for (const unit of units.values()) communeOf.set(unit.id, await communeIdOf(db, unit.id));
  const communeKinds = new Map(
    (
      await db.orgUnit.findMany({
        where: { id: { in: [...communeOf.values()].filter((id): id is string => Boolean(id)) } },
        select: { id: true, kind: true },
      })
    ).map((u) => [u.id, u.kind]),
  );

  const judged: Array<{ row: StaffRow | null; errors: string[] }> = [];
  for (const [index, { rowNumber, values }] of raw.entries()) {
    const errors: string[] = [];
    const unit = units.get(unitCodes[index]!);
    if (!unitCodes[index]) errors.push("Vui lòng nhập mã đơn vị.");
    else if (!unit) errors.push(`Không tìm thấy đơn vị mã «${unitCodes[index]}» trong phạm vi bạn quản trị.`);
    else if (unit.endedAt) errors.push(`Đơn vị «${unit.name}» đã kết thúc hoạt động.`);
    const honorific = foldForSearch(values.honorific ?? "");
    const gender = honorific === "ong" || honorific === "nam" ? "male" : honorific === "ba" || honorific === "nu" ? "female" : undefined;
    if (honorific && !gender) errors.push(`Danh xưng «${values.honorific}» không đúng; ghi ${HONORIFICS.male} hoặc ${HONORIFICS.female}.`);
    const kind = values.kind ? byLabel(values.kind, PERSON_KINDS, PERSON_KIND_LABELS) : "civil_servant";
    if (!kind)
      errors.push(`Loại «${values.kind}» không đúng; dùng một trong: ${PERSON_KINDS.map((k) => PERSON_KIND_LABELS[k]).join("; ")}.`);
    const parsed = PersonSchema.safeParse({
      fullName: values.fullName ?? "",
      kind: kind ?? "civil_servant",
      gender,
      birthDate: values.birthDate || undefined,
      position: values.position || undefined,
      unitId: unit?.id ?? "-",
    });
    if (!parsed.success) errors.push(...firstIssues(parsed.error.issues));
    const personKey = unit && values.fullName ? `${unit.id}:${foldForSearch(values.fullName)}` : null;
    if (personKey && known.has(personKey)) errors.push(`${values.fullName} đã có trong danh sách của ${unit!.name}.`);
    else if (personKey && seenPeople.has(personKey)) errors.push(`${values.fullName} trùng với một dòng phía trên (cùng đơn vị).`);
    if (personKey) seenPeople.add(personKey);

    const username = usernames[index]!;
    if (username) {
      if (!USERNAME_PATTERN.test(username)) {
        errors.push("Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.");
      } else if (taken.has(username)) errors.push(`Tên đăng nhập «${username}» đã được dùng.`);
      else if (seenUsers.has(username)) errors.push(`Tên đăng nhập «${username}» trùng với một dòng phía trên.`);
      seenUsers.add(username);
      if (kind === "household") errors.push("Hộ gia đình không có tài khoản.");
    }
    const email = (values.email ?? "").trim().toLowerCase();
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push(`Email «${email}» không hợp lệ.`);
    if (email && !username) errors.push("Email chỉ dùng cho tài khoản: vui lòng nhập tên đăng nhập.");

    const { roles, unknown } = parseRoles(values.roles ?? "");
    for (const part of unknown) {
      errors.push(`Vai trò «${part}» không đúng; dùng: ${ROLES.map((r) => IMPORT_ROLE_NAMES[r]).join(", ")}.`);
    }
    if (roles.length > 0 && !username) errors.push("Vai trò cần có tài khoản: vui lòng nhập tên đăng nhập.");
    if (unit) {
      for (const role of roles) {
        const at = grantUnit(role, unit, communeOf.get(unit.id) ?? null);
        const atKind = at === unit.id ? unit.kind : at ? communeKinds.get(at) : undefined;
        if (!at || !atKind || !ROLE_UNIT_KINDS[role].includes(atKind)) {
          errors.push(`Vai trò «${ROLE_LABELS[role]}» không giao được cho người thuộc ${unit.name}.`);
        }
      }
    }
    judged.push({
      errors,
      row:
        errors.length === 0 && parsed.success && kind && unit
          ? {
              rowNumber,
              fullName: parsed.data.fullName,
              gender,
              birthDate: parsed.data.birthDate,
              kind,
              position: parsed.data.position,
              unitCode: unit.code,
              username: username || undefined,
              email: email || undefined,
              roles,
            }
          : null,
    });
  }
  return judged;
}

/** Where a role from the import is held: an official in their own unit, the commune's roles in its commune. */
function grantUnit(role: Role, unit: { id: string; kind: UnitKind }, communeId: string | null): string | null {
  if (role === "official") return unit.id;
  if (role === "admin" && unit.kind === "province") return unit.id;
  return communeId;
}

// ─── Preview and import ─────────────────────────────────────────────────────

/** Reads the file and judges every row; nothing is written. */
export async function previewImport(admin: CurrentUser, kind: ImportKind, bytes: Uint8Array): Promise<Result<{ preview: Preview }>> {
  const columns = kind === "units" ? UNIT_COLUMNS : STAFF_COLUMNS;
  const read = await readSpreadsheet(bytes, columns as SheetColumn<string>[]);
  if (!read.ok) return { ok: false, status: 422, message: read.message };
  if (read.rows.length === 0) return { ok: false, status: 422, message: "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề." };
  const raw = read.rows.map((r) => ({ rowNumber: r.rowNumber, values: r.values as Record<string, string | undefined> }));
  const judged = kind === "units" ? await judgeUnits(prisma, admin, raw) : await judgeStaff(prisma, admin, raw);
  const rows = raw.map((r, i) => ({
    rowNumber: r.rowNumber,
    cells: columns.map((column) => r.values[column.key] ?? ""),
    errors: [...read.problems.filter((p) => p.rowNumber === r.rowNumber).map((p) => p.message), ...judged[i]!.errors],
  }));
  const valid = rows.every((row) => row.errors.length === 0);
  return {
    ok: true,
    preview: { kind, headers: columns.map((c) => c.header), rows, valid, payload: valid ? JSON.stringify(raw) : "" },
  };
}

export type Imported = { created: number; accounts: Array<{ username: string; fullName: string; password: string }> };

/** The rows of a valid preview, judged again and written in one transaction with their audit rows — or nothing. */
export async function commitImport(admin: CurrentUser, kind: ImportKind, payload: string, now = new Date()): Promise<Result<Imported>> {
  let raw: Array<{ rowNumber: number; values: Record<string, string | undefined> }>;
  try {
    raw = JSON.parse(payload) as typeof raw;
    if (!Array.isArray(raw) || raw.length === 0) throw new Error("empty");
  } catch {
    return { ok: false, status: 400, message: "Dữ liệu xem trước không còn hợp lệ; vui lòng tải tệp lên lại." };
  }
  // Passwords are hashed before the transaction (bcrypt is slow on purpose; the locks should not wait for it).
  const accounts =
    kind === "staff"
      ? await Promise.all(
          raw
            .filter((r) => (r.values.username ?? "").trim())
            .map(async (r) => {
              const password = temporaryPassword();
              return { rowNumber: r.rowNumber, password, hash: await hashPassword(password) };
            }),
        )
      : [];
  return attempt(() =>
    prisma.$transaction(
      async (tx) => {
        const refuseRow = (judged: Array<{ errors: string[] }>) => {
          const bad = judged.findIndex((j) => j.errors.length > 0);
          if (bad >= 0) throw new Refusal(422, `Dòng ${raw[bad]!.rowNumber}: ${judged[bad]!.errors.join(" ")} Không dòng nào được nhập.`);
        };
        if (kind === "units") {
          const judged = await judgeUnits(tx, admin, raw);
          refuseRow(judged);
          const ids = new Map<string, { id: string; ancestorIds: string[] }>();
          for (const { row } of judged) {
            const unit = row!;
            const parent =
              ids.get(unit.parentCode) ??
              (await tx.orgUnit.findUniqueOrThrow({ where: { code: unit.parentCode }, select: { id: true, ancestorIds: true } }));
            const data = {
              code: unit.code,
              name: unit.name,
              searchName: foldForSearch(unit.name),
              kind: unit.kind,
              placeName: unit.placeName ?? null,
              authorityName: unit.authorityName ?? null,
              parentId: parent.id,
              ancestorIds: [...parent.ancestorIds, parent.id],
            };
            const created = await tx.orgUnit.create({ data, select: { id: true, ancestorIds: true } });
            ids.set(unit.code, created);
            await appendAudit(
              tx,
              {
                chainId: await auditChainOf(tx, created.id),
                actorId: admin.id,
                actorName: admin.fullName,
                action: "unit.IMPORT",
                entityType: "OrgUnit",
                entityId: created.id,
                data: { row: unit.rowNumber, after: { ...data, searchName: undefined, ancestorIds: undefined } },
              },
              now,
            );
          }
          return { ok: true as const, created: judged.length, accounts: [] };
        }

        const judged = await judgeStaff(tx, admin, raw);
        refuseRow(judged);
        const passwordOf = new Map(accounts.map((a) => [a.rowNumber, a]));
        const issued: Imported["accounts"] = [];
        for (const { row } of judged) {
          const person = row!;
          const unit = await tx.orgUnit.findUniqueOrThrow({ where: { code: person.unitCode }, select: { id: true, kind: true } });
          const chainId = await auditChainOf(tx, unit.id);
          const personData = {
            fullName: person.fullName,
            searchName: foldForSearch(person.fullName),
            kind: person.kind,
            gender: person.gender ?? null,
            birthDate: person.birthDate ? new Date(`${person.birthDate}T00:00:00Z`) : null,
            position: person.position ?? null,
            unitId: unit.id,
          };
          let userId: string | null = null;
          let grants: GrantInput[] = [];
          if (person.username) {
            const secret = passwordOf.get(person.rowNumber)!;
            const communeId = await communeIdOf(tx, unit.id);
            grants = person.roles.map((role) => ({ role, unitId: grantUnit(role, unit, communeId)! }));
            const user = await tx.user.create({
              data: {
                username: person.username,
                fullName: person.fullName,
                searchName: foldForSearch(`${person.fullName} ${person.username}`),
                email: person.email ?? null,
                title: person.position ?? null,
                unitId: unit.id,
                passwordHash: secret.hash,
                mustChangePassword: true,
                roles: { create: grants },
              },
              select: { id: true },
            });
            userId = user.id;
            issued.push({ username: person.username, fullName: person.fullName, password: secret.password });
          }
          const created = await tx.person.create({ data: { ...personData, userId }, select: { id: true } });
          await appendAudit(
            tx,
            {
              chainId,
              actorId: admin.id,
              actorName: admin.fullName,
              action: "person.IMPORT",
              entityType: "Person",
              entityId: created.id,
              data: { row: person.rowNumber, after: { ...personData, searchName: undefined, birthDate: person.birthDate ?? null } },
            },
            now,
          );
          if (userId) {
            await appendAudit(
              tx,
              {
                chainId,
                actorId: admin.id,
                actorName: admin.fullName,
                action: "user.IMPORT",
                entityType: "User",
                entityId: userId,
                data: { row: person.rowNumber, after: { username: person.username, personId: created.id, unitId: unit.id, grants } },
              },
              now,
            );
          }
        }
        return { ok: true as const, created: judged.length, accounts: issued };
      },
      { timeout: 120_000 },
    ),
  );
}
