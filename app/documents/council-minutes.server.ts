// Biên bản họp Hội đồng TĐKT xã as a PDF, generated from a closed voting session: the same data always
// gives the same PDF, so it can be printed, signed and compared with the system years later.
import type { PDFDocument } from "pdf-lib";
import { COUNCIL_POSITION_LABELS, NOMINEE_KIND_LABELS, evaluateTally, percent } from "#machines/index.ts";
import { attendance, type Minutes } from "~/models/council-minutes.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { MM, PdfWriter, placeAndDate, renderPdf, type Fonts } from "~/utils/pdf.server.ts";

export function councilMinutesPdf(minutes: Minutes): Promise<Uint8Array> {
  return renderPdf(`Biên bản họp Hội đồng TĐKT — ${minutes.title}`, (doc, fonts) => drawMinutes(doc, fonts, minutes));
}

function drawMinutes(doc: PDFDocument, fonts: Fonts, minutes: Minutes): void {
  const w = new PdfWriter(doc, fonts);
  const commune = minutes.movement.unit;
  const place = commune.placeName ?? commune.name;
  const chair = minutes.members.find((m) => m.position === "chair");
  const secretary = minutes.members.find((m) => m.position === "standing_member");
  const closedAt = minutes.closedAt ?? minutes.closesAt;

  w.columns([
    {
      width: w.width * 0.45,
      lines: [
        { text: commune.name.toUpperCase(), style: { size: 11 } },
        { text: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", style: { font: "bold", size: 11 }, underline: true },
      ],
    },
    {
      width: w.width * 0.55,
      lines: [
        { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style: { font: "bold", size: 12 } },
        { text: "Độc lập - Tự do - Hạnh phúc", style: { font: "bold", size: 13 }, underline: true },
      ],
    },
  ]);
  w.gap(3);
  w.text(placeAndDate(place, closedAt), { font: "italic", align: "right" });
  w.gap(5);
  w.text("BIÊN BẢN", { font: "bold", size: 14, align: "center" });
  w.text(`Họp ${minutes.council.name}`, { font: "bold", align: "center" });
  w.text(`xét đề nghị khen thưởng phong trào thi đua “${minutes.movement.title}” năm ${minutes.movement.year}`, {
    font: "bold",
    align: "center",
  });
  w.gap(5);

  w.heading("I. THỜI GIAN, ĐỊA ĐIỂM");
  w.text(`Phiên họp trực tuyến mở lúc ${formatDateTime(minutes.openedAt)}, kết thúc bỏ phiếu lúc ${formatDateTime(closedAt)}.`);
  w.text(`Địa điểm: ${minutes.place} (bỏ phiếu kín trên phần mềm Thi đua – Khen thưởng).`);
  w.gap(3);

  w.heading("II. THÀNH PHẦN");
  if (chair) w.text(`Chủ trì: ${chair.fullName} – ${COUNCIL_POSITION_LABELS.chair}.`);
  if (secretary) w.text(`Thư ký: ${secretary.fullName} – ${COUNCIL_POSITION_LABELS.standing_member}.`);
  const people = attendance(minutes);
  const voters = people.filter((p) => p.status.startsWith("Đã bỏ phiếu")).length;
  w.text(`Tổng số thành viên Hội đồng: ${people.length}; số thành viên đã bỏ phiếu: ${voters}; không bỏ phiếu: ${people.length - voters}.`);
  w.gap(2);
  w.table(
    [
      { title: "STT", width: 10, align: "center" },
      { title: "Họ và tên", width: 45 },
      { title: "Chức danh trong Hội đồng", width: 50 },
      { title: "Tham gia biểu quyết", width: 55 },
    ],
    people.map((p, i) => [String(i + 1), p.fullName, [p.positionLabel, p.title].filter(Boolean).join(", "), p.status]),
    11,
  );
  w.gap(4);

  const rules = `${minutes.quorumNum}/${minutes.quorumDen}`;
  const threshold = percent(minutes.thresholdNum, minutes.thresholdDen);
  w.heading("III. NGUYÊN TẮC BIỂU QUYẾT");
  w.text(
    `Hội đồng biểu quyết bằng hình thức bỏ phiếu kín. Việc biểu quyết hợp lệ khi có ít nhất ${rules} số thành viên có quyền biểu quyết tham gia; ` +
      `hồ sơ được đề nghị khen thưởng khi có từ ${threshold} số thành viên có quyền biểu quyết đồng ý. Thành viên là người được đề nghị khen thưởng ` +
      `hoặc là người đứng đầu đơn vị của người được đề nghị không tham gia biểu quyết hồ sơ đó.`,
  );
  w.gap(3);

  w.heading("IV. KẾT QUẢ BIỂU QUYẾT");
  const rows = minutes.dossiers.map((item, i) => {
    const tally = {
      members: item.entitled ?? 0,
      voted: item.voted ?? 0,
      agree: item.agree ?? 0,
      quorum: { num: minutes.quorumNum, den: minutes.quorumDen },
      threshold: { num: minutes.thresholdNum, den: minutes.thresholdDen },
    };
    const outcome = evaluateTally(tally);
    const nominee = item.dossier.nominee;
    return [
      String(i + 1),
      `${nominee.name}${nominee.position ? `, ${nominee.position}` : ""} (${item.dossier.unit.name})`,
      String(tally.members),
      String(tally.voted),
      String(tally.agree),
      String(item.disagree ?? 0),
      percent(tally.agree, tally.members),
      item.passed ? "Đạt" : outcome.quorumMet ? "Không đạt" : "Không đủ số thành viên biểu quyết",
    ];
  });
  w.table(
    [
      { title: "STT", width: 9, align: "center" },
      { title: "Cá nhân, tập thể được đề nghị", width: 52 },
      { title: "Phiếu phát ra", width: 15, align: "center" },
      { title: "Phiếu thu về", width: 15, align: "center" },
      { title: "Đồng ý", width: 13, align: "center" },
      { title: "Không đồng ý", width: 15, align: "center" },
      { title: "Tỷ lệ đồng ý", width: 15, align: "center" },
      { title: "Kết luận", width: 22, align: "center" },
    ],
    rows,
    10,
  );
  w.text("Tỷ lệ đồng ý tính trên số thành viên có quyền biểu quyết (không kể thành viên không tham gia biểu quyết).", {
    font: "italic",
    size: 11,
  });
  for (const item of minutes.dossiers) {
    const recused = minutes.recusals.filter((r) => r.dossierId === item.dossierId);
    if (recused.length === 0) continue;
    w.text(
      `Hồ sơ của ${item.dossier.nominee.name}: không tham gia biểu quyết: ${recused.map((r) => `${r.user.fullName} (${r.reason.toLowerCase()})`).join("; ")}.`,
      { size: 12 },
    );
  }
  w.gap(3);

  w.heading("V. KẾT LUẬN");
  const passed = minutes.dossiers.filter((item) => item.passed);
  const failed = minutes.dossiers.filter((item) => !item.passed);
  const describe = (item: Minutes["dossiers"][number]) =>
    `${item.dossier.nominee.name} (${NOMINEE_KIND_LABELS[item.dossier.kind]}, ${item.dossier.unit.name})`;
  w.text(
    passed.length > 0
      ? `Hội đồng thống nhất đề nghị Chủ tịch UBND xã xem xét, tặng Giấy khen cho ${passed.length} trường hợp: ${passed.map(describe).join("; ")}.`
      : "Không có trường hợp nào đạt tỷ lệ biểu quyết để đề nghị khen thưởng.",
  );
  if (failed.length > 0) w.text(`Không đề nghị khen thưởng: ${failed.map(describe).join("; ")}.`);
  // The closing lines go with the signatures, so these never stand alone on a page.
  w.keepTogether(() => {
    w.text(
      `Phiên họp kết thúc lúc ${formatDateTime(closedAt)}. Biên bản được lập từ kết quả bỏ phiếu trên phần mềm và được các thành viên thống nhất thông qua.`,
    );
    w.gap(6);

    w.ensure(55 * MM);
    w.columns([
      {
        width: w.width / 2,
        lines: [
          { text: "THƯ KÝ", style: { font: "bold" } },
          { text: "(Ký, ghi rõ họ tên)", style: { font: "italic", size: 11 } },
          { text: " ", style: { size: 60 } },
          { text: secretary?.fullName ?? "", style: { font: "bold" } },
        ],
      },
      {
        width: w.width / 2,
        lines: [
          { text: "CHỦ TỊCH HỘI ĐỒNG", style: { font: "bold" } },
          { text: "(Ký, ghi rõ họ tên)", style: { font: "italic", size: 11 } },
          { text: " ", style: { size: 60 } },
          { text: chair?.fullName ?? "", style: { font: "bold" } },
        ],
      },
    ]);
  });
}
