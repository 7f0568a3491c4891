// Mẫu số 07 (Báo cáo thành tích) as printed: what the print view, the Word export and the PDF show,
// from the saved report and the judged figures. Pure: no I/O.
import { AWARD_FORM_LABELS, AWARD_TITLE_LABELS, FIGURE_STATUS_LABELS, awardLabel, withUnit } from "#machines/index.ts";
import { SEX_LABELS, type AchievementReportData } from "~/forms/achievement-report.ts";
import { formatIsoDate } from "~/forms/fields.ts";
import type { LoadedDossierView } from "~/models/dossier-documents.server.ts";

/** "Tam Phước, ngày 03 tháng 04 năm 2023" (an empty place reads "……"). */
export function placeAndIsoDate(place: string | null | undefined, iso: string | undefined): string {
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
    placeDate: placeAndIsoDate(place, report.confirmedOn),
    title: "BÁO CÁO THÀNH TÍCH",
    award: `ĐỀ NGHỊ TẶNG ${upper(awardLabel(AWARD_FORM_LABELS[dossier.awardForm], dossier.awardTitle && AWARD_TITLE_LABELS[dossier.awardTitle]))}`,
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
