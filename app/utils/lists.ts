// What each list accepts in its URL (app/utils/list-query.ts): its states and sort keys with their labels.
// Shared by the loaders, the exports and the pages (no server-only imports here).
import { DOSSIER_STATES } from "#machines/index.ts";
import type { ListSpec } from "./list-query.ts";

/** Sort keys of the dossier list, the first the default. */
export const DOSSIER_SORTS = ["cap-nhat", "ten", "han-xu-ly", "ngay-lap"] as const;
export const DOSSIER_SORT_LABELS: Record<(typeof DOSSIER_SORTS)[number], string> = {
  "cap-nhat": "Mới cập nhật trước",
  ten: "Tên người được đề nghị (A → Z)",
  "han-xu-ly": "Hạn xử lý gần nhất trước",
  "ngay-lap": "Mới lập trước",
};
export const DOSSIER_LIST: ListSpec = {
  states: DOSSIER_STATES,
  subjectKinds: ["unit_head", "civil_servant", "part_time_worker", "hamlet", "household"],
  sorts: DOSSIER_SORTS,
};

/** Sort keys of the decisions list. */
export const DECISION_SORTS = ["ngay-ky-moi", "ngay-ky-cu", "so"] as const;
export const DECISION_SORT_LABELS: Record<(typeof DECISION_SORTS)[number], string> = {
  "ngay-ky-moi": "Ngày ký mới nhất trước",
  "ngay-ky-cu": "Ngày ký cũ nhất trước",
  so: "Số quyết định",
};
export const DECISION_LIST: ListSpec = { sorts: DECISION_SORTS };

/** States of a certificate, as the certificates list filters them. */
export const CERTIFICATE_STATES = ["hieu-luc", "thu-hoi"] as const;
export const CERTIFICATE_STATE_LABELS: Record<(typeof CERTIFICATE_STATES)[number], string> = {
  "hieu-luc": "Còn hiệu lực",
  "thu-hoi": "Đã thu hồi",
};
export const CERTIFICATE_SORTS = ["so-vang", "ngay-cap-moi", "ten"] as const;
export const CERTIFICATE_SORT_LABELS: Record<(typeof CERTIFICATE_SORTS)[number], string> = {
  "so-vang": "Số sổ vàng",
  "ngay-cap-moi": "Ngày cấp mới nhất trước",
  ten: "Tên người (tập thể) được khen (A → Z)",
};
export const CERTIFICATE_LIST: ListSpec = { states: CERTIFICATE_STATES, sorts: CERTIFICATE_SORTS };
