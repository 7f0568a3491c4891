import { expect, test } from "vitest";
import { containsText, foldForSearch } from "~/utils/search.ts";

test("names fold to what people type without tone marks", () => {
  expect(foldForSearch("Nguyễn  Văn Hùng")).toBe("nguyen van hung");
  expect(foldForSearch("ĐẶNG Thị Mai")).toBe("dang thi mai");
  expect(foldForSearch("Bộ phận Địa chính - Xây dựng")).toBe("bo phan dia chinh - xay dung");
  // Composed and decomposed input fold alike.
  expect(foldForSearch("Nguy\u0065\u0302\u0303n")).toBe(foldForSearch("Nguyễn"));
});

test("search text for LIKE: folded, with its wildcards matching themselves", () => {
  expect(containsText("Phạm 100%")).toBe("pham 100\\%");
  expect(containsText("a_b\\c")).toBe("a\\_b\\\\c");
});
