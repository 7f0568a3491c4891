// Zod speaks Vietnamese everywhere (server and browser): a schema without its own message still
// answers in the user's language. Imported for its effect by app/root.tsx and app/forms/fields.ts.
import { z } from "zod";

z.config({
  ...z.locales.vi(),
  customError: (issue) => {
    // A field sent twice (a forged or doubled form) reaches a one-value field as a list.
    if (issue.code === "invalid_type" && Array.isArray(issue.input)) {
      return "Ô này chỉ nhận một giá trị nhưng biểu mẫu gửi lên nhiều giá trị. Vui lòng tải lại trang rồi nhập lại.";
    }
    if (issue.code === "too_big" && issue.origin === "string") return `Nội dung không quá ${String(issue.maximum)} ký tự.`;
    return undefined;
  },
});
