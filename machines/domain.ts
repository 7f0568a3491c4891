// Words shared by the machines: who acts, what is nominated, and how it reads in Vietnamese.
// Pure: no I/O, no clock. Code in English, every string a user reads in Vietnamese.

export type Role = "official" | "secretary" | "council_member" | "chairman" | "vice_chairman" | "admin" | "system";

/** A role held in a unit: the unit is the scope of every permission check. */
export interface Grant {
  role: Role;
  unitId: string;
}

/** Who sends an event, as the server resolved them from the session. */
export interface Actor {
  userId: string;
  name: string;
  grants: Grant[];
  /** Movements for which a vice-chairman signs "KT. CHỦ TỊCH" on the chairman's behalf. */
  delegatedMovementIds?: string[];
}

/** Every event carries who sends it and when (the server's clock: machines never read one). */
export interface Sent {
  actor: Actor;
  /** ISO 8601 instant. */
  at: string;
}

export type NomineeKind = "individual" | "collective" | "household";
export type SubjectKind = "unit_head" | "civil_servant" | "part_time_worker" | "hamlet" | "household";
export type AwardForm = "commune_chairman_certificate";
export type AwardTitle = "advanced_worker" | "grassroots_emulation_fighter" | "advanced_collective" | "cultural_hamlet" | "cultural_family";

// The glossary (code → Vietnamese), one source for the machines' refusals and for every page. Labels are
// written as they read inside a sentence; a page that starts a line with one uses `capitalize`.

export const ROLE_LABELS: Record<Role, string> = {
  official: "cán bộ, công chức phụ trách",
  secretary: "Văn phòng UBND xã (thường trực Hội đồng TĐKT)",
  council_member: "thành viên Hội đồng TĐKT",
  chairman: "Chủ tịch UBND xã",
  vice_chairman: "Phó Chủ tịch UBND xã",
  admin: "quản trị hệ thống",
  system: "hệ thống (tác vụ tự động)",
};

export const NOMINEE_KIND_LABELS: Record<NomineeKind, string> = {
  individual: "cá nhân",
  collective: "tập thể",
  household: "hộ gia đình",
};

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  unit_head: "người đứng đầu",
  civil_servant: "cán bộ, công chức chuyên môn",
  part_time_worker: "người hoạt động không chuyên trách",
  hamlet: "tập thể ấp, khu phố",
  household: "hộ gia đình",
};

export const AWARD_FORM_LABELS: Record<AwardForm, string> = {
  commune_chairman_certificate: "Giấy khen của Chủ tịch UBND xã",
};

/** Danh hiệu thi đua, written as the law names them (always quoted, never lower-cased). */
export const AWARD_TITLE_LABELS: Record<AwardTitle, string> = {
  advanced_worker: "Lao động tiên tiến",
  grassroots_emulation_fighter: "Chiến sĩ thi đua cơ sở",
  advanced_collective: "Tập thể lao động tiên tiến",
  cultural_hamlet: "Thôn, tổ dân phố văn hóa",
  cultural_family: "Gia đình văn hóa",
};

/** Which titles may be conferred on which kind of nominee: a title of individuals is never given to a collective. */
export const AWARD_TITLES_BY_KIND: Record<NomineeKind, AwardTitle[]> = {
  individual: ["advanced_worker", "grassroots_emulation_fighter"],
  collective: ["advanced_collective", "cultural_hamlet"],
  household: ["cultural_family"],
};

/** "Danh hiệu “Lao động tiên tiến” và Giấy khen của Chủ tịch UBND xã", or the form alone when there is no title. */
export function awardLabel(form: string, title: string | null | undefined): string {
  return title ? `Danh hiệu “${title}” và ${form}` : form;
}

export type CouncilPosition = "chair" | "vice_chair" | "standing_member" | "member";

export const COUNCIL_POSITION_LABELS: Record<CouncilPosition, string> = {
  chair: "Chủ tịch Hội đồng",
  vice_chair: "Phó Chủ tịch Hội đồng",
  standing_member: "Ủy viên thường trực (Thư ký)",
  member: "Ủy viên",
};

const COUNCIL_POSITION_ORDER: CouncilPosition[] = ["chair", "vice_chair", "standing_member", "member"];

/** Council members in the order minutes and pages list them: chair, vice-chair, standing member, members. */
export function sortMembers<T extends { position: CouncilPosition }>(members: T[]): T[] {
  return [...members].sort((a, b) => COUNCIL_POSITION_ORDER.indexOf(a.position) - COUNCIL_POSITION_ORDER.indexOf(b.position));
}

/** "cán bộ, công chức" → "Cán bộ, công chức": a label at the start of a line. */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase("vi-VN") + text.slice(1);
}

/**
 * Whether `actor` holds one of `roles` in `unitId`. A vice-chairman acts only where
 * delegated: their grant counts only when `delegatedMovementIds` includes `movementId`.
 * The system actor is no exception: the server gives it a grant for the unit it acts in.
 */
export function actorHolds(actor: Actor | undefined, roles: readonly Role[], unitId: string, movementId: string): boolean {
  return (actor?.grants ?? []).some(
    (grant) =>
      roles.includes(grant.role) &&
      grant.unitId === unitId &&
      (grant.role !== "vice_chairman" || (actor?.delegatedMovementIds ?? []).includes(movementId)),
  );
}

/** "Chủ tịch UBND xã hoặc Phó Chủ tịch UBND xã được ủy quyền": who may send an event guarded by `roles`. */
export function whoMayAct(roles: readonly Role[]): string {
  // A vice-chairman acts only where delegated (actorHolds): the phrase says so.
  return joinOr(roles.map((role) => (role === "vice_chairman" ? `${ROLE_LABELS[role]} được ủy quyền` : ROLE_LABELS[role])));
}

/** "Bạn không có quyền «Phê duyệt» … Chỉ Chủ tịch UBND xã hoặc … của đơn vị tổ chức phong trào mới được thực hiện." */
export function roleRefusal(actionLabel: string, roles: readonly Role[], unitPhrase: string): string {
  const who = whoMayAct(roles);
  return `Bạn không có quyền «${actionLabel}». Chỉ ${who} ${unitPhrase} mới được thực hiện.`;
}

/** "A", "A hoặc B", "A, B hoặc C". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} hoặc ${items[items.length - 1]}`;
}

/** Quotas read "không quá 05 cá nhân" in the plans: at least two digits. */
export function twoDigits(n: number): string {
  return String(n).padStart(2, "0");
}

// Viet Nam has kept UTC+7 without daylight saving since 1975: a fixed offset, no Intl needed.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** An ISO instant as read in Viet Nam: "17:00 ngày 15/05/2023". */
export function formatVietnamTime(iso: string): string {
  const t = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(t.getUTCHours())}:${p(t.getUTCMinutes())} ngày ${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

export function isBlank(text: unknown): boolean {
  // Spaces, control and invisible format characters (zero-width, bidi marks) are nothing a reader can see.
  return typeof text !== "string" || text.replace(/[\p{Cc}\p{Cf}\p{Z}\s]/gu, "") === "";
}
