// The three documents of a dossier and the figures of its achievement report: who may see and edit
// them (scoped in every query), reading them for the pages, saving them in one transaction each.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import { DOSSIER_STATE_LABELS } from "#machines/index.ts";
import { saveModeOf } from "~/components/dossier/save-buttons.tsx";
import type { SaveMode } from "~/forms/proposal.ts";
import {
  FIGURE_STATUS_LABELS,
  SEX_LABELS,
  evaluateFigure,
  targetsFor,
  thresholdText,
  withUnit,
  type AchievementReportData,
  type FigureStatus,
  type ReportTarget,
} from "~/forms/achievement-report.ts";
import { formatIsoDate } from "~/forms/fields.ts";
import type { DocumentKind, DossierState, Prisma, Role } from "~/generated/prisma/client.ts";
import { getUser, requireUser, type CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { AWARD_FORM_LABELS, NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS } from "~/utils/labels.ts";
import type { DossierHeading } from "~/components/dossier/dossier-header.tsx";
import { invariantResponse } from "~/utils/http.ts";
import { ALLOWED_TYPES, checkUpload, fileOf, readForm, recordAttachment, storeBlob, type CheckedFile } from "./attachment.server.ts";
import { appendAudit } from "./audit.server.ts";
import { discardFormDraft, restoreFormDraft, stashAndSignIn } from "./form-draft.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";

type Tx = Prisma.TransactionClient;

export const DOCUMENT_LABELS: Record<DocumentKind, string> = {
  proposal: "Tờ trình đề nghị khen thưởng",
  unit_minutes: "Biên bản họp Hội đồng TĐKT của đơn vị",
  achievement_report: "Báo cáo thành tích",
};

const REQUIRED: DocumentKind[] = ["proposal", "unit_minutes", "achievement_report"];

export const SCAN_LABEL = "Bản scan Biên bản họp Hội đồng TĐKT của đơn vị (có chữ ký)";

/** What a completeness check reads of a dossier: one query for one dossier or for a page of them. */
export const completenessSelect = {
  nominee: { select: { subjectKind: true } },
  documents: { where: { completedAt: { not: null } }, select: { kind: true } },
  attachments: { where: { kind: "unit_minutes_scan", supersededAt: null }, select: { id: true }, take: 1 },
  figures: { select: { targetId: true, value: true, notApplicable: true } },
  movement: {
    select: {
      targets: {
        orderBy: { position: "asc" },
        select: { id: true, label: true, comparator: true, threshold: true, unit: true, appliesTo: true, optional: true },
      },
    },
  },
} satisfies Prisma.DossierSelect;

export type CompletenessInput = Prisma.DossierGetPayload<{ select: typeof completenessSelect }>;

/**
 * What the completeness guard needs: the documents not yet completed (the minutes count only with
 * their signed scan), and the targets that apply to the nominee but have no figure ("(nếu có)"
 * targets may be declared not applicable). Pure: the guard and the screening queue share it.
 */
export function documentCheck(dossier: CompletenessInput): { missing: string[]; missingTargets: string[] } {
  const completed = new Set(dossier.documents.map((document) => document.kind));
  const figures = new Map(dossier.figures.map((figure) => [figure.targetId, figure]));
  const missingTargets = targetsFor(dossier.movement.targets, dossier.nominee.subjectKind)
    .filter((target) => {
      const figure = figures.get(target.id);
      return !(figure && (figure.value !== null || (figure.notApplicable && target.optional)));
    })
    .map((target) => target.label);
  const missing = REQUIRED.filter((kind) => !completed.has(kind)).map((kind) => DOCUMENT_LABELS[kind]);
  if (dossier.attachments.length === 0) missing.push(SCAN_LABEL);
  return { missing, missingTargets };
}

export async function checkDocuments(tx: Tx, dossierId: string): Promise<{ missing: string[]; missingTargets: string[] }> {
  return documentCheck(await tx.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: completenessSelect }));
}

// ─── Who sees and who edits a dossier (always part of the query) ────────────

/** The official edits only these; afterwards the dossier is the secretary's and the council's. */
export const EDITABLE_STATES: DossierState[] = ["draft", "needs_supplement"];

/** Roles of the commune that runs the movement: they see its dossiers once submitted. */
const REVIEWER_ROLES: Role[] = ["secretary", "council_member", "chairman", "vice_chairman"];

/**
 * Dossiers a user may see: those of the units where they are an official (drafts included), and the
 * submitted ones of the movements run by the units where they are secretary, council member, chairman
 * or vice-chairman. A unit's drafts stay with the unit.
 */
export function visibleDossierWhere(user: CurrentUser): Prisma.DossierWhereInput {
  return {
    OR: [
      { unitId: { in: unitsWhereRole(user, "official") } },
      { movement: { unitId: { in: unitsWhereRole(user, ...REVIEWER_ROLES) } }, state: { not: "draft" } },
    ],
  };
}

/** Dossiers a user may change the documents of: their unit's, while a draft or returned for supplement. */
export function editableDossierWhere(user: CurrentUser): Prisma.DossierWhereInput {
  return { unitId: { in: unitsWhereRole(user, "official") }, state: { in: EDITABLE_STATES } };
}

// ─── Reading a dossier with its documents ───────────────────────────────────

const dossierSelect = {
  id: true,
  state: true,
  version: true,
  snapshot: true,
  dueAt: true,
  awardForm: true,
  kind: true,
  createdAt: true,
  unit: { select: { id: true, name: true, placeName: true, parent: { select: { name: true, placeName: true } } } },
  nominee: { select: { name: true, kind: true, subjectKind: true, position: true } },
  movement: {
    select: {
      id: true,
      title: true,
      year: true,
      state: true,
      unitId: true,
      unit: { select: { name: true, placeName: true } },
      targets: {
        orderBy: { position: "asc" },
        select: { id: true, area: true, label: true, comparator: true, threshold: true, unit: true, optional: true, appliesTo: true },
      },
    },
  },
  documents: { select: { kind: true, data: true, completedAt: true, updatedAt: true } },
  figures: { select: { targetId: true, value: true, notApplicable: true } },
  attachments: {
    where: { supersededAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      fileName: true,
      mimeType: true,
      size: true,
      createdAt: true,
      uploadedBy: { select: { fullName: true } },
    },
  },
} satisfies Prisma.DossierSelect;

export type DocumentView = { data: Record<string, unknown>; completedAt: Date | null; updatedAt: Date };
export type TargetView = ReportTarget & { value: string | null; notApplicable: boolean; status: FigureStatus; requirement: string };

/** Everything the dossier's pages show, or null when the user may not see it (404, whether it exists or not). */
export async function loadDossier(user: CurrentUser, dossierId: string, now = new Date()) {
  const row = await prisma.dossier.findFirst({ where: { AND: [{ id: dossierId }, visibleDossierWhere(user)] }, select: dossierSelect });
  if (!row) return null;
  const figures = new Map(row.figures.map((figure) => [figure.targetId, figure]));
  const targets: TargetView[] = targetsFor(row.movement.targets, row.nominee.subjectKind).map((target) => {
    const figure = figures.get(target.id);
    const value = figure?.value?.toString() ?? null;
    const rule = { ...target, threshold: target.threshold.toString() };
    return {
      id: target.id,
      area: target.area,
      label: target.label,
      comparator: target.comparator,
      threshold: rule.threshold,
      unit: target.unit,
      optional: target.optional,
      value,
      notApplicable: figure?.notApplicable ?? false,
      status: evaluateFigure(rule, value === null ? null : Number(value), figure?.notApplicable ?? false),
      requirement: thresholdText(rule),
    };
  });
  const documents = Object.fromEntries(
    (["proposal", "unit_minutes", "achievement_report"] as const).map((kind) => {
      const document = row.documents.find((d) => d.kind === kind);
      return [
        kind,
        document
          ? { data: (document.data ?? {}) as Record<string, unknown>, completedAt: document.completedAt, updatedAt: document.updatedAt }
          : null,
      ];
    }),
  ) as Record<DocumentKind, DocumentView | null>;
  const isOfficial = unitsWhereRole(user, "official").includes(row.unit.id);
  return {
    id: row.id,
    state: row.state,
    version: row.version,
    snapshot: row.snapshot,
    lastReason: lastReasonOf(row.snapshot),
    dueAt: row.dueAt,
    overdue: row.dueAt !== null && row.dueAt < now,
    awardForm: row.awardForm,
    createdAt: row.createdAt,
    unit: row.unit,
    nominee: row.nominee,
    movement: {
      id: row.movement.id,
      title: row.movement.title,
      year: row.movement.year,
      state: row.movement.state,
      unitId: row.movement.unitId,
      unit: row.movement.unit,
    },
    documents,
    targets,
    attachments: row.attachments,
    isOfficial,
    editable: isOfficial && EDITABLE_STATES.includes(row.state),
  };
}

export type LoadedDossierView = NonNullable<Awaited<ReturnType<typeof loadDossier>>>;

function lastReasonOf(snapshot: unknown): string | null {
  const context = (snapshot as { context?: { lastReason?: unknown } } | null)?.context;
  return typeof context?.lastReason === "string" && context.lastReason.trim() ? context.lastReason : null;
}

// ─── Saving a document ──────────────────────────────────────────────────────

export type SaveRefusal = { ok: false; status: 403 | 404 | 422; message: string; field?: string };
export type SaveDocumentResult = { ok: true } | SaveRefusal;

/** Thrown inside a transaction to roll it back with a message for the user. */
class Refused extends Error {
  constructor(readonly refusal: SaveRefusal) {
    super(refusal.message);
  }
}

export const SCAN_REQUIRED_MESSAGE = "Vui lòng đính kèm bản scan biên bản họp có chữ ký (PDF, JPEG hoặc PNG) trước khi hoàn thành.";

/** Why `user` may not edit the dossier: another unit's (or no) dossier is 404, a dossier no longer editable 403. */
async function refusalFor(tx: Tx, user: CurrentUser, dossierId: string): Promise<SaveRefusal> {
  const visible = await tx.dossier.findFirst({
    where: { AND: [{ id: dossierId }, visibleDossierWhere(user)] },
    select: { unitId: true, state: true },
  });
  if (!visible) return { ok: false, status: 404, message: "Không tìm thấy hồ sơ." };
  if (!unitsWhereRole(user, "official").includes(visible.unitId)) {
    return { ok: false, status: 403, message: "Chỉ cán bộ phụ trách của đơn vị trình khen mới được sửa hồ sơ này." };
  }
  return {
    ok: false,
    status: 403,
    message: `Hồ sơ đang ở trạng thái «${DOSSIER_STATE_LABELS[visible.state]}»: chỉ sửa được khi là bản nháp hoặc khi được trả lại để bổ sung.`,
  };
}

/**
 * Saves one document of a dossier — its data, the figures of the achievement report, the signed scan
 * of the minutes — with its audit row, all in one transaction: an error leaves nothing half-saved.
 */
export async function saveDocument(input: {
  user: CurrentUser;
  dossierId: string;
  kind: DocumentKind;
  data: Prisma.InputJsonValue;
  complete: boolean;
  figures?: Array<{ targetId: string; value: number | null; notApplicable: boolean }>;
  scan?: { file: CheckedFile; stored: { sha256: string; storageKey: string } };
  now?: Date;
}): Promise<SaveDocumentResult> {
  const { user, dossierId, kind, complete, now = new Date() } = input;
  try {
    return await prisma.$transaction(
      async (tx) => {
        // Serialises with a transition of this dossier: a submitted dossier takes no more edits.
        await tx.$queryRaw`SELECT id FROM "Dossier" WHERE id = ${dossierId} FOR UPDATE`;
        const dossier = await tx.dossier.findFirst({
          where: { AND: [{ id: dossierId }, editableDossierWhere(user)] },
          select: { id: true, state: true, movement: { select: { unitId: true } } },
        });
        if (!dossier) throw new Refused(await refusalFor(tx, user, dossierId));

        let scanId: string | null = null;
        if (input.scan) {
          scanId = (await recordAttachment(tx, { dossierId, kind: "unit_minutes_scan", ...input.scan, uploadedById: user.id }, now)).id;
        }
        if (complete && kind === "unit_minutes" && !scanId) {
          const scans = await tx.attachment.count({ where: { dossierId, kind: "unit_minutes_scan", supersededAt: null } });
          if (scans === 0) throw new Refused({ ok: false, status: 422, message: SCAN_REQUIRED_MESSAGE, field: "scan" });
        }

        await tx.dossierDocument.upsert({
          where: { dossierId_kind: { dossierId, kind } },
          create: { dossierId, kind, data: input.data, completedAt: complete ? now : null, updatedById: user.id },
          update: { data: input.data, completedAt: complete ? now : null, updatedById: user.id },
        });
        for (const figure of input.figures ?? []) {
          const value = figure.value === null ? null : figure.value.toFixed(4);
          await tx.achievementFigure.upsert({
            where: { dossierId_targetId: { dossierId, targetId: figure.targetId } },
            create: { dossierId, targetId: figure.targetId, value, notApplicable: figure.notApplicable },
            update: { value, notApplicable: figure.notApplicable },
          });
        }
        await appendAudit(
          tx,
          {
            chainId: dossier.movement.unitId,
            actorId: user.id,
            actorName: user.fullName,
            action: "dossier.document.SAVE",
            entityType: "Dossier",
            entityId: dossierId,
            fromState: dossier.state,
            toState: dossier.state,
            data: { document: kind, completed: complete, ...(scanId ? { scanAttachmentId: scanId } : {}) },
          },
          now,
        );
        return { ok: true as const };
      },
      { timeout: 20_000 },
    );
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

/** Adds a file to a dossier ("tài liệu kèm theo"), with its audit row. */
export async function addAttachment(input: {
  user: CurrentUser;
  dossierId: string;
  file: CheckedFile;
  stored: { sha256: string; storageKey: string };
  now?: Date;
}): Promise<{ ok: true; attachmentId: string } | SaveRefusal> {
  const { user, dossierId, now = new Date() } = input;
  try {
    return await prisma.$transaction(async (tx) => {
      const dossier = await tx.dossier.findFirst({
        where: { AND: [{ id: dossierId }, editableDossierWhere(user)] },
        select: { id: true, state: true, movement: { select: { unitId: true } } },
      });
      if (!dossier) throw new Refused(await refusalFor(tx, user, dossierId));
      const { id } = await recordAttachment(
        tx,
        { dossierId, kind: "other", file: input.file, stored: input.stored, uploadedById: user.id },
        now,
      );
      await appendAudit(
        tx,
        {
          chainId: dossier.movement.unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: "dossier.attachment.ADD",
          entityType: "Dossier",
          entityId: dossierId,
          fromState: dossier.state,
          toState: dossier.state,
          data: { attachmentId: id, fileName: input.file.fileName, sha256: input.stored.sha256 },
        },
        now,
      );
      return { ok: true as const, attachmentId: id };
    });
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

/** One attachment of a dossier the user may see (the scope is in the query), for download. */
export function findVisibleAttachment(user: CurrentUser, dossierId: string, attachmentId: string) {
  return prisma.attachment.findFirst({
    where: { id: attachmentId, dossierId, dossier: visibleDossierWhere(user) },
    select: { fileName: true, mimeType: true, size: true, storageKey: true },
  });
}

/** The heading every page of the dossier shows (components/dossier/dossier-header.tsx). */
export function headingOf(dossier: LoadedDossierView): DossierHeading {
  const nominee = dossier.nominee;
  return {
    id: dossier.id,
    nomineeName: nominee.name,
    nomineeDescription: [
      `${NOMINEE_KIND_LABELS[nominee.kind].charAt(0).toUpperCase()}${NOMINEE_KIND_LABELS[nominee.kind].slice(1)} · ${SUBJECT_KIND_LABELS[nominee.subjectKind]}`,
      nominee.position,
      AWARD_FORM_LABELS[dossier.awardForm],
    ]
      .filter(Boolean)
      .join(" · "),
    movementId: dossier.movement.id,
    movementTitle: dossier.movement.title,
    unitName: dossier.unit.name,
    state: dossier.state,
    stateLabel: DOSSIER_STATE_LABELS[dossier.state],
    dueDate: dossier.dueAt ? formatDate(dossier.dueAt) : null,
    overdue: dossier.overdue,
  };
}

// ─── The three forms: shared loader and action steps ────────────────────────

export type DocumentForm = "to-trinh" | "bien-ban" | "bao-cao";

export function documentPath(dossierId: string, form: DocumentForm): string {
  return `/ho-so/${dossierId}/${form}`;
}

/** A form page: the dossier (404 outside the user's scope) and the values kept when the session expired. */
export async function loadDocumentForm(request: Request, dossierId: string, form: DocumentForm) {
  const user = await requireUser(request);
  const dossier = await loadDossier(user, dossierId);
  invariantResponse(dossier, "Không tìm thấy hồ sơ.", { status: 404 });
  const restored = dossier.editable
    ? await restoreFormDraft(request, { dossierId, path: documentPath(dossierId, form), editable: editableDossierWhere(user) })
    : null;
  const saved = new URL(request.url).searchParams.get("da-luu");
  return { user, dossier, restored, saved };
}

/**
 * The action of a form: without a session the values are kept and the user signs in; then the scope,
 * the schema of the button pressed ("Lưu nháp" / "Hoàn thành"), the scan if any, and one transaction.
 */
export async function saveDocumentAction<Value>(args: {
  request: Request;
  dossierId: string;
  form: DocumentForm;
  kind: DocumentKind;
  schema: (mode: SaveMode, dossier: LoadedDossierView) => z.ZodType<Value, unknown>;
  /** What is stored as the document's data (the figures go to their own rows). */
  toData?: (value: Value, dossier: LoadedDossierView) => Prisma.InputJsonValue;
  figures?: (value: Value, dossier: LoadedDossierView) => Array<{ targetId: string; value: number | null; notApplicable: boolean }>;
  /** The form carries the signed scan of the minutes in this file field. */
  scanField?: string;
}) {
  const { request, dossierId, form, kind } = args;
  const path = documentPath(dossierId, form);
  const user = await getUser(request);
  const { formData, tooLarge } = await readForm(request);
  if (!user) throw await stashAndSignIn({ dossierId, path, formData });

  const dossier = await loadDossier(user, dossierId);
  invariantResponse(dossier, "Không tìm thấy hồ sơ.", { status: 404 });
  const mode = saveModeOf(formData);
  const submission = parseWithZod(formData, { schema: args.schema(mode, dossier) });
  // A list button (add or remove a row) only redraws the form; errors are a 400.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });

  let scan: { file: CheckedFile; stored: { sha256: string; storageKey: string } } | undefined;
  if (args.scanField && dossier.editable) {
    const field = args.scanField;
    if (tooLarge.has(field)) {
      return data(submission.reply({ fieldErrors: { [field]: [`Tệp «${tooLarge.get(field)}» vượt quá 10 MB.`] } }), { status: 400 });
    }
    const file = fileOf(formData, field);
    if (file) {
      const checked = await checkUpload(file, ALLOWED_TYPES.unit_minutes_scan);
      if (!checked.ok) return data(submission.reply({ fieldErrors: { [field]: [checked.message] } }), { status: 400 });
      scan = { file: checked.file, stored: await storeBlob(checked.file.bytes) };
    }
  }

  const value = submission.value as Value;
  const result = await saveDocument({
    user,
    dossierId,
    kind,
    data: args.toData ? args.toData(value, dossier) : (value as Prisma.InputJsonValue),
    complete: mode === "complete",
    figures: args.figures?.(value, dossier),
    scan,
  });
  if (!result.ok) {
    invariantResponse(result.status !== 404, result.message, { status: 404 });
    const reply = result.field
      ? submission.reply({ fieldErrors: { [result.field]: [result.message] } })
      : submission.reply({ formErrors: [result.message] });
    return data(reply, { status: result.status });
  }
  const cleared = await discardFormDraft(request);
  return redirect(`${path}?da-luu=${mode}`, cleared ? { headers: { "Set-Cookie": cleared } } : undefined);
}

// ─── The documents as printed (print view, Word export) ─────────────────────

/** "Tam Phước, ngày 03 tháng 04 năm 2023" (an empty place reads "……"). */
export function placeAndDate(place: string | null | undefined, iso: string | undefined): string {
  const [year, month, day] = iso ? iso.split("-") : ["……", "……", "……"];
  return `${place || "……"}, ngày ${day} tháng ${month} năm ${year}`;
}

const upper = (text: string) => text.toLocaleUpperCase("vi-VN");

/** Mẫu số 07 filled with the saved report and figures: what the print view and the .docx show. */
export function achievementReportView(dossier: LoadedDossierView) {
  const report = (dossier.documents.achievement_report?.data ?? {}) as AchievementReportData;
  const individual = dossier.nominee.kind === "individual";
  const place = dossier.movement.unit.placeName ?? dossier.unit.placeName;
  const name = (individual ? report.fullName : report.name) ?? dossier.nominee.name;
  const honorific = report.sex === "female" ? "Bà" : report.sex === "male" ? "Ông" : "Ông (Bà)";
  const identity: Array<[string, string]> = individual
    ? [
        ["Họ và tên", name],
        ["Ngày sinh", report.birthDate ? formatIsoDate(report.birthDate) : ""],
        ["Giới tính", report.sex ? SEX_LABELS[report.sex] : ""],
        ["Chức vụ", report.position ?? dossier.nominee.position ?? ""],
        ["Đơn vị công tác", report.unitName ?? dossier.unit.name],
      ]
    : [
        [dossier.nominee.kind === "household" ? "Tên hộ gia đình" : "Tên tập thể", name],
        [dossier.nominee.kind === "household" ? "Chủ hộ" : "Người đứng đầu", report.head ?? ""],
        [
          dossier.nominee.kind === "household" ? "Số nhân khẩu" : "Số thành viên",
          report.members === undefined ? "" : String(report.members),
        ],
      ];
  return {
    authority: upper(dossier.unit.parent?.name ?? dossier.movement.unit.name),
    unitName: upper(dossier.unit.name),
    placeDate: placeAndDate(place, report.confirmedOn),
    title: "BÁO CÁO THÀNH TÍCH",
    award: `ĐỀ NGHỊ TẶNG ${upper(AWARD_FORM_LABELS[dossier.awardForm])}`,
    subtitle: `(Về thành tích thực hiện phong trào thi đua “${dossier.movement.title}” năm ${dossier.movement.year})`,
    nomineeLine: individual
      ? `${honorific} ${name}${report.position ? `, ${report.position}` : ""}${report.unitName ? `, ${report.unitName}` : ""}`
      : name,
    individual,
    identity,
    duties: report.duties ?? "",
    figures: dossier.targets.map((target, index) => ({
      index: index + 1,
      label: target.label,
      requirement: target.requirement,
      result:
        target.notApplicable && target.optional ? "Không phát sinh" : target.value === null ? "" : withUnit(target.value, target.unit),
      status: FIGURE_STATUS_LABELS[target.status],
    })),
    results: report.results ?? "",
    solutions: report.solutions ?? "",
    initiatives: report.initiatives ?? "",
    previousAwards: report.previousAwards ?? "",
    headName: report.headName ?? "",
    headTitle: report.headTitle ?? "",
    reporterName: individual ? name : (report.head ?? ""),
    completed: Boolean(dossier.documents.achievement_report?.completedAt),
  };
}

export type AchievementReportView = ReturnType<typeof achievementReportView>;
