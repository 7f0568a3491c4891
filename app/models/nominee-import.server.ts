// Import of nominees and their Mẫu 07 figures into draft dossiers of a movement, from .xlsx or .csv.
// The template is built from the movement's own targets; every row is validated with the schemas of the
// forms (NewDossierSchema, achievementReportSchema) so a cell is refused with the sentence its field would
// give; nothing is written unless every row is valid — or, by an explicit choice that is audited, only the
// valid rows — and then all drafts are created in ONE transaction through the models that create a dossier
// and save its report, each with its audit rows. The uploaded file waits in the database between the
// preview and the import, so any app server can finish what another one previewed.
import { createHash } from "node:crypto";
import { z } from "zod";
import { targetsFor, thresholdText } from "#machines/index.ts";
import { achievementReportSchema, type AchievementReportData, type ReportTarget } from "~/forms/achievement-report.ts";
import { NewDossierSchema } from "~/forms/nominee.ts";
import type { AwardForm, NomineeKind, Prisma, SubjectKind } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { SUBJECT_KIND_LABELS, capitalize } from "~/utils/labels.ts";
import { Refusal, attempt, refuse, type Result } from "~/utils/result.ts";
import { foldForSearch } from "~/utils/search.ts";
import type ExcelJS from "exceljs";
import {
  MAX_IMPORT_ROWS,
  listSheet,
  readSpreadsheet,
  type SheetBuilder,
  type SheetColumn,
  type SheetRow,
} from "~/utils/spreadsheet.server.ts";
import { appendAudit } from "./audit.server.ts";
import { saveDocumentIn } from "./dossier-documents.server.ts";
import { visibleDossierWhere } from "./dossier-scope.server.ts";
import { createDossierIn } from "./dossier.server.ts";
import { movementUnitIdsFor } from "./org-unit.server.ts";
import { personNamed } from "./people.server.ts";

type Tx = Prisma.TransactionClient;

/** Uploads kept this long between preview and import; older ones are deleted on the next upload. */
const KEEP_UPLOADS_MS = 7 * 24 * 3_600_000;

// ─── The template's columns ─────────────────────────────────────────────────

const FIXED_COLUMNS = [
  { key: "kind", header: "Cá nhân/tập thể/hộ gia đình", required: true },
  { key: "subjectKind", header: "Đối tượng", required: true },
  { key: "name", header: "Họ và tên (tên tập thể, hộ gia đình)", required: true },
  { key: "position", header: "Chức vụ" },
  { key: "birthDate", header: "Ngày sinh", type: "date" },
  { key: "sex", header: "Giới tính" },
  { key: "unitName", header: "Đơn vị công tác" },
  { key: "head", header: "Người đứng đầu tập thể / chủ hộ" },
  { key: "members", header: "Số thành viên / nhân khẩu", type: "number" },
  { key: "duties", header: "Chức năng, nhiệm vụ được giao" },
] as const satisfies ReadonlyArray<SheetColumn>;

const TRAILING_COLUMNS = [
  { key: "results", header: "Kết quả đạt được (nội dung)" },
  { key: "solutions", header: "Giải pháp, biện pháp đã thực hiện" },
  { key: "initiatives", header: "Sáng kiến, kinh nghiệm" },
  { key: "previousAwards", header: "Hình thức khen thưởng đã được ghi nhận" },
  { key: "headName", header: "Thủ trưởng đơn vị xác nhận" },
  { key: "headTitle", header: "Chức vụ thủ trưởng đơn vị" },
  { key: "confirmedOn", header: "Ngày xác nhận", type: "date" },
] as const satisfies ReadonlyArray<SheetColumn>;

export const NOT_APPLICABLE_TEXT = "Không phát sinh";
const NAME_COLUMN = "Họ và tên (tên tập thể, hộ gia đình)";
export const SEX_TEXT = { male: "Nam", female: "Nữ" } as const;

type Target = ReportTarget & { metric: string; appliesTo: SubjectKind[] };

/** "CT1. Hồ sơ TTHC giải quyết đúng hạn (≥ 99%)": a target's column, numbered as in the plan. */
export function targetHeader(target: Target, index: number): string {
  return `CT${index + 1}. ${target.label} (${thresholdText(target)})`;
}

/** Every column of the movement's template, in order: who, the figures of each target, the rest of Mẫu 07. */
export function importColumns(targets: Target[]): SheetColumn[] {
  return [
    ...FIXED_COLUMNS,
    ...targets.map((target, i) => ({ key: `target:${target.id}`, header: targetHeader(target, i), type: "number" as const })),
    ...TRAILING_COLUMNS,
  ];
}

export const KIND_TEXT: Record<NomineeKind, string> = { individual: "Cá nhân", collective: "Tập thể", household: "Hộ gia đình" };
export const subjectText = (kind: SubjectKind) => capitalize(SUBJECT_KIND_LABELS[kind]);

/** Text typed in a cell → its code, whatever the case or tone marks ("ca nhan" is "Cá nhân"). */
function codeOf<T extends string>(text: string, labels: Record<T, string>): T | null {
  const folded = foldForSearch(text);
  return (Object.keys(labels) as T[]).find((code) => foldForSearch(labels[code]) === folded) ?? null;
}

// ─── What a movement's import needs ─────────────────────────────────────────

async function importContext(db: Tx | typeof prisma, user: CurrentUser, movementId: string, unitId: string) {
  if (!user.grants.some((grant) => grant.role === "official" && grant.unitId === unitId)) return null;
  const unit = await db.orgUnit.findUnique({ where: { id: unitId }, select: { id: true, name: true, ancestorIds: true } });
  if (!unit) return null;
  const movement = await db.movement.findFirst({
    where: { id: movementId, unitId: { in: [unit.id, ...unit.ancestorIds] } },
    select: {
      id: true,
      unitId: true,
      title: true,
      year: true,
      state: true,
      subjectKinds: true,
      awards: { select: { nomineeKind: true, awardForm: true } },
      targets: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          metric: true,
          area: true,
          label: true,
          comparator: true,
          threshold: true,
          unit: true,
          optional: true,
          appliesTo: true,
        },
      },
    },
  });
  if (!movement) return null;
  const targets: Target[] = movement.targets.map((t) => ({ ...t, threshold: t.threshold.toString() }));
  return { unit, movement, targets };
}

type ImportContext = NonNullable<Awaited<ReturnType<typeof importContext>>>;

/** The units an official may import into for a movement (theirs, under the movement's unit), and the movement. */
export async function importChoices(user: CurrentUser, movementId: string) {
  const unitIds = [...new Set(user.grants.filter((grant) => grant.role === "official").map((grant) => grant.unitId))];
  const movement = await prisma.movement.findUnique({
    where: { id: movementId },
    select: { id: true, title: true, year: true, state: true, unitId: true, targets: { select: { id: true } } },
  });
  if (!movement) return null;
  const units = await prisma.orgUnit.findMany({
    where: { id: { in: unitIds }, OR: [{ id: movement.unitId }, { ancestorIds: { has: movement.unitId } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  return units.length > 0 ? { movement, units } : null;
}

/** The movement's targets as the template needs them (for an official who may import into it). */
export async function templateFor(user: CurrentUser, movementId: string) {
  const choices = await importChoices(user, movementId);
  const first = choices?.units[0];
  if (!choices || !first) return null;
  return importContext(prisma, user, movementId, first.id);
}

// ─── Validating a row with the forms' schemas ───────────────────────────────

export type RowProblem = { column: string; cell: string | null; message: string };

export type CheckedRow = {
  rowNumber: number;
  name: string;
  kindText: string;
  problems: RowProblem[];
  /** Set when the row is valid: what the import writes. */
  draft: {
    kind: NomineeKind;
    subjectKind: SubjectKind;
    name: string;
    position: string | null;
    awardForm: AwardForm;
    report: AchievementReportData;
    figures: Array<{ targetId: string; value: number | null; notApplicable: boolean }>;
    /** The report passes the form's full validation ("Hoàn thành"), not only the draft's. */
    complete: boolean;
  } | null;
};

const present = (text: string | undefined) => (text === undefined || text.trim() === "" ? undefined : text.trim());

/** The column a form field's issue belongs to. */
function columnOfIssue(path: PropertyKey[], ctx: ImportContext): string | null {
  const [first, second] = path;
  if (first === "figures" && typeof second === "string") {
    const index = ctx.targets.findIndex((target) => target.id === second);
    return index >= 0 ? targetHeader(ctx.targets[index]!, index) : null;
  }
  const byField: Record<string, string> = {
    kind: "Cá nhân/tập thể/hộ gia đình",
    subjectKind: "Đối tượng",
    name: "Họ và tên (tên tập thể, hộ gia đình)",
    fullName: "Họ và tên (tên tập thể, hộ gia đình)",
    position: "Chức vụ",
    birthDate: "Ngày sinh",
    sex: "Giới tính",
    unitName: "Đơn vị công tác",
    head: "Người đứng đầu tập thể / chủ hộ",
    members: "Số thành viên / nhân khẩu",
    duties: "Chức năng, nhiệm vụ được giao",
    results: "Kết quả đạt được (nội dung)",
    solutions: "Giải pháp, biện pháp đã thực hiện",
    initiatives: "Sáng kiến, kinh nghiệm",
    previousAwards: "Hình thức khen thưởng đã được ghi nhận",
    headName: "Thủ trưởng đơn vị xác nhận",
    headTitle: "Chức vụ thủ trưởng đơn vị",
    confirmedOn: "Ngày xác nhận",
  };
  return typeof first === "string" ? (byField[first] ?? null) : null;
}

function issues(error: z.ZodError, ctx: ImportContext, cellOf: (column: string) => string | null): RowProblem[] {
  return error.issues.map((issue) => {
    const column = columnOfIssue(issue.path, ctx) ?? "(cả dòng)";
    return { column, cell: cellOf(column), message: issue.message };
  });
}

/** Checks one row of the file against the forms' schemas and the movement's rules. */
function checkRow(row: SheetRow, ctx: ImportContext, cellOf: (column: string) => string | null): CheckedRow {
  const v = row.values as Record<string, string | undefined>;
  const problems: RowProblem[] = [];
  const problem = (column: string, message: string) => problems.push({ column, cell: cellOf(column), message });

  const kindText = present(v.kind) ?? "";
  const kind = kindText ? codeOf(kindText, KIND_TEXT) : null;
  if (kindText && !kind) problem("Cá nhân/tập thể/hộ gia đình", `«${kindText}» không hợp lệ: ghi Cá nhân, Tập thể hoặc Hộ gia đình.`);
  const subjectTextValue = present(v.subjectKind) ?? "";
  const subjectLabels = Object.fromEntries(
    (Object.keys(SUBJECT_KIND_LABELS) as SubjectKind[]).map((code) => [code, subjectText(code)]),
  ) as Record<SubjectKind, string>;
  const subjectKind = subjectTextValue ? codeOf(subjectTextValue, subjectLabels) : null;
  if (subjectTextValue && !subjectKind) {
    problem(
      "Đối tượng",
      `«${subjectTextValue}» không hợp lệ: ghi một trong ${Object.values(subjectLabels)
        .map((l) => `«${l}»`)
        .join(", ")}.`,
    );
  }

  // The nominee, by the schema of the «Lập hồ sơ mới» form.
  // The movement's form for the row's kind; a kind it does not award is refused by the dossier's creation.
  const awardForm = ctx.movement.awards.find((award) => award.nomineeKind === kind)?.awardForm ?? "commune_chairman_certificate";
  const nominee = NewDossierSchema.safeParse({
    movementId: ctx.movement.id,
    unitId: ctx.unit.id,
    kind: kind ?? undefined,
    subjectKind: subjectKind ?? undefined,
    name: present(v.name),
    position: present(v.position),
    awardForm,
  });
  if (!nominee.success) {
    for (const p of issues(nominee.error, ctx, cellOf)) {
      // An unknown value was already explained with the values allowed.
      if ((p.column === "Cá nhân/tập thể/hộ gia đình" && kindText) || (p.column === "Đối tượng" && subjectTextValue && !subjectKind))
        continue;
      problems.push(p);
    }
  }
  if (subjectKind && !ctx.movement.subjectKinds.includes(subjectKind)) {
    problem("Đối tượng", "Đối tượng này không thuộc đối tượng khen thưởng của phong trào.");
  }

  // The achievement report (Mẫu 07), by the schema of its form, for the targets that apply to the nominee.
  const applies = subjectKind ? targetsFor(ctx.targets, subjectKind) : ctx.targets;
  // Every target that applies gets its entry, as the form sends one per target (empty: no figure yet).
  const figures: Record<string, { value?: string; notApplicable?: boolean }> = Object.fromEntries(applies.map((target) => [target.id, {}]));
  ctx.targets.forEach((target, i) => {
    const text = present(v[`target:${target.id}`]);
    if (!applies.includes(target)) {
      if (text) problem(targetHeader(target, i), `Chỉ tiêu này không áp dụng cho đối tượng «${subjectTextValue}»; để trống ô này.`);
      return;
    }
    if (text === undefined) return;
    figures[target.id] = foldForSearch(text) === foldForSearch(NOT_APPLICABLE_TEXT) ? { notApplicable: true } : { value: text };
  });
  const sexText = present(v.sex);
  const sex = sexText ? (codeOf(sexText, SEX_TEXT) ?? sexText) : undefined;
  const nomineeKind = kind ?? "individual";
  const input: Record<string, unknown> =
    nomineeKind === "individual"
      ? {
          fullName: present(v.name),
          birthDate: present(v.birthDate),
          sex,
          position: present(v.position),
          unitName: present(v.unitName) ?? ctx.unit.name,
        }
      : { name: present(v.name), head: present(v.head) ?? present(v.position), members: present(v.members) };
  Object.assign(input, {
    duties: present(v.duties),
    figures,
    results: present(v.results),
    solutions: present(v.solutions),
    initiatives: present(v.initiatives),
    previousAwards: present(v.previousAwards),
    headName: present(v.headName),
    headTitle: present(v.headTitle),
    confirmedOn: present(v.confirmedOn),
  });
  const reportTargets: ReportTarget[] = applies.map(({ id, area, label, comparator, threshold, unit, optional }) => ({
    id,
    area,
    label,
    comparator,
    threshold,
    unit,
    optional,
  }));
  const draft = achievementReportSchema({ kind: nomineeKind, targets: reportTargets, mode: "draft" }).safeParse(input);
  if (!draft.success) {
    for (const p of issues(draft.error, ctx, cellOf)) {
      if (p.column === "Họ và tên (tên tập thể, hộ gia đình)" && problems.some((q) => q.column === p.column)) continue;
      problems.push(p);
    }
  }

  const name = present(v.name) ?? "";
  if (problems.length > 0 || !nominee.success || !draft.success || !kind || !subjectKind) {
    return { rowNumber: row.rowNumber, name, kindText, problems, draft: null };
  }
  const complete = achievementReportSchema({ kind, targets: reportTargets, mode: "complete" }).safeParse(input).success;
  const { figures: given, ...text } = draft.data;
  return {
    rowNumber: row.rowNumber,
    name,
    kindText,
    problems,
    draft: {
      kind,
      subjectKind,
      name: nominee.data.name ?? name,
      position: nominee.data.position ?? null,
      awardForm: nominee.data.awardForm,
      report: text,
      figures: reportTargets.map((target) => {
        const figure = given?.[target.id];
        return { targetId: target.id, value: figure?.value ?? null, notApplicable: Boolean(figure?.notApplicable) && target.optional };
      }),
      complete,
    },
  };
}

export type ImportCheck = { ok: true; rows: CheckedRow[]; valid: number; invalid: number } | { ok: false; message: string };

/** Reads the file and checks every row: the file's own problems, the forms' schemas, duplicates in the file and in the movement. */
async function checkFile(db: Tx | typeof prisma, user: CurrentUser, ctx: ImportContext, bytes: Uint8Array): Promise<ImportCheck> {
  const columns = importColumns(ctx.targets);
  const read = await readSpreadsheet(bytes, columns);
  if (!read.ok) return read;
  if (read.rows.length === 0) return { ok: false, message: "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề." };
  // The cell of a column in a row, "C5", as Excel shows it (null for a column absent from the file).
  const keyOf = new Map(columns.map((column) => [column.header, column.key]));
  const rows = read.rows.map((row) => {
    const cellOf = (column: string) => {
      const letter = read.columnLetters[keyOf.get(column) ?? ""];
      return letter ? `${letter}${row.rowNumber}` : null;
    };
    const checked = checkRow(row, ctx, cellOf);
    // What the reader could not turn into text (a formula without value, an error cell) comes first.
    const fileProblems = read.problems
      .filter((p) => p.rowNumber === row.rowNumber)
      // The reader names the cell in its sentence; the preview names it beside the message.
      .map((p) => ({ column: p.column, cell: p.cell, message: capitalize(p.message.replace(/^Ô [A-Z]+\d+ \(cột «.*?»\): /, "")) }));
    if (fileProblems.length > 0) {
      checked.problems = [...fileProblems, ...checked.problems.filter((p) => !fileProblems.some((f) => f.column === p.column))];
      checked.draft = null;
    }
    return checked;
  });

  // The same nominee twice in the file, or already nominated by this unit in this movement.
  const nameCell = (rowNumber: number) => (read.columnLetters.name ? `${read.columnLetters.name}${rowNumber}` : null);
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = `${foldForSearch(row.kindText)}|${foldForSearch(row.name)}`;
    if (!row.name) continue;
    const first = seen.get(key);
    if (first !== undefined) {
      row.problems.push({ column: NAME_COLUMN, cell: nameCell(row.rowNumber), message: `Trùng với dòng ${first} của tệp.` });
      row.draft = null;
    } else seen.set(key, row.rowNumber);
  }
  const names = [...new Set(rows.map((row) => foldForSearch(row.name)).filter(Boolean))];
  const existing = await db.dossier.findMany({
    where: {
      AND: [
        visibleDossierWhere(user),
        { movementId: ctx.movement.id, unitId: ctx.unit.id, searchName: { in: names }, state: { not: "withdrawn" } },
      ],
    },
    select: { searchName: true, kind: true },
  });
  for (const row of rows) {
    const found = existing.find((d) => d.searchName === foldForSearch(row.name) && (!row.draft || d.kind === row.draft.kind));
    if (found) {
      row.problems.push({
        column: NAME_COLUMN,
        cell: nameCell(row.rowNumber),
        message: `Đơn vị đã có hồ sơ của «${row.name}» trong phong trào này; không nhập lại.`,
      });
      row.draft = null;
    }
  }
  const valid = rows.filter((row) => row.draft !== null).length;
  return { ok: true, rows, valid, invalid: rows.length - valid };
}

// ─── Upload, preview, import ────────────────────────────────────────────────

export const NOT_ALLOWED = "Bạn chỉ được nhập hồ sơ cho đơn vị của mình, vào phong trào đang nhận hồ sơ của đơn vị cấp trên.";

/** Keeps an uploaded file for its preview, after checking it is a spreadsheet of the right template. */
export async function uploadNomineeImport(
  user: CurrentUser,
  input: { movementId: string; unitId: string; fileName: string; bytes: Uint8Array },
  now = new Date(),
): Promise<Result<{ importId: string }>> {
  const ctx = await importContext(prisma, user, input.movementId, input.unitId);
  if (!ctx) return refuse(403, NOT_ALLOWED, "unitId");
  if (ctx.movement.state !== "open") return refuse(422, "Phong trào không còn nhận hồ sơ.");
  const checked = await checkFile(prisma, user, ctx, input.bytes);
  if (!checked.ok) return refuse(422, checked.message, "file");
  await prisma.nomineeImport.deleteMany({
    where: { userId: user.id, importedAt: null, createdAt: { lt: new Date(now.getTime() - KEEP_UPLOADS_MS) } },
  });
  const row = await prisma.nomineeImport.create({
    data: {
      userId: user.id,
      movementId: ctx.movement.id,
      unitId: ctx.unit.id,
      fileName: input.fileName.slice(0, 255),
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      content: Buffer.from(input.bytes),
    },
    select: { id: true },
  });
  return { ok: true, importId: row.id };
}

/** An upload of the user's, checked row by row again (the movement or the unit's dossiers may have changed). */
export async function previewNomineeImport(user: CurrentUser, movementId: string, importId: string) {
  const upload = await prisma.nomineeImport.findFirst({ where: { id: importId, userId: user.id, movementId } });
  if (!upload) return null;
  const ctx = await importContext(prisma, user, upload.movementId, upload.unitId);
  if (!ctx) return null;
  const check = upload.importedAt ? null : await checkFile(prisma, user, ctx, new Uint8Array(upload.content));
  return {
    id: upload.id,
    fileName: upload.fileName,
    unit: ctx.unit,
    movement: ctx.movement,
    importedAt: upload.importedAt,
    importedRows: upload.importedRows,
    validOnly: upload.validOnly,
    check,
  };
}

/**
 * Creates a draft dossier for every row, in one transaction with their audit rows and the import's own
 * audit row. Refused, writing nothing, when a row is invalid — unless `validOnly` (the user's explicit
 * choice, recorded with the rows left out).
 */
export async function commitNomineeImport(
  user: CurrentUser,
  movementId: string,
  importId: string,
  { validOnly = false, now = new Date() }: { validOnly?: boolean; now?: Date } = {},
): Promise<Result<{ created: number; skipped: number[] }>> {
  return attempt(() =>
    prisma.$transaction(
      async (tx) => {
        const [locked] = await tx.$queryRaw<Array<{ id: string }>>`
          SELECT id FROM "NomineeImport" WHERE id = ${importId} AND "userId" = ${user.id} AND "movementId" = ${movementId} FOR UPDATE`;
        if (!locked) throw new Refusal(404, "Không tìm thấy tệp đã tải lên (có thể đã quá 7 ngày). Vui lòng tải tệp lên lại.");
        const upload = await tx.nomineeImport.findUniqueOrThrow({ where: { id: importId } });
        if (upload.importedAt) throw new Refusal(409, "Tệp này đã được nhập trước đó; không nhập lại.");
        const ctx = await importContext(tx, user, upload.movementId, upload.unitId);
        if (!ctx) throw new Refusal(403, NOT_ALLOWED);
        if (ctx.movement.state !== "open") throw new Refusal(422, "Phong trào không còn nhận hồ sơ.");
        const check = await checkFile(tx, user, ctx, new Uint8Array(upload.content));
        if (!check.ok) throw new Refusal(422, check.message);
        if (check.invalid > 0 && !validOnly) {
          throw new Refusal(
            422,
            `Tệp còn ${check.invalid} dòng có lỗi nên chưa nhập dòng nào. Vui lòng sửa tệp rồi tải lên lại, hoặc chọn «Chỉ nhập các dòng hợp lệ».`,
          );
        }
        if (check.valid === 0) throw new Refusal(422, "Không có dòng hợp lệ nào để nhập.");

        const dossierIds: string[] = [];
        for (const row of check.rows) {
          if (!row.draft) continue;
          const { dossierId } = await createDossierIn(
            tx,
            user,
            {
              movementId: ctx.movement.id,
              unitId: ctx.unit.id,
              nominee: {
                kind: row.draft.kind,
                subjectKind: row.draft.subjectKind,
                name: row.draft.name,
                position: row.draft.position,
                personId: row.draft.kind === "collective" ? null : await personNamed(tx, ctx.unit.id, row.draft.name),
              },
              awardForm: row.draft.awardForm,
            },
            now,
          );
          await saveDocumentIn(tx, {
            user,
            dossierId,
            kind: "achievement_report",
            data: row.draft.report as Prisma.InputJsonValue,
            complete: row.draft.complete,
            figures: row.draft.figures,
            now,
          });
          dossierIds.push(dossierId);
        }
        const skipped = check.rows.filter((row) => !row.draft).map((row) => row.rowNumber);
        await tx.nomineeImport.update({ where: { id: upload.id }, data: { importedAt: now, importedRows: dossierIds.length, validOnly } });
        await appendAudit(
          tx,
          {
            chainId: ctx.movement.unitId,
            actorId: user.id,
            actorName: user.fullName,
            action: validOnly && skipped.length > 0 ? "import.NOMINEES_VALID_ONLY" : "import.NOMINEES",
            entityType: "NomineeImport",
            entityId: upload.id,
            reason: validOnly && skipped.length > 0 ? `Chỉ nhập các dòng hợp lệ; bỏ qua ${skipped.length} dòng lỗi.` : null,
            data: {
              fileName: upload.fileName,
              sha256: upload.sha256,
              unitId: ctx.unit.id,
              movementId: ctx.movement.id,
              dossierIds,
              skippedRows: skipped,
            },
          },
          now,
        );
        return { ok: true as const, created: dossierIds.length, skipped };
      },
      { timeout: 10 * 60_000, maxWait: 30_000 },
    ),
  );
}

// ─── The movement's nominees in the template's layout (export → edit → import) ───

/** The dossiers of a movement the user sees, as rows of its template: what an import of the file recreates. */
export async function nomineeRows(user: CurrentUser, movementId: string) {
  const targetsRow = await prisma.movement.findFirst({
    where: { id: movementId, unitId: { in: await movementUnitIdsFor(user) } },
    select: {
      title: true,
      year: true,
      targets: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          metric: true,
          area: true,
          label: true,
          comparator: true,
          threshold: true,
          unit: true,
          optional: true,
          appliesTo: true,
        },
      },
    },
  });
  if (!targetsRow) return null;
  const targets: Target[] = targetsRow.targets.map((t) => ({ ...t, threshold: t.threshold.toString() }));
  const dossiers = await prisma.dossier.findMany({
    where: { AND: [visibleDossierWhere(user), { movementId }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      kind: true,
      unit: { select: { name: true } },
      nominee: { select: { name: true, position: true, subjectKind: true } },
      documents: { where: { kind: "achievement_report" }, select: { data: true } },
      figures: { select: { targetId: true, value: true, notApplicable: true } },
    },
  });
  const rows = dossiers.map((d) => {
    const report = (d.documents[0]?.data ?? {}) as AchievementReportData;
    const values: Record<string, string | number | null> = {
      kind: KIND_TEXT[d.kind],
      subjectKind: subjectText(d.nominee.subjectKind),
      name: d.nominee.name,
      position: d.kind === "individual" ? (report.position ?? d.nominee.position) : d.nominee.position,
      birthDate: report.birthDate ?? null,
      sex: report.sex ? SEX_TEXT[report.sex] : null,
      unitName: report.unitName ?? null,
      head: report.head ?? null,
      members: report.members ?? null,
      duties: report.duties ?? null,
      results: report.results ?? null,
      solutions: report.solutions ?? null,
      initiatives: report.initiatives ?? null,
      previousAwards: report.previousAwards ?? null,
      headName: report.headName ?? null,
      headTitle: report.headTitle ?? null,
      confirmedOn: report.confirmedOn ?? null,
    };
    for (const target of targets) {
      const figure = d.figures.find((f) => f.targetId === target.id);
      values[`target:${target.id}`] = figure?.notApplicable
        ? NOT_APPLICABLE_TEXT
        : figure?.value === null || figure?.value === undefined
          ? null
          : Number(figure.value);
    }
    return values;
  });
  return { title: targetsRow.title, year: targetsRow.year, targets, rows };
}

// ─── The template's sheets ──────────────────────────────────────────────────

type DataValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/** The nominees sheet (empty: the template), with drop-down lists where a cell takes one of a few values. */
export function nomineeSheet(
  title: string,
  filters: string[],
  targets: Target[],
  rows: Array<Record<string, string | number | null>>,
): SheetBuilder {
  const columns = importColumns(targets);
  const build = listSheet<Record<string, string | number | null>>({
    sheetName: "Danh sách đề nghị",
    title,
    filters,
    rows,
    columns: columns.map((column) => ({
      header: column.header,
      type: column.type === "date" ? "date" : column.type === "number" ? "number" : "text",
      width: column.key.startsWith("target:") ? 18 : column.key === "name" ? 28 : undefined,
      value: (row) => row[column.key],
    })),
  });
  return (workbook) => {
    const sheet = build(workbook);
    const headerRow = sheet.getRows(1, 20)?.find((row) => row.getCell(1).value === columns[0]!.header)?.number ?? 1;
    const last = headerRow + Math.max(rows.length, 1000);
    const list = (key: string, values: string[]) => {
      const index = columns.findIndex((column) => column.key === key);
      if (index < 0) return;
      const letter = sheet.getColumn(index + 1).letter;
      (sheet as unknown as DataValidations).dataValidations.add(`${letter}${headerRow + 1}:${letter}${last}`, {
        type: "list",
        allowBlank: true,
        formulae: [`"${values.join(",")}"`],
        showErrorMessage: true,
        errorTitle: "Giá trị không hợp lệ",
        error: `Chọn một trong: ${values.join(", ")}.`,
      });
    };
    list("kind", Object.values(KIND_TEXT));
    list("sex", Object.values(SEX_TEXT));
    return sheet;
  };
}

/** The template's second sheet: how to fill each column. */
export function instructionsSheet(targets: Target[]): SheetBuilder {
  const subjects = (Object.keys(SUBJECT_KIND_LABELS) as SubjectKind[]).map(subjectText);
  const rows: Array<[string, string]> = [
    ["Cá nhân/tập thể/hộ gia đình", "Bắt buộc. Ghi: Cá nhân, Tập thể hoặc Hộ gia đình."],
    ["Đối tượng", `Bắt buộc. Ghi một trong: ${subjects.join("; ")}.`],
    ["Họ và tên (tên tập thể, hộ gia đình)", "Bắt buộc. Mỗi người (tập thể) một dòng, không trùng nhau."],
    ["Ngày sinh, Ngày xác nhận", "Ngày/tháng/năm, ví dụ 03/04/1980 (ô kiểu ngày của Excel cũng được)."],
    ["Giới tính", "Nam hoặc Nữ (cá nhân)."],
    ["Người đứng đầu tập thể / chủ hộ; Số thành viên / nhân khẩu", "Với tập thể, hộ gia đình."],
    ...targets.map((target, i): [string, string] => [
      targetHeader(target, i),
      `Số liệu đạt được (ví dụ 99,6 hoặc 99.6), đơn vị ${target.unit}.${target.optional ? ` Chỉ tiêu «nếu có»: ghi «${NOT_APPLICABLE_TEXT}» nếu không phát sinh.` : ""}${
        target.appliesTo.length > 0
          ? ` Chỉ áp dụng cho: ${target.appliesTo.map((k) => SUBJECT_KIND_LABELS[k]).join(", ")}; với đối tượng khác để trống.`
          : ""
      }`,
    ]),
    ["Các cột còn lại", "Nội dung Báo cáo thành tích (Mẫu số 07); có thể để trống và bổ sung trên phần mềm."],
    [
      "Lưu ý",
      `Tối đa ${new Intl.NumberFormat("vi-VN").format(MAX_IMPORT_ROWS)} dòng mỗi tệp; không gộp ô; ô công thức được lấy giá trị đã tính; dòng trống được bỏ qua. Hồ sơ được tạo ở dạng nháp; hồ sơ có đủ nội dung Mẫu 07 được đánh dấu hoàn thành báo cáo thành tích.`,
    ],
  ];
  return listSheet({
    sheetName: "Hướng dẫn",
    title: "HƯỚNG DẪN ĐIỀN DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
    filters: ["Điền vào trang «Danh sách đề nghị», giữ nguyên dòng tiêu đề."],
    rows,
    columns: [
      { header: "Cột", width: 45, value: ([column]) => column },
      { header: "Cách điền", width: 90, value: ([, how]) => how },
    ],
  });
}
