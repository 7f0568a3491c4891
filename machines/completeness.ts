// Completeness of a dossier (hồ sơ 01 bộ): the three documents completed, the signed scan of the
// unit's minutes, and a figure for every target that applies to the nominee. Pure: the SUBMIT and
// ACCEPT_SCREENING guards get its answer from the server, the screening queue shows the same answer.
import type { DocumentCheck } from "./dossier.ts";
import { targetsFor, type Figure } from "./figures.ts";

export type DocumentKind = "proposal" | "unit_minutes" | "achievement_report";

export const DOCUMENT_LABELS: Record<DocumentKind, string> = {
  proposal: "Tờ trình đề nghị khen thưởng",
  unit_minutes: "Biên bản họp Hội đồng TĐKT của đơn vị",
  achievement_report: "Báo cáo thành tích",
};

export const REQUIRED_DOCUMENTS: readonly DocumentKind[] = ["proposal", "unit_minutes", "achievement_report"];

export const SCAN_LABEL = "Bản scan Biên bản họp Hội đồng TĐKT của đơn vị (có chữ ký)";

/** What the check reads of a dossier (the shape of the model's `completenessSelect`). */
export type CompletenessFacts = {
  nominee: { subjectKind: string };
  /** The documents completed (a draft does not count). */
  documents: Array<{ kind: DocumentKind }>;
  /** The signed scans of the unit's minutes in force. */
  attachments: unknown[];
  figures: Figure[];
  movement: { targets: Array<{ id: string; label: string; optional: boolean; appliesTo: readonly string[] }> };
};

/**
 * The documents not yet completed (the minutes count only with their signed scan), and the targets that
 * apply to the nominee but have no figure ("(nếu có)" targets may be declared not applicable).
 */
export function documentCheck(dossier: CompletenessFacts): DocumentCheck {
  const completed = new Set(dossier.documents.map((document) => document.kind));
  const figures = new Map(dossier.figures.map((figure) => [figure.targetId, figure]));
  const missingTargets = targetsFor(dossier.movement.targets, dossier.nominee.subjectKind)
    .filter((target) => {
      const figure = figures.get(target.id);
      return !(figure && (figure.value !== null || (figure.notApplicable && target.optional)));
    })
    .map((target) => target.label);
  const missing = REQUIRED_DOCUMENTS.filter((kind) => !completed.has(kind)).map((kind) => DOCUMENT_LABELS[kind]);
  if (dossier.attachments.length === 0) missing.push(SCAN_LABEL);
  return { missing, missingTargets };
}
