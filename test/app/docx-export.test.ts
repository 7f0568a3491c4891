// The achievement report as a Word file: open the .docx and read the nominee and the figures back.
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { action as reportAction } from "~/routes/ho-so.$dossierId.bao-cao.tsx";
import { loader as docxLoader } from "~/routes/ho-so.$dossierId.bao-cao[.]docx.tsx";
import { loader as printLoader } from "~/routes/ho-so.$dossierId.in.tsx";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createCommune, createDraftDossier, createMovement, createUser, REPORT_FORM_TARGETS, requestAs } from "../support/factories.ts";

let db: TestDatabase;
let official: { id: string };
let otherOfficial: { id: string };
let dossierId: string;
const context = { clientIp: "203.0.113.11" };

beforeAll(async () => {
  db = await createTestDatabase();
  const units = await createCommune("UBND xã Tam Phước");
  const movement = await createMovement(units.commune.id, { targets: REPORT_FORM_TARGETS });
  official = await createUser({ unitId: units.justice.id, roles: [{ role: "official" }] });
  otherOfficial = await createUser({ unitId: units.land.id, roles: [{ role: "official" }] });
  dossierId = await createDraftDossier({
    officialId: official.id,
    movementId: movement.id,
    unitId: units.justice.id,
    nominee: { kind: "individual", subjectKind: "unit_head", name: "Nguyễn Thị Hồng Nhung", position: "Trưởng bộ phận" },
  });
  const [onTime, legal, discipline] = movement.targets;
  const fields: Record<string, string> = {
    intent: "complete",
    fullName: "Nguyễn Thị Hồng Nhung",
    birthDate: "12/08/1980",
    sex: "female",
    position: "Trưởng bộ phận Tư pháp - Hộ tịch",
    unitName: "Bộ phận Tư pháp - Hộ tịch",
    duties: "Phụ trách công tác tư pháp, hộ tịch, chứng thực.",
    [`figures.${onTime!.id}.value`]: "99,6",
    [`figures.${legal!.id}.notApplicable`]: "on",
    [`figures.${discipline!.id}.value`]: "0",
    solutions: "Tiếp nhận hồ sơ qua dịch vụ công trực tuyến.\nRà soát hồ sơ trễ hạn hằng tuần.",
    initiatives: "Sổ theo dõi hồ sơ điện tử.",
    headName: "Lê Văn Thủ Trưởng",
    headTitle: "Chủ tịch UBND xã",
    confirmedOn: "05/12/2023",
  };
  const request = await requestAs(official.id, `/ho-so/${dossierId}/bao-cao`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const saved = await reportAction({ request, params: { dossierId }, context }).catch((error: unknown) => error);
  if (!(saved instanceof Response) || saved.status !== 302) throw new Error(`report not saved: ${JSON.stringify(saved)}`);
});
afterAll(() => db.destroy());

describe("Word export (Mẫu 07)", () => {
  test("the .docx opens and carries the nominee, the movement, the figures and the signature block", async () => {
    const response = await docxLoader({
      request: await requestAs(official.id, `/ho-so/${dossierId}/bao-cao.docx`),
      params: { dossierId },
      context,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("Content-Disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("bao-cao-thanh-tich-Nguyễn-Thị-Hồng-Nhung.docx")}`,
    );

    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<w:tab\/>/g, " ").replace(/<[^>]+>/g, "");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("BÁO CÁO THÀNH TÍCH");
    expect(text).toContain("ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA CHỦ TỊCH UBND XÃ");
    expect(text).toContain("Bà Nguyễn Thị Hồng Nhung, Trưởng bộ phận Tư pháp - Hộ tịch, Bộ phận Tư pháp - Hộ tịch");
    expect(text).toContain("Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính");
    expect(text).toContain("Tam Phước, ngày 05 tháng 12 năm 2023");
    // Figures against targets, with the decimal comma.
    expect(text).toContain("Hồ sơ TTHC giải quyết đúng hạn");
    expect(text).toContain("≥ 99%");
    expect(text).toContain("99,6%");
    expect(text).toContain("Không phát sinh");
    expect(text).toContain("0 người");
    expect(text).toContain("Đạt");
    expect(text).toContain("Rà soát hồ sơ trễ hạn hằng tuần.");
    expect(text).toContain("THỦ TRƯỞNG ĐƠN VỊ");
    expect(text).toContain("NGƯỜI BÁO CÁO THÀNH TÍCH");
    expect(text).toContain("Lê Văn Thủ Trưởng");
    // A4 (twips) with the margins of Nghị định 30/2020: 20 mm top and bottom, 30 mm left, 15 mm right.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
  });

  test("the print view has the three documents; both are closed to another unit (404)", async () => {
    const view = await printLoader({ request: await requestAs(official.id, `/ho-so/${dossierId}/in`), params: { dossierId }, context });
    expect(view.report.figures.map((figure) => figure.result)).toEqual(["99,6%", "Không phát sinh", "0 người"]);
    expect(view.report.placeDate).toBe("Tam Phước, ngày 05 tháng 12 năm 2023");
    for (const load of [docxLoader, printLoader]) {
      const outcome = await load({
        request: await requestAs(otherOfficial.id, `/ho-so/${dossierId}/in`),
        params: { dossierId },
        context,
      }).catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(Response);
      expect((outcome as Response).status).toBe(404);
    }
  });
});
