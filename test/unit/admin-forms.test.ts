// The administration's form rules: the password rule and the kinds of units a unit may sit under.
import { describe, expect, test } from "vitest";
import { FirstRunSchema, NewUserSchema, PARENT_KINDS, passwordProblem } from "~/forms/admin.ts";
import { temporaryPassword } from "~/models/user-admin.server.ts";

describe("the password rule", () => {
  test.each([
    ["Ab1", "Mật khẩu phải có ít nhất 8 ký tự."],
    ["chiconchuthoi", "Mật khẩu phải có cả chữ và số."],
    ["1234567890", "Mật khẩu phải có cả chữ và số."],
    ["Password123", "Mật khẩu này quá phổ biến, dễ bị đoán; vui lòng chọn mật khẩu khác."],
    ["quantri2026", "Mật khẩu không được chứa tên đăng nhập."],
    ["nguyenvanhung1", "Mật khẩu không được chứa họ tên của bạn."],
  ])("%j is refused: %s", (password, message) => {
    expect(passwordProblem(password, { username: "quantri", fullName: "Nguyễn Văn Hùng" })).toBe(message);
  });

  test("a sensible password passes, and so does every temporary password the system makes", () => {
    expect(passwordProblem("Tam-Phuoc-2026", { username: "quantri" })).toBeNull();
    expect(passwordProblem("mùa thu 2026 đẹp")).toBeNull();
    for (let i = 0; i < 200; i++) expect(passwordProblem(temporaryPassword())).toBeNull();
  });

  test("the first-run form says which field is wrong", () => {
    const result = FirstRunSchema.safeParse({
      provinceName: "UBND tỉnh A",
      provincePlace: "A",
      username: "Quản trị",
      fullName: "Người A",
      gender: "male",
      password: "MatKhau2026",
      confirmPassword: "MatKhau2027",
    });
    expect(result.success).toBe(false);
    expect(Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]))).toEqual({
      username: "Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.",
      confirmPassword: "Hai lần nhập mật khẩu không khớp nhau.",
    });
  });
});

describe("accounts and units", () => {
  test("blank role rows are ignored, a half-filled one is an error beside its field", () => {
    const base = { username: "canbo.a", fullName: "Cán Bộ A", gender: "female", unitId: "u1" };
    const ok = NewUserSchema.safeParse({ ...base, grants: [{ role: "official", unitId: "u1" }, {}, {}] });
    expect(ok.success && ok.data.grants).toEqual([{ role: "official", unitId: "u1" }]);
    const half = NewUserSchema.safeParse({ ...base, grants: [{ role: "official" }] });
    expect(half.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["grants.0.unitId", "Vui lòng chọn đơn vị của vai trò."],
    ]);
  });

  test("the tree reads province → commune → its departments and hamlets", () => {
    expect(PARENT_KINDS.commune).toContain("province");
    expect(PARENT_KINDS.hamlet).toEqual(["commune"]);
    expect(PARENT_KINDS.province).toEqual([]);
  });
});
