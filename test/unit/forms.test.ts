// The four form schemas, parsed the way the browser and the action parse them (Conform + Zod).
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { evaluateFigure, targetsFor, thresholdText } from "#machines/figures.ts";
import { NO_FIGURES_MESSAGE, achievementReportSchema, evaluateFigureInput, type ReportTarget } from "~/forms/achievement-report.ts";
import { NewDossierSchema } from "~/forms/nominee.ts";
import { proposalSchema } from "~/forms/proposal.ts";
import { unitMinutesSchema } from "~/forms/unit-minutes.ts";

function formData(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

function parse<Schema extends z.ZodType>(schema: Schema, fields: Record<string, string | string[]>) {
  const submission = parseWithZod(formData(fields), { schema });
  const reply = submission.reply();
  return {
    status: submission.status,
    value: submission.status === "success" ? submission.value : null,
    errors: reply.error ?? {},
  };
}

/** Every error message of a parse, by field name. */
const errorsOf = (result: ReturnType<typeof parse>) => result.errors as Record<string, string[] | null>;

const PROPOSAL = {
  number: "12/TTr-TP",
  date: "20/11/2023",
  submittingUnit: "Bộ phận Tư pháp - Hộ tịch",
  addressee: "Chủ tịch UBND xã Tam Phước",
  reasons: "Có thành tích xuất sắc trong cải cách hành chính năm 2023.",
  "nominees[0].name": "Trần Văn Thành",
  "nominees[0].position": "Công chức Tư pháp - Hộ tịch",
  "nominees[0].awardForm": "commune_chairman_certificate",
};

describe("Tờ trình", () => {
  test("a complete proposal parses; the date becomes a calendar day", () => {
    const result = parse(proposalSchema("complete"), PROPOSAL);
    expect(result.status).toBe("success");
    expect(result.value).toMatchObject({
      date: "2023-11-20",
      nominees: [{ name: "Trần Văn Thành", awardForm: "commune_chairman_certificate" }],
    });
  });

  test.each([
    ["number", "", "Vui lòng nhập số tờ trình."],
    ["date", "2023-11-20", "Ngày tờ trình phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."],
    ["date", "31/02/2023", "Ngày tờ trình phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."],
    ["submittingUnit", "", "Vui lòng nhập đơn vị trình."],
    ["addressee", "  ", "Vui lòng nhập nơi nhận (Kính gửi)."],
    ["reasons", "", "Vui lòng nhập lý do, căn cứ đề nghị."],
    ["nominees[0].name", "", "Vui lòng nhập tên cá nhân, tập thể được đề nghị."],
    ["nominees[0].awardForm", "bang_khen", "Vui lòng chọn hình thức khen thưởng."],
  ])("%s = %j is refused: %s", (field, value, message) => {
    const result = parse(proposalSchema("complete"), { ...PROPOSAL, [field]: value });
    expect(result.status).toBe("error");
    expect(errorsOf(result)[field]).toEqual([message]);
  });

  test("without any nominee it cannot be completed", () => {
    const { "nominees[0].name": _n, "nominees[0].position": _p, "nominees[0].awardForm": _a, ...rest } = PROPOSAL;
    const result = parse(proposalSchema("complete"), rest);
    expect(errorsOf(result).nominees).toEqual(["Tờ trình phải có ít nhất một cá nhân, tập thể được đề nghị khen thưởng."]);
  });

  test("a draft keeps whatever is filled, but a filled field must be well-formed", () => {
    expect(parse(proposalSchema("draft"), { number: "12/TTr-TP" })).toMatchObject({ status: "success", value: { number: "12/TTr-TP" } });
    expect(parse(proposalSchema("draft"), { "nominees[0].name": "Trần Văn Thành" }).status).toBe("success");
    const bad = parse(proposalSchema("draft"), { date: "20-11-2023" });
    expect(errorsOf(bad).date).toEqual(["Ngày tờ trình phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."]);
  });
});

const MINUTES = {
  date: "18/11/2023",
  place: "Hội trường Bộ phận Tư pháp",
  chair: "Nguyễn Văn Chủ",
  secretary: "Lê Thị Ký",
  present: "5",
  total: "6",
  "votes[0].nominee": "Trần Văn Thành",
  "votes[0].agree": "5",
  "votes[0].total": "5",
  conclusion: "Thống nhất đề nghị tặng Giấy khen.",
};

describe("Biên bản họp", () => {
  test("valid minutes parse into numbers", () => {
    const result = parse(unitMinutesSchema("complete"), MINUTES);
    expect(result.status).toBe("success");
    expect(result.value).toMatchObject({ date: "2023-11-18", present: 5, total: 6, votes: [{ agree: 5, total: 5 }] });
  });

  test.each([
    ["date", "18/13/2023", "Ngày họp phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."],
    ["place", "", "Vui lòng nhập địa điểm họp."],
    ["chair", "", "Vui lòng nhập họ tên người chủ trì."],
    ["secretary", "", "Vui lòng nhập họ tên thư ký."],
    ["present", "năm", "Số thành viên có mặt phải là một số (ví dụ: 99,6)."],
    ["present", "4,5", "Số thành viên có mặt phải là số nguyên."],
    ["present", "7", "Số thành viên có mặt không được lớn hơn tổng số thành viên."],
    ["total", "0", "Tổng số thành viên Hội đồng phải lớn hơn 0."],
    ["votes[0].agree", "6", "Số phiếu đồng ý không được lớn hơn tổng số phiếu."],
    ["votes[0].nominee", "", "Vui lòng nhập tên người (tập thể) được bỏ phiếu."],
    ["conclusion", "", "Vui lòng nhập kết luận cuộc họp."],
  ])("%s = %j is refused: %s", (field, value, message) => {
    const result = parse(unitMinutesSchema("complete"), { ...MINUTES, [field]: value });
    expect(result.status).toBe("error");
    expect(errorsOf(result)[field]).toEqual([message]);
  });

  test("a vote cannot count more ballots than members present", () => {
    const result = parse(unitMinutesSchema("complete"), { ...MINUTES, present: "4", "votes[0].agree": "4" });
    expect(errorsOf(result)["votes[0].total"]).toEqual(["Tổng số phiếu không được lớn hơn số thành viên có mặt."]);
  });

  test("a draft needs nothing but checks the numbers it has", () => {
    expect(parse(unitMinutesSchema("draft"), { place: "Hội trường" }).status).toBe("success");
    expect(errorsOf(parse(unitMinutesSchema("draft"), { present: "9", total: "5" })).present).toEqual([
      "Số thành viên có mặt không được lớn hơn tổng số thành viên.",
    ]);
  });
});

const TARGETS: ReportTarget[] = [
  { id: "t1", area: null, label: "Hồ sơ TTHC giải quyết đúng hạn", comparator: "gte", threshold: "99", unit: "%", optional: false },
  { id: "t2", area: null, label: "Văn bản QPPL đúng quy định (nếu có)", comparator: "gte", threshold: "100", unit: "%", optional: true },
  { id: "t3", area: null, label: "Cán bộ bị xử lý kỷ luật", comparator: "eq", threshold: "0", unit: "người", optional: false },
];

const INDIVIDUAL = {
  fullName: "Trần Văn Thành",
  birthDate: "01/05/1985",
  sex: "male",
  position: "Công chức Tư pháp - Hộ tịch",
  unitName: "Bộ phận Tư pháp - Hộ tịch",
  duties: "Tham mưu công tác tư pháp, hộ tịch.",
  "figures.t1.value": "99,6",
  "figures.t2.notApplicable": "on",
  "figures.t3.value": "0",
  solutions: "Số hóa 100% hồ sơ hộ tịch.",
  initiatives: "Sáng kiến tra cứu hộ tịch trực tuyến.",
  headName: "Nguyễn Văn Trưởng",
  headTitle: "Trưởng bộ phận",
  confirmedOn: "20/11/2023",
};

const report = (mode: "draft" | "complete", kind: "individual" | "collective" = "individual", targets = TARGETS) =>
  achievementReportSchema({ kind, targets, mode });

describe("Báo cáo thành tích (Mẫu 07)", () => {
  test("a complete individual report parses, with the Vietnamese decimal comma", () => {
    const result = parse(report("complete"), INDIVIDUAL);
    expect(result.status).toBe("success");
    expect(result.value).toMatchObject({
      birthDate: "1985-05-01",
      sex: "male",
      figures: { t1: { value: 99.6 }, t2: { notApplicable: true }, t3: { value: 0 } },
    });
  });

  test("a collective gives its name, head and members instead", () => {
    const { fullName: _f, birthDate: _b, sex: _s, position: _p, unitName: _u, ...common } = INDIVIDUAL;
    const result = parse(report("complete", "collective"), {
      ...common,
      name: "Khu phố Phước Hưng",
      head: "Lê Văn Trưởng",
      members: "350",
    });
    expect(result.status).toBe("success");
    expect(result.value).toMatchObject({ name: "Khu phố Phước Hưng", members: 350 });
    expect(errorsOf(parse(report("complete", "collective"), { ...common, name: "Khu phố", head: "A", members: "0" })).members).toEqual([
      "Số thành viên phải lớn hơn 0.",
    ]);
  });

  test.each([
    ["fullName", "", "Vui lòng nhập họ và tên."],
    ["birthDate", "01/05/2999", "Ngày sinh không hợp lệ."],
    ["birthDate", "1985", "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."],
    ["sex", "", "Vui lòng chọn giới tính."],
    ["position", "", "Vui lòng nhập chức vụ."],
    ["unitName", "", "Vui lòng nhập đơn vị công tác."],
    ["duties", "", "Vui lòng nhập chức năng, nhiệm vụ được giao."],
    ["figures.t1.value", "", "Vui lòng nhập kết quả đạt được (số liệu) của chỉ tiêu này."],
    ["figures.t1.value", "đạt", "Kết quả phải là một số (ví dụ: 99,6)."],
    ["figures.t1.value", "-1", "Kết quả không được nhỏ hơn 0."],
    ["solutions", "", "Vui lòng nhập các giải pháp, biện pháp đã thực hiện."],
    ["headName", "", "Vui lòng nhập họ tên thủ trưởng đơn vị xác nhận."],
    ["headTitle", "", "Vui lòng nhập chức vụ của thủ trưởng đơn vị."],
    ["confirmedOn", "20/11", "Ngày xác nhận phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."],
  ])("%s = %j is refused: %s", (field, value, message) => {
    const result = parse(report("complete"), { ...INDIVIDUAL, [field]: value });
    expect(result.status).toBe("error");
    expect(errorsOf(result)[field]).toEqual([message]);
  });

  test("«không phát sinh» only for an optional target", () => {
    const result = parse(report("complete"), { ...INDIVIDUAL, "figures.t3.value": "", "figures.t3.notApplicable": "on" });
    expect(errorsOf(result)["figures.t3.notApplicable"]).toEqual(["Chỉ tiêu này là bắt buộc, không được khai «Không phát sinh»."]);
    // An optional target left empty without the box is still missing.
    const { "figures.t2.notApplicable": _na, ...withoutBox } = INDIVIDUAL;
    expect(errorsOf(parse(report("complete"), withoutBox))["figures.t2.value"]).toEqual([
      "Vui lòng nhập kết quả đạt được (số liệu) của chỉ tiêu này.",
    ]);
  });

  test("a report without any figure is refused: the plan requires concrete figures", () => {
    const result = parse(report("complete"), { ...INDIVIDUAL, "figures.t1.value": "", "figures.t3.value": "" });
    expect(result.status).toBe("error");
    expect(errorsOf(result).figures).toEqual([NO_FIGURES_MESSAGE]);
    expect(NO_FIGURES_MESSAGE).toMatch(/^Báo cáo phải nêu kết quả cụ thể, có số liệu dẫn chứng/);
  });

  test("without targets that apply, the results text must carry figures", () => {
    const { "figures.t1.value": _1, "figures.t2.notApplicable": _2, "figures.t3.value": _3, ...text } = INDIVIDUAL;
    expect(errorsOf(parse(report("complete", "individual", []), { ...text, results: "Hoàn thành tốt nhiệm vụ." })).results).toEqual([
      NO_FIGURES_MESSAGE,
    ]);
    expect(parse(report("complete", "individual", []), { ...text, results: "Giải quyết 1.250 hồ sơ, 100% đúng hạn." }).status).toBe(
      "success",
    );
  });

  test("an unmet target does not block the report: it is flagged", () => {
    const result = parse(report("complete"), { ...INDIVIDUAL, "figures.t1.value": "97,5" });
    expect(result.status).toBe("success");
    expect(evaluateFigure(TARGETS[0]!, result.value!.figures!.t1!.value)).toBe("unmet");
  });

  test("a draft may leave figures and fields empty", () => {
    const result = parse(report("draft"), { fullName: "Trần Văn Thành", "figures.t1.value": "" });
    expect(result.status).toBe("success");
  });
});

describe("figures against targets", () => {
  test("thresholds read like the plan", () => {
    expect(thresholdText(TARGETS[0]!)).toBe("≥ 99%");
    expect(thresholdText(TARGETS[2]!)).toBe("= 0 người");
    expect(thresholdText({ comparator: "lte", threshold: "12.5000", unit: "ngày" })).toBe("≤ 12,5 ngày");
  });

  test.each([
    ["99,6", "met"],
    ["99", "met"],
    ["98,99", "unmet"],
    ["", "missing"],
    ["abc", "missing"],
  ] as const)("≥ 99%%: %j is %s", (input, status) => {
    expect(evaluateFigureInput(TARGETS[0]!, input, false)).toBe(status);
  });

  test("= and ≤ compare exactly, in 4 decimals (no float drift)", () => {
    expect(evaluateFigure(TARGETS[2]!, 0)).toBe("met");
    expect(evaluateFigure(TARGETS[2]!, 1)).toBe("unmet");
    expect(evaluateFigure({ comparator: "eq", threshold: "0.3", optional: false }, 0.1 + 0.2)).toBe("met");
    expect(evaluateFigure({ comparator: "lte", threshold: "12", optional: false }, 12)).toBe("met");
    expect(evaluateFigure({ comparator: "lte", threshold: "12", optional: false }, 12.0001)).toBe("unmet");
  });

  test("«không phát sinh» counts only for optional targets", () => {
    expect(evaluateFigure(TARGETS[1]!, null, true)).toBe("not_applicable");
    expect(evaluateFigure(TARGETS[0]!, null, true)).toBe("missing");
  });

  test("targets apply to every subject kind unless restricted", () => {
    const targets = [{ appliesTo: [] as string[] }, { appliesTo: ["unit_head"] }];
    expect(targetsFor(targets, "civil_servant")).toHaveLength(1);
    expect(targetsFor(targets, "unit_head")).toHaveLength(2);
  });
});

describe("new dossier", () => {
  const VALID = {
    movementId: "m1",
    unitId: "u1",
    kind: "individual",
    subjectKind: "civil_servant",
    name: "Trần Văn Thành",
    position: "Công chức",
    awardForm: "commune_chairman_certificate",
  };
  test("valid", () => {
    expect(parse(NewDossierSchema, VALID).status).toBe("success");
  });
  test.each([
    ["name", "", "Vui lòng nhập họ và tên (hoặc tên tập thể)."],
    ["movementId", "", "Vui lòng chọn phong trào thi đua."],
    ["kind", "nhom", "Vui lòng chọn cá nhân, tập thể hay hộ gia đình."],
    ["subjectKind", "hamlet", "Cá nhân phải là người đứng đầu, cán bộ công chức hoặc người hoạt động không chuyên trách."],
  ])("%s = %j is refused", (field, value, message) => {
    expect(errorsOf(parse(NewDossierSchema, { ...VALID, [field]: value }))[field]).toEqual([message]);
  });
});

describe("percentages: never above 100, and «1.334» is not read as 1334 %", () => {
  test.each([
    ["99.6", 99.6],
    ["99,6", 99.6],
    ["1,334", 1.334],
    ["100", 100],
    ["0", 0],
  ])("a % figure %j reads as %d", (input, value) => {
    const result = parse(report("complete"), { ...INDIVIDUAL, "figures.t1.value": input });
    expect(result.status).toBe("success");
    expect(result.value!.figures!.t1!.value).toBe(value);
  });

  test.each([
    [
      "1.334",
      "Kết quả «1.334» không rõ nghĩa: dấu chấm là dấu ngăn cách hàng nghìn, nên số này lớn hơn 100%. Phần thập phân ghi sau dấu phẩy, ví dụ 1,334.",
    ],
    [
      "100,5",
      "Tỷ lệ phần trăm không được lớn hơn 100%. Phần thập phân ghi sau dấu phẩy (ví dụ 99,5); dấu chấm là dấu ngăn cách hàng nghìn.",
    ],
    [
      "1334",
      "Tỷ lệ phần trăm không được lớn hơn 100%. Phần thập phân ghi sau dấu phẩy (ví dụ 99,5); dấu chấm là dấu ngăn cách hàng nghìn.",
    ],
    [
      "1.234,5",
      "Tỷ lệ phần trăm không được lớn hơn 100%. Phần thập phân ghi sau dấu phẩy (ví dụ 99,5); dấu chấm là dấu ngăn cách hàng nghìn.",
    ],
  ])("a % figure %j is refused: %s", (input, message) => {
    const result = parse(report("complete"), { ...INDIVIDUAL, "figures.t1.value": input });
    expect(result.status).toBe("error");
    expect(errorsOf(result)["figures.t1.value"]).toEqual([message]);
  });

  test("a count keeps its thousands: 1.334 người is 1334", () => {
    const result = parse(report("complete"), { ...INDIVIDUAL, "figures.t3.value": "1.334" });
    expect(result.value!.figures!.t3!.value).toBe(1334);
  });

  test("the live check does not call «1.334» met against ≥ 99%", () => {
    expect(evaluateFigureInput(TARGETS[0]!, "1.334", false)).toBe("missing");
    expect(evaluateFigureInput(TARGETS[0]!, "100,5", false)).toBe("missing");
    expect(evaluateFigureInput(TARGETS[0]!, "99.6", false)).toBe("met");
    expect(evaluateFigureInput(TARGETS[2]!, "1.334", false)).toBe("unmet"); // a count: 1334 people ≠ 0
  });
});

describe("names refuse markup and control characters", () => {
  const VALID = {
    movementId: "m1",
    unitId: "u1",
    kind: "individual",
    subjectKind: "civil_servant",
    name: "Trần Văn Thành",
    position: "Công chức",
    awardForm: "commune_chairman_certificate",
  };

  test.each([
    ["<script>alert(1)</script>"],
    ["Trần <b>Văn</b> Thành"],
    ["Trần Văn Thành >"],
    ["Trần\u0007Văn Thành"],
    ["Trần Văn\nThành"],
    ["Trần Văn Thành\u202E"],
    ["Trần\u200BVăn Thành"],
  ])("the nominee's name %j is refused", (name) => {
    expect(errorsOf(parse(NewDossierSchema, { ...VALID, name }))["name"]).toEqual([
      "Họ và tên (hoặc tên tập thể) không được chứa ký tự <, > hoặc ký tự điều khiển.",
    ]);
  });

  test("a name typed with combining marks is stored composed (NFC), as the PDFs draw it", () => {
    const decomposed = "Nguyễn Thị Hồng Nhung".normalize("NFD");
    expect(decomposed).not.toBe("Nguyễn Thị Hồng Nhung");
    expect(parse(NewDossierSchema, { ...VALID, name: decomposed }).value!.name).toBe("Nguyễn Thị Hồng Nhung");
  });

  test.each([
    [proposalSchema("complete"), PROPOSAL, "nominees[0].name", "Tên cá nhân, tập thể được đề nghị"],
    [unitMinutesSchema("complete"), MINUTES, "chair", "Họ tên người chủ trì"],
    [unitMinutesSchema("complete"), MINUTES, "secretary", "Họ tên thư ký"],
    [unitMinutesSchema("complete"), MINUTES, "votes[0].nominee", "Tên người (tập thể) được bỏ phiếu"],
    [report("complete"), INDIVIDUAL, "fullName", "Họ và tên"],
    [report("complete"), INDIVIDUAL, "headName", "Họ tên thủ trưởng đơn vị xác nhận"],
  ] as const)("every form's names: %#", (schema, valid, field, label) => {
    const result = parse(schema, { ...valid, [field]: "Lê <i>Văn</i> Tám" });
    expect(result.status).toBe("error");
    expect(errorsOf(result)[field]).toEqual([`${label} không được chứa ký tự <, > hoặc ký tự điều khiển.`]);
  });
});
