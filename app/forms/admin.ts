// The administration's forms (units, users, roles, passwords, the first run): one Zod schema each, shared by
// the browser (Conform) and the actions. Pure: no server-only imports.
import { z } from "zod";
import type { Gender, PersonKind, Role, UnitKind } from "~/generated/prisma/enums.ts";
import { foldForSearch } from "~/utils/search.ts";
import { vnDate, vnName, vnText } from "./fields.ts";
import { optionalText } from "./proposal.ts";

export const UNIT_KINDS = [
  "province",
  "district",
  "commune",
  "office",
  "department",
  "organisation",
  "hamlet",
] as const satisfies readonly UnitKind[];
export const ROLES = ["official", "secretary", "council_member", "chairman", "vice_chairman", "admin"] as const satisfies readonly Role[];
export const GENDERS = ["male", "female"] as const satisfies readonly Gender[];
export const PERSON_KINDS = ["cadre", "civil_servant", "part_time_worker", "worker", "household"] as const satisfies readonly PersonKind[];

/** The kinds a unit of each kind may sit under: the tree reads province → commune → its departments and hamlets. */
export const PARENT_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  province: [],
  district: ["province"],
  commune: ["province", "district"],
  office: ["commune"],
  department: ["commune", "department"],
  organisation: ["commune"],
  hamlet: ["commune"],
};

// ─── Passwords ──────────────────────────────────────────────────────────────

export const PASSWORD_MIN_LENGTH = 8;

// Passwords people reach for first; a longer list adds little once length, letters and digits are required.
const COMMON_PASSWORDS = new Set([
  "12345678",
  "123456789",
  "1234567890",
  "password",
  "password1",
  "password123",
  "matkhau1",
  "matkhau123",
  "abc12345",
  "abcd1234",
  "qwerty123",
  "admin123",
  "admin1234",
  "12345678a",
  "a12345678",
  "iloveyou1",
]);

/**
 * Why a password is not acceptable, in Vietnamese, or null. The rule: at least 8 characters, letters and
 * digits, not the username or the person's name, not one of the passwords everybody tries first.
 */
export function passwordProblem(password: string, who: { username?: string; fullName?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`;
  if (password.length > 200) return "Mật khẩu không quá 200 ký tự.";
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return "Mật khẩu phải có cả chữ và số.";
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "Mật khẩu này quá phổ biến, dễ bị đoán; vui lòng chọn mật khẩu khác.";
  const username = who.username?.trim().toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) return "Mật khẩu không được chứa tên đăng nhập.";
  // Compared without tone marks or spaces: "nguyenvanhung1" contains "Nguyễn Văn Hùng".
  const compactName = who.fullName ? foldForSearch(who.fullName).replace(/ /g, "") : "";
  if (compactName.length >= 4 && foldForSearch(password).replace(/ /g, "").includes(compactName)) {
    return "Mật khẩu không được chứa họ tên của bạn.";
  }
  return null;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;
const username = z
  .string({ error: "Vui lòng nhập tên đăng nhập." })
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, "Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.");

const email = z
  .string()
  .trim()
  .max(254, "Địa chỉ email quá dài (tối đa 254 ký tự).")
  .pipe(z.email({ error: "Địa chỉ email không hợp lệ (ví dụ: ten.nguoi@tamphuoc.gov.vn)." }))
  .optional();

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Vui lòng nhập mật khẩu hiện tại." }).min(1, "Vui lòng nhập mật khẩu hiện tại.").max(200),
    newPassword: z.string({ error: "Vui lòng nhập mật khẩu mới." }).max(200, "Mật khẩu không quá 200 ký tự."),
    confirmPassword: z.string({ error: "Vui lòng nhập lại mật khẩu mới." }).max(200),
    username: z.string().max(200).optional(),
    fullName: z.string().max(200).optional(),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.newPassword, value);
    if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
    else if (value.newPassword === value.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Mật khẩu mới phải khác mật khẩu hiện tại." });
    }
    if (value.confirmPassword !== value.newPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Hai lần nhập mật khẩu mới không khớp nhau." });
    }
  });

// ─── Units ──────────────────────────────────────────────────────────────────

export const UnitSchema = z
  .object({
    name: vnName({ label: "tên đơn vị", max: 200 }),
    kind: z.enum(UNIT_KINDS, { error: "Vui lòng chọn loại đơn vị." }),
    parentId: z.string().max(200).trim().optional(),
    placeName: optionalText("địa danh ghi trên văn bản", 100),
    authorityName: optionalText("tên cơ quan ghi trên văn bản", 200),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== "province" && !value.parentId) {
      ctx.addIssue({ code: "custom", path: ["parentId"], message: "Vui lòng chọn đơn vị cấp trên." });
    }
  });
export type UnitData = z.output<typeof UnitSchema>;

export const UnitHeadSchema = z.object({ headPersonId: z.string().max(200).trim().optional() });

export const EndUnitSchema = z.object({
  endedOn: vnDate({ label: "ngày kết thúc hoạt động" }),
  mergedIntoId: z.string().max(200).trim().optional(),
});

// ─── Users ──────────────────────────────────────────────────────────────────

/**
 * A role held in a unit. The forms show a few rows, blank ones included (no JavaScript needed to add one):
 * a row with neither role nor unit is ignored, a half-filled one is an error.
 */
const grantRow = z
  .object({ role: z.enum(ROLES, { error: "Vui lòng chọn vai trò." }).optional(), unitId: z.string().max(200).trim().optional() })
  .superRefine((row, ctx) => {
    if (row.role && !row.unitId) ctx.addIssue({ code: "custom", path: ["unitId"], message: "Vui lòng chọn đơn vị của vai trò." });
    if (!row.role && row.unitId) ctx.addIssue({ code: "custom", path: ["role"], message: "Vui lòng chọn vai trò." });
  });

export type GrantInput = { role: Role; unitId: string };

const grants = z
  .array(grantRow)
  .optional()
  .transform((rows) => (rows ?? []).filter((row): row is GrantInput => Boolean(row.role && row.unitId)))
  .superRefine((rows, ctx) => {
    const keys = rows.map((g) => `${g.role}:${g.unitId}`);
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: "custom", message: "Một vai trò tại cùng một đơn vị chỉ ghi một lần." });
    }
  });

/** Blank rows after the filled ones, so that a role can be added without JavaScript. */
export const BLANK_GRANT_ROWS = 2;

export const UserProfileSchema = z.object({
  fullName: vnName({ label: "họ và tên", max: 200 }),
  gender: z.enum(GENDERS, { error: "Vui lòng chọn Ông hoặc Bà." }),
  email,
  unitId: z.string({ error: "Vui lòng chọn đơn vị công tác." }).max(200).min(1, "Vui lòng chọn đơn vị công tác."),
  title: optionalText("chức vụ", 200),
});

export const NewUserSchema = UserProfileSchema.extend({
  username,
  personId: z.string().max(200).trim().optional(),
  personKind: z.enum(PERSON_KINDS).optional(),
  grants,
});
export type NewUserData = z.output<typeof NewUserSchema>;

export const GrantsSchema = z.object({ grants });

// ─── People ─────────────────────────────────────────────────────────────────

export const PersonSchema = z.object({
  fullName: vnName({ label: "họ và tên (hoặc tên hộ gia đình)", max: 200 }),
  kind: z.enum(PERSON_KINDS, { error: "Vui lòng chọn loại (cán bộ, công chức …)." }),
  gender: z.enum(GENDERS, { error: "Vui lòng chọn Ông hoặc Bà." }).optional(),
  birthDate: vnDate({ label: "ngày sinh" }).optional(),
  position: optionalText("chức vụ", 200),
  unitId: z.string({ error: "Vui lòng chọn đơn vị." }).max(200).min(1, "Vui lòng chọn đơn vị."),
});
export type PersonData = z.output<typeof PersonSchema>;

export const PriorAwardSchema = z.object({
  decisionNumber: vnText({ label: "số quyết định", max: 100 }),
  decidedOn: vnDate({ label: "ngày quyết định" }),
  form: vnText({ label: "hình thức khen thưởng", max: 200 }),
  issuer: vnText({ label: "cấp khen (người, cơ quan quyết định)", max: 200 }),
  note: optionalText("ghi chú", 500),
});

// ─── First run ──────────────────────────────────────────────────────────────

export const FirstRunSchema = z
  .object({
    provinceName: vnName({ label: "tên tỉnh, thành phố (ví dụ: UBND tỉnh Đồng Nai)", max: 200 }),
    provincePlace: vnText({ label: "địa danh của tỉnh ghi trên văn bản", max: 100 }),
    communeName: optionalText("tên xã, phường", 200),
    communePlace: optionalText("địa danh của xã ghi trên văn bản", 100),
    username,
    fullName: vnName({ label: "họ và tên người quản trị", max: 200 }),
    gender: z.enum(GENDERS, { error: "Vui lòng chọn Ông hoặc Bà." }),
    email,
    password: z.string({ error: "Vui lòng nhập mật khẩu." }).max(200, "Mật khẩu không quá 200 ký tự."),
    confirmPassword: z.string({ error: "Vui lòng nhập lại mật khẩu." }).max(200),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, value);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    if (value.confirmPassword !== value.password) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Hai lần nhập mật khẩu không khớp nhau." });
    }
    if (value.communePlace && !value.communeName) {
      ctx.addIssue({ code: "custom", path: ["communeName"], message: "Vui lòng nhập tên xã, phường (hoặc để trống cả địa danh)." });
    }
  });
export type FirstRunData = z.output<typeof FirstRunSchema>;
