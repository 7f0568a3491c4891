// npm run setup -- --tinh "UBND tỉnh Đồng Nai" --dia-danh "Đồng Nai" [--xa "UBND xã An Phước" --dia-danh-xa "An Phước"]
//                  --ten-dang-nhap quantri --ho-ten "Nguyễn Văn A" --danh-xung ong|ba [--email a@b.vn]
// The first run from a terminal (same rules as the page /khoi-tao): the province, the commune if given, and the
// first admin with a temporary password printed once, to be changed at the first sign-in. Only on an installation
// without any account.
import { parseArgs } from "node:util";
import { FirstRunSchema } from "~/forms/admin.ts";
import { firstRun } from "~/models/first-run.server.ts";
import { temporaryPassword } from "~/models/user-admin.server.ts";
import { database } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";

const { values } = parseArgs({
  options: {
    tinh: { type: "string" },
    "dia-danh": { type: "string" },
    xa: { type: "string" },
    "dia-danh-xa": { type: "string" },
    "ten-dang-nhap": { type: "string" },
    "ho-ten": { type: "string" },
    "danh-xung": { type: "string" },
    email: { type: "string" },
  },
});

const password = temporaryPassword();
const parsed = FirstRunSchema.safeParse({
  provinceName: values.tinh,
  provincePlace: values["dia-danh"],
  communeName: values.xa,
  communePlace: values["dia-danh-xa"],
  username: values["ten-dang-nhap"],
  fullName: values["ho-ten"],
  gender: values["danh-xung"] === "ong" ? "male" : values["danh-xung"] === "ba" ? "female" : undefined,
  email: values.email,
  password,
  confirmPassword: password,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
  console.error(
    'Cách dùng: npm run setup -- --tinh "UBND tỉnh …" --dia-danh "…" [--xa "UBND xã …" --dia-danh-xa "…"] --ten-dang-nhap quantri --ho-ten "…" --danh-xung ong|ba [--email …]',
  );
  process.exit(2);
}

const db = database();
try {
  await migrate(db.sql);
  const v = parsed.data;
  const result = await firstRun({
    province: { name: v.provinceName, placeName: v.provincePlace },
    commune: v.communeName ? { name: v.communeName, placeName: v.communePlace } : null,
    admin: { username: v.username, fullName: v.fullName, gender: v.gender, email: v.email, password, mustChangePassword: true },
  });
  if (!result.ok) {
    console.error(result.message);
    process.exitCode = 1;
  } else {
    console.log(`Đã khởi tạo. Tài khoản quản trị: ${v.username}`);
    console.log(`Mật khẩu tạm thời (chỉ hiện một lần, đổi khi đăng nhập lần đầu): ${password}`);
  }
} finally {
  await db.close();
}
