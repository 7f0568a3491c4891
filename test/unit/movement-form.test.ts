// The movement form's schema, as the browser and the actions run it: through Conform's parseWithZod on FormData.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import { MovementSchema, endOfVietnamDay, parseVndAmount, vietnamYear } from "~/forms/movement.ts";

type Entries = Array<[string, string]>;

const VALID: Entries = [
  ["title", "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính"],
  ["year", "2023"],
  ["planNumber", "125/KH-UBND"],
  ["legalBasis[0]", "Thực hiện Kế hoạch số 3294/KH-UBND ngày 03/4/2023 của UBND huyện Long Điền"],
  ["scope", "Phong trào được triển khai tại UBND xã Tam Phước."],
  ["subjectKinds", "unit_head"],
  ["subjectKinds", "civil_servant"],
  ["targets[0].area", "Về cải cách thủ tục hành chính"],
  ["targets[0].label", "Giải quyết hồ sơ TTHC đúng hạn"],
  ["targets[0].comparator", "gte"],
  ["targets[0].threshold", "99,6"],
  ["targets[0].unit", "%"],
  ["targets[1].label", "Văn bản trả lời kiến nghị quá hạn"],
  ["targets[1].comparator", "lte"],
  ["targets[1].threshold", "0"],
  ["targets[1].unit", "văn bản"],
  ["targets[1].optional", "on"],
  ["targets[1].appliesTo", "unit_head"],
  ["awards.individual.form", "commune_chairman_certificate"],
  ["awards.individual.title", ""],
  ["awards.collective.form", "commune_chairman_certificate"],
  ["awards.collective.title", ""],
  ["awards.household.form", "commune_chairman_certificate"],
  ["awards.household.title", ""],
  ["quotas.individual", "5"],
  ["quotas.collective", ""],
  ["quotas.household", ""],
  ["submissionDeadline", "15/05/2023"],
  ["screeningDays", "5"],
  ["decisionDays", "12"],
];

function parse(entries: Entries) {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return parseWithZod(formData, { schema: MovementSchema });
}

/** VALID with `name` replaced by `value` (or removed when value is null). */
function withField(name: string, value: string | null, entries = VALID): Entries {
  const rest = entries.filter(([key]) => key !== name);
  return value === null ? rest : [...rest, [name, value]];
}

function errorsOf(entries: Entries): Record<string, string[] | null> {
  const submission = parse(entries);
  expect(submission.status).toBe("error");
  return (submission.reply().error ?? {}) as Record<string, string[] | null>;
}

describe("a valid movement", () => {
  test("reads numbers with the Vietnamese decimal comma, dates as calendar days, empty quotas as no cap", () => {
    const submission = parse(VALID);
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({
      year: 2023,
      legalBasis: ["Thực hiện Kế hoạch số 3294/KH-UBND ngày 03/4/2023 của UBND huyện Long Điền"],
      subjectKinds: ["unit_head", "civil_servant"],
      awards: { individual: { form: "commune_chairman_certificate" } },
      quotas: { individual: 5 },
      submissionDeadline: "2023-05-15",
      screeningDays: 5,
      decisionDays: 12,
    });
    expect(submission.value.quotas.collective).toBeUndefined();
    expect(submission.value.targets).toEqual([
      {
        area: "Về cải cách thủ tục hành chính",
        label: "Giải quyết hồ sơ TTHC đúng hạn",
        comparator: "gte",
        threshold: 99.6,
        unit: "%",
        optional: false,
        appliesTo: [],
      },
      {
        area: undefined,
        label: "Văn bản trả lời kiến nghị quá hạn",
        comparator: "lte",
        threshold: 0,
        unit: "văn bản",
        optional: true,
        appliesTo: ["unit_head"],
      },
    ]);
  });

  test("each kind of nominee it covers gets its form and, when chosen, a title that fits the kind; the other kinds none", () => {
    const entries = withField("awards.individual.title", "advanced_worker", [...VALID, ["subjectKinds", "hamlet"]]);
    const submission = parse(withField("awards.collective.title", "cultural_hamlet", entries));
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value.awards).toEqual({
      individual: { form: "commune_chairman_certificate", title: "advanced_worker" },
      collective: { form: "commune_chairman_certificate", title: "cultural_hamlet" },
      household: { form: "commune_chairman_certificate" },
    });
    // A movement of individuals only needs no form for collectives: that row is not used.
    expect(parse(withField("awards.collective.form", null)).status).toBe("success");
  });

  test.each([
    ["99,6", 99.6],
    ["99.6", 99.6],
    ["1.234,5", 1234.5],
    ["100", 100],
  ])("threshold %j reads as %d", (text, value) => {
    const submission = parse(withField("targets[0].unit", "người", withField("targets[0].threshold", text)));
    expect(submission.status === "success" && submission.value.targets[0]!.threshold).toBe(value);
  });

  test.each<[string | null, number | undefined]>([
    ["200.000", 200000],
    ["200000", 200000],
    ["1.500.000", 1500000],
    [" 200.000 đồng ", 200000],
    ["100.000.000", 100000000],
    ["0", 0],
    ["", undefined],
    [null, undefined],
  ])("prize money %j reads as %j đồng (empty: no prize)", (text, value) => {
    const submission = parse(withField("prizeAmount", text));
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value.prizeAmount).toBe(value);
  });

  test("a draft may have no target yet (launching needs one)", () => {
    const submission = parse(VALID.filter(([name]) => !name.startsWith("targets")));
    expect(submission.status).toBe("success");
  });
});

describe("each invalid field says what is wrong, in Vietnamese, next to it", () => {
  test.each<[string, string | null, string, string]>([
    ["title", null, "title", "Vui lòng nhập tên phong trào."],
    ["title", "   ", "title", "Vui lòng nhập tên phong trào."],
    ["year", "năm nay", "year", "Năm phải là một số (ví dụ: 99,6)."],
    ["year", "1999", "year", "Năm không được nhỏ hơn 2000."],
    ["year", "2023,5", "year", "Năm phải là số nguyên."],
    ["legalBasis[0]", null, "legalBasis", "Vui lòng nhập ít nhất một căn cứ (ví dụ: Thực hiện Kế hoạch số … ngày … của …)."],
    ["subjectKinds", null, "subjectKinds", "Vui lòng chọn ít nhất một đối tượng thi đua."],
    ["subjectKinds", "nguoi_ngoai", "subjectKinds[0]", "Đối tượng thi đua không hợp lệ."],
    ["targets[0].label", null, "targets[0].label", "Vui lòng nhập nội dung chỉ tiêu."],
    ["targets[0].comparator", "gt", "targets[0].comparator", "Vui lòng chọn phép so sánh (≥, ≤, =)."],
    ["targets[0].threshold", "nhiều", "targets[0].threshold", "Mức chỉ tiêu phải là một số (ví dụ: 99,6)."],
    ["targets[0].threshold", "-1", "targets[0].threshold", "Mức chỉ tiêu không được nhỏ hơn 0."],
    [
      "targets[0].threshold",
      "100,5",
      "targets[0].threshold",
      "Tỷ lệ phần trăm không được lớn hơn 100%. Phần thập phân ghi sau dấu phẩy (ví dụ 99,5); dấu chấm là dấu ngăn cách hàng nghìn.",
    ],
    [
      "targets[0].threshold",
      "1.334",
      "targets[0].threshold",
      "Tỷ lệ phần trăm không được lớn hơn 100%. Phần thập phân ghi sau dấu phẩy (ví dụ 99,5); dấu chấm là dấu ngăn cách hàng nghìn.",
    ],
    ["targets[0].unit", null, "targets[0].unit", "Vui lòng nhập đơn vị tính."],
    ["targets[1].appliesTo", "household", "targets[1].appliesTo", "Đối tượng áp dụng phải nằm trong các đối tượng thi đua của phong trào."],
    ["targets[1].label", "Giải quyết hồ sơ TTHC đúng hạn", "targets[1].label", "Chỉ tiêu này trùng với chỉ tiêu số 1."],
    ["awards.individual.form", null, "awards.individual.form", "Vui lòng chọn hình thức khen thưởng cho cá nhân."],
    ["awards.individual.form", "bang_khen", "awards.individual.form", "Hình thức khen thưởng không hợp lệ."],
    ["awards.individual.title", "chien_si_thi_dua", "awards.individual.title", "Danh hiệu thi đua không hợp lệ."],
    [
      "awards.individual.title",
      "cultural_hamlet",
      "awards.individual.title",
      "Danh hiệu «Thôn, tổ dân phố văn hóa» không dùng để tặng cho cá nhân.",
    ],
    [
      "awards.collective.title",
      "advanced_collective",
      "awards.collective.title",
      "Phong trào không có đối tượng thi đua là tập thể: bỏ chọn danh hiệu này hoặc chọn thêm đối tượng thi đua.",
    ],
    ["quotas.individual", "0", "quotas.individual", "Số lượng khen thưởng không được nhỏ hơn 1."],
    ["quotas.individual", "2,5", "quotas.individual", "Số lượng khen thưởng phải là số nguyên."],
    ["prizeAmount", "abc", "prizeAmount", "Tiền thưởng phải là một số tiền (ví dụ: 200.000)."],
    ["prizeAmount", "200.00", "prizeAmount", "Tiền thưởng phải là một số tiền (ví dụ: 200.000)."],
    ["prizeAmount", "-200.000", "prizeAmount", "Tiền thưởng không được nhỏ hơn 0."],
    ["prizeAmount", "-1", "prizeAmount", "Tiền thưởng không được nhỏ hơn 0."],
    ["prizeAmount", "100.000.001", "prizeAmount", "Tiền thưởng không được lớn hơn 100.000.000 đồng."],
    ["prizeAmount", "1.000.000.000", "prizeAmount", "Tiền thưởng không được lớn hơn 100.000.000 đồng."],
    // "200,000" would be 200 with the decimal comma of the other number fields: refused, not misread.
    ["prizeAmount", "200,000", "prizeAmount", "Tiền thưởng là số đồng chẵn, dùng dấu chấm ngăn cách hàng nghìn (ví dụ: 200.000)."],
    ["prizeAmount", "200.000,5", "prizeAmount", "Tiền thưởng là số đồng chẵn, dùng dấu chấm ngăn cách hàng nghìn (ví dụ: 200.000)."],
    ["submissionDeadline", null, "submissionDeadline", "Vui lòng nhập hạn nộp hồ sơ."],
    ["submissionDeadline", "31/04/2023", "submissionDeadline", "Hạn nộp hồ sơ phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."],
    ["submissionDeadline", "2023-05-15", "submissionDeadline", "Hạn nộp hồ sơ phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."],
    ["screeningDays", "0", "screeningDays", "Số ngày làm việc để thẩm định không được nhỏ hơn 1."],
    ["decisionDays", null, "decisionDays", "Vui lòng nhập số ngày làm việc để ra quyết định."],
  ])("%s = %j", (name, value, path, message) => {
    const errors = errorsOf(withField(name, value));
    expect(errors[path]).toEqual([message]);
    // Only that field is wrong.
    expect(Object.keys(errors).filter((key) => errors[key]?.length)).toEqual([path]);
  });

  test("an empty row of legal basis is named by its position", () => {
    expect(errorsOf([...VALID, ["legalBasis[1]", ""]])["legalBasis[1]"]).toEqual(["Vui lòng nhập nội dung căn cứ."]);
  });
});

describe("rows are added and removed by submit buttons, so it works without JavaScript", () => {
  test("an insert intent adds a target row and reports no error", () => {
    const intent = JSON.stringify({ type: "insert", payload: { name: "targets", defaultValue: { comparator: "gte", unit: "%" } } });
    const submission = parse([...VALID, ["__intent__", intent]]);
    expect(submission.status).toBeUndefined();
    const reply = submission.reply();
    expect((reply.initialValue as { targets: unknown[] }).targets).toHaveLength(3);
  });

  test("a remove intent removes the row", () => {
    const intent = JSON.stringify({ type: "remove", payload: { name: "targets", index: 0 } });
    const reply = parse([...VALID, ["__intent__", intent]]).reply();
    const targets = (reply.initialValue as { targets: Array<{ label: string }> }).targets;
    expect(targets.map((t) => t.label)).toEqual(["Văn bản trả lời kiến nghị quá hạn"]);
  });
});

describe("prize money", () => {
  test("parseVndAmount reads whole đồng with dot thousands separators only", () => {
    expect(parseVndAmount("200.000")).toBe(200000);
    expect(parseVndAmount("200000")).toBe(200000);
    expect(parseVndAmount("200.000đ")).toBe(200000);
    expect(parseVndAmount("-0")).toBe(0);
    expect(Object.is(parseVndAmount("-0"), -0)).toBe(false);
    for (const text of ["", "abc", "200,000", "20.00", "200.000,5", "2e5", "1.2.3", "99999999999999999999"])
      expect(parseVndAmount(text)).toBeNull();
  });
});

describe("time", () => {
  test("the deadline is the end of that day in Viet Nam", () => {
    expect(endOfVietnamDay("2023-05-15").toISOString()).toBe("2023-05-15T16:59:59.999Z");
    expect(vietnamYear(new Date("2023-12-31T17:00:00Z"))).toBe(2024);
  });
});
