// Vietnamese names of the codes stored in the database (glossary in DESIGN.md).
import type { AwardForm, Comparator, MovementState, NomineeKind, Role, SubjectKind, UnitKind } from "~/generated/prisma/enums.ts";

export const ROLE_LABELS: Record<Role, string> = {
  official: "Cán bộ, công chức phụ trách",
  secretary: "Văn phòng UBND xã (thường trực Hội đồng)",
  council_member: "Thành viên Hội đồng TĐKT",
  chairman: "Chủ tịch UBND xã",
  vice_chairman: "Phó Chủ tịch UBND xã",
  admin: "Quản trị hệ thống",
};

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: "Tỉnh, thành phố",
  district: "Huyện",
  commune: "Xã, phường",
  office: "Văn phòng",
  department: "Bộ phận, ban ngành",
  organisation: "Mặt trận, đoàn thể",
  hamlet: "Ấp, khu phố",
};

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  unit_head: "Người đứng đầu",
  civil_servant: "Cán bộ, công chức chuyên môn",
  part_time_worker: "Người hoạt động không chuyên trách",
  hamlet: "Tập thể khu phố, ấp",
  household: "Hộ gia đình",
};

export const NOMINEE_KIND_LABELS: Record<NomineeKind, string> = {
  individual: "cá nhân",
  collective: "tập thể",
  household: "hộ gia đình",
};

export const AWARD_FORM_LABELS: Record<AwardForm, string> = {
  commune_chairman_certificate: "Giấy khen của Chủ tịch UBND xã",
};

export const MOVEMENT_STATE_LABELS: Record<MovementState, string> = {
  draft: "Đang soạn",
  open: "Đang phát động",
  closed: "Đã kết thúc nhận hồ sơ",
  finished: "Đã tổng kết",
};

export const COMPARATOR_SYMBOLS: Record<Comparator, string> = { gte: "≥", lte: "≤", eq: "=" };
