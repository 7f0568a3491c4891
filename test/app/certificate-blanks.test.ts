// Blanks (phôi) with per-field placement: moving one field moves only that field in the printed PDF
// (read back with pdftotext -bbox); bad numbers are refused in Vietnamese; a scan of the blank is stored in
// PostgreSQL and shown behind the calibration preview, never in the print PDF.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { calibrationPdf } from "~/documents/certificate.server.ts";
import { DEFAULT_BLANK_LAYOUT, BLANK_FIELDS } from "~/forms/print-settings.ts";
import { issueCertificates } from "~/models/certificate.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createMovement,
  currentUser,
  requestAs,
  signAsChairman,
  type Staff,
} from "../support/factories.ts";
import { pdfText } from "../support/pdf.ts";
import { decodeQr } from "../support/qr.ts";

let db: TestDatabase;
let staff: Staff;
let certificateId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  await prisma.orgUnit.update({ where: { id: staff.commune.id }, data: { placeName: "Tam Phước" } });
  const movement = await createMovement(staff.commune.id, { quota: 5 });
  await approvedDossiers(staff, movement.id, 1, ["Phạm Văn Phôi"]);
  const { decisionId } = await signAsChairman(staff, movement.id, new Date("2026-11-20T03:00:00Z"));
  const issued = await issueCertificates(await currentUser(staff.chairman.id), decisionId);
  if (!issued.ok) throw new Error(issued.message);
  certificateId = issued.issued[0]!.certificateId;
});
afterAll(() => db.destroy());

type Word = { text: string; x: number; y: number };

/** Every word of the PDF with its top-left corner (pt), in drawing order. */
function words(pdf: Uint8Array): Word[] {
  const bbox = execFileSync("pdftotext", ["-bbox", "-", "-"], { input: pdf, encoding: "utf8" });
  return [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    text: m[3]!,
    x: Number(m[1]),
    y: Number(m[2]),
  }));
}

async function blankPdf(): Promise<Uint8Array> {
  const { loader } = await import("~/routes/giay-khen.$certificateId.ban-in[.]pdf.tsx");
  const response = await loader({
    request: await requestAs(staff.secretary.id, `/giay-khen/${certificateId}/ban-in.pdf?che-do=phoi`),
    params: { certificateId },
    context: { clientIp: "test" },
  });
  return new Uint8Array(await response.arrayBuffer());
}

/** The layout form as the settings page posts it: the template, with `changes` over it. */
function layoutFields(changes: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = { intent: "layout", unitId: staff.commune.id, awardForm: "commune_chairman_certificate" };
  for (const field of BLANK_FIELDS) {
    const p = DEFAULT_BLANK_LAYOUT[field];
    fields[`placements.${field}.x`] = String(p.x).replace(".", ",");
    fields[`placements.${field}.y`] = String(p.y).replace(".", ",");
    fields[`placements.${field}.size`] = String(p.size);
    fields[`placements.${field}.align`] = p.align;
  }
  return { ...fields, ...changes };
}

async function postSettings(userId: string, body: URLSearchParams | FormData) {
  const { action } = await import("~/routes/cai-dat.in-giay-khen.tsx");
  return action({
    request: await requestAs(userId, "/cai-dat/in-giay-khen", {
      method: "POST",
      ...(body instanceof URLSearchParams ? { headers: { "Content-Type": "application/x-www-form-urlencoded" } } : {}),
      body,
    }),
    params: {},
    context: { clientIp: "test" },
  }) as Promise<
    Response | { init: { status: number }; data: { form: string; reply?: { error: Record<string, string[]> }; message?: string } }
  >;
}

const PT = 72 / 25.4;

describe("per-field placement on blanks", () => {
  test("moving the name 40 mm left and 6 mm up moves only the name's words; the others stay to the hundredth of a point", async () => {
    const before = words(await blankPdf());
    expect(before.map((w) => w.text).join(" ")).toContain("Ông/Bà Phạm Văn Phôi");

    const saved = await postSettings(
      staff.secretary.id,
      new URLSearchParams(layoutFields({ "placements.recipient.x": "108,5", "placements.recipient.y": "90" })),
    );
    expect(saved).toBeInstanceOf(Response);
    expect((saved as Response).headers.get("Location")).toContain("xong=vi-tri");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "blank_layout.UPDATE", chainId: staff.commune.id } });
    expect(audit.data).toMatchObject({ fields: { recipient: { x: 108.5, y: 90 } } });

    const pdf = await blankPdf();
    const after = words(pdf);
    expect(after.map((w) => w.text)).toEqual(before.map((w) => w.text));
    const moved = after.filter((w, i) => Math.abs(w.x - before[i]!.x) > 0.01 || Math.abs(w.y - before[i]!.y) > 0.01);
    expect(moved.map((w) => w.text)).toEqual(["Ông/Bà", "Phạm", "Văn", "Phôi"]);
    for (const word of moved) {
      const i = after.indexOf(word);
      expect(word.x - before[i]!.x).toBeCloseTo(-40 * PT, 1);
      expect(word.y - before[i]!.y).toBeCloseTo(-6 * PT, 1);
    }
    expect(decodeQr(pdf)).toContain("/xac-minh/");

    // The same field right-aligned: its last word now ends at x = 108,5 mm.
    await postSettings(
      staff.secretary.id,
      new URLSearchParams(layoutFields({ "placements.recipient.x": "108,5", "placements.recipient.align": "right" })),
    );
    const bbox = execFileSync("pdftotext", ["-bbox", "-", "-"], { input: await blankPdf(), encoding: "utf8" });
    const last = /<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>Phôi<\/word>/.exec(bbox)!;
    expect(Number(last[1]) / PT).toBeCloseTo(108.5, 0);

    // The calibration page prints every field at its place, the name where it now goes.
    const { loader } = await import("~/routes/cai-dat.in-giay-khen.trang-thu[.]pdf.tsx");
    const calibration = await loader({
      request: await requestAs(staff.chairman.id, `/cai-dat/in-giay-khen/trang-thu.pdf?don-vi=${staff.commune.id}`),
      params: {},
      context: { clientIp: "test" },
    });
    const calibrationPdfBytes = new Uint8Array(await calibration.arrayBuffer());
    const text = pdfText(calibrationPdfBytes);
    // The name's label and coordinates sit on one line (pdftotext may interleave them with the notes in plain text).
    const label = words(calibrationPdfBytes).filter((w) => w.text === "(108,5;" || w.text === "96)");
    expect(label).toHaveLength(2);
    expect(label[0]!.y).toBeCloseTo(label[1]!.y, 1);
    expect(text).toContain("Họ và tên (tên tập thể)");
    expect(text).toContain("Chức vụ, đơn vị (148,5; 105,5)");
    expect(text).toContain("Mã QR (24; 160)");
    expect(text).toContain("Giấy khen của Chủ tịch UBND xã");
  });

  test("out-of-range and non-numeric values are refused in Vietnamese next to the field; nothing is saved", async () => {
    const before = await prisma.certificateBlankLayout.findUnique({
      where: { unitId_awardForm: { unitId: staff.commune.id, awardForm: "commune_chairman_certificate" } },
    });
    const refused = await postSettings(
      staff.secretary.id,
      new URLSearchParams(
        layoutFields({
          "placements.signerName.x": "400",
          "placements.qr.size": "5",
          "placements.detail.y": "abc",
          "placements.issuer.align": "justify",
        }),
      ),
    );
    if (refused instanceof Response) throw new Error("expected a refusal");
    expect(refused.init.status).toBe(400);
    expect(refused.data.reply?.error).toMatchObject({
      "placements.signerName.x": ["Vị trí ngang (mm) của «Họ tên người ký» không được lớn hơn 297."],
      "placements.qr.size": ["Cạnh (mm) của «Mã QR» không được nhỏ hơn 15."],
      "placements.detail.y": ["Vị trí dọc (mm) của «Chức vụ, đơn vị» phải là một số (ví dụ: 99,6)."],
      "placements.issuer.align": ["Vui lòng chọn căn lề của «Cơ quan khen thưởng»: trái, giữa hoặc phải."],
    });
    const after = await prisma.certificateBlankLayout.findUnique({
      where: { unitId_awardForm: { unitId: staff.commune.id, awardForm: "commune_chairman_certificate" } },
    });
    expect(after?.fields).toEqual(before?.fields);
    // An official of the commune may not change it.
    const outsider = await createCommuneWithStaff("UBND xã Ngoài");
    const { saveBlankLayout } = await import("~/models/certificate-blank.server.ts");
    expect(
      await saveBlankLayout(
        await currentUser(outsider.chairman.id),
        staff.commune.id,
        "commune_chairman_certificate",
        DEFAULT_BLANK_LAYOUT,
      ),
    ).toMatchObject({ ok: false, status: 403 });
  });

  test("a scanned blank is kept in PostgreSQL and shown behind the preview, never in the print PDF", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tdkt-scan-"));
    writeFileSync(path.join(dir, "blank.pdf"), await calibrationPdf({ x: 0, y: 0 }, "Phôi mẫu"));
    execFileSync("pdftoppm", ["-png", "-r", "20", "-singlefile", path.join(dir, "blank.pdf"), path.join(dir, "scan")]);
    const png = readFileSync(path.join(dir, "scan.png"));
    rmSync(dir, { recursive: true, force: true });
    const upload = new FormData();
    upload.set("intent", "scan");
    upload.set("unitId", staff.commune.id);
    upload.set("awardForm", "commune_chairman_certificate");
    upload.set("scan", new File([png], "phoi.png", { type: "image/png" }));
    const saved = await postSettings(staff.chairman.id, upload);
    expect(saved instanceof Response ? saved.status : saved.data).toBe(302);
    const row = await prisma.certificateBlankLayout.findUniqueOrThrow({
      where: { unitId_awardForm: { unitId: staff.commune.id, awardForm: "commune_chairman_certificate" } },
    });
    expect(row.scanType).toBe("image/png");
    expect(Buffer.from(row.scan!).equals(png)).toBe(true);

    // Not an image: refused in Vietnamese, the stored scan kept.
    const bad = new FormData();
    bad.set("intent", "scan");
    bad.set("unitId", staff.commune.id);
    bad.set("awardForm", "commune_chairman_certificate");
    bad.set("scan", new File(["<html>not an image</html>"], "phoi.png", { type: "image/png" }));
    const refused = await postSettings(staff.chairman.id, bad);
    if (refused instanceof Response) throw new Error("expected a refusal");
    expect(refused.data.message).toBe("Ảnh phôi phải là tệp JPEG hoặc PNG.");

    const image = await (
      await import("~/routes/cai-dat.in-giay-khen.anh-phoi.tsx")
    ).loader({
      request: await requestAs(staff.secretary.id, `/cai-dat/in-giay-khen/anh-phoi?don-vi=${staff.commune.id}`),
      params: {},
      context: { clientIp: "test" },
    });
    expect(image.headers.get("Content-Type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);

    const images = (pdf: Uint8Array) =>
      Buffer.from(pdf)
        .toString("latin1")
        .match(/\/Subtype\s*\/Image/g)?.length ?? 0;
    expect(images(await blankPdf())).toBe(0);
    const { loader } = await import("~/routes/cai-dat.in-giay-khen.trang-thu[.]pdf.tsx");
    const calibration = async (query: string) =>
      new Uint8Array(
        await (
          await loader({
            request: await requestAs(staff.chairman.id, `/cai-dat/in-giay-khen/trang-thu.pdf?don-vi=${staff.commune.id}${query}`),
            params: {},
            context: { clientIp: "test" },
          })
        ).arrayBuffer(),
      );
    expect(images(await calibration(""))).toBe(0);
    const preview = await calibration("&nen=phoi");
    expect(images(preview)).toBe(1);
    expect(pdfText(preview)).toContain("BẢN XEM TRƯỚC TRÊN ẢNH PHÔI — KHÔNG DÙNG ĐỂ IN");
  });
});
