// What the dossier's pages share: the heading, and the loader and action of its three document forms
// (Tờ trình, Biên bản, Báo cáo thành tích). Request-level: cookies, redirects, Conform replies.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import {
  AWARD_FORM_LABELS,
  AWARD_TITLE_LABELS,
  DOSSIER_STATE_LABELS,
  NOMINEE_KIND_LABELS,
  SUBJECT_KIND_LABELS,
  awardLabel,
  capitalize,
} from "#machines/index.ts";
import type { DossierHeading } from "~/components/dossier/dossier-header.tsx";
import { saveModeOf, type SaveMode } from "~/forms/proposal.ts";
import { postedRevision } from "~/forms/revision.ts";
import type { DocumentKind, Prisma } from "~/generated/prisma/client.ts";
import { ALLOWED_TYPES, checkUpload, type CheckedFile } from "~/models/attachment.server.ts";
import { loadDossier, saveDocument, type LoadedDossierView } from "~/models/dossier-documents.server.ts";
import { editableDossierWhere } from "~/models/dossier-scope.server.ts";
import { getUser, requireUser } from "./auth.server.ts";
import { formatDate } from "./format.ts";
import { discardFormDraft, restoreFormDraft, stashAndSignIn } from "./form-draft.server.ts";
import { invariantResponse } from "./http.ts";
import { throwIfNotFound } from "./respond.server.ts";
import { fileOf, readForm } from "./upload.server.ts";

/** The heading every page of the dossier shows (components/dossier/dossier-header.tsx). */
export function headingOf(dossier: LoadedDossierView): DossierHeading {
  const nominee = dossier.nominee;
  return {
    id: dossier.id,
    nomineeName: nominee.name,
    nomineeDescription: [
      `${capitalize(NOMINEE_KIND_LABELS[nominee.kind])} · ${SUBJECT_KIND_LABELS[nominee.subjectKind]}`,
      nominee.position,
      awardLabel(AWARD_FORM_LABELS[dossier.awardForm], dossier.awardTitle && AWARD_TITLE_LABELS[dossier.awardTitle]),
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
  if (!user) throw await stashAndSignIn({ request, dossierId, path, formData });

  const dossier = await loadDossier(user, dossierId);
  invariantResponse(dossier, "Không tìm thấy hồ sơ.", { status: 404 });
  const mode = saveModeOf(formData);
  const submission = parseWithZod(formData, { schema: args.schema(mode, dossier) });
  // A list button (add or remove a row) only redraws the form; errors are a 400.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });

  let scan: { file: CheckedFile } | undefined;
  if (args.scanField && dossier.editable) {
    const field = args.scanField;
    if (tooLarge.has(field)) {
      return data(submission.reply({ fieldErrors: { [field]: [`Tệp «${tooLarge.get(field)}» vượt quá 10 MB.`] } }), { status: 400 });
    }
    const file = fileOf(formData, field);
    if (file) {
      const checked = await checkUpload(file, ALLOWED_TYPES.unit_minutes_scan);
      if (!checked.ok) return data(submission.reply({ fieldErrors: { [field]: [checked.message] } }), { status: 400 });
      scan = { file: checked.file }; // stored by saveDocument, after its permission check
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
    revision: postedRevision(formData),
  });
  if (!result.ok) {
    throwIfNotFound(result);
    const reply = result.field
      ? submission.reply({ fieldErrors: { [result.field]: [result.message] } })
      : submission.reply({ formErrors: [result.message] });
    return data(reply, { status: result.status });
  }
  const cleared = await discardFormDraft(request);
  return redirect(`${path}?da-luu=${mode}`, cleared ? { headers: { "Set-Cookie": cleared } } : undefined);
}
