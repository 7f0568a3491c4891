// The signature block never stands alone on a page: for bodies of every length around a page
// boundary, the page that holds the signature also holds the last lines it signs (pdftotext per page).
import { describe, expect, test } from "vitest";
import type { DecisionDocument } from "~/models/award-decision.server.ts";
import { awardDecisionPdf } from "~/documents/decision.server.ts";
import { escalationProposalPdf, type EscalationDocument } from "~/documents/escalation.server.ts";
import { pdfPageTexts } from "../support/pdf.ts";

const BASIS_LINE =
  "Căn cứ Kế hoạch số 3294/KH-UBND ngày 03/4/2023 của Ủy ban nhân dân huyện Long Điền về tổ chức phong trào thi đua trong năm;";

const FORM_ONLY = { awardForm: "Giấy khen của Chủ tịch UBND xã", awardTitle: null };

function decision(extraBasis: number): DecisionDocument {
  return {
    unitName: "UBND xã Tam Phước",
    authority: "Ủy ban nhân dân xã Tam Phước",
    locality: "xã Tam Phước",
    place: "Tam Phước",
    number: "05/QĐ-UBND",
    decidedAt: new Date("2026-11-20T03:00:00Z"),
    subject: "Về việc tặng Giấy khen cho các cá nhân đã có thành tích xuất sắc trong phong trào thi đua “Cải cách hành chính” năm 2026",
    legalBasis: [
      "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
      "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
      ...Array.from({ length: extraBasis }, () => BASIS_LINE),
      "Theo đề nghị của Văn phòng Ủy ban nhân dân xã.",
    ],
    recipients: ["- Như Điều 3;", "- TT. Đảng ủy, TT. HĐND xã (b/c);", "- CT, các PCT UBND xã;", "- Lưu: VT, VP."],
    prize: 500000,
    awardeesPhrase: "02 cá nhân",
    titlesPhrase: "",
    movement: { id: "m", title: "Cải cách hành chính", year: 2026 },
    signerName: "Nguyễn Văn Hùng",
    signerTitle: "CHỦ TỊCH",
    onBehalf: false,
    entries: [
      { position: 1, kind: "individual", name: "Trần Văn Thành", detail: "Công chức Tư pháp - Hộ tịch", ...FORM_ONLY, prize: 500000 },
      { position: 2, kind: "individual", name: "Nguyễn Thị Hoa", detail: "Công chức Văn phòng - Thống kê", ...FORM_ONLY, prize: 500000 },
    ],
  };
}

function proposal(enclosures: number): EscalationDocument {
  return {
    number: "01/TTr-UBND",
    proposedAt: new Date("2026-11-25T03:00:00Z"),
    fromUnitName: "UBND xã Tam Phước",
    place: "Tam Phước",
    toUnitName: "UBND Thành phố Hồ Chí Minh",
    routingNote: null,
    nomineeLine: "ông Trần Văn Thành, Công chức Tư pháp - Hộ tịch",
    movement: { title: "Cải cách hành chính", year: 2026, legalBasis: [] },
    decision: null,
    councilMeetings: [],
    enclosures: Array.from({ length: enclosures }, (_, i) => `Tài liệu kèm theo số ${i + 1} của hồ sơ đề nghị khen thưởng`),
    signerName: "Nguyễn Văn Hùng",
    signerTitle: "CHỦ TỊCH",
    onBehalf: false,
  };
}

/** The page (0-based) whose text has `marker`; fails when it is on none or on several. */
function pageWith(pages: string[], marker: string): number {
  const found = pages.flatMap((text, i) => (text.includes(marker) ? [i] : []));
  expect(found, marker).toHaveLength(1);
  return found[0]!;
}

/** Asserts the signature's page also holds the end of the body above the block, and returns that page. */
function signaturePage(
  pdf: Uint8Array,
  { lastLine, blockStart, signer }: { lastLine: string; blockStart: string; signer: string },
): number {
  const pages = pdfPageTexts(pdf);
  const page = pageWith(pages, blockStart);
  expect(pageWith(pages, signer)).toBe(page);
  const text = pages[page]!;
  expect(text, `page ${page + 1}: the body's last line with the signature`).toContain(lastLine);
  expect(text.indexOf(lastLine)).toBeLessThan(text.indexOf(blockStart));
  return page;
}

describe("the signature block stays with the text it signs", () => {
  test("decision: for every body length across the first page break", async () => {
    const pages = new Set<number>();
    for (let extra = 0; extra <= 16; extra++) {
      const pdf = await awardDecisionPdf(decision(extra));
      pages.add(signaturePage(pdf, { lastLine: "Quyết định này./.", blockStart: "Nơi nhận:", signer: "Nguyễn Văn Hùng" }));
    }
    // The range really crossed the boundary: the block sat on the first page, then on the second.
    expect([...pages].sort()).toEqual([0, 1]);
  }, 300_000);

  test("escalation Tờ trình: for every number of enclosures across the first page break", async () => {
    const pages = new Set<number>();
    for (let enclosures = 0; enclosures <= 20; enclosures++) {
      const pdf = await escalationProposalPdf(proposal(enclosures));
      pages.add(signaturePage(pdf, { lastLine: "xem xét, quyết định./.", blockStart: "Nơi nhận:", signer: "Nguyễn Văn Hùng" }));
    }
    expect([...pages].sort()).toEqual([0, 1]);
  }, 300_000);
});
