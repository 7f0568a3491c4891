// The three documents of a dossier and the figures of its achievement report: reading them for the
// pages and saving them, one transaction each, in the scope of dossier-scope.server.ts.
import {
  DOCUMENT_LABELS,
  DOSSIER_STATE_LABELS,
  documentCheck,
  judgeFigures,
  type DocumentCheck,
  type FigureStatus,
} from "#machines/index.ts";
import type { ReportTarget } from "~/forms/achievement-report.ts";
import { checkRevision } from "~/forms/revision.ts";
import type { DocumentKind, Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Refusal, attempt, type Result } from "~/utils/result.ts";
import { recordAttachment, type CheckedFile } from "./attachment.server.ts";
import { appendAudit } from "./audit.server.ts";
import { EDITABLE_STATES, editableDossierWhere, visibleDossierWhere } from "./dossier-scope.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";

type Tx = Prisma.TransactionClient;

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

/** The completeness guard's facts for one dossier (machines/completeness.ts judges them). */
export async function checkDocuments(tx: Tx, dossierId: string): Promise<DocumentCheck> {
  return documentCheck(await tx.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: completenessSelect }));
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
  nominee: {
    select: {
      name: true,
      kind: true,
      subjectKind: true,
      position: true,
      personId: true,
      person: { select: { gender: true, birthDate: true } },
    },
  },
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
      awards: { select: { nomineeKind: true, title: true } },
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
  const targets: TargetView[] = judgeFigures(row.movement.targets, row.figures, row.nominee.subjectKind).map((judged) => ({
    id: judged.target.id,
    area: judged.target.area,
    label: judged.target.label,
    comparator: judged.target.comparator,
    threshold: judged.target.threshold.toString(),
    unit: judged.target.unit,
    optional: judged.target.optional,
    value: judged.value,
    notApplicable: judged.notApplicable,
    status: judged.status,
    requirement: judged.requirement,
  }));
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
    /** The title the movement confers with the form on this kind of nominee; null: none. */
    awardTitle: row.movement.awards.find((award) => award.nomineeKind === row.kind)?.title ?? null,
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

export const SCAN_REQUIRED_MESSAGE = "Vui lòng đính kèm bản scan biên bản họp có chữ ký (PDF, JPEG hoặc PNG) trước khi hoàn thành.";

/** Why `user` may not edit the dossier: another unit's (or no) dossier is 404, a dossier no longer editable 403. */
async function refusalFor(tx: Tx, user: CurrentUser, dossierId: string): Promise<Refusal> {
  const visible = await tx.dossier.findFirst({
    where: { AND: [{ id: dossierId }, visibleDossierWhere(user)] },
    select: { unitId: true, state: true },
  });
  if (!visible) return new Refusal(404, "Không tìm thấy hồ sơ.");
  if (!unitsWhereRole(user, "official").includes(visible.unitId)) {
    return new Refusal(403, "Chỉ cán bộ phụ trách của đơn vị trình khen mới được sửa hồ sơ này.");
  }
  return new Refusal(
    403,
    `Hồ sơ đang ở trạng thái «${DOSSIER_STATE_LABELS[visible.state]}»: chỉ sửa được khi là bản nháp hoặc khi được trả lại để bổ sung.`,
  );
}

type SaveDocumentInput = {
  user: CurrentUser;
  dossierId: string;
  kind: DocumentKind;
  data: Prisma.InputJsonValue;
  complete: boolean;
  figures?: Array<{ targetId: string; value: number | null; notApplicable: boolean }>;
  /** The signed scan of the minutes, stored with the rest (after the permission check). */
  scan?: { file: CheckedFile };
  /** The version the form was opened at (revisionOf its updatedAt); a newer save refuses this one. None: no check. */
  revision?: string | null;
  now?: Date;
};

/**
 * Saves one document of a dossier — its data, the figures of the achievement report, the signed scan
 * of the minutes — with its audit row, all in one transaction: an error leaves nothing half-saved.
 */
export async function saveDocument(input: SaveDocumentInput): Promise<Result> {
  return attempt(() => prisma.$transaction((tx) => saveDocumentIn(tx, input), { timeout: 20_000 }));
}

/** The same inside a caller's transaction (an import saves the reports of all its drafts in one); throws a Refusal. */
export async function saveDocumentIn(tx: Tx, input: SaveDocumentInput): Promise<{ ok: true }> {
  const { user, dossierId, kind, complete, now = new Date() } = input;
  // Serialises with a transition of this dossier: a submitted dossier takes no more edits.
  await tx.$queryRaw`SELECT id FROM "Dossier" WHERE id = ${dossierId} FOR UPDATE`;
  const dossier = await tx.dossier.findFirst({
    where: { AND: [{ id: dossierId }, editableDossierWhere(user)] },
    select: { id: true, state: true, movement: { select: { unitId: true } } },
  });
  if (!dossier) throw await refusalFor(tx, user, dossierId);
  if (input.revision) {
    const current = await tx.dossierDocument.findUnique({ where: { dossierId_kind: { dossierId, kind } }, select: { updatedAt: true } });
    checkRevision(input.revision, current?.updatedAt, DOCUMENT_LABELS[kind]);
  }

  let scanId: string | null = null;
  if (input.scan) {
    scanId = (await recordAttachment(tx, { dossierId, kind: "unit_minutes_scan", ...input.scan, uploadedById: user.id }, now)).id;
  }
  if (complete && kind === "unit_minutes" && !scanId) {
    const scans = await tx.attachment.count({ where: { dossierId, kind: "unit_minutes_scan", supersededAt: null } });
    if (scans === 0) throw new Refusal(422, SCAN_REQUIRED_MESSAGE, "scan");
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
}

/** Adds a file to a dossier ("tài liệu kèm theo"), with its audit row. */
export async function addAttachment(input: {
  user: CurrentUser;
  dossierId: string;
  file: CheckedFile;
  now?: Date;
}): Promise<Result<{ attachmentId: string }>> {
  const { user, dossierId, now = new Date() } = input;
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const dossier = await tx.dossier.findFirst({
        where: { AND: [{ id: dossierId }, editableDossierWhere(user)] },
        select: { id: true, state: true, movement: { select: { unitId: true } } },
      });
      if (!dossier) throw await refusalFor(tx, user, dossierId);
      // The bytes are written only now, after the permission check, in the transaction of the row.
      const { id, sha256 } = await recordAttachment(tx, { dossierId, kind: "other", file: input.file, uploadedById: user.id }, now);
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
          data: { attachmentId: id, fileName: input.file.fileName, sha256 },
        },
        now,
      );
      return { ok: true as const, attachmentId: id };
    }),
  );
}

/** One attachment of a dossier the user may see (the scope is in the query), for download. */
export function findVisibleAttachment(user: CurrentUser, dossierId: string, attachmentId: string) {
  return prisma.attachment.findFirst({
    where: { id: attachmentId, dossierId, dossier: visibleDossierWhere(user) },
    select: { fileName: true, mimeType: true, size: true, content: { select: { bytes: true } } },
  });
}
