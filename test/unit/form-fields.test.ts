import { describe, expect, test } from "vitest";
import { z } from "zod";
import { parseVietnameseDate, parseVietnameseNumber, vnDate, vnNumber } from "~/forms/fields.ts";

describe("Vietnamese numbers", () => {
  test.each([
    ["99,6", 99.6],
    ["99.6", 99.6],
    [" 100 ", 100],
    ["1.234,5", 1234.5],
    ["1.234", 1234],
    ["35%", 35],
    ["0", 0],
  ])("%s reads as %d", (input, expected) => {
    expect(parseVietnameseNumber(input)).toBe(expected);
  });

  test.each(["", "abc", "99,6,1", "9 9", "1.23,4"])("%j is not a number", (input) => {
    expect(parseVietnameseNumber(input)).toBeNull();
  });

  test("a number field explains itself in Vietnamese", () => {
    const schema = z.object({ rate: vnNumber({ label: "tỷ lệ", min: 0, max: 100 }) });
    expect(schema.parse({ rate: "99,6" })).toEqual({ rate: 99.6 });
    expect(schema.safeParse({}).error?.issues[0]?.message).toBe("Vui lòng nhập tỷ lệ.");
    expect(schema.safeParse({ rate: "nhiều" }).error?.issues[0]?.message).toBe("Tỷ lệ phải là một số (ví dụ: 99,6).");
    expect(schema.safeParse({ rate: "100,5" }).error?.issues[0]?.message).toBe("Tỷ lệ không được lớn hơn 100.");
  });
});

describe("dates dd/mm/yyyy", () => {
  test("read as calendar days", () => {
    expect(parseVietnameseDate("03/04/2023")).toBe("2023-04-03");
    expect(parseVietnameseDate("3/4/2023")).toBe("2023-04-03");
    expect(parseVietnameseDate("29/02/2024")).toBe("2024-02-29");
  });
  test.each(["29/02/2023", "31/04/2023", "2023-04-03", "03/04/23", ""])("%j is refused", (input) => {
    expect(parseVietnameseDate(input)).toBeNull();
  });
  test("a date field explains itself in Vietnamese", () => {
    const schema = z.object({ day: vnDate({ label: "ngày họp" }) });
    expect(schema.safeParse({ day: "31/02/2023" }).error?.issues[0]?.message).toBe(
      "Ngày họp phải có dạng ngày/tháng/năm, ví dụ 03/04/2023.",
    );
  });
});
