import { expect, test } from "vitest";
import { foldForSearch } from "~/utils/search.ts";

test("names fold to what people type without tone marks", () => {
  expect(foldForSearch("Nguyễn  Văn Hùng")).toBe("nguyen van hung");
  expect(foldForSearch("ĐẶNG Thị Mai")).toBe("dang thi mai");
  expect(foldForSearch("Bộ phận Địa chính - Xây dựng")).toBe("bo phan dia chinh - xay dung");
  // Composed and decomposed input fold alike.
  expect(foldForSearch("Nguy\u0065\u0302\u0303n")).toBe(foldForSearch("Nguyễn"));
});
