// Browser print view of a decision's certificates: one A4 landscape sheet each (@page certificate),
// the full design or, with ?che-do=phoi, only the fields at the unit's calibrated positions.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { CSSProperties } from "react";
import { achievementText } from "~/documents/certificate.server.ts";
import { longDate, placeDate } from "~/documents/wording.server.ts";
import { DEFAULT_BLANK_LAYOUT, type BlankField } from "~/forms/print-settings.ts";
import { blankLayout } from "~/models/certificate-blank.server.ts";
import { decisionCertificates, printOffsets, verifyUrl } from "~/models/certificate.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { qrSvg } from "~/utils/qr.server.ts";

export const meta: MetaFunction = () => [{ title: "Bản in Giấy khen · Thi đua – Khen thưởng" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const found = await decisionCertificates(user, params.decisionId!);
  invariantResponse(found, "Không tìm thấy quyết định khen thưởng.", { status: 404 });
  const blank = new URL(request.url).searchParams.get("che-do") === "phoi";
  const offsets = blank ? await printOffsets(found.decision.unitId) : { x: 0, y: 0 };
  return {
    decisionId: found.decision.id,
    number: found.decision.number,
    blank,
    offsets,
    // On blanks, each field at the unit's place for it (the form of the decision's first certificate).
    fields:
      blank && found.certificates[0]
        ? await blankLayout(found.decision.unitId, found.certificates[0].dossier.awardForm)
        : DEFAULT_BLANK_LAYOUT,
    sheets: found.certificates.map((c) => ({
      serial: c.serial,
      issuer: c.issuerName,
      recipient: c.honorific ? `${c.honorific} ${c.recipientName}` : c.recipientName,
      detail: c.recipientDetail,
      achievement: achievementText(c),
      decision: `Quyết định số ${c.decisionNumber}, ${longDate(c.decisionDate)}`,
      goldenBook: `Số sổ vàng: ${c.goldenBookNumber}`,
      placeDate: placeDate(c.place, c.decisionDate),
      titles: c.onBehalf ? ["KT. CHỦ TỊCH", c.signerTitle] : [c.signerTitle],
      signerName: c.signerName,
      url: verifyUrl(c.serial),
      qr: qrSvg(verifyUrl(c.serial), { quietZone: 1 }),
    })),
  };
}

const PT_MM = 25.4 / 72;

export default function CertificatePrintView() {
  const { decisionId, number, blank, offsets, fields, sheets } = useLoaderData<typeof loader>();
  /** Absolute position of a field whose baseline is at (x, y) mm, at its size (times `scale`), `dy` mm lower. */
  const at = (name: BlankField, dy = 0, scale = 1): CSSProperties => {
    const field = fields[name];
    const size = field.size * scale;
    return {
      left: `${field.x + offsets.x}mm`,
      top: `${field.y + offsets.y + dy - size * PT_MM * 0.8}mm`,
      fontSize: `${size}pt`,
      transform: field.align === "center" ? "translateX(-50%)" : field.align === "right" ? "translateX(-100%)" : undefined,
    };
  };
  const qrLeft =
    fields.qr.align === "center"
      ? fields.qr.x - fields.qr.size / 2
      : fields.qr.align === "right"
        ? fields.qr.x - fields.qr.size
        : fields.qr.x;
  return (
    <div className="certificate-print">
      <div className="no-print notice">
        <p>
          <Link to={`/quyet-dinh/${decisionId}`}>Quyết định số {number}</Link> · {sheets.length} Giấy khen, khổ A4 nằm ngang
          {blank ? ` · in trên phôi (độ lệch ngang ${offsets.x} mm, dọc ${offsets.y} mm)` : " · mẫu đầy đủ"}. Khi in, chọn tỷ lệ 100% (không
          co giãn).
        </p>
        <p className="actions">
          <button type="button" className="primary" onClick={() => window.print()}>
            In
          </button>
          {blank ? (
            <Link to={`/quyet-dinh/${decisionId}/in`}>Mẫu đầy đủ</Link>
          ) : (
            <Link to={`/quyet-dinh/${decisionId}/in?che-do=phoi`}>In trên phôi</Link>
          )}
          <a href={`/quyet-dinh/${decisionId}/giay-khen.pdf${blank ? "?che-do=phoi" : ""}`}>Tải PDF</a>
        </p>
      </div>
      {sheets.map((sheet) => (
        <section
          key={sheet.serial}
          className={`certificate-sheet${blank ? " blank" : ""}`}
          aria-label={`Giấy khen số hiệu ${sheet.serial}`}
        >
          {blank ? null : (
            <>
              <div className="frame" aria-hidden />
              <p
                className="field center strong"
                style={{ left: "148.5mm", top: "18.5mm", fontSize: "15pt", transform: "translateX(-50%)" }}
              >
                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
              </p>
              <p
                className="field center strong motto"
                style={{ left: "148.5mm", top: "25.5mm", fontSize: "15pt", transform: "translateX(-50%)" }}
              >
                Độc lập - Tự do - Hạnh phúc
              </p>
              <p
                className="field center strong"
                style={{ left: "148.5mm", top: "51.5mm", fontSize: "18pt", transform: "translateX(-50%)" }}
              >
                TẶNG
              </p>
              <p
                className="field center strong red title"
                style={{ left: "148.5mm", top: "61.5mm", fontSize: "46pt", transform: "translateX(-50%)" }}
              >
                GIẤY KHEN
              </p>
            </>
          )}
          <p className="field strong red" style={at("issuer")}>
            {sheet.issuer}
          </p>
          <p className="field strong" style={at("recipient")}>
            {sheet.recipient}
          </p>
          {sheet.detail ? (
            <p className="field" style={at("detail")}>
              {sheet.detail}
            </p>
          ) : null}
          <p className="field italic achievement" style={at("achievement")}>
            {sheet.achievement}
          </p>
          <p className="field italic" style={at("decision")}>
            {sheet.decision}
          </p>
          <p className="field italic" style={at("goldenBook")}>
            {sheet.goldenBook}
          </p>
          <div
            className="field qr"
            style={{
              left: `${qrLeft + offsets.x}mm`,
              top: `${fields.qr.y + offsets.y}mm`,
              width: `${fields.qr.size}mm`,
              height: `${fields.qr.size}mm`,
            }}
            dangerouslySetInnerHTML={{ __html: sheet.qr }}
          />
          <p className="field strong" style={at("serial")}>
            Số hiệu: {sheet.serial}
          </p>
          <p className="field small" style={at("serial", (5 * fields.serial.size) / 10, 0.85)}>
            Quét mã QR hoặc truy cập {sheet.url} để xác minh
          </p>
          <p className="field italic" style={at("placeDate")}>
            {sheet.placeDate}
          </p>
          {sheet.titles.map((title, i) => (
            <p key={title} className="field strong" style={at("signerTitle", i * fields.signerTitle.size * 0.43)}>
              {title}
            </p>
          ))}
          <p className="field strong" style={at("signerName")}>
            {sheet.signerName}
          </p>
        </section>
      ))}
    </div>
  );
}
